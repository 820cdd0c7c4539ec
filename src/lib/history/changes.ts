/**
 * What changed in a layout between two years (issue 10): the regions that stayed, were renamed or recoded,
 * merged, split, were reorganised, are new or gone, and every gemeente whose region changed, told apart from
 * one that only merged with a neighbour inside its region. Compared on the earlier year's gemeenten (the
 * matching's `from` year): each takes the later region(s) of its match. Pure.
 *
 * Regions are linked by where most of their area goes: a region's successor is the later region holding the
 * largest share of its gemeenten's area, a later region's predecessor the earlier region that gave it the most
 * (ties: more gemeenten, then the lower code). Regions joined by these links form a family:
 * - one earlier and one later region: the region continued (`stayed`, `renamed` when its name changed,
 *   `recoded` when its code did; gemeenten may have come or gone, see `hasSameMembers`);
 * - several earlier, one later: `merged`; one earlier, several later: `split`; several of each: `reorganised`;
 * - no earlier region (its gemeenten were in none): `new`; no later region: `gone`.
 * A gemeente keeps its region when its later region(s) lie in the family of its earlier region(s): following
 * a merger or split of its region is no move. Otherwise it `moved` (or `joined` or `left` the layout). A gemeente
 * in no region in either year is not listed, whatever happened to it.
 */
import { DataError } from '../errors';
import { compareCodes } from '../model/codes';
import type { LayerId, LocalizedText, MunicipalityCode, Region, RegionCode } from '../types';
import type { Matching, MatchingMethod, MunicipalityMatch, YearRef } from './matching';
import type { HistoryLayer } from './projection';

/** A gemeente named in a result. */
export interface MunicipalityRef {
  code: MunicipalityCode;
  name: string;
}

/** A region named in a result, with its number of gemeenten in its own year. */
export interface RegionRef {
  code: RegionCode;
  name: string;
  memberCount: number;
}

/** What happened to a family of regions (see the module comment). */
export type RegionEventKind = 'stayed' | 'renamed' | 'recoded' | 'merged' | 'split' | 'reorganised' | 'new' | 'gone';

/** One family of regions: the earlier regions and the later regions that continue them. */
export interface RegionEvent {
  kind: RegionEventKind;
  /** Regions of the earlier year (code order); empty for `new`. */
  from: RegionRef[];
  /** Regions of the later year (code order); empty for `gone`. */
  to: RegionRef[];
  /** One region to one: its name changed (also when its code changed too; then `kind` is `recoded`). */
  isRenamed: boolean;
  /** One region to one: its code changed. */
  isRecoded: boolean;
  /** The earlier gemeenten of `from` are exactly those matched into `to`. */
  hasSameMembers: boolean;
  /** Earlier gemeenten matched into `to` that were not in `from` (code order). */
  gained: MunicipalityRef[];
  /** Earlier gemeenten of `from` not matched into `to` (code order). */
  lost: MunicipalityRef[];
}

/**
 * What happened to an earlier gemeente:
 * - `moved`: its region changed (not by a merger or split of its region), possibly merged with gemeenten of its
 *   own region that moved along (`partners`);
 * - `merged-within-region`: it merged with gemeenten of its own region and kept its region;
 * - `merged-across-regions`: it merged with a gemeente of another region (`isRegionKept` says whether its own
 *   region is the merged gemeente's);
 * - `divided`: its area was divided over several later gemeenten; it counts with the largest share (`target`);
 * - `renamed`: it continues alone under another code (and name);
 * - `joined`: in no region before, in one now; `left`: in one before, in none now.
 */
export type MunicipalityChangeKind =
  'moved' | 'merged-within-region' | 'merged-across-regions' | 'divided' | 'renamed' | 'joined' | 'left';

/** A later gemeente holding part of a divided gemeente, with its region(s). */
export interface DividedReceiver extends MunicipalityRef {
  share: number;
  regions: RegionRef[];
}

/** An earlier gemeente whose region or identity changed. */
export interface MunicipalityChange extends MunicipalityRef {
  kind: MunicipalityChangeKind;
  /** Its match in the later year. */
  target: MunicipalityRef;
  /** Other earlier gemeenten matched wholly to the same later gemeente: those it merged with (code order; none when divided). */
  partners: MunicipalityRef[];
  /** Its regions in the earlier year, and its match's in the later year (code order). */
  fromRegions: RegionRef[];
  toRegions: RegionRef[];
  /** Its later region(s) continue its earlier region(s) (the same family), or it was in none in both years. */
  isRegionKept: boolean;
  /** For `divided`: every later gemeente holding part of it, largest share first; otherwise empty. */
  receivers: DividedReceiver[];
}

/** A layer as a result names it. */
export interface LayerRefInYear {
  id: LayerId;
  kind: string;
  year: number;
  name: LocalizedText;
  regionNoun: LocalizedText;
}

/** Counts of a comparison, for summaries and exports. */
export interface LayoutChangeCounts {
  regionsA: number;
  regionsB: number;
  stayed: number;
  renamed: number;
  recoded: number;
  merged: number;
  split: number;
  reorganised: number;
  new: number;
  gone: number;
  moved: number;
  mergedWithinRegion: number;
  mergedAcrossRegions: number;
  divided: number;
  renamedMunicipalities: number;
  joined: number;
  left: number;
  /** Region events other than `stayed`. */
  regionEventCount: number;
  /** Earlier gemeenten whose region is not kept. */
  regionChangedCount: number;
  /**
   * Earlier gemeenten whose fellow gemeenten changed: the other gemeenten of their region(s) before differ from
   * those matched into their region(s) after (a merger of two regions regroups all their gemeenten, a rename none).
   */
  regroupedCount: number;
}

/** Everything that changed in a layout from layer A (earlier) to layer B. Plain data. */
export interface LayoutChanges {
  layerA: LayerRefInYear;
  layerB: LayerRefInYear;
  /** The matching used (without the matches themselves). */
  matching: { from: YearRef; to: YearRef; method: MatchingMethod; counts: Matching['counts'] };
  /** One per family of regions, in order of their first region's code (earlier regions first). */
  regionEvents: RegionEvent[];
  /** One per earlier gemeente with a change, in code order. */
  municipalityChanges: MunicipalityChange[];
  counts: LayoutChangeCounts;
}

/**
 * What changed from `layerA` (on the matching's `from` gemeenten) to `layerB` (on its `to` gemeenten), compared
 * on the earlier gemeenten. Throws DataError when a layer is not on the matching's year or the matching runs
 * backward in time (compare on the earlier year's gemeenten).
 * @example
 * const c = computeLayoutChanges(vt2022, vt2023, matchMunicipalities(atlas2022, atlas2023, areas, former2023));
 * c.regionEvents.find((e) => e.kind === 'merged')?.to[0]?.name // 'Oost-Brabant'
 * c.municipalityChanges.filter((m) => m.kind === 'moved').map((m) => m.name) // ['Baarle-Nassau', 'Alphen-Chaam']
 */
export function computeLayoutChanges(layerA: HistoryLayer, layerB: HistoryLayer, matching: Matching): LayoutChanges {
  if (layerA.meta.geometryId !== matching.from.geometryId || layerB.meta.geometryId !== matching.to.geometryId) {
    throw new DataError(
      `Layers ${layerA.meta.id} and ${layerB.meta.id} are not on ${matching.from.geometryId} and ${matching.to.geometryId}, the years of the matching`,
    );
  }
  if (matching.method.direction === 'backward') {
    throw new DataError(
      `Changes are compared on the earlier year's gemeenten: ${matching.from.year} is later than ${matching.to.year}`,
    );
  }
  const a = indexRegions(layerA.regions);
  const b = indexRegions(layerB.regions);
  const nA = a.regions.length;
  const nB = b.regions.length;
  const { matches } = matching;
  // Per earlier gemeente: its regions (A) and its match's regions (B), as region numbers.
  const regionsA = matches.map((m) => a.of.get(m.code) ?? []);
  const regionsB = matches.map((m) => b.of.get(m.target) ?? []);

  // Area and count of every linked region pair, then successors and predecessors.
  const pairArea = new Map<number, number>();
  const pairCount = new Map<number, number>();
  matches.forEach((m, g) => {
    for (const ra of regionsA[g]!) {
      for (const rb of regionsB[g]!) {
        const key = ra * nB + rb;
        pairArea.set(key, (pairArea.get(key) ?? 0) + m.areaKm2);
        pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
      }
    }
  });
  const successor = new Int32Array(nA).fill(-1);
  const predecessor = new Int32Array(nB).fill(-1);
  const better = (key: number, bestKey: number, code: string, bestCode: string) =>
    pairArea.get(key)! - pairArea.get(bestKey)! ||
    pairCount.get(key)! - pairCount.get(bestKey)! ||
    -compareCodes(code, bestCode);
  for (const key of pairArea.keys()) {
    const ra = Math.floor(key / nB);
    const rb = key % nB;
    const s = successor[ra]!;
    if (s === -1 || better(key, ra * nB + s, b.regions[rb]!.code, b.regions[s]!.code) > 0) successor[ra] = rb;
    const p = predecessor[rb]!;
    if (p === -1 || better(key, p * nB + rb, a.regions[ra]!.code, a.regions[p]!.code) > 0) predecessor[rb] = ra;
  }

  // Families: union-find over A regions (0…nA−1) and B regions (nA…nA+nB−1).
  const parent = Int32Array.from({ length: nA + nB }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const union = (i: number, j: number) => {
    const ri = find(i);
    const rj = find(j);
    if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
  };
  successor.forEach((rb, ra) => rb >= 0 && union(ra, nA + rb));
  predecessor.forEach((ra, rb) => ra >= 0 && union(ra, nA + rb));

  const refA = (r: number): RegionRef => regionRef(a.regions[r]!);
  const refB = (r: number): RegionRef => regionRef(b.regions[r]!);
  const municipality = (g: number): MunicipalityRef => ({ code: matches[g]!.code, name: matches[g]!.name });

  // Members of each family on the earlier gemeenten: before (in an A region) and after (matched into a B region).
  const families = new Map<number, { a: number[]; b: number[]; before: Set<number>; after: Set<number> }>();
  const familyOf = (root: number) => {
    let family = families.get(root);
    if (!family) families.set(root, (family = { a: [], b: [], before: new Set(), after: new Set() }));
    return family;
  };
  for (let r = 0; r < nA; r++) familyOf(find(r)).a.push(r);
  for (let r = 0; r < nB; r++) familyOf(find(nA + r)).b.push(r);
  matches.forEach((_, g) => {
    for (const ra of regionsA[g]!) familyOf(find(ra)).before.add(g);
    for (const rb of regionsB[g]!) familyOf(find(nA + rb)).after.add(g);
  });

  const regionEvents: RegionEvent[] = [...families.values()].map((family) => {
    const from = family.a.map(refA);
    const to = family.b.map(refB);
    const gained = [...family.after].filter((g) => !family.before.has(g)).sort((x, y) => x - y);
    const lost = [...family.before].filter((g) => !family.after.has(g)).sort((x, y) => x - y);
    const isOneToOne = from.length === 1 && to.length === 1;
    const isRecoded = isOneToOne && from[0]!.code !== to[0]!.code;
    const isRenamed = isOneToOne && from[0]!.name !== to[0]!.name;
    return {
      kind: eventKind(from.length, to.length, isRecoded, isRenamed),
      from,
      to,
      isRenamed,
      isRecoded,
      hasSameMembers: gained.length === 0 && lost.length === 0,
      gained: gained.map(municipality),
      lost: lost.map(municipality),
    };
  });
  regionEvents.sort((x, y) => {
    const first = (e: RegionEvent) => (e.from[0] ? `0${e.from[0].code}` : `1${e.to[0]?.code ?? ''}`);
    return compareCodes(first(x), first(y));
  });

  // Earlier gemeenten matched wholly to each later gemeente: the partners of a merger. A divided gemeente is no
  // partner (only part of it went there); it lists its receivers instead.
  const byTarget = new Map<MunicipalityCode, number[]>();
  matches.forEach((m, g) => {
    if (m.status === 'partial') return;
    const list = byTarget.get(m.target);
    if (list) list.push(g);
    else byTarget.set(m.target, [g]);
  });
  const sameList = (x: readonly number[], y: readonly number[]) =>
    x.length === y.length && x.every((v, i) => v === y[i]);
  const municipalityChanges: MunicipalityChange[] = [];
  let regionChangedCount = 0;
  matches.forEach((m, g) => {
    const ra = regionsA[g]!;
    const rb = regionsB[g]!;
    const familiesA = [...new Set(ra.map((r) => find(r)))].sort((x, y) => x - y);
    const familiesB = [...new Set(rb.map((r) => find(nA + r)))].sort((x, y) => x - y);
    const isRegionKept = sameList(familiesA, familiesB);
    if (!isRegionKept) regionChangedCount++;
    const partners = m.status === 'partial' ? [] : byTarget.get(m.target)!.filter((p) => p !== g);
    const hasPartnerElsewhere = partners.some((p) => !sameList(regionsA[p]!, ra));
    const kind = changeKind(m, ra.length, rb.length, hasPartnerElsewhere, isRegionKept, partners.length);
    if (!kind) return;
    municipalityChanges.push({
      code: m.code,
      name: m.name,
      kind,
      target: { code: m.target, name: m.targetName },
      partners: partners.map(municipality),
      fromRegions: ra.map(refA),
      toRegions: rb.map(refB),
      isRegionKept,
      receivers:
        kind === 'divided'
          ? m.receivers.map((r) => ({
              code: r.code,
              name: r.name,
              share: r.share,
              regions: (b.of.get(r.code) ?? []).map(refB),
            }))
          : [],
    });
  });

  // Regrouped gemeenten: compare the union of a gemeente's regions before with the union after (on the earlier
  // gemeenten), once per distinct pair of region sets.
  const membersA: number[][] = a.regions.map(() => []);
  const membersB: number[][] = b.regions.map(() => []);
  matches.forEach((_, g) => {
    for (const r of regionsA[g]!) membersA[r]!.push(g);
    for (const r of regionsB[g]!) membersB[r]!.push(g);
  });
  const unionOf = (members: readonly (readonly number[])[], regions: readonly number[]) =>
    regions.length === 1
      ? members[regions[0]!]!
      : [...new Set(regions.flatMap((r) => members[r]!))].sort((x, y) => x - y);
  const isSameGroup = new Map<string, boolean>();
  let regroupedCount = 0;
  matches.forEach((_, g) => {
    const key = `${regionsA[g]!.join(',')}|${regionsB[g]!.join(',')}`;
    let same = isSameGroup.get(key);
    if (same === undefined) {
      same = sameList(unionOf(membersA, regionsA[g]!), unionOf(membersB, regionsB[g]!));
      isSameGroup.set(key, same);
    }
    if (!same) regroupedCount++;
  });

  return {
    layerA: layerRef(layerA),
    layerB: layerRef(layerB),
    matching: { from: matching.from, to: matching.to, method: matching.method, counts: matching.counts },
    regionEvents,
    municipalityChanges,
    counts: countChanges(nA, nB, regionEvents, municipalityChanges, regionChangedCount, regroupedCount),
  };
}

/** The change of one earlier gemeente (see `MunicipalityChangeKind`), or null when there is none to tell. */
function changeKind(
  match: MunicipalityMatch,
  regionCountA: number,
  regionCountB: number,
  hasPartnerElsewhere: boolean,
  isRegionKept: boolean,
  partnerCount: number,
): MunicipalityChangeKind | null {
  // In no region before and after: whatever happened to the gemeente, the layout did not change for it.
  if (regionCountA === 0 && regionCountB === 0) return null;
  if (match.status === 'partial') return 'divided';
  if (regionCountA === 0) return 'joined';
  if (regionCountB === 0) return 'left';
  if (hasPartnerElsewhere) return 'merged-across-regions';
  if (!isRegionKept) return 'moved';
  if (partnerCount > 0) return 'merged-within-region';
  return match.target !== match.code ? 'renamed' : null;
}

function eventKind(fromCount: number, toCount: number, isRecoded: boolean, isRenamed: boolean): RegionEventKind {
  if (fromCount === 0) return 'new';
  if (toCount === 0) return 'gone';
  if (fromCount > 1 && toCount > 1) return 'reorganised';
  if (fromCount > 1) return 'merged';
  if (toCount > 1) return 'split';
  return isRecoded ? 'recoded' : isRenamed ? 'renamed' : 'stayed';
}

function countChanges(
  regionsA: number,
  regionsB: number,
  events: readonly RegionEvent[],
  changes: readonly MunicipalityChange[],
  regionChangedCount: number,
  regroupedCount: number,
): LayoutChangeCounts {
  const ofEvent = (kind: RegionEventKind) => events.filter((e) => e.kind === kind).length;
  const ofChange = (kind: MunicipalityChangeKind) => changes.filter((c) => c.kind === kind).length;
  return {
    regionsA,
    regionsB,
    stayed: ofEvent('stayed'),
    renamed: ofEvent('renamed'),
    recoded: ofEvent('recoded'),
    merged: ofEvent('merged'),
    split: ofEvent('split'),
    reorganised: ofEvent('reorganised'),
    new: ofEvent('new'),
    gone: ofEvent('gone'),
    moved: ofChange('moved'),
    mergedWithinRegion: ofChange('merged-within-region'),
    mergedAcrossRegions: ofChange('merged-across-regions'),
    divided: ofChange('divided'),
    renamedMunicipalities: ofChange('renamed'),
    joined: ofChange('joined'),
    left: ofChange('left'),
    regionEventCount: events.length - ofEvent('stayed'),
    regionChangedCount,
    regroupedCount,
  };
}

/** A layer's regions in code order, and per gemeente its region numbers (ascending). */
function indexRegions(input: readonly Region[]): { regions: Region[]; of: Map<MunicipalityCode, number[]> } {
  const regions = [...input].sort((x, y) => compareCodes(x.code, y.code));
  const of = new Map<MunicipalityCode, number[]>();
  regions.forEach((region, r) => {
    for (const code of region.members) {
      const list = of.get(code);
      if (!list) of.set(code, [r]);
      else if (list[list.length - 1] !== r) list.push(r);
    }
  });
  return { regions, of };
}

function regionRef(region: Region): RegionRef {
  return { code: region.code, name: region.name, memberCount: region.members.length };
}

/** A layer as a result names it. */
export function layerRef(layer: HistoryLayer): LayerRefInYear {
  const { id, kind, year, name, regionNoun } = layer.meta;
  return { id, kind, year, name, regionNoun };
}
