/**
 * Integer indices for the set-based statistics: the atlas's gemeenten numbered in code order, each
 * layer's regions as lists of those numbers, and each gemeente's set of regions. Built once per
 * atlas and layer and cached in WeakMaps keyed by those (immutable) objects, so that comparing many
 * layer pairs (the matrix) never repeats this work. Pure otherwise: no input is changed.
 *
 * Statistics are computed on ids, not geometry (STYLE.md §2): a region's area and inhabitants are
 * sums over its member gemeenten, and an overlap is an intersection of member sets.
 */
import type { Atlas, AtlasLayer } from '../data/atlas';
import { DataError } from '../errors';
import type { MemberSum } from '../geo/measure';
import type { MunicipalityCode, Region } from '../types';

/** What a sum or a Jaccard index counts: gemeenten, km² or inhabitants. */
export type Weight = 'count' | 'area' | 'inhabitants';

/** All weights, in the order they are shown. */
export const WEIGHTS: readonly Weight[] = ['count', 'area', 'inhabitants'];

/** The gemeenten of an atlas by number (0-based, in code order) with their weights. */
export interface MunicipalityTable {
  /** Code of gemeente number i. */
  codes: readonly MunicipalityCode[];
  numberOf: ReadonlyMap<MunicipalityCode, number>;
  /** Area per gemeente number, km². */
  areaKm2: Float64Array;
  /** Inhabitants per gemeente number; NaN where unknown. */
  inhabitants: Float64Array;
  /** Words of a bitset over the gemeenten (32 gemeenten a word). */
  wordCount: number;
}

/** One layer's regions and memberships in gemeente numbers. */
export interface LayerIndex {
  layer: AtlasLayer;
  /** The regions sorted by code; a region's number is its position here. */
  regions: readonly Region[];
  /** Per region: its member gemeente numbers, ascending. */
  members: readonly (readonly number[])[];
  /** Per gemeente number: its region numbers, ascending; empty when the layer does not cover it. */
  regionsOf: readonly (readonly number[])[];
  /**
   * Per gemeente number: the number of its region set (equal numbers exactly for equal sets), or -1
   * when it belongs to no region. With single membership this is a label of the partition.
   */
  setKey: Int32Array;
  /** Per region set number: the union of the members of its regions, as a bitset. */
  setUnion: readonly Uint32Array[];
  /** Bitset of the gemeenten in at least one region. */
  covered: Uint32Array;
  /** Gemeenten in more than one region. */
  multiMemberCount: number;
  /** Per region: the sums of its members' weights. */
  totals: readonly RegionTotals[];
}

/** A region's member count, area and inhabitants. */
export interface RegionTotals {
  count: number;
  areaKm2: number;
  /** Known inhabitants only. */
  inhabitants: number;
  /** Members with unknown inhabitants. */
  unknownInhabitantsCount: number;
}

const tables = new WeakMap<Atlas, MunicipalityTable>();
const layerIndices = new WeakMap<Atlas, WeakMap<AtlasLayer, LayerIndex>>();

/** The numbered gemeenten of `atlas` (cached per atlas). */
export function municipalityTable(atlas: Atlas): MunicipalityTable {
  let table = tables.get(atlas);
  if (!table) {
    const codes = atlas.municipalities.map((m) => m.code).sort(compareCodes);
    table = {
      codes,
      numberOf: new Map(codes.map((code, i) => [code, i])),
      areaKm2: Float64Array.from(codes, (code) => atlas.municipalitiesByCode.get(code)!.areaKm2),
      inhabitants: Float64Array.from(codes, (code) => atlas.municipalitiesByCode.get(code)!.inhabitants ?? NaN),
      wordCount: Math.ceil(codes.length / 32),
    };
    tables.set(atlas, table);
  }
  return table;
}

/**
 * The index of `layer` over the gemeenten of `atlas` (cached per atlas and layer).
 * Throws DataError when a member is not a gemeente of the atlas.
 */
export function layerIndex(atlas: Atlas, layer: AtlasLayer): LayerIndex {
  let perLayer = layerIndices.get(atlas);
  if (!perLayer) {
    perLayer = new WeakMap();
    layerIndices.set(atlas, perLayer);
  }
  let index = perLayer.get(layer);
  if (!index) {
    index = buildLayerIndex(municipalityTable(atlas), layer);
    perLayer.set(layer, index);
  }
  return index;
}

function buildLayerIndex(table: MunicipalityTable, layer: AtlasLayer): LayerIndex {
  const regions = [...layer.regions].sort((a, b) => compareCodes(a.code, b.code));
  const regionsOf: number[][] = table.codes.map(() => []);
  const members = regions.map((region, r) => {
    const numbers = [
      ...new Set(
        region.members.map((code) => {
          const n = table.numberOf.get(code);
          if (n === undefined) {
            throw new DataError(
              `Layer ${layer.meta.id}, region ${region.code}: member ${code} is not a known gemeente`,
            );
          }
          return n;
        }),
      ),
    ].sort((x, y) => x - y);
    for (const n of numbers) regionsOf[n]!.push(r);
    return numbers;
  });
  const setKey = new Int32Array(table.codes.length).fill(-1);
  const keyNumbers = new Map<string, number>();
  const setUnion: Uint32Array[] = [];
  const covered = new Uint32Array(table.wordCount);
  let multiMemberCount = 0;
  regionsOf.forEach((list, n) => {
    if (list.length === 0) return;
    setBit(covered, n);
    if (list.length > 1) multiMemberCount++;
    const key = list.join(',');
    let k = keyNumbers.get(key);
    if (k === undefined) {
      k = setUnion.length;
      keyNumbers.set(key, k);
      const union = new Uint32Array(table.wordCount);
      for (const r of list) for (const m of members[r]!) setBit(union, m);
      setUnion.push(union);
    }
    setKey[n] = k;
  });
  const totals = members.map((numbers): RegionTotals => {
    const people = sumWeight(table, numbers, 'inhabitants');
    return {
      count: numbers.length,
      areaKm2: sumWeight(table, numbers, 'area').total,
      inhabitants: people.total,
      unknownInhabitantsCount: people.unknownCount,
    };
  });
  return { layer, regions, members, regionsOf, setKey, setUnion, covered, multiMemberCount, totals };
}

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
 * commonCoverage(rowsIndex, partialIndex).coverage
 * // { commonCount: 4, onlyACount: 5, onlyBCount: 0, neitherCount: 0, totalCount: 9 } on the grid
 */
export function commonCoverage(a: LayerIndex, b: LayerIndex): { common: Uint32Array; coverage: CommonCoverage } {
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
export function sharedMembers(a: LayerIndex, b: LayerIndex): Map<number, number[]> {
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
export function sumWeight(table: MunicipalityTable, numbers: Iterable<number>, weight: Weight): MemberSum {
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

/** Set bit `n` of a bitset. */
export function setBit(bits: Uint32Array, n: number): void {
  bits[n >>> 5]! |= 1 << (n & 31);
}

/** Whether bit `n` of a bitset is set. */
export function hasBit(bits: Uint32Array, n: number): boolean {
  return (bits[n >>> 5]! & (1 << (n & 31))) !== 0;
}

/** Number of set bits. */
export function popcount(bits: Uint32Array): number {
  let count = 0;
  for (let word of bits) {
    // Hamming weight by parallel bit sums (Hacker's Delight, fig. 5-2).
    word -= (word >>> 1) & 0x55555555;
    word = (word & 0x33333333) + ((word >>> 2) & 0x33333333);
    count += Math.imul((word + (word >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return count;
}

/** Number of bits set in all three bitsets. */
export function popcountAnd3(a: Uint32Array, b: Uint32Array, c: Uint32Array): number {
  const words = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) words[i] = a[i]! & b[i]! & c[i]!;
  return popcount(words);
}

/** Plain code-unit order, independent of the locale (as everywhere in the output). */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
