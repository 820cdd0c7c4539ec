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
import { hasBit } from '../model/bitset';
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
    const inB = count === a.regionSizes[ra]!;
    const inA = count === b.regionSizes[rb]!;
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
 * Reusable typed arrays for `countedPairMetrics`, so that no pair allocates. Counting runs one region of A at
 * a time, into per-column tallies as wide as B (small enough to stay in cache, unlike a table of every cell
 * of two layers with thousands of regions each); each non-zero cell then gets a slot with its row, column,
 * count and known inhabitants.
 */
export class PairScratch {
  rowOfSlot = new Int32Array(0);
  columnOfSlot = new Int32Array(0);
  counts = new Int32Array(0);
  people = new Float64Array(0);
  /** Per column of B, while one row is counted: its count and inhabitants so far; reset after the row. */
  columnCounts = new Int32Array(0);
  columnPeople = new Float64Array(0);
  /** The columns the current row has touched, in order of first touch. */
  touched = new Int32Array(0);
  rows = new Int32Array(0);
  columns = new Int32Array(0);
  /** Per region of A (rows) and of B (columns): set once the region is counted as nested, reset after each pair. */
  rowFlags = new Uint8Array(0);
  columnFlags = new Uint8Array(0);

  /** Make room for `rowCount` rows and `columnCount` columns over `itemCount` gemeenten. */
  fit(rowCount: number, columnCount: number, itemCount: number): void {
    if (this.counts.length < itemCount) {
      this.rowOfSlot = new Int32Array(itemCount);
      this.columnOfSlot = new Int32Array(itemCount);
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
      this.columnCounts = new Int32Array(columnCount);
      this.columnPeople = new Float64Array(columnCount);
      this.touched = new Int32Array(columnCount);
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
  scratch.fit(a.regions.length, width, itemCount);
  const { rowOfSlot, columnOfSlot, counts, people, rows, columns, rowFlags, columnFlags } = scratch;
  const { columnCounts, columnPeople, touched } = scratch;
  const labelB = b.firstRegion;
  const inhabitants = a.index.knownInhabitants;
  // When both layers cover every gemeente, the margins a_i and b_j are the regions' sizes and their sums are the
  // layers' own (kept per layer), so only the cells are counted.
  const isComplete = a.coveredCount === itemCount && b.coveredCount === itemCount;
  let n = 0;
  let used = 0;
  for (let ra = 0; ra < a.regions.length; ra++) {
    const members = a.members[ra]!;
    let touchedCount = 0;
    for (let k = 0; k < members.length; k++) {
      const g = members[k]!;
      const rb = labelB[g]!;
      if (rb < 0) continue;
      if (columnCounts[rb]!++ === 0) touched[touchedCount++] = rb;
      columnPeople[rb]! += inhabitants[g]!;
    }
    let rowCount = 0;
    for (let t = 0; t < touchedCount; t++) {
      const rb = touched[t]!;
      const count = columnCounts[rb]!;
      rowOfSlot[used] = ra;
      columnOfSlot[used] = rb;
      counts[used] = count;
      people[used] = columnPeople[rb]!;
      used++;
      rowCount += count;
      if (!isComplete) columns[rb]! += count;
      columnCounts[rb] = 0;
      columnPeople[rb] = 0;
    }
    if (!isComplete) rows[ra] = rowCount;
    n += rowCount;
  }
  const fullSizesA = a.regionSizes;
  const fullSizesB = b.regionSizes;
  const sizesA = isComplete ? fullSizesA : rows;
  const sizesB = isComplete ? fullSizesB : columns;

  // Logarithms of whole numbers from a table: MI, VI and the entropies are sums of (x/n)·log₂ of counts.
  const log2 = log2Table(n);
  let congruenceSum = 0;
  let peopleSum = 0;
  let peopleTotal = 0;
  let index = 0;
  let mutualInformation = 0;
  let nestedA = 0;
  let nestedB = 0;
  let identical = 0;
  for (let slot = 0; slot < used; slot++) {
    const ra = rowOfSlot[slot]!;
    const rb = columnOfSlot[slot]!;
    const count = counts[slot]!;
    const sizeA = sizesA[ra]!;
    const sizeB = sizesB[rb]!;
    const union = sizeA + sizeB - count - 1;
    const congruence = union === 0 ? 1 : (count - 1) / union;
    congruenceSum += count * congruence;
    peopleSum += people[slot]! * congruence;
    peopleTotal += people[slot]!;
    index += (count * (count - 1)) / 2;
    // n·I = Σ n_ij log₂(n·n_ij / (a_i·b_j)); the log₂ n term is added once after the loop.
    mutualInformation += count * (log2[count]! - log2[sizeA]! - log2[sizeB]!);
    // Nestedness compares whole regions: all members of A's region i are among B's region j. The flags keep a
    // region from counting twice; an identical pair counts once on each side.
    const inB = count === fullSizesA[ra]!;
    const inA = count === fullSizesB[rb]!;
    if (inB && rowFlags[ra] === 0) {
      rowFlags[ra] = 1;
      nestedA++;
    }
    if (inA && columnFlags[rb] === 0) {
      columnFlags[rb] = 1;
      nestedB++;
    }
    if (inA && inB) identical += 2;
  }
  for (let slot = 0; slot < used; slot++) rowFlags[rowOfSlot[slot]!] = columnFlags[columnOfSlot[slot]!] = 0;
  if (n > 0) mutualInformation = mutualInformation / n + log2[n]!;
  const marginsA = isComplete ? completeMargins(a, log2) : sumMargins(rows, a.regions.length, n, log2);
  const marginsB = isComplete ? completeMargins(b, log2) : sumMargins(columns, width, n, log2);
  // VI = H(A) + H(B) − 2I (partition.ts), so it needs no pass of its own (scoreCounts clamps rounding below 0).
  const vi = marginsA.entropy + marginsB.entropy - 2 * mutualInformation;

  const lengthKm = a.index.arcLengthKm;
  const borders = isComplete
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
          entropyA: marginsA.entropy,
          entropyB: marginsB.entropy,
          pairsA: marginsA.pairs,
          pairsB: marginsB.pairs,
          partCountA: marginsA.parts,
          partCountB: marginsB.parts,
        });
  const regionCount = a.regions.length + width;
  const congruence = n > 0 ? congruenceSum / n : null;
  const congruenceByInhabitants = peopleTotal > 0 ? peopleSum / peopleTotal : null;
  const identicalShare = regionCount > 0 ? identical / regionCount : null;
  // Both sides written out in full (not spread from a shared object): with 8 keys per side over every pair, the
  // copies cost as much as the counting.
  return {
    aToB: {
      congruence,
      'congruence-inhabitants': congruenceByInhabitants,
      ari: partition?.ari ?? null,
      nmi: partition?.nmi ?? null,
      vi: partition?.viBits ?? null,
      identical: identicalShare,
      nested: a.regions.length > 0 ? nestedA / a.regions.length : null,
      'border-coincidence': borders.aInB,
    },
    bToA: {
      congruence,
      'congruence-inhabitants': congruenceByInhabitants,
      ari: partition?.ari ?? null,
      nmi: partition?.nmi ?? null,
      vi: partition?.viBits ?? null,
      identical: identicalShare,
      nested: width > 0 ? nestedB / width : null,
      'border-coincidence': borders.bInA,
    },
  };
}

/** One side's sums over its regions' common-gemeente counts: entropy (bits), Σ C(size, 2), regions with gemeenten. */
interface Margins {
  entropy: number;
  pairs: number;
  parts: number;
}

/** The margins of one side from its common-gemeente counts (`sizes`), clearing them for the next pair. */
function sumMargins(sizes: Int32Array, regionCount: number, n: number, log2: Float64Array): Margins {
  let entropy = 0;
  let pairs = 0;
  let parts = 0;
  for (let r = 0; r < regionCount; r++) {
    const size = sizes[r]!;
    if (size === 0) continue;
    parts++;
    entropy += size * (log2[n]! - log2[size]!);
    pairs += (size * (size - 1)) / 2;
    sizes[r] = 0;
  }
  return { entropy: n > 0 ? entropy / n : 0, pairs, parts };
}

/** The margins of a layer that covers every gemeente: the same against every other complete layer, so kept. */
const completeMarginsOf = new WeakMap<LayerModel, Margins>();

function completeMargins(model: LayerModel, log2: Float64Array): Margins {
  let margins = completeMarginsOf.get(model);
  if (!margins) {
    margins = sumMargins(Int32Array.from(model.regionSizes), model.regions.length, model.coveredCount, log2);
    completeMarginsOf.set(model, margins);
  }
  return margins;
}

/** log₂ k for k = 0…size (log₂ 0 = −∞ is never read), kept and grown between calls. */
let log2Cache = new Float64Array(0);

function log2Table(size: number): Float64Array {
  if (log2Cache.length <= size) {
    log2Cache = Float64Array.from({ length: Math.max(size + 1, 2 * log2Cache.length) }, (_, k) => Math.log2(k));
  }
  return log2Cache;
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
 * layer), and the shared length is summed over the arcs in both borders, in ascending arc order as the general
 * loop (and borders.ts) sums them. The arcs are found by walking the shorter border list and testing the other
 * layer's bitset when that list is short (a coarse layer against any other), else a word of both bitsets at a time.
 */
function completeBorderShares(
  a: LayerModel,
  b: LayerModel,
  lengthKm: Float64Array,
): { aInB: number | null; bInA: number | null } {
  let shared = 0;
  const [fewer, other] = a.borderArcs.length <= b.borderArcs.length ? [a, b] : [b, a];
  const bitsA = a.borderBits;
  const bitsB = b.borderBits;
  // A word of bitsets costs about as much as a few list entries; walk the list when it is the cheaper one.
  if (fewer.borderArcs.length < 4 * bitsA.length) {
    const bits = other.borderBits;
    for (const arc of fewer.borderArcs) if (hasBit(bits, arc)) shared += lengthKm[arc]!;
  } else {
    for (let w = 0; w < bitsA.length; w++) {
      let word = bitsA[w]! & bitsB[w]!;
      while (word !== 0) {
        const low = word & -word;
        shared += lengthKm[w * 32 + 31 - Math.clz32(low)]!;
        word ^= low;
      }
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
