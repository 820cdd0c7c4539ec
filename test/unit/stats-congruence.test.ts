/**
 * Gemeente congruence on the 3×3 grid, every number worked out on paper (grid picture in
 * test/fixtures/grid.ts; gemeente n has 1000·n inhabitants, GM0009 unknown).
 */
import { describe, expect, it } from 'vitest';
import { computeCongruence } from '../../src/lib/stats/congruence';
import { generatedAtlas, gridAtlas, gridLayer, type GridKind } from '../fixtures/grid-atlas';

const grid = gridAtlas();
const rows = gridLayer(grid, 'rows');
const congruenceOf = (a: GridKind, b: GridKind) => computeCongruence(grid, gridLayer(grid, a), gridLayer(grid, b));

describe('computeCongruence', () => {
  it('is 0 everywhere for rows against columns: two row partners, two column partners, none shared', () => {
    const result = congruenceOf('rows', 'columns');
    expect(result.perMunicipality).toHaveLength(9);
    for (const m of result.perMunicipality) {
      expect(m).toEqual({ code: m.code, partnerCountA: 2, partnerCountB: 2, sharedPartnerCount: 0, congruence: 0 });
    }
    expect(result.mean).toBe(0);
    expect(result.meanByInhabitants).toBe(0);
    expect(result.unknownInhabitantsCount).toBe(1);
  });

  it('gives the paper values for rows against the L (Hoek {1,4,7,8,9}) and block (Blok {2,3,5,6})', () => {
    // g1: row {2,3} vs Hoek {4,7,8,9}: 0.     g2: {1,3} vs Blok {3,5,6}: {3} → 1/(2+3−1) = 1/4.
    // g3: {1,2} vs {2,5,6}: 1/4.               g4: {5,6} vs {1,7,8,9}: 0.
    // g5: {4,6} vs {2,3,6}: 1/4.               g6: {4,5} vs {2,3,5}: 1/4.
    // g7: {8,9} vs {1,4,8,9}: 2/4.             g8: {7,9} vs {1,4,7,9}: 2/4.     g9: {7,8} vs {1,4,7,8}: 2/4.
    const result = congruenceOf('rows', 'ell');
    expect(result.perMunicipality.map((m) => m.congruence)).toEqual([0, 0.25, 0.25, 0, 0.25, 0.25, 0.5, 0.5, 0.5]);
    // Mean: (4·1/4 + 3·1/2) / 9 = 2.5 / 9.
    expect(result.mean).toBeCloseTo(2.5 / 9, 12);
    // By inhabitants, GM0009 unknown: (2000·¼ + 3000·¼ + 5000·¼ + 6000·¼ + 7000·½ + 8000·½) / 36000 = 11500 / 36000.
    expect(result.meanByInhabitants).toBeCloseTo(11500 / 36000, 12);
    expect(result.unknownInhabitantsCount).toBe(1);
  });

  it('counts partners among the gemeenten both layers cover only (rows against the partial block {1,2,4,5})', () => {
    // Common: 1, 2, 4, 5. g1: row partners {2} (GM0003 is not common), block partners {2,4,5}: 1/3; likewise the others.
    const result = congruenceOf('rows', 'partial');
    expect(result.perMunicipality.map((m) => [m.code, m.partnerCountA, m.partnerCountB, m.congruence])).toEqual([
      ['GM0001', 1, 3, 1 / 3],
      ['GM0002', 1, 3, 1 / 3],
      ['GM0004', 1, 3, 1 / 3],
      ['GM0005', 1, 3, 1 / 3],
    ]);
    expect(result.mean).toBeCloseTo(1 / 3, 12);
    expect(result.unknownInhabitantsCount).toBe(0);
  });

  it('takes the partners of all regions of a gemeente in several (rows against the overlapping blocks)', () => {
    // Common: 1..6. Westblok {1,2,4,5}, Oostblok {2,3,5,6}; GM0002 and GM0005 are in both.
    // g1: row {2,3} vs {2,4,5}: 1/4.   g2: {1,3} vs {1,3,4,5,6}: 2/5.   g3: {1,2} vs {2,5,6}: 1/4.
    // g4: {5,6} vs {1,2,5}: 1/4.       g5: {4,6} vs {1,2,3,4,6}: 2/5.   g6: {4,5} vs {2,3,5}: 1/4.
    const result = congruenceOf('rows', 'overlap');
    expect(result.perMunicipality.map((m) => m.congruence)).toEqual([0.25, 0.4, 0.25, 0.25, 0.4, 0.25]);
    expect(result.mean).toBeCloseTo(1.8 / 6, 12);
  });

  it('is 1 for a gemeente alone in both layers, and 0 when alone in one only', () => {
    // Ring vs cells: GM0005 is Kern (alone) and K5 (alone): 1. Every other cell: 7 ring partners vs none: 0.
    const result = congruenceOf('ring', 'cells');
    expect(result.perMunicipality.map((m) => m.congruence)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(result.mean).toBeCloseTo(1 / 9, 12);
  });

  it('is 1 for a layer against itself and weighs by area', () => {
    const result = computeCongruence(grid, rows, rows);
    expect(result.mean).toBe(1);
    expect(result.meanByArea).toBe(1);
    expect(result.meanByInhabitants).toBe(1);
  });

  it('gives null means when the layers have no gemeente in common', () => {
    // A 2×1 grid: layer a covers only GM0001, layer b only GM0002.
    const atlas = generatedAtlas(2, 1, [
      { id: 'a', memberships: [[0], []] },
      { id: 'b', memberships: [[], [0]] },
    ]);
    const result = computeCongruence(atlas, atlas.layers[0]!, atlas.layers[1]!);
    expect(result).toEqual({
      perMunicipality: [],
      mean: null,
      meanByArea: null,
      meanByInhabitants: null,
      unknownInhabitantsCount: 0,
    });
  });
});
