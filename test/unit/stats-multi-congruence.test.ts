/**
 * Congruence across many layouts on the 3×3 grid, every number worked out on paper (grid picture in
 * test/fixtures/grid.ts; gemeente n has 1000·n inhabitants, GM0009 unknown).
 *
 * Partner sets used below (gemeente numbers):
 *   rows     g1 {2,3}  g2 {1,3}  g3 {1,2}  g4 {5,6}  g5 {4,6}  g6 {4,5}  g7 {8,9}  g8 {7,9}  g9 {7,8}
 *   columns  g1 {4,7}  g2 {5,8}  g3 {6,9}  g4 {1,7}  g5 {2,8}  g6 {3,9}  g7 {1,4}  g8 {2,5}  g9 {3,6}
 *   ell      Hoek {1,4,7,8,9}, Blok {2,3,5,6}: g1 {4,7,8,9}  g2 {3,5,6}  g3 {2,5,6}  g4 {1,7,8,9}  g5 {2,3,6}
 *            g6 {2,3,5}  g7 {1,4,8,9}  g8 {1,4,7,9}  g9 {1,4,7,8}
 */
import { describe, expect, it } from 'vitest';
import { computeCongruence } from '../../src/lib/stats/congruence';
import { computeMultiCongruence, partnersPerLayer } from '../../src/lib/stats/multi-congruence';
import { DataError } from '../../src/lib/errors';
import { gridAtlas, gridLayer, type GridKind } from '../fixtures/grid-atlas';

const grid = gridAtlas();
const layersOf = (...kinds: GridKind[]) => kinds.map((kind) => gridLayer(grid, kind));
const multiOf = (...kinds: GridKind[]) => computeMultiCongruence(grid, layersOf(...kinds));
const bins = (counts: Record<number, number>) =>
  Array.from({ length: 11 }, (_, i) => ({
    fromPct: i * 10,
    toPct: i === 10 ? 100 : i * 10 + 10,
    count: counts[i * 10] ?? 0,
  }));

describe('computeMultiCongruence', () => {
  it('gives the paper values for rows, columns and the L/block layout', () => {
    // g1: {2,3} {4,7} {4,7,8,9}: union {2,3,4,7,8,9} (6), partners 2 + 2 + 4 = 8: 8 / (3·6) = 4/9.
    // g2: {1,3} {5,8} {3,5,6}: union {1,3,5,6,8} (5), 2 + 2 + 3 = 7: 7/15.   g3: {1,2} {6,9} {2,5,6}: 7/15.
    // g4: {5,6} {1,7} {1,7,8,9}: union 6, 8: 4/9.   g5: {4,6} {2,8} {2,3,6}: 7/15.   g6: {4,5} {3,9} {2,3,5}: 7/15.
    // g7: {8,9} {1,4} {1,4,8,9}: union {1,4,8,9} (4), 8: 8/12 = 2/3.
    // g8: {7,9} {2,5} {1,4,7,9}: union {1,2,4,5,7,9} (6), 8: 4/9.   g9: {7,8} {3,6} {1,4,7,8}: 4/9.
    const result = multiOf('rows', 'columns', 'ell');
    expect(result.layerIds).toEqual(['rows-2025', 'columns-2025', 'ell-2025']);
    expect(result.perMunicipality.map((m) => [m.code, m.partnerUnionCount, m.partnerCounts])).toEqual([
      ['GM0001', 6, [2, 2, 4]],
      ['GM0002', 5, [2, 2, 3]],
      ['GM0003', 5, [2, 2, 3]],
      ['GM0004', 6, [2, 2, 4]],
      ['GM0005', 5, [2, 2, 3]],
      ['GM0006', 5, [2, 2, 3]],
      ['GM0007', 4, [2, 2, 4]],
      ['GM0008', 6, [2, 2, 4]],
      ['GM0009', 6, [2, 2, 4]],
    ]);
    expect(result.perMunicipality.map((m) => m.score)).toEqual([
      8 / 18,
      7 / 15,
      7 / 15,
      8 / 18,
      7 / 15,
      7 / 15,
      8 / 12,
      8 / 18,
      8 / 18,
    ]);
    // Mean: (4·4/9 + 4·7/15 + 2/3) / 9 = (80 + 84 + 30) / 45 / 9 = 194/405.
    expect(result.mean).toBeCloseTo(194 / 405, 12);
    // By inhabitants (GM0009 unknown), in thousands: 4/9·(1 + 4 + 8) + 7/15·(2 + 3 + 5 + 6) + 2/3·7
    // = (260 + 336 + 210) / 45 = 806/45, over 36.
    expect(result.meanByInhabitants).toBeCloseTo(806 / 45 / 36, 12);
    expect(result.unknownInhabitantsCount).toBe(1);
    expect([result.commonCount, result.totalCount, result.leftOut]).toEqual([9, 9, []]);
    // 4/9 = 44 % and 7/15 = 47 % in [40, 50); 2/3 = 67 % in [60, 70).
    expect(result.distribution).toEqual(bins({ 40: 8, 60: 1 }));
    // Least congruent first; ties by name: Noordwest, West, Zuid, Zuidoost (4/9), Midden, Noord, Noordoost, Oost
    // (7/15), then Zuidwest (2/3).
    expect(result.ranking).toEqual([
      'GM0001',
      'GM0004',
      'GM0008',
      'GM0009',
      'GM0005',
      'GM0002',
      'GM0003',
      'GM0006',
      'GM0007',
    ]);
  });

  it('rests on the gemeenten every layer covers and lists the others with the layers that lack them', () => {
    // Common: 1, 2, 4, 5. Partners among them: rows g1 {2}, partial g1 {2,4,5}, columns g1 {4}: union 3,
    // 1 + 3 + 1 = 5: 5/9, and the same for 2, 4 and 5 by symmetry.
    const result = multiOf('rows', 'partial', 'columns');
    expect(result.perMunicipality).toEqual(
      ['GM0001', 'GM0002', 'GM0004', 'GM0005'].map((code) => ({
        code,
        score: 5 / 9,
        partnerUnionCount: 3,
        partnerCounts: [1, 3, 1],
      })),
    );
    expect([result.commonCount, result.totalCount]).toEqual([4, 9]);
    expect(result.leftOut).toEqual(
      ['GM0003', 'GM0006', 'GM0007', 'GM0008', 'GM0009'].map((code) => ({ code, missingLayerIds: ['partial-2025'] })),
    );
    expect(result.distribution).toEqual(bins({ 50: 4 }));
    expect(result.unknownInhabitantsCount).toBe(0);
  });

  it('takes the partners of all regions of a gemeente in several, among the common gemeenten', () => {
    // partial {1,2,4,5} and overlap (Westblok {1,2,4,5}, Oostblok {2,3,5,6}): common 1, 2, 4, 5. GM0002's overlap
    // partners are {1,3,4,5,6} ∩ common = {1,4,5}, its partial partners too: every gemeente keeps its partners.
    const result = multiOf('partial', 'overlap');
    expect(result.perMunicipality.map((m) => [m.code, m.score, m.partnerCounts])).toEqual([
      ['GM0001', 1, [3, 3]],
      ['GM0002', 1, [3, 3]],
      ['GM0004', 1, [3, 3]],
      ['GM0005', 1, [3, 3]],
    ]);
    expect(result.leftOut.map((m) => [m.code, m.missingLayerIds])).toEqual([
      ['GM0003', ['partial-2025']],
      ['GM0006', ['partial-2025']],
      ['GM0007', ['partial-2025', 'overlap-2025']],
      ['GM0008', ['partial-2025', 'overlap-2025']],
      ['GM0009', ['partial-2025', 'overlap-2025']],
    ]);
    expect(result.distribution).toEqual(bins({ 100: 4 }));
  });

  it('is 100 % for a gemeente alone everywhere, and puts an exact 50 % in [50, 60)', () => {
    // Ring and cells: GM0005 is alone in Kern and in K5 (empty union): 1. Every other gemeente: 7 ring partners,
    // none as a cell: 7 / (2·7) = ½ exactly.
    const result = multiOf('ring', 'cells');
    expect(result.perMunicipality.map((m) => m.score)).toEqual([0.5, 0.5, 0.5, 0.5, 1, 0.5, 0.5, 0.5, 0.5]);
    expect(result.perMunicipality[4]).toEqual({
      code: 'GM0005',
      score: 1,
      partnerUnionCount: 0,
      partnerCounts: [0, 0],
    });
    expect(result.distribution).toEqual(bins({ 50: 8, 100: 1 }));
    expect(result.ranking[8]).toBe('GM0005');
  });

  it('is (1 + Jaccard) / 2 for two layouts (rows against the overlapping blocks)', () => {
    // g1: rows {2,3}, overlap {2,4,5}: union 4, 2 + 3 = 5: 5/8 = (1 + 1/4) / 2.
    // g2: rows {1,3}, overlap {1,3,4,5,6}: union 5, 2 + 5 = 7: 7/10 = (1 + 2/5) / 2.
    const multi = multiOf('rows', 'overlap');
    expect(multi.perMunicipality.slice(0, 2).map((m) => m.score)).toEqual([5 / 8, 7 / 10]);
    const pair = computeCongruence(grid, gridLayer(grid, 'rows'), gridLayer(grid, 'overlap'));
    expect(multi.perMunicipality.map((m) => m.code)).toEqual(pair.perMunicipality.map((m) => m.code));
    multi.perMunicipality.forEach((m, i) => {
      expect(m.score).toBeCloseTo((1 + pair.perMunicipality[i]!.congruence) / 2, 12);
    });
  });

  it('throws DataError for fewer than two layers and for a layer given twice', () => {
    expect(() => multiOf('rows')).toThrow(new DataError('Comparing layouts takes at least two layers, not 1'));
    expect(() => multiOf('rows', 'columns', 'rows')).toThrow(new DataError('Layer rows-2025 is chosen more than once'));
  });
});

describe('partnersPerLayer', () => {
  it('lists a gemeente’s partners per layer and in how many layers each is one', () => {
    // GM0001: rows {2,3}, columns {4,7}, ell {4,7,8,9}: 4 and 7 in two layers, the others in one; 8 / (3·6).
    const result = partnersPerLayer(grid, layersOf('rows', 'columns', 'ell'), 'GM0001');
    expect(result).toEqual({
      code: 'GM0001',
      isCompared: true,
      score: 8 / 18,
      layers: [
        { layerId: 'rows-2025', isCovered: true, partnerCodes: ['GM0002', 'GM0003'] },
        { layerId: 'columns-2025', isCovered: true, partnerCodes: ['GM0004', 'GM0007'] },
        { layerId: 'ell-2025', isCovered: true, partnerCodes: ['GM0004', 'GM0007', 'GM0008', 'GM0009'] },
      ],
      partners: [
        { code: 'GM0004', layerCount: 2 },
        { code: 'GM0007', layerCount: 2 },
        { code: 'GM0002', layerCount: 1 },
        { code: 'GM0003', layerCount: 1 },
        { code: 'GM0008', layerCount: 1 },
        { code: 'GM0009', layerCount: 1 },
      ],
    });
    // The score agrees with the map's.
    expect(result.score).toBe(multiOf('rows', 'columns', 'ell').perMunicipality[0]!.score);
  });

  it('counts partners among the common gemeenten and has no score for a gemeente left out', () => {
    // GM0003 is not in partial: its row partners {1,2} are common, its column partners {6,9} are not.
    const result = partnersPerLayer(grid, layersOf('rows', 'partial', 'columns'), 'GM0003');
    expect(result).toEqual({
      code: 'GM0003',
      isCompared: false,
      score: null,
      layers: [
        { layerId: 'rows-2025', isCovered: true, partnerCodes: ['GM0001', 'GM0002'] },
        { layerId: 'partial-2025', isCovered: false, partnerCodes: [] },
        { layerId: 'columns-2025', isCovered: true, partnerCodes: [] },
      ],
      partners: [
        { code: 'GM0001', layerCount: 1 },
        { code: 'GM0002', layerCount: 1 },
      ],
    });
  });

  it('gives 1 for a gemeente alone in every layer, and throws DataError for an unknown code', () => {
    expect(partnersPerLayer(grid, layersOf('ring', 'cells'), 'GM0005')).toMatchObject({ score: 1, partners: [] });
    expect(() => partnersPerLayer(grid, layersOf('ring', 'cells'), 'GM9999')).toThrow(
      new DataError('Unknown gemeente code GM9999 (geometry grid-2025)'),
    );
  });
});
