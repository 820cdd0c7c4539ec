/**
 * The layer matrix: one metric for every pair of layers. Pure. Each unordered pair is compared once
 * (`compareLayers`) and read from both sides, so a directional metric (nestedness, border
 * coincidence) fills row A, column B from A's side and row B, column A from B's side.
 */
import type { Atlas } from '../data/atlas';
import type { LayerId } from '../types';
import { compareLayers, findLayer, METRICS, metricValue, type LayerComparison, type MetricId } from './pair';

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
 * The matrices of several metrics over the same layers, comparing each pair of layers only once
 * (the diagonal compares a layer with itself). Throws DataError for an unknown layer id.
 * @example computeMatrices(grid, ['rows-2025', 'columns-2025'], ['ari'])[0].values // [[1, -1/3], [-1/3, 1]]
 */
export function computeMatrices(
  atlas: Atlas,
  layerIds: readonly LayerId[],
  metrics: readonly MetricId[],
): MetricMatrix[] {
  for (const id of layerIds) findLayer(atlas, id);
  const size = layerIds.length;
  const comparisons: LayerComparison[][] = layerIds.map(() => []);
  for (let i = 0; i < size; i++) {
    for (let j = i; j < size; j++) comparisons[i]![j] = compareLayers(atlas, layerIds[i]!, layerIds[j]!);
  }
  return metrics.map((metric) => ({
    metric,
    layerIds: [...layerIds],
    values: layerIds.map((_, i) =>
      layerIds.map((_, j) =>
        i <= j ? metricValue(comparisons[i]![j]!, metric, 'a') : metricValue(comparisons[j]![i]!, metric, 'b'),
      ),
    ),
    isSymmetric: METRICS.find((m) => m.id === metric)!.isSymmetric,
  }));
}

/**
 * The matrix of one metric (row A, column B).
 * @example computeMatrix(grid, ['cells-2025', 'rows-2025'], 'nested').values // [[1, 1], [0, 1]]
 */
export function computeMatrix(atlas: Atlas, layerIds: readonly LayerId[], metric: MetricId): MetricMatrix {
  return computeMatrices(atlas, layerIds, [metric])[0]!;
}
