/**
 * Partition agreement between two layers over the gemeenten both cover: adjusted Rand index,
 * normalized mutual information and variation of information. Pure.
 *
 * With n gemeenten, n_ij of them in region i of A and region j of B, a_i = Σ_j n_ij, b_j = Σ_i n_ij,
 * and C(x, 2) = x(x − 1)/2:
 * - ARI (Hubert & Arabie 1985): (Σ C(n_ij, 2) − E) / ((Σ C(a_i, 2) + Σ C(b_j, 2))/2 − E) with
 *   E = Σ C(a_i, 2) · Σ C(b_j, 2) / C(n, 2). At most 1 (identical), 0 for agreement at chance level,
 *   negative below it. Where the denominator is 0 both layouts are all singletons or one region, i.e.
 *   identical, and ARI is 1 (as in scikit-learn).
 * - Entropies in bits (log base 2): H(A) = Σ (a_i/n) log₂(n/a_i), H(B) likewise, mutual information
 *   I = Σ (n_ij/n) log₂(n·n_ij/(a_i·b_j)).
 * - NMI = I / ((H(A) + H(B))/2), normalised by the arithmetic mean of the entropies (scikit-learn's
 *   default); in [0, 1], 1 for identical layouts, and 1 when both are a single region (0/0).
 * - VI = H(A|B) + H(B|A) = H(A) + H(B) − 2I = Σ (n_ij/n) log₂(a_i·b_j/n_ij²), in bits (Meilă 2007);
 *   0 for identical layouts, at most log₂ n. Also given normalised, VI / log₂ n, in [0, 1].
 * All three are symmetric in A and B.
 */
import type { Atlas, AtlasLayer } from '../data/atlas';
import { hasBit } from '../model/bitset';
import { layerModel } from '../model/layer-model';
import { commonCoverage } from './sets';

/** Agreement scores of two partitions of the same items. */
export interface PartitionScores {
  /** Items compared. */
  n: number;
  /** Parts (regions) of each partition among the items. */
  partCountA: number;
  partCountB: number;
  /** Adjusted Rand index, ≤ 1. */
  ari: number;
  /** Normalized mutual information (arithmetic mean of entropies), in [0, 1]. */
  nmi: number;
  /** Variation of information in bits, in [0, log₂ n]. */
  viBits: number;
  /** VI / log₂ n, in [0, 1] (0 for n = 1). */
  viNormalized: number;
  /** H(A), H(B) and I(A; B) in bits. */
  entropyABits: number;
  entropyBBits: number;
  mutualInformationBits: number;
}

/**
 * ARI, NMI and VI of two labelings of the same items (labels are any integers; item i has label
 * `labelsA[i]` in A and `labelsB[i]` in B). Throws Error when the lengths differ or there are no items.
 * @example
 * // 3×3 grid, rows (labels by row) against columns (by column): every cell of the contingency table is 1.
 * // Σ C(n_ij,2) = 0, Σ C(a_i,2) = Σ C(b_j,2) = 3·3 = 9, C(9,2) = 36, E = 9·9/36 = 2.25,
 * // ARI = (0 − 2.25)/(9 − 2.25) = −1/3; H = log₂ 3 each, I = 0, NMI = 0, VI = 2·log₂ 3 ≈ 3.17 bits.
 * scorePartitions([0, 0, 0, 1, 1, 1, 2, 2, 2], [0, 1, 2, 0, 1, 2, 0, 1, 2]).ari // -0.333…
 */
export function scorePartitions(labelsA: ArrayLike<number>, labelsB: ArrayLike<number>): PartitionScores {
  const n = labelsA.length;
  if (n !== labelsB.length) throw new Error(`partition labels of different lengths: ${n} and ${labelsB.length}`);
  if (n === 0) throw new Error('partition agreement needs at least one item');
  const sizesA = new Map<number, number>();
  const sizesB = new Map<number, number>();
  const cells = new Map<string, { a: number; b: number; count: number }>();
  for (let i = 0; i < n; i++) {
    const a = labelsA[i]!;
    const b = labelsB[i]!;
    sizesA.set(a, (sizesA.get(a) ?? 0) + 1);
    sizesB.set(b, (sizesB.get(b) ?? 0) + 1);
    const key = `${a} ${b}`;
    const cell = cells.get(key);
    if (cell) cell.count++;
    else cells.set(key, { a, b, count: 1 });
  }

  const pairsOf = (x: number): number => (x * (x - 1)) / 2;
  let index = 0;
  let mutualInformation = 0;
  let vi = 0;
  for (const { a, b, count } of cells.values()) {
    const sizeA = sizesA.get(a)!;
    const sizeB = sizesB.get(b)!;
    index += pairsOf(count);
    mutualInformation += (count / n) * Math.log2((n * count) / (sizeA * sizeB));
    // Summed per cell, not as H(A) + H(B) − 2I, so identical layouts give exactly 0 (every term is log₂ 1).
    vi += (count / n) * Math.log2((sizeA * sizeB) / (count * count));
  }
  const entropy = (sizes: Map<number, number>): number => {
    let h = 0;
    for (const size of sizes.values()) h += (size / n) * Math.log2(n / size);
    return h;
  };
  let pairsA = 0;
  for (const size of sizesA.values()) pairsA += pairsOf(size);
  let pairsB = 0;
  for (const size of sizesB.values()) pairsB += pairsOf(size);
  return scoreCounts({
    n,
    index,
    mutualInformation,
    vi,
    entropyA: entropy(sizesA),
    entropyB: entropy(sizesB),
    pairsA,
    pairsB,
    partCountA: sizesA.size,
    partCountB: sizesB.size,
  });
}

/** Sums over a contingency table from which the partition scores follow (see `scoreCounts`). */
export interface ContingencySums {
  /** Items (gemeenten) in the table, > 0. */
  n: number;
  /** Σ C(n_ij, 2) over the cells. */
  index: number;
  /** Σ (n_ij / n) log₂(n · n_ij / (a_i b_j)), bits. */
  mutualInformation: number;
  /** Σ (n_ij / n) log₂(a_i b_j / n_ij²), bits. */
  vi: number;
  /** H(A), H(B) in bits. */
  entropyA: number;
  entropyB: number;
  /** Σ C(a_i, 2) and Σ C(b_j, 2). */
  pairsA: number;
  pairsB: number;
  partCountA: number;
  partCountB: number;
}

/**
 * ARI, NMI and VI from the sums over a contingency table, so that the matrix's counting path (matrix.ts) and
 * `scorePartitions` share the formulas.
 */
export function scoreCounts(sums: ContingencySums): PartitionScores {
  const { n, index, entropyA, entropyB, pairsA, pairsB } = sums;
  const allPairs = (n * (n - 1)) / 2;
  const expected = allPairs > 0 ? (pairsA * pairsB) / allPairs : 0;
  const maximum = (pairsA + pairsB) / 2;
  // A zero denominator means both are all singletons or both one part (or n = 1): identical, so 1.
  const ari = maximum === expected ? 1 : (index - expected) / (maximum - expected);
  const meanEntropy = (entropyA + entropyB) / 2;
  // Float rounding can push I a hair below 0 or above the mean entropy; the true values lie in the bounds.
  const mi = Math.max(0, sums.mutualInformation);
  const nmi = meanEntropy === 0 ? 1 : Math.min(1, mi / meanEntropy);
  const viBits = Math.max(0, sums.vi);
  return {
    n,
    partCountA: sums.partCountA,
    partCountB: sums.partCountB,
    ari,
    nmi,
    viBits,
    viNormalized: n > 1 ? viBits / Math.log2(n) : 0,
    entropyABits: entropyA,
    entropyBBits: entropyB,
    mutualInformationBits: mi,
  };
}

/** Why partition agreement is not defined: a common gemeente in several regions, or no common gemeente. */
export type PartitionUndefinedReason = 'multi-membership' | 'no-common-gemeenten';

/** Partition agreement of two layers, or why there is none. */
export type PartitionAgreement =
  | ({ isDefined: true } & PartitionScores)
  | {
      isDefined: false;
      reason: PartitionUndefinedReason;
      /** Common gemeenten in more than one region of A (resp. B). */
      multiMemberCountA: number;
      multiMemberCountB: number;
    };

/**
 * ARI, NMI and VI of layer A against layer B over the gemeenten both cover (how many were left out
 * is `commonCoverage`'s business). Not defined when a common gemeente belongs to several regions of
 * either layer (then the layers do not partition the common gemeenten), or when there is no common gemeente.
 * @example computePartitionAgreement(grid, rows, overlap) // { isDefined: false, reason: 'multi-membership', multiMemberCountA: 0, multiMemberCountB: 2 }
 */
export function computePartitionAgreement(atlas: Atlas, layerA: AtlasLayer, layerB: AtlasLayer): PartitionAgreement {
  const a = layerModel(atlas.index, layerA);
  const b = layerModel(atlas.index, layerB);
  const { common } = commonCoverage(a, b);
  const labelsA: number[] = [];
  const labelsB: number[] = [];
  let multiMemberCountA = 0;
  let multiMemberCountB = 0;
  for (let n = 0; n < a.regionsOf.length; n++) {
    if (!hasBit(common, n)) continue;
    const regionsA = a.regionsOf[n]!;
    const regionsB = b.regionsOf[n]!;
    if (regionsA.length > 1) multiMemberCountA++;
    if (regionsB.length > 1) multiMemberCountB++;
    labelsA.push(regionsA[0]!);
    labelsB.push(regionsB[0]!);
  }
  if (multiMemberCountA > 0 || multiMemberCountB > 0) {
    return { isDefined: false, reason: 'multi-membership', multiMemberCountA, multiMemberCountB };
  }
  if (labelsA.length === 0) {
    return { isDefined: false, reason: 'no-common-gemeenten', multiMemberCountA, multiMemberCountB };
  }
  return { isDefined: true, ...scorePartitions(labelsA, labelsB) };
}
