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
import { layerModel, separates, type LayerModel } from '../model/layer-model';
import type { LayerId } from '../types';
import { computeBorderCoincidence } from './borders';
import { computeCongruence } from './congruence';
import { findLayer, METRICS, type MetricId } from './pair';
import { computePartitionAgreement, scoreCounts } from './partition';
import { sharedMembers } from './sets';

/** The value of every metric, read from one side of a pair (null where not defined). */
export type MetricValues = Record<MetricId, number | null>;

/** Every metric of a pair of layers, from A's side (row A, column B) and from B's side. */
export interface PairMetrics {
  aToB: MetricValues;
  bToA: MetricValues;
}

/**
 * Every matrix metric of layer A against layer B, with the same values as `metricValue(compareLayers(…))`
 * (up to float rounding) but without building the crosswalk. `scratch` is reused between the pairs of a
 * matrix; a single call makes its own.
 * @example computePairMetrics(grid, cells, rows).aToB.nested // 1: every cell lies in a row
 */
export function computePairMetrics(
  atlas: Atlas,
  layerA: AtlasLayer,
  layerB: AtlasLayer,
  scratch: PairScratch = new PairScratch(),
): PairMetrics {
  const a = layerModel(atlas.index, layerA);
  const b = layerModel(atlas.index, layerB);
  if (a.multiMemberCount === 0 && b.multiMemberCount === 0) return countedPairMetrics(a, b, scratch);
  // Multi-membership: partner sets are unions of regions, which the counts alone do not give.
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
  const isNestedA = new Uint8Array(a.regions.length);
  const isNestedB = new Uint8Array(b.regions.length);
  const isIdenticalA = new Uint8Array(a.regions.length);
  const isIdenticalB = new Uint8Array(b.regions.length);
  for (const [key, numbers] of sharedMembers(a, b)) {
    const count = numbers.length;
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
 * Reusable typed arrays for `countedPairMetrics`, so that no pair allocates: `slotOfCell` maps a cell
 * (region i of A × region j of B) to its slot among the cells a pair touches (−1: untouched; reset after each
 * pair), and each slot has its cell, count and known inhabitants.
 */
export class PairScratch {
  /**
   * @param denseCellLimit cells looked up in a dense table at most (default 16 M: 64 MB of scratch); a pair of
   *   layers with more regions × regions (thousands of regions each) looks its cells up in a Map instead.
   */
  constructor(readonly denseCellLimit = 1 << 24) {}

  slotOfCell = new Int32Array(0);
  cellOfSlot = new Int32Array(0);
  counts = new Int32Array(0);
  people = new Float64Array(0);
  rows = new Int32Array(0);
  columns = new Int32Array(0);
  /** Per region of A (rows) and of B (columns): bit 1 nested in the other layer, bit 2 identical to a region of it. */
  rowFlags = new Uint8Array(0);
  columnFlags = new Uint8Array(0);

  /** Make room for `cellCount` cells (when dense), `rowCount` rows and `columnCount` columns over `itemCount` gemeenten. */
  fit(cellCount: number, rowCount: number, columnCount: number, itemCount: number): void {
    if (cellCount <= this.denseCellLimit && this.slotOfCell.length < cellCount) {
      this.slotOfCell = new Int32Array(cellCount).fill(-1);
    }
    if (this.counts.length < itemCount) {
      this.cellOfSlot = new Int32Array(itemCount);
      this.counts = new Int32Array(itemCount);
      this.people = new Float64Array(itemCount);
    }
    if (this.rows.length < rowCount) {
      this.rows = new Int32Array(rowCount);
      this.rowFlags = new Uint8Array(rowCount);
    }
    if (this.columns.length < columnCount) {
      this.columns = new Int32Array(columnCount);
      this.columnFlags = new Uint8Array(columnCount);
    }
  }
}

/**
 * Every metric from the contingency counts, for two layers without multi-membership: one pass over the
 * gemeenten counts n_ij (gemeenten both cover, in region i of A and j of B) with their known inhabitants,
 * one pass over the non-zero cells gives congruence, ARI, NMI, VI, nestedness and identical regions, and one
 * pass over each layer's border arcs gives border coincidence. The definitions are those of congruence.ts,
 * partition.ts, nestedness.ts and borders.ts (a property test checks both paths agree).
 *
 * For a gemeente in cell (i, j), with a_i and b_j the common gemeenten of its regions, its partners are
 * a_i − 1 in A and b_j − 1 in B, of which n_ij − 1 in both: congruence (n_ij − 1) / (a_i + b_j − n_ij − 1),
 * 1 when it has no partner in either; every gemeente of a cell has the same value.
 */
function countedPairMetrics(a: LayerModel, b: LayerModel, scratch: PairScratch): PairMetrics {
  const width = b.regions.length;
  const itemCount = a.index.codes.length;
  const cellCount = a.regions.length * width;
  scratch.fit(cellCount, a.regions.length, width, itemCount);
  const { slotOfCell, cellOfSlot, counts, people, rows, columns, rowFlags, columnFlags } = scratch;
  const sparse = cellCount > scratch.denseCellLimit ? new Map<number, number>() : null;
  const labelA = a.firstRegion;
  const labelB = b.firstRegion;
  const inhabitants = a.index.inhabitants;
  let n = 0;
  let used = 0;
  for (let g = 0; g < itemCount; g++) {
    const ra = labelA[g]!;
    const rb = labelB[g]!;
    if (ra < 0 || rb < 0) continue;
    const cell = ra * width + rb;
    let slot = sparse ? (sparse.get(cell) ?? -1) : slotOfCell[cell]!;
    if (slot < 0) {
      slot = used++;
      if (sparse) sparse.set(cell, slot);
      else slotOfCell[cell] = slot;
      cellOfSlot[slot] = cell;
      counts[slot] = 0;
      people[slot] = 0;
    }
    counts[slot]!++;
    rows[ra]!++;
    columns[rb]!++;
    const p = inhabitants[g]!;
    if (!Number.isNaN(p)) people[slot]! += p;
    n++;
  }

  let congruenceSum = 0;
  let peopleSum = 0;
  let peopleTotal = 0;
  let index = 0;
  let mutualInformation = 0;
  let vi = 0;
  for (let slot = 0; slot < used; slot++) {
    const cell = cellOfSlot[slot]!;
    const ra = Math.floor(cell / width);
    const rb = cell - ra * width;
    const count = counts[slot]!;
    const sizeA = rows[ra]!;
    const sizeB = columns[rb]!;
    const union = sizeA + sizeB - count - 1;
    const congruence = union === 0 ? 1 : (count - 1) / union;
    congruenceSum += count * congruence;
    peopleSum += people[slot]! * congruence;
    peopleTotal += people[slot]!;
    index += (count * (count - 1)) / 2;
    mutualInformation += (count / n) * Math.log2((n * count) / (sizeA * sizeB));
    vi += (count / n) * Math.log2((sizeA * sizeB) / (count * count));
    // Nestedness compares whole regions: all members of A's region i are among B's region j.
    const inB = count === a.members[ra]!.length;
    const inA = count === b.members[rb]!.length;
    if (inB) rowFlags[ra]! |= inA ? NESTED | IDENTICAL : NESTED;
    if (inA) columnFlags[rb]! |= inB ? NESTED | IDENTICAL : NESTED;
    if (!sparse) slotOfCell[cell] = -1;
  }
  const rowSums = sumMargins(rows, rowFlags, a.regions.length, n);
  const columnSums = sumMargins(columns, columnFlags, width, n);

  const lengthKm = a.index.arcLengthKm;
  const borders =
    a.coveredCount === itemCount && b.coveredCount === itemCount
      ? completeBorderShares(a, b, lengthKm)
      : { aInB: partialBorderShare(a, b, lengthKm), bInA: partialBorderShare(b, a, lengthKm) };
  const partition =
    n === 0
      ? null
      : scoreCounts({
          n,
          index,
          mutualInformation,
          vi,
          entropyA: rowSums.entropy,
          entropyB: columnSums.entropy,
          pairsA: rowSums.pairs,
          pairsB: columnSums.pairs,
          partCountA: rowSums.parts,
          partCountB: columnSums.parts,
        });
  const regionCount = a.regions.length + width;
  const shared = {
    congruence: n > 0 ? congruenceSum / n : null,
    'congruence-inhabitants': peopleTotal > 0 ? peopleSum / peopleTotal : null,
    ari: partition?.ari ?? null,
    nmi: partition?.nmi ?? null,
    vi: partition?.viBits ?? null,
    identical: regionCount > 0 ? (rowSums.identical + columnSums.identical) / regionCount : null,
  };
  return {
    aToB: {
      ...shared,
      nested: a.regions.length > 0 ? rowSums.nested / a.regions.length : null,
      'border-coincidence': borders.aInB,
    },
    bToA: { ...shared, nested: width > 0 ? columnSums.nested / width : null, 'border-coincidence': borders.bInA },
  };
}

/** Flags of a region in `countedPairMetrics`. */
const NESTED = 1;
const IDENTICAL = 2;

/**
 * One side's sums over its regions from their common-gemeente counts (`sizes`) and flags, clearing both for the
 * next pair: entropy (bits), Σ C(size, 2), regions with gemeenten (parts), nested and identical regions.
 */
function sumMargins(
  sizes: Int32Array,
  flags: Uint8Array,
  regionCount: number,
  n: number,
): { entropy: number; pairs: number; parts: number; nested: number; identical: number } {
  let entropy = 0;
  let pairs = 0;
  let parts = 0;
  let nested = 0;
  let identical = 0;
  for (let r = 0; r < regionCount; r++) {
    const flag = flags[r]!;
    if (flag & NESTED) nested++;
    if (flag & IDENTICAL) identical++;
    flags[r] = 0;
    const size = sizes[r]!;
    if (size === 0) continue;
    parts++;
    entropy += (size / n) * Math.log2(n / size);
    pairs += (size * (size - 1)) / 2;
    sizes[r] = 0;
  }
  return { entropy, pairs, parts, nested, identical };
}

/**
 * Border coincidence of `own` in `other` when a layer leaves gemeenten out: over `own`'s border arcs between
 * gemeenten both layers cover, as borders.ts.
 */
function partialBorderShare(own: LayerModel, other: LayerModel, lengthKm: Float64Array): number | null {
  const { left, right } = own.index.internalArcs;
  const isCommon = (g: number): boolean => own.firstRegion[g]! >= 0 && other.firstRegion[g]! >= 0;
  let km = 0;
  let shared = 0;
  let arcCount = 0;
  for (const arc of own.borderArcs) {
    const l = left[arc]!;
    const r = right[arc]!;
    if (!isCommon(l) || !isCommon(r)) continue;
    arcCount++;
    km += lengthKm[arc]!;
    if (separates(other, l, r)) shared += lengthKm[arc]!;
  }
  // As borders.ts: without a border between common gemeenten there is no share.
  return arcCount > 0 ? shared / km : null;
}

/** Each layer's total border length, km, kept per layer model. */
const borderKmOf = new WeakMap<LayerModel, number>();

function borderKm(model: LayerModel, lengthKm: Float64Array): number {
  let km = borderKmOf.get(model);
  if (km === undefined) {
    km = 0;
    for (const arc of model.borderArcs) km += lengthKm[arc]!;
    borderKmOf.set(model, km);
  }
  return km;
}

/**
 * Border coincidence of two layers that cover every gemeente: each layer's border length is its own (kept per
 * layer), and the shared length is summed over the arcs in both border bitsets, found a word at a time. The
 * same sums, in the same arc order, as the general loop (and as borders.ts).
 */
function completeBorderShares(
  a: LayerModel,
  b: LayerModel,
  lengthKm: Float64Array,
): { aInB: number | null; bInA: number | null } {
  let shared = 0;
  const bitsA = a.borderBits;
  const bitsB = b.borderBits;
  for (let w = 0; w < bitsA.length; w++) {
    let word = bitsA[w]! & bitsB[w]!;
    while (word !== 0) {
      const low = word & -word;
      shared += lengthKm[w * 32 + 31 - Math.clz32(low)]!;
      word ^= low;
    }
  }
  return {
    aInB: a.borderArcs.length > 0 ? shared / borderKm(a, lengthKm) : null,
    bInA: b.borderArcs.length > 0 ? shared / borderKm(b, lengthKm) : null,
  };
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
  const scratch = new PairScratch();
  for (let i = 0; i < size; i++) {
    for (let j = i; j < size; j++) {
      metrics[i]![j] = computePairMetrics(atlas, layers[i]!, layers[j]!, scratch);
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
