/**
 * The layer matrix: every metric for every pair of layers. Pure. Each unordered pair is measured once and
 * read from both sides, so a directional metric (nestedness, border coincidence) fills row A, column B
 * from A's side and row B, column A from B's side.
 *
 * The matrix needs only the headline figures, so it takes the metrics-only path (`computePairMetrics`):
 * nestedness and identical regions from the counts of shared gemeenten per region pair, without the
 * crosswalk's lists of region pairs, best matches and breaking gemeenten, which the pair view asks for
 * (`compareLayers`) when it is opened. A test checks that both paths give the same values.
 */
import type { Atlas, AtlasLayer } from '../data/atlas';
import { layerModel, type LayerModel } from '../model/layer-model';
import type { LayerId } from '../types';
import { computeBorderCoincidence } from './borders';
import { computeCongruence } from './congruence';
import { findLayer, METRICS, type MetricId } from './pair';
import { computePartitionAgreement } from './partition';

/** The value of every metric, read from one side of a pair (null where not defined). */
export type MetricValues = Record<MetricId, number | null>;

/** Every metric of a pair of layers, from A's side (row A, column B) and from B's side. */
export interface PairMetrics {
  aToB: MetricValues;
  bToA: MetricValues;
}

/**
 * Every matrix metric of layer A against layer B, with the same values as `metricValue(compareLayers(…))`
 * but without building the crosswalk.
 * @example computePairMetrics(grid, cells, rows).aToB.nested // 1: every cell lies in a row
 */
export function computePairMetrics(atlas: Atlas, layerA: AtlasLayer, layerB: AtlasLayer): PairMetrics {
  const a = layerModel(atlas.index, layerA);
  const b = layerModel(atlas.index, layerB);
  const congruence = computeCongruence(atlas, layerA, layerB);
  const partition = computePartitionAgreement(atlas, layerA, layerB);
  const borders = computeBorderCoincidence(atlas, layerA, layerB);
  const { nestedA, nestedB, identicalA, identicalB } = nestingCounts(a, b);
  const regionCount = a.regions.length + b.regions.length;
  const shared = {
    congruence: congruence.mean,
    'congruence-inhabitants': congruence.meanByInhabitants,
    ari: partition.isDefined ? partition.ari : null,
    nmi: partition.isDefined ? partition.nmi : null,
    vi: partition.isDefined ? partition.viBits : null,
    identical: regionCount > 0 ? (identicalA + identicalB) / regionCount : null,
  };
  const share = (count: number, total: number) => (total > 0 ? count / total : null);
  return {
    aToB: { ...shared, nested: share(nestedA, a.regions.length), 'border-coincidence': borders.aInB.share },
    bToA: { ...shared, nested: share(nestedB, b.regions.length), 'border-coincidence': borders.bInA.share },
  };
}

/**
 * How many regions of each layer lie wholly inside one region of the other (nested) and how many have an
 * identical counterpart, from the count of shared gemeenten of every region pair that shares any: region
 * i of A lies in region j of B when all its members are shared with j.
 */
function nestingCounts(
  a: LayerModel,
  b: LayerModel,
): { nestedA: number; nestedB: number; identicalA: number; identicalB: number } {
  const width = b.regions.length;
  const shared = new Map<number, number>();
  a.regionsOf.forEach((regionsA, n) => {
    const regionsB = b.regionsOf[n]!;
    for (const ra of regionsA) {
      for (const rb of regionsB) shared.set(ra * width + rb, (shared.get(ra * width + rb) ?? 0) + 1);
    }
  });
  const isNestedA = new Uint8Array(a.regions.length);
  const isNestedB = new Uint8Array(b.regions.length);
  const isIdenticalA = new Uint8Array(a.regions.length);
  const isIdenticalB = new Uint8Array(b.regions.length);
  for (const [key, count] of shared) {
    const ra = Math.floor(key / width);
    const rb = key % width;
    const inB = count === a.members[ra]!.length;
    const inA = count === b.members[rb]!.length;
    if (inB) isNestedA[ra] = 1;
    if (inA) isNestedB[rb] = 1;
    if (inA && inB) isIdenticalA[ra] = isIdenticalB[rb] = 1;
  }
  const sum = (flags: Uint8Array) => flags.reduce((total, flag) => total + flag, 0);
  return {
    nestedA: sum(isNestedA),
    nestedB: sum(isNestedB),
    identicalA: sum(isIdenticalA),
    identicalB: sum(isIdenticalB),
  };
}

/** One metric for every ordered pair of layers. */
export interface MetricMatrix {
  metric: MetricId;
  /** Row and column order. */
  layerIds: LayerId[];
  /** `values[i][j]`: the metric of layer i (row, A) against layer j (column, B); null where not defined. */
  values: (number | null)[][];
  /** `values[i][j] === values[j][i]` by definition of the metric. */
  isSymmetric: boolean;
}

/**
 * The metrics of every pair of `layerIds` (i ≤ j; the diagonal compares a layer with itself), as an upper
 * triangle: `result[i][j]` for j ≥ i. `onPair` is told after each pair (for progress, or to stop by throwing).
 * Throws DataError for an unknown layer id.
 */
export function computeAllPairMetrics(
  atlas: Atlas,
  layerIds: readonly LayerId[],
  onPair?: (done: number, total: number) => void,
): PairMetrics[][] {
  const layers = layerIds.map((id) => findLayer(atlas, id));
  const size = layers.length;
  const total = (size * (size + 1)) / 2;
  let done = 0;
  const metrics: PairMetrics[][] = layers.map(() => []);
  for (let i = 0; i < size; i++) {
    for (let j = i; j < size; j++) {
      metrics[i]![j] = computePairMetrics(atlas, layers[i]!, layers[j]!);
      onPair?.(++done, total);
    }
  }
  return metrics;
}

/**
 * One metric's matrix from the pair metrics of `computeAllPairMetrics` (upper triangle, i ≤ j): switching the
 * metric shown reads the same comparisons again instead of recomputing them.
 */
export function matrixOf(layerIds: readonly LayerId[], metrics: PairMetrics[][], metric: MetricId): MetricMatrix {
  return {
    metric,
    layerIds: [...layerIds],
    values: layerIds.map((_, i) =>
      layerIds.map((_, j) => (i <= j ? metrics[i]![j]!.aToB[metric] : metrics[j]![i]!.bToA[metric])),
    ),
    isSymmetric: METRICS.find((m) => m.id === metric)!.isSymmetric,
  };
}

/**
 * The matrices of several metrics over the same layers, comparing each pair of layers only once.
 * Throws DataError for an unknown layer id.
 * @example computeMatrices(grid, ['rows-2025', 'columns-2025'], ['ari'])[0].values // [[1, -1/3], [-1/3, 1]]
 */
export function computeMatrices(
  atlas: Atlas,
  layerIds: readonly LayerId[],
  metrics: readonly MetricId[],
): MetricMatrix[] {
  const pairs = computeAllPairMetrics(atlas, layerIds);
  return metrics.map((metric) => matrixOf(layerIds, pairs, metric));
}

/**
 * The matrix of one metric (row A, column B).
 * @example computeMatrix(grid, ['cells-2025', 'rows-2025'], 'nested').values // [[1, 1], [0, 1]]
 */
export function computeMatrix(atlas: Atlas, layerIds: readonly LayerId[], metric: MetricId): MetricMatrix {
  return computeMatrices(atlas, layerIds, [metric])[0]!;
}
