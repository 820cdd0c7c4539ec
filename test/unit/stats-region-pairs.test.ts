/**
 * The crosswalk and nestedness on the 3×3 grid, worked out on paper (grid picture in
 * test/fixtures/grid.ts; gemeente n has 1000·n inhabitants, GM0009 unknown; a cell's area depends on
 * its row only: N(orth) < M(iddle) < S(outh), from `cellAreaKm2`).
 */
import { describe, expect, it } from 'vitest';
import { computeCrosswalk, pairJaccard } from '../../src/lib/stats/region-pairs';
import { computeNestedness, summarizeNestedness } from '../../src/lib/stats/nestedness';
import { cellAreaKm2 } from '../fixtures/grid';
import { gridAtlas, gridLayer, type GridKind } from '../fixtures/grid-atlas';

const grid = gridAtlas();
const layer = (kind: GridKind) => gridLayer(grid, kind);
const N = cellAreaKm2(52.2, 52.3, 0.1);
const M = cellAreaKm2(52.1, 52.2, 0.1);
const S = cellAreaKm2(52.0, 52.1, 0.1);

describe('computeCrosswalk', () => {
  it('pairs every row with every column in one cell (Jaccard 1/5 by count)', () => {
    const cw = computeCrosswalk(grid, layer('rows'), layer('columns'));
    expect(cw.pairs.map((p) => `${p.codeA}-${p.codeB}:${p.sharedCodes.join(',')}`)).toEqual([
      'R1-C1:GM0001',
      'R1-C2:GM0002',
      'R1-C3:GM0003',
      'R2-C1:GM0004',
      'R2-C2:GM0005',
      'R2-C3:GM0006',
      'R3-C1:GM0007',
      'R3-C2:GM0008',
      'R3-C3:GM0009',
    ]);
    // |R ∪ C| = 3 + 3 − 1 = 5.
    for (const p of cw.pairs) expect([p.sharedCount, p.unionCount, p.jaccardByCount]).toEqual([1, 5, 0.2]);
    const r1c1 = cw.pairs[0]!;
    // By area: N / (3N + (N + M + S) − N) = N / (3N + M + S).
    expect(r1c1.intersectionKm2).toBeCloseTo(N, 9);
    expect(r1c1.jaccardByArea).toBeCloseTo(N / (3 * N + M + S), 12);
    // By inhabitants: 1000 / (6000 + 12000 − 1000).
    expect(r1c1.jaccardByInhabitants).toBeCloseTo(1000 / 17000, 12);
    // R3 ∩ C3 = {GM0009}, inhabitants unknown: 0 / (15000 + 9000 − 0) known; GM0009 counted once as unknown.
    const r3c3 = cw.pairs[8]!;
    expect([r3c3.sharedInhabitants, r3c3.unionInhabitants, r3c3.jaccardByInhabitants]).toEqual([0, 24000, 0]);
    expect(r3c3.unknownInhabitantsCount).toBe(1);
  });

  it('breaks ties by shared count, then code; the weight changes the best match', () => {
    // By count every column ties at 1/5 with one shared gemeente: the lowest code, C1, wins.
    const byCount = computeCrosswalk(grid, layer('rows'), layer('columns'));
    expect(byCount.fromA.map((m) => m.bestMatch?.code)).toEqual(['C1', 'C1', 'C1']);
    expect(byCount.fromA[0]).toEqual({
      code: 'R1',
      name: 'Noordrij',
      memberCount: 3,
      touchedCount: 3,
      uncoveredCount: 0,
      bestMatch: { code: 'C1', name: 'Westkolom', jaccard: 0.2, sharedCount: 1 },
      isNested: false,
      isIdentical: false,
      onlyInRegion: ['GM0002', 'GM0003'],
      onlyInMatch: ['GM0004', 'GM0007'],
    });
    // By inhabitants, R1 (6000): C1 1000/17000, C2 2000/(6000 + 15000 − 2000) = 2/19, C3 3000/(6000 + 9000 − 3000) = 1/4.
    const byPeople = computeCrosswalk(grid, layer('rows'), layer('columns'), 'inhabitants');
    expect(byPeople.weight).toBe('inhabitants');
    expect(byPeople.fromA[0]!.bestMatch).toEqual({ code: 'C3', name: 'Oostkolom', jaccard: 0.25, sharedCount: 1 });
    expect(pairJaccard(byPeople.pairs[1]!, 'inhabitants')).toBeCloseTo(2 / 19, 12);
  });

  it('finds the best match and the gemeenten that break it (rows against L and block)', () => {
    // R1∩Hoek {1}: 1/7; R1∩Blok {2,3}: 2/5; R2 likewise; R3∩Hoek {7,8,9}: 3/(3+5−3) = 3/5.
    const cw = computeCrosswalk(grid, layer('rows'), layer('ell'));
    expect(cw.pairs.map((p) => [p.codeA, p.codeB, p.jaccardByCount, p.isAInB, p.isBInA])).toEqual([
      ['R1', 'L1', 1 / 7, false, false],
      ['R1', 'L2', 2 / 5, false, false],
      ['R2', 'L1', 1 / 7, false, false],
      ['R2', 'L2', 2 / 5, false, false],
      ['R3', 'L1', 3 / 5, true, false],
    ]);
    expect(cw.fromA.map((m) => [m.code, m.bestMatch?.code, m.touchedCount, m.isNested])).toEqual([
      ['R1', 'L2', 2, false],
      ['R2', 'L2', 2, false],
      ['R3', 'L1', 1, true],
    ]);
    expect(cw.fromA[2]).toMatchObject({ onlyInRegion: [], onlyInMatch: ['GM0001', 'GM0004'] });
    // Blok ties between R1 and R2 (2/5, two shared each): R1 by code. It breaks with 5, 6 and with 1.
    expect(cw.fromB[1]).toMatchObject({
      code: 'L2',
      bestMatch: { code: 'R1', sharedCount: 2 },
      touchedCount: 2,
      onlyInRegion: ['GM0005', 'GM0006'],
      onlyInMatch: ['GM0001'],
    });
  });

  it('counts members outside the other layer and gives no best match to a region that meets none', () => {
    // Partial covers {1,2,4,5}: R1 has GM0003 outside it, R3 lies wholly outside.
    const cw = computeCrosswalk(grid, layer('rows'), layer('partial'));
    expect(cw.fromA.map((m) => [m.code, m.uncoveredCount, m.touchedCount, m.bestMatch?.code ?? null])).toEqual([
      ['R1', 1, 1, 'P1'],
      ['R2', 1, 1, 'P1'],
      ['R3', 3, 0, null],
    ]);
    expect(cw.fromA[2]).toMatchObject({ onlyInRegion: ['GM0007', 'GM0008', 'GM0009'], onlyInMatch: [] });
    // Whole regions: R1 ∪ P1 = {1,2,3,4,5}, so 2/5 (not 2/4 over the common gemeenten).
    expect(cw.pairs.map((p) => p.jaccardByCount)).toEqual([0.4, 0.4]);
  });

  it('pairs a gemeente in two regions with both (rows against the overlapping blocks)', () => {
    const cw = computeCrosswalk(grid, layer('rows'), layer('overlap'));
    expect(cw.pairs.map((p) => `${p.codeA}-${p.codeB}:${p.sharedCodes.join(',')}`)).toEqual([
      'R1-M1:GM0001,GM0002',
      'R1-M2:GM0002,GM0003',
      'R2-M1:GM0004,GM0005',
      'R2-M2:GM0005,GM0006',
    ]);
  });

  it('finds identical regions (ring against cells: Kern = K5)', () => {
    const cw = computeCrosswalk(grid, layer('ring'), layer('cells'));
    expect(cw.fromA.map((m) => [m.code, m.isIdentical, m.isNested])).toEqual([
      ['O1', false, false],
      ['O2', true, true],
    ]);
    expect(cw.fromB.filter((m) => m.isIdentical).map((m) => m.code)).toEqual(['K5']);
  });
});

describe('nestedness', () => {
  it('rows in L/block: only Zuidrij lies in one region, by count, area and inhabitants', () => {
    const n = computeNestedness(grid, layer('rows'), layer('ell'));
    expect(n).toMatchObject({ regionCount: 3, nestedCount: 1, identicalCount: 0, notNestedCodes: ['R1', 'R2'] });
    expect(n.share).toBeCloseTo(1 / 3, 12);
    // Area: 3S / (3N + 3M + 3S).
    expect(n.shareByArea).toBeCloseTo(S / (N + M + S), 12);
    // Inhabitants: Zuidrij 7000 + 8000 known, of 36000 known in all rows; GM0009 unknown.
    expect(n.shareByInhabitants).toBeCloseTo(15000 / 36000, 12);
    expect(n.unknownInhabitantsCount).toBe(1);
  });

  it('is directional: every cell lies in a row, no row in a cell', () => {
    expect(computeNestedness(grid, layer('cells'), layer('rows'))).toMatchObject({ nestedCount: 9, share: 1 });
    expect(computeNestedness(grid, layer('rows'), layer('cells'))).toMatchObject({ nestedCount: 0, share: 0 });
  });

  it('counts identical regions as nested, and a layer against itself as wholly nested', () => {
    expect(computeNestedness(grid, layer('ring'), layer('cells'))).toMatchObject({ nestedCount: 1, identicalCount: 1 });
    expect(computeNestedness(grid, layer('hub'), layer('hub'))).toMatchObject({
      regionCount: 4,
      nestedCount: 4,
      identicalCount: 4,
      share: 1,
      shareByArea: 1,
      shareByInhabitants: 1,
    });
  });

  it('does not count a region as nested when part of it lies outside the other layer', () => {
    // Partial {1,2,4,5} lies inside no row; rows lie partly outside the partial layer.
    expect(computeNestedness(grid, layer('partial'), layer('rows')).nestedCount).toBe(0);
    expect(computeNestedness(grid, layer('rows'), layer('partial')).nestedCount).toBe(0);
    // …but the partial block lies inside the Westblok of the overlap layer (identical, in fact).
    expect(computeNestedness(grid, layer('partial'), layer('overlap'))).toMatchObject({
      nestedCount: 1,
      identicalCount: 1,
    });
  });

  it('rejects matches of another layer', () => {
    const matches = computeCrosswalk(grid, layer('rows'), layer('ell')).fromA;
    expect(() => summarizeNestedness(grid, layer('hub'), matches)).toThrow('unreachable: 3 matches for 4 regions');
  });
});
