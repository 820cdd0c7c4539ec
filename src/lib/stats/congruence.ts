/**
 * Gemeente congruence: how far a gemeente keeps the same partners in two layouts. Pure.
 *
 * For a gemeente g covered by both layers, its partners in layer A are the other gemeenten in its
 * A-region (with multi-membership: in any of its A-regions), counted among the gemeenten both
 * layers cover, so a difference in coverage is not counted as disagreement (it is reported as the
 * number of gemeenten left out). Congruence is the Jaccard index of its partner sets in A and B,
 * 1 when it has no partners in either (alone in both).
 */
import type { Atlas, AtlasLayer } from '../data/atlas';
import type { MunicipalityCode } from '../types';
import { hasBit, popcount, popcountAnd3 } from '../model/bitset';
import { MeansAccumulator } from './means';
import { layerModel } from '../model/layer-model';
import { commonCoverage } from './sets';

/** One gemeente's congruence between two layers. */
export interface MunicipalityCongruence {
  code: MunicipalityCode;
  /** Other common gemeenten in its A-region(s). */
  partnerCountA: number;
  /** Other common gemeenten in its B-region(s). */
  partnerCountB: number;
  /** Partners in both. */
  sharedPartnerCount: number;
  /** sharedPartnerCount / |partnersA ∪ partnersB|, in [0, 1]; 1 when both partner sets are empty. */
  congruence: number;
}

/** Congruence per common gemeente and its means over them. */
export interface Congruence {
  /** Every gemeente both layers cover, sorted by code. */
  perMunicipality: MunicipalityCongruence[];
  /** Plain mean over the common gemeenten; null when there are none. */
  mean: number | null;
  /** Mean weighted by area (km²); null when there are no common gemeenten. */
  meanByArea: number | null;
  /** Mean weighted by inhabitants, over gemeenten with known inhabitants only; null when none is known. */
  meanByInhabitants: number | null;
  /** Common gemeenten with unknown inhabitants, left out of `meanByInhabitants`. */
  unknownInhabitantsCount: number;
}

/**
 * Gemeente congruence of layer A against layer B (symmetric in A and B).
 * @example
 * // Grid rows against columns: GM0005's row partners {4, 6} and column partners {2, 8} are disjoint.
 * computeCongruence(grid, rows, columns).perMunicipality[4]
 * // { code: 'GM0005', partnerCountA: 2, partnerCountB: 2, sharedPartnerCount: 0, congruence: 0 }
 */
export function computeCongruence(atlas: Atlas, layerA: AtlasLayer, layerB: AtlasLayer): Congruence {
  const table = atlas.index;
  const a = layerModel(atlas.index, layerA);
  const b = layerModel(atlas.index, layerB);
  const { common } = commonCoverage(a, b);
  // Partner counts depend only on the gemeente's region sets, so they are counted once per pair of sets.
  const unionCountA = new Map<number, number>();
  const unionCountB = new Map<number, number>();
  const sharedCount = new Map<number, number>();
  const countIn = (cache: Map<number, number>, key: number, bits: Uint32Array): number => {
    let count = cache.get(key);
    if (count === undefined) {
      count = popcount(bits.map((word, i) => word & common[i]!));
      cache.set(key, count);
    }
    return count;
  };

  const perMunicipality: MunicipalityCongruence[] = [];
  const means = new MeansAccumulator(table);
  for (let n = 0; n < table.codes.length; n++) {
    if (!hasBit(common, n)) continue;
    const keyA = a.setKey[n]!;
    const keyB = b.setKey[n]!;
    const unionA = a.setUnion[keyA]!;
    const unionB = b.setUnion[keyB]!;
    // The gemeente itself is in both unions and in the common set: subtract it from each count.
    const partnerCountA = countIn(unionCountA, keyA, unionA) - 1;
    const partnerCountB = countIn(unionCountB, keyB, unionB) - 1;
    const pairKey = keyA * b.setUnion.length + keyB;
    let both = sharedCount.get(pairKey);
    if (both === undefined) {
      both = popcountAnd3(unionA, unionB, common);
      sharedCount.set(pairKey, both);
    }
    const sharedPartnerCount = both - 1;
    const unionCount = partnerCountA + partnerCountB - sharedPartnerCount;
    const congruence = unionCount === 0 ? 1 : sharedPartnerCount / unionCount;
    perMunicipality.push({ code: table.codes[n]!, partnerCountA, partnerCountB, sharedPartnerCount, congruence });

    means.add(n, congruence);
  }
  return {
    perMunicipality,
    ...means.means(),
  };
}
