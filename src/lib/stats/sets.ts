/**
 * Set algebra on layer models for the set-based statistics: which gemeenten two layers both cover, which
 * gemeenten two regions share, and sums of a weight over gemeente numbers. Statistics are computed on ids,
 * not geometry (STYLE.md §2): a region's area and inhabitants are sums over its member gemeenten, and an
 * overlap is an intersection of member sets. The numbering and the member sets come from the topology
 * index and the layer models (src/lib/model), built once and shared with the map.
 */
import type { MemberSum } from '../geo/measure';
import { popcount } from '../model/bitset';
import type { LayerModel } from '../model/layer-model';
import type { TopologyIndex } from '../model/topology-index';

/** What a sum or a Jaccard index counts: gemeenten, km² or inhabitants. */
export type Weight = 'count' | 'area' | 'inhabitants';

/** All weights, in the order they are shown. */
export const WEIGHTS: readonly Weight[] = ['count', 'area', 'inhabitants'];

/** How two layers' coverage of the gemeenten compares. */
export interface CommonCoverage {
  /** Gemeenten covered by both layers: the ground set of congruence, partition and border statistics. */
  commonCount: number;
  /** Covered by A only. */
  onlyACount: number;
  /** Covered by B only. */
  onlyBCount: number;
  /** Covered by neither. */
  neitherCount: number;
  /** All gemeenten of the geometry. */
  totalCount: number;
}

/**
 * The bitset of gemeenten both layers cover and the counts of those left out.
 * @example
 * commonCoverage(rowsModel, partialModel).coverage
 * // { commonCount: 4, onlyACount: 5, onlyBCount: 0, neitherCount: 0, totalCount: 9 } on the grid
 */
export function commonCoverage(a: LayerModel, b: LayerModel): { common: Uint32Array; coverage: CommonCoverage } {
  const common = a.covered.map((word, i) => word & b.covered[i]!);
  const totalCount = a.setKey.length;
  const commonCount = popcount(common);
  const coveredA = popcount(a.covered);
  const coveredB = popcount(b.covered);
  return {
    common,
    coverage: {
      commonCount,
      onlyACount: coveredA - commonCount,
      onlyBCount: coveredB - commonCount,
      neitherCount: totalCount - coveredA - coveredB + commonCount,
      totalCount,
    },
  };
}

/**
 * The regions of two layers that share gemeenten, with the shared gemeente numbers (ascending),
 * keyed by `regionA * regionCountB + regionB`. Multi-membership adds a gemeente to every pair of its regions.
 */
export function sharedMembers(a: LayerModel, b: LayerModel): Map<number, number[]> {
  const shared = new Map<number, number[]>();
  const width = b.regions.length;
  a.regionsOf.forEach((regionsA, n) => {
    const regionsB = b.regionsOf[n]!;
    for (const ra of regionsA) {
      for (const rb of regionsB) {
        const key = ra * width + rb;
        const list = shared.get(key);
        if (list) list.push(n);
        else shared.set(key, [n]);
      }
    }
  });
  return shared;
}

/**
 * Sum a weight over gemeente numbers. Unknown inhabitants are left out and counted in `unknownCount`,
 * so with `unknownCount > 0` the total is over known values only.
 */
export function sumWeight(table: TopologyIndex, numbers: Iterable<number>, weight: Weight): MemberSum {
  let total = 0;
  let unknownCount = 0;
  for (const n of numbers) {
    if (weight === 'count') total += 1;
    else if (weight === 'area') total += table.areaKm2[n]!;
    else {
      const value = table.inhabitants[n]!;
      if (Number.isNaN(value)) unknownCount++;
      else total += value;
    }
  }
  return { total, unknownCount };
}

/**
 * Jaccard index from the weight of an intersection and of the two sets: |A∩B| / (|A| + |B| − |A∩B|).
 * Null when the union weighs nothing (e.g. only gemeenten of unknown inhabitants), where it is undefined.
 * @example jaccardOf(2, 3, 4) // 0.4 = 2 / (3 + 4 − 2)
 */
export function jaccardOf(shared: number, sizeA: number, sizeB: number): number | null {
  const union = sizeA + sizeB - shared;
  return union > 0 ? shared / union : null;
}
