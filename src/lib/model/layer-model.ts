/**
 * The layer model: one layer's regions and memberships in the gemeente numbers of a topology index,
 * built once per layer (on first use) and cached by the layer's regions array, so that the matrix, the map
 * geometry and every statistic share it. A what-if edit makes a new regions array and so one new model;
 * the other layers keep theirs.
 *
 * Also the one rule for "this arc is a border of that layer" (`separates`): the two gemeenten on its
 * sides have different sets of regions. In a partial layer the edge between covered and uncovered
 * gemeenten is therefore a border, and with multi-membership a gemeente in {A, B} is separated from one in {A}.
 */
import { DataError } from '../errors';
import type { LayerId, Region, RegionCode } from '../types';
import { popcount, setBit, wordCountFor } from './bitset';
import { compareCodes } from './codes';
import type { TopologyIndex } from './topology-index';

/** What a layer model is built from: a layer's id (for messages) and its regions. */
export interface LayerInput {
  meta: { id: LayerId };
  regions: readonly Region[];
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

/** One layer on the gemeente numbers of a topology index; built by `layerModel`, read by geo/ and stats/. */
export interface LayerModel {
  index: TopologyIndex;
  id: LayerId;
  /** The regions sorted by code; a region's number is its position here. */
  regions: readonly Region[];
  numberOfRegion: ReadonlyMap<RegionCode, number>;
  /** Per region: its member gemeente numbers, ascending, without repeats. */
  members: readonly (readonly number[])[];
  /** Per gemeente number: its region numbers, ascending; empty when the layer does not cover it. */
  regionsOf: readonly (readonly number[])[];
  /** Per gemeente number: its first region number, or -1 when the layer does not cover it (typed, for counting). */
  firstRegion: Int32Array;
  /**
   * Per gemeente number: the number of its region set (equal numbers exactly for equal sets), or -1
   * when it belongs to no region. With single membership this is a label of the partition.
   */
  setKey: Int32Array;
  /**
   * Per region set number: the union of the members of its regions, as a bitset. Computed on first read: only
   * congruence under multi-membership needs it, and at 14,000 gemeenten it is the model's largest part.
   */
  readonly setUnion: readonly Uint32Array[];
  /** Bitset of the gemeenten in at least one region. */
  covered: Uint32Array;
  coveredCount: number;
  /** Gemeenten in more than one region. */
  multiMemberCount: number;
  /** Per region: the sums of its members' weights. */
  totals: readonly RegionTotals[];
  /** Positions in `index.internalArcs` of the arcs that are a border of this layer (see `separates`). */
  borderArcs: Int32Array;
  /** The same arcs as a bitset over the positions of `index.internalArcs` (for intersecting two layers' borders). */
  borderBits: Uint32Array;
}

const cache = new WeakMap<TopologyIndex, WeakMap<readonly Region[], LayerModel>>();

/**
 * The model of `layer` on `index` (built on first call, then cached per index and regions array).
 * Throws DataError when a member is not a gemeente of the index.
 */
export function layerModel(index: TopologyIndex, layer: LayerInput): LayerModel {
  let perLayer = cache.get(index);
  if (!perLayer) {
    perLayer = new WeakMap();
    cache.set(index, perLayer);
  }
  let model = perLayer.get(layer.regions);
  if (!model || model.id !== layer.meta.id) {
    model = buildModel(index, layer);
    perLayer.set(layer.regions, model);
  }
  return model;
}

/**
 * Whether gemeenten number `left` and `right` lie on different sides of a border of the layer: their sets
 * of regions differ (no region at all being a set of its own). The one border rule of the atlas.
 */
export function separates(model: LayerModel, left: number, right: number): boolean {
  return model.setKey[left] !== model.setKey[right];
}

function buildModel(index: TopologyIndex, layer: LayerInput): LayerModel {
  const regions = [...layer.regions].sort((a, b) => compareCodes(a.code, b.code));
  const regionsOf: number[][] = index.codes.map(() => []);
  const members = regions.map((region, r) => {
    const numbers = [
      ...new Set(
        region.members.map((code) => {
          const n = index.numberOf.get(code);
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
  const setKey = new Int32Array(index.codes.length).fill(-1);
  const keyNumbers = new Map<string, number>();
  /** Per region set number: the region numbers of the set. */
  const sets: (readonly number[])[] = [];
  const covered = new Uint32Array(index.wordCount);
  let multiMemberCount = 0;
  regionsOf.forEach((list, n) => {
    if (list.length === 0) return;
    setBit(covered, n);
    if (list.length > 1) multiMemberCount++;
    const key = list.length === 1 ? String(list[0]) : list.join(',');
    let k = keyNumbers.get(key);
    if (k === undefined) {
      k = sets.length;
      keyNumbers.set(key, k);
      sets.push(list);
    }
    setKey[n] = k;
  });
  let setUnion: Uint32Array[] | undefined;
  const unionsOfSets = (): Uint32Array[] =>
    (setUnion ??= sets.map((list) => {
      const union = new Uint32Array(index.wordCount);
      for (const r of list) for (const m of members[r]!) setBit(union, m);
      return union;
    }));
  const totals = members.map((numbers): RegionTotals => {
    let areaKm2 = 0;
    let inhabitants = 0;
    let unknownInhabitantsCount = 0;
    for (const n of numbers) {
      areaKm2 += index.areaKm2[n]!;
      const people = index.inhabitants[n]!;
      if (Number.isNaN(people)) unknownInhabitantsCount++;
      else inhabitants += people;
    }
    return { count: numbers.length, areaKm2, inhabitants, unknownInhabitantsCount };
  });
  const model: LayerModel = {
    index,
    id: layer.meta.id,
    regions,
    numberOfRegion: new Map(regions.map((region, r) => [region.code, r])),
    members,
    regionsOf,
    firstRegion: Int32Array.from(regionsOf, (list) => list[0] ?? -1),
    setKey,
    get setUnion() {
      return unionsOfSets();
    },
    covered,
    coveredCount: popcount(covered),
    multiMemberCount,
    totals,
    borderArcs: new Int32Array(0),
    borderBits: new Uint32Array(wordCountFor(index.internalArcs.arc.length)),
  };
  const { left, right } = index.internalArcs;
  const borders: number[] = [];
  for (let i = 0; i < left.length; i++) {
    if (!separates(model, left[i]!, right[i]!)) continue;
    borders.push(i);
    setBit(model.borderBits, i);
  }
  model.borderArcs = Int32Array.from(borders);
  return model;
}
