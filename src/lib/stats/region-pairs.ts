/**
 * The crosswalk between the regions of two layers: which regions share gemeenten, how much they
 * overlap (Jaccard by count, area and inhabitants), each region's best match in the other layer and
 * the gemeenten that break that match. Pure; set-based (member codes), see `geometric.ts` for regions
 * that do not follow gemeente borders.
 *
 * Regions are compared whole, with all their members: a member the other layer does not cover lies
 * outside every region of that layer, so it lowers the overlap (and shows as `uncoveredCount`).
 * This is what the map shows, and what the geometric path measures.
 */
import type { Atlas, AtlasLayer } from '../data/atlas';
import type { MunicipalityCode, RegionCode } from '../types';
import { hasBit } from '../model/bitset';
import { compareCodes } from '../model/codes';
import { layerModel, type LayerModel } from '../model/layer-model';
import type { TopologyIndex } from '../model/topology-index';
import { jaccardOf, sharedMembers, sumWeight, type Weight } from './sets';

/**
 * The overlap of two regions by area. Both the set path (sums of gemeente areas) and the geometric
 * path (Turf on the dissolved polygons) return it, so they can be compared.
 */
export interface AreaOverlap {
  codeA: RegionCode;
  codeB: RegionCode;
  /** Area in both regions, km². */
  intersectionKm2: number;
  /** Area in either region, km². */
  unionKm2: number;
  /** intersectionKm2 / unionKm2, in [0, 1]; null when the union has no area. */
  jaccardByArea: number | null;
}

/** Two regions (one of each layer) that share at least one gemeente. */
export interface RegionPair extends AreaOverlap {
  /** The shared gemeenten, sorted. */
  sharedCodes: MunicipalityCode[];
  sharedCount: number;
  /** Gemeenten in either region. */
  unionCount: number;
  /** sharedCount / unionCount, in (0, 1]. */
  jaccardByCount: number;
  /** Known inhabitants of the shared gemeenten. */
  sharedInhabitants: number;
  /** Known inhabitants of the gemeenten in either region. */
  unionInhabitants: number;
  /** sharedInhabitants / unionInhabitants over known values; null when none is known. */
  jaccardByInhabitants: number | null;
  /** Gemeenten in either region with unknown inhabitants (left out of the inhabitant figures). */
  unknownInhabitantsCount: number;
  /** Every member of region A is in region B. */
  isAInB: boolean;
  /** Every member of region B is in region A. */
  isBInA: boolean;
}

/** A region's best counterpart in the other layer. */
export interface BestMatch {
  code: RegionCode;
  name: string;
  /** Jaccard index by the crosswalk's weight (null: undefined for lack of known inhabitants). */
  jaccard: number | null;
  sharedCount: number;
}

/** How one region meets the other layer. */
export interface RegionMatch {
  code: RegionCode;
  name: string;
  memberCount: number;
  /** Regions of the other layer sharing at least one gemeente with it. */
  touchedCount: number;
  /** Members the other layer does not cover. */
  uncoveredCount: number;
  /**
   * The region of the other layer with the highest Jaccard index by the crosswalk's weight (ties: more
   * shared gemeenten, then the lower code); null when it shares no gemeente with any.
   */
  bestMatch: BestMatch | null;
  /** It lies wholly inside one region of the other layer. */
  isNested: boolean;
  /** It has exactly the members of one region of the other layer. */
  isIdentical: boolean;
  /** The gemeenten that break the match: its members outside the best match (all of them without one), sorted. */
  onlyInRegion: MunicipalityCode[];
  /** … and the best match's members outside it, sorted. */
  onlyInMatch: MunicipalityCode[];
}

/** The crosswalk between layer A and layer B. */
export interface Crosswalk {
  /** The weight that chose the best matches. */
  weight: Weight;
  /** Every pair of regions sharing gemeenten, sorted by A code, then B code. */
  pairs: RegionPair[];
  /** Every region of A, sorted by code. */
  fromA: RegionMatch[];
  /** Every region of B, sorted by code. */
  fromB: RegionMatch[];
}

/** The Jaccard index of a region pair by `weight`. */
export function pairJaccard(pair: RegionPair, weight: Weight): number | null {
  if (weight === 'count') return pair.jaccardByCount;
  if (weight === 'area') return pair.jaccardByArea;
  return pair.jaccardByInhabitants;
}

/**
 * The crosswalk of layer A against layer B; `weight` chooses the best matches.
 * Swapping A and B swaps the roles in every pair and leaves every Jaccard index unchanged.
 * @example
 * // Grid rows against the L-shape: Zuidrij {7, 8, 9} lies inside Hoek {1, 4, 7, 8, 9}.
 * const { pairs } = computeCrosswalk(grid, rows, ell);
 * pairs.find((p) => p.codeA === 'R3' && p.codeB === 'L1')
 * // { sharedCount: 3, unionCount: 5, jaccardByCount: 0.6, isAInB: true, isBInA: false, … }
 */
export function computeCrosswalk(
  atlas: Atlas,
  layerA: AtlasLayer,
  layerB: AtlasLayer,
  weight: Weight = 'count',
): Crosswalk {
  const table = atlas.index;
  const a = layerModel(atlas.index, layerA);
  const b = layerModel(atlas.index, layerB);
  const totalsA = a.totals;
  const totalsB = b.totals;
  const width = b.regions.length;
  const shared = sharedMembers(a, b);

  const pairs: RegionPair[] = [];
  // Per region: its pairs, with the number of the other region in each.
  const pairsOfA: [RegionPair, number][][] = a.regions.map(() => []);
  const pairsOfB: [RegionPair, number][][] = b.regions.map(() => []);
  for (const key of [...shared.keys()].sort((x, y) => x - y)) {
    const numbers = shared.get(key)!;
    const ra = Math.floor(key / width);
    const rb = key % width;
    const tA = totalsA[ra]!;
    const tB = totalsB[rb]!;
    const area = sumWeight(table, numbers, 'area').total;
    const people = sumWeight(table, numbers, 'inhabitants');
    const sharedCount = numbers.length;
    const unionCount = tA.count + tB.count - sharedCount;
    const unionKm2 = tA.areaKm2 + tB.areaKm2 - area;
    const unionInhabitants = tA.inhabitants + tB.inhabitants - people.total;
    const pair: RegionPair = {
      codeA: a.regions[ra]!.code,
      codeB: b.regions[rb]!.code,
      intersectionKm2: area,
      unionKm2,
      jaccardByArea: unionKm2 > 0 ? area / unionKm2 : null,
      sharedCodes: numbers.map((n) => table.codes[n]!),
      sharedCount,
      unionCount,
      jaccardByCount: sharedCount / unionCount,
      sharedInhabitants: people.total,
      unionInhabitants,
      jaccardByInhabitants: jaccardOf(people.total, tA.inhabitants, tB.inhabitants),
      unknownInhabitantsCount: tA.unknownInhabitantsCount + tB.unknownInhabitantsCount - people.unknownCount,
      isAInB: sharedCount === tA.count,
      isBInA: sharedCount === tB.count,
    };
    pairs.push(pair);
    pairsOfA[ra]!.push([pair, rb]);
    pairsOfB[rb]!.push([pair, ra]);
  }
  return {
    weight,
    pairs,
    fromA: a.regions.map((_, r) => matchRegion(table, a, r, b, pairsOfA[r]!, 'a', weight)),
    fromB: b.regions.map((_, r) => matchRegion(table, b, r, a, pairsOfB[r]!, 'b', weight)),
  };
}

/** Region `r` of `own` against the `other` layer, given its pairs (in which it is side `side`). */
function matchRegion(
  table: TopologyIndex,
  own: LayerModel,
  r: number,
  other: LayerModel,
  pairs: readonly (readonly [RegionPair, number])[],
  side: 'a' | 'b',
  weight: Weight,
): RegionMatch {
  const region = own.regions[r]!;
  const members = own.members[r]!;
  const otherCode = (p: RegionPair): RegionCode => (side === 'a' ? p.codeB : p.codeA);
  const isInside = (p: RegionPair): boolean => (side === 'a' ? p.isAInB : p.isBInA);
  let best: readonly [RegionPair, number] | null = null;
  for (const entry of pairs) {
    if (!best || ranksAbove(entry[0], best[0], weight, otherCode)) best = entry;
  }
  const bestRegion = best ? other.regions[best[1]]! : null;
  const [onlyInRegion, onlyInMatch] = differences(members, best ? other.members[best[1]]! : []);
  return {
    code: region.code,
    name: region.name,
    memberCount: members.length,
    touchedCount: pairs.length,
    uncoveredCount: members.filter((n) => !hasBit(other.covered, n)).length,
    bestMatch:
      best && bestRegion
        ? {
            code: bestRegion.code,
            name: bestRegion.name,
            jaccard: pairJaccard(best[0], weight),
            sharedCount: best[0].sharedCount,
          }
        : null,
    isNested: pairs.some(([p]) => isInside(p)),
    isIdentical: pairs.some(([p]) => p.isAInB && p.isBInA),
    onlyInRegion: onlyInRegion.map((n) => table.codes[n]!),
    onlyInMatch: onlyInMatch.map((n) => table.codes[n]!),
  };
}

/** The numbers only in `xs` and those only in `ys`, both ascending (a merge of two ascending lists). */
function differences(xs: readonly number[], ys: readonly number[]): [number[], number[]] {
  const onlyX: number[] = [];
  const onlyY: number[] = [];
  let i = 0;
  let j = 0;
  while (i < xs.length || j < ys.length) {
    const x = xs[i] ?? Infinity;
    const y = ys[j] ?? Infinity;
    if (x === y) {
      i++;
      j++;
    } else if (x < y) {
      onlyX.push(x);
      i++;
    } else {
      onlyY.push(y);
      j++;
    }
  }
  return [onlyX, onlyY];
}

/** Higher Jaccard by `weight` (an undefined one ranks last), then more shared gemeenten, then the lower code. */
function ranksAbove(x: RegionPair, y: RegionPair, weight: Weight, codeOf: (p: RegionPair) => RegionCode): boolean {
  const jx = pairJaccard(x, weight) ?? -1;
  const jy = pairJaccard(y, weight) ?? -1;
  if (jx !== jy) return jx > jy;
  if (x.sharedCount !== y.sharedCount) return x.sharedCount > y.sharedCount;
  return compareCodes(codeOf(x), codeOf(y)) < 0;
}
