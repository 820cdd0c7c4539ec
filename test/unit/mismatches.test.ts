/**
 * The list of gemeenten whose partners differ, on the 3×3 grid: rows R1 {1, 2, 3}, R2 {4, 5, 6},
 * R3 {7, 8, 9} against L/block L1 {1, 4, 7, 8, 9}, L2 {2, 3, 5, 6}. Per gemeente, worked out on paper:
 *   GM0001 row partners {2, 3}, Hoek partners {4, 7, 8, 9}: none shared of 6 → 0 (GM0004 likewise)
 *   GM0002 {1, 3} and {3, 5, 6}: 1 of 4 → 1/4 (GM0003, GM0005, GM0006 likewise)
 *   GM0007 {8, 9} and {1, 4, 8, 9}: 2 of 4 → 1/2 (GM0008, GM0009 likewise)
 */
import { describe, expect, it } from 'vitest';
import { computeCongruence } from '../../src/lib/stats/congruence';
import { listMismatches } from '../../src/lib/stats/mismatches';
import { compareLayers } from '../../src/lib/stats/pair';
import { gridAtlas, gridLayer } from '../fixtures/grid-atlas';

const grid = gridAtlas();

describe('listMismatches', () => {
  it('lists congruence below 1, lowest first, then by name', () => {
    const list = listMismatches(grid, compareLayers(grid, 'rows-2025', 'ell-2025').congruence);
    expect(list.map((m) => [m.name, m.congruence])).toEqual([
      ['Noordwest', 0],
      ['West', 0],
      ['Midden', 1 / 4],
      ['Noord', 1 / 4],
      ['Noordoost', 1 / 4],
      ['Oost', 1 / 4],
      ['Zuid', 1 / 2],
      ['Zuidoost', 1 / 2],
      ['Zuidwest', 1 / 2],
    ]);
    expect(list[0]).toEqual({
      code: 'GM0001',
      name: 'Noordwest',
      partnerCountA: 2,
      partnerCountB: 4,
      sharedPartnerCount: 0,
      congruence: 0,
      unionPartnerCount: 6,
    });
    expect(list[2]).toMatchObject({ code: 'GM0005', sharedPartnerCount: 1, unionPartnerCount: 4 });
  });

  it('is empty for layers with the same partners everywhere', () => {
    expect(listMismatches(grid, compareLayers(grid, 'rows-2025', 'rows-2025').congruence)).toEqual([]);
  });

  it('only lists gemeenten both layers cover', () => {
    // Partial {1, 2, 4, 5} against rows: over the common four, GM0001 has partner 2 in both and 4, 5 in Deel only.
    const list = listMismatches(grid, compareLayers(grid, 'partial-2025', 'rows-2025').congruence);
    expect(list.map((m) => m.code).sort()).toEqual(['GM0001', 'GM0002', 'GM0004', 'GM0005']);
    expect(list.every((m) => m.congruence === 1 / 3)).toBe(true);
  });

  it('rejects a congruence of another atlas', () => {
    const congruence = computeCongruence(grid, gridLayer(grid, 'rows'), gridLayer(grid, 'ell'));
    const foreign = {
      ...congruence,
      perMunicipality: [{ ...congruence.perMunicipality[0]!, code: 'GM9999' }],
    };
    expect(() => listMismatches(grid, foreign)).toThrow(
      'unreachable: gemeente GM9999 of the congruence is not in the atlas',
    );
  });
});
