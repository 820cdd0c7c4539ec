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
import { setBit, wordCountFor } from './bitset';
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
  /** Region code → region number. Built on first read. */
  readonly numberOfRegion: ReadonlyMap<RegionCode, number>;
  /** Per region: its member gemeente numbers, ascending, without repeats. */
  members: readonly (readonly number[])[];
  /** Per region: its number of members (typed, for counting). */
  regionSizes: Int32Array;
  /** Per gemeente number: its region numbers, ascending; empty when the layer does not cover it. Built on first read. */
  readonly regionsOf: readonly (readonly number[])[];
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
  /** Per region: the sums of its members' weights. Computed on first read. */
  readonly totals: readonly RegionTotals[];
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
  // Layer files keep their regions sorted by code, so the copy and sort are only for other sources.
  const regions = isSortedBy(layer.regions, (a, b) => compareCodes(a.code, b.code))
    ? layer.regions
    : [...layer.regions].sort((a, b) => compareCodes(a.code, b.code));
  const itemCount = index.codes.length;
  const firstRegion = new Int32Array(itemCount).fill(-1);
  const covered = new Uint32Array(index.wordCount);
  let coveredCount = 0;
  // Memberships beyond each gemeente's first region (multi-membership), in region order.
  const extraGemeenten: number[] = [];
  const extraRegions: number[] = [];
  const members = regions.map((region, r) => {
    const numbers = region.members.map((code) => {
      const n = index.numberOf.get(code);
      if (n === undefined) {
        throw new DataError(`Layer ${layer.meta.id}, region ${region.code}: member ${code} is not a known gemeente`);
      }
      return n;
    });
    // Gemeente numbers follow code order, so a layer file's sorted members are already ascending.
    if (!isSortedBy(numbers, (x, y) => x - y)) numbers.sort((x, y) => x - y);
    let kept = 0;
    for (const n of numbers) {
      if (kept > 0 && numbers[kept - 1] === n) continue; // a member listed twice
      numbers[kept++] = n;
      if (firstRegion[n] === -1) {
        firstRegion[n] = r;
        setBit(covered, n);
        coveredCount++;
      } else {
        extraGemeenten.push(n);
        extraRegions.push(r);
      }
    }
    numbers.length = kept;
    return numbers;
  });

  // Per gemeente its regions, ascending. Built on first read: the counting path of the matrix never needs it.
  let regionsOfItems: number[][] | undefined;
  const regionsOf = (): number[][] => {
    if (!regionsOfItems) {
      const lists: number[][] = Array.from(firstRegion, (r) => (r === -1 ? [] : [r]));
      extraGemeenten.forEach((n, i) => lists[n]!.push(extraRegions[i]!));
      regionsOfItems = lists;
    }
    return regionsOfItems;
  };
  // Without multi-membership a gemeente's region number is the number of its region set. With it, each
  // distinct set of regions gets a number: the single regions keep theirs, sets of several come after.
  const multiSets: (readonly number[])[] = [];
  let setKey = firstRegion;
  const multiGemeenten = new Set(extraGemeenten);
  if (multiGemeenten.size > 0) {
    setKey = Int32Array.from(firstRegion);
    const keyNumbers = new Map<string, number>();
    const lists = regionsOf();
    for (const n of multiGemeenten) {
      const list = lists[n]!;
      const key = list.join(',');
      let k = keyNumbers.get(key);
      if (k === undefined) {
        k = regions.length + multiSets.length;
        keyNumbers.set(key, k);
        multiSets.push(list);
      }
      setKey[n] = k;
    }
  }
  let setUnion: Uint32Array[] | undefined;
  const unionsOfSets = (): Uint32Array[] =>
    (setUnion ??= [...members.map((_, r) => [r]), ...multiSets].map((list) => {
      const union = new Uint32Array(index.wordCount);
      for (const r of list) for (const m of members[r]!) setBit(union, m);
      return union;
    }));
  // Region totals and the code lookup are for the panels and some statistics, not for the matrix: built on first read.
  let totals: RegionTotals[] | undefined;
  const totalsOf = (): RegionTotals[] =>
    (totals ??= members.map((numbers): RegionTotals => {
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
    }));
  let numberOfRegion: Map<RegionCode, number> | undefined;
  const model: LayerModel = {
    index,
    id: layer.meta.id,
    regions,
    get numberOfRegion() {
      return (numberOfRegion ??= new Map(regions.map((region, r) => [region.code, r])));
    },
    members,
    regionSizes: new Int32Array(members.map((numbers) => numbers.length)),
    get regionsOf() {
      return regionsOf();
    },
    firstRegion,
    setKey,
    get setUnion() {
      return unionsOfSets();
    },
    covered,
    coveredCount,
    multiMemberCount: multiGemeenten.size,
    get totals() {
      return totalsOf();
    },
    borderArcs: new Int32Array(0),
    borderBits: new Uint32Array(wordCountFor(index.internalArcs.arc.length)),
  };
  const { left, right } = index.internalArcs;
  // Local constants: `setKey` is a reassigned closure variable, which would be read through its context per arc.
  const keys = setKey;
  const bits = model.borderBits;
  const borders = new Int32Array(left.length);
  let borderCount = 0;
  for (let i = 0; i < left.length; i++) {
    if (keys[left[i]!] === keys[right[i]!]) continue; // `separates`, inlined for the arcs of a whole map
    borders[borderCount++] = i;
    setBit(bits, i);
  }
  model.borderArcs = borders.slice(0, borderCount);
  return model;
}

/** Whether `items` is in ascending order by `compare` (so sorting would not change it). */
function isSortedBy<T>(items: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < items.length; i++) if (compare(items[i - 1]!, items[i]!) > 0) return false;
  return true;
}
