/**
 * `compareLayers`, the matrix metrics and the matrix, on the 3×3 grid (numbers from the paper
 * calculations in stats-congruence, stats-partition, stats-region-pairs and stats-borders).
 */
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/lib/errors';
import { computeMatrices, computeMatrix } from '../../src/lib/stats/matrix';
import { compareLayers, findMetric, METRICS, metricValue } from '../../src/lib/stats/pair';
import { gridAtlas } from '../fixtures/grid-atlas';

const grid = gridAtlas();

describe('compareLayers', () => {
  it('gathers every statistic for rows against L/block', () => {
    const cmp = compareLayers(grid, 'rows-2025', 'ell-2025');
    expect(cmp.a).toEqual({
      id: 'rows-2025',
      name: { nl: 'Indeling rows', en: 'Layout rows' },
      regionNoun: { nl: 'regio', en: 'region' },
      regionCount: 3,
      coveredCount: 9,
    });
    expect(cmp.b).toMatchObject({ id: 'ell-2025', regionCount: 2 });
    expect(cmp.weight).toBe('count');
    expect(cmp.coverage).toEqual({ commonCount: 9, onlyACount: 0, onlyBCount: 0, neitherCount: 0, totalCount: 9 });
    expect(cmp.congruence.mean).toBeCloseTo(2.5 / 9, 12);
    expect(cmp.crosswalk.pairs).toHaveLength(5);
    expect(cmp.nestedness.aInB.nestedCount).toBe(1);
    expect(cmp.nestedness.bInA.nestedCount).toBe(0);
    expect(cmp.identical).toEqual({ count: 0, share: 0 });
    expect(cmp.partition.isDefined && cmp.partition.ari).toBeCloseTo(2 / 17, 12);
    expect(cmp.borders.aInB.sharedArcCount).toBe(2);
  });

  it('reports coverage left out on either side', () => {
    // Partial {1,2,4,5} against overlap {1..6}: 4 common, 2 only in the overlap layer, 3 in neither.
    expect(compareLayers(grid, 'partial-2025', 'overlap-2025').coverage).toEqual({
      commonCount: 4,
      onlyACount: 0,
      onlyBCount: 2,
      neitherCount: 3,
      totalCount: 9,
    });
  });

  it('shares identical regions over both layers: ring {O1, O2} against cells {K1..K9}', () => {
    // Kern = K5: one identical pair; (1 + 1) / (2 + 9) = 2/11.
    expect(compareLayers(grid, 'ring-2025', 'cells-2025').identical).toEqual({ count: 1, share: 2 / 11 });
  });

  it('passes the weight to the best matches', () => {
    const cmp = compareLayers(grid, 'rows-2025', 'columns-2025', { weight: 'inhabitants' });
    expect(cmp.weight).toBe('inhabitants');
    expect(cmp.crosswalk.fromA[0]!.bestMatch?.code).toBe('C3');
  });

  it('serialises to JSON and back unchanged', () => {
    const cmp = compareLayers(grid, 'rows-2025', 'overlap-2025');
    expect(JSON.parse(JSON.stringify(cmp))).toEqual(cmp);
  });

  it('names the known ids for an unknown one', () => {
    expect(() => compareLayers(grid, 'rows-2025', 'rijen')).toThrow(DataError);
    expect(() => compareLayers(grid, 'rijen', 'rows-2025')).toThrow(
      "Unknown layer id 'rijen'. Known ids: rows-2025, columns-2025, ell-2025, cup-2025, ring-2025, partial-2025, overlap-2025, hub-2025, cells-2025",
    );
  });
});

describe('metricValue', () => {
  it('reads every metric, directional ones from either side', () => {
    const cmp = compareLayers(grid, 'cells-2025', 'rows-2025');
    const value = (id: (typeof METRICS)[number]['id'], from: 'a' | 'b' = 'a') => metricValue(cmp, id, from);
    expect(value('congruence')).toBe(0);
    expect(value('congruence-inhabitants')).toBe(0);
    expect(value('ari')).toBe(0);
    expect(value('nmi')).toBeCloseTo(2 / 3, 12);
    expect(value('vi')).toBeCloseTo(Math.log2(3), 12);
    expect([value('nested'), value('nested', 'b')]).toEqual([1, 0]);
    expect(value('border-coincidence')).toBeLessThan(1);
    expect(value('border-coincidence', 'b')).toBe(1);
    expect(value('identical')).toBe(0);
  });

  it('is null for partition metrics with multi-membership', () => {
    const cmp = compareLayers(grid, 'rows-2025', 'overlap-2025');
    expect(['ari', 'nmi', 'vi'].map((id) => metricValue(cmp, id as 'ari'))).toEqual([null, null, null]);
  });

  it('describes every metric once, with the directional ones marked', () => {
    expect(new Set(METRICS.map((m) => m.id)).size).toBe(METRICS.length);
    expect(METRICS.filter((m) => !m.isSymmetric).map((m) => m.id)).toEqual(['nested', 'border-coincidence']);
    expect(findMetric('vi')).toMatchObject({ isHigherBetter: false, range: { min: 0, max: null } });
    expect(findMetric('bogus')).toBeUndefined();
  });
});

describe('computeMatrix', () => {
  const ids = ['rows-2025', 'columns-2025', 'cells-2025', 'overlap-2025'];

  it('is symmetric for a symmetric metric, with 1 on the diagonal where defined', () => {
    const m = computeMatrix(grid, ids, 'ari');
    expect(m.isSymmetric).toBe(true);
    expect(m.layerIds).toEqual(ids);
    // Rows/columns −1/3; rows/cells and columns/cells 0; the overlap layer has multi-membership.
    expect(m.values[0]![1]).toBeCloseTo(-1 / 3, 12);
    expect(m.values[1]![0]).toBeCloseTo(-1 / 3, 12);
    expect([m.values[0]![2], m.values[2]![1]]).toEqual([0, 0]);
    expect(m.values.map((row, i) => row[i])).toEqual([1, 1, 1, null]);
    expect(m.values.map((row) => row[3])).toEqual([null, null, null, null]);
  });

  it('reads a directional metric as row A in column B', () => {
    const m = computeMatrix(grid, ['cells-2025', 'rows-2025'], 'nested');
    expect(m.isSymmetric).toBe(false);
    expect(m.values).toEqual([
      [1, 1],
      [0, 1],
    ]);
  });

  it('computes several metrics at once, equal to one at a time', () => {
    const all = computeMatrices(
      grid,
      ids,
      METRICS.map((m) => m.id),
    );
    expect(all.map((m) => m.metric)).toEqual(METRICS.map((m) => m.id));
    for (const matrix of all) expect(matrix).toEqual(computeMatrix(grid, ids, matrix.metric));
  });

  it('throws DataError for an unknown layer id', () => {
    expect(() => computeMatrix(grid, ['rows-2025', 'nope'], 'ari')).toThrow("Unknown layer id 'nope'");
  });
});
