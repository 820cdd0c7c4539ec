/**
 * A gemeente through the years (issue 10), for its profile: in every year of the atlas, which gemeente(s) held
 * its territory (itself, a gemeente it later merged into, the gemeenten it was formed from); per kind of layout
 * its region(s) in every year that kind exists; and the boundary changes it went through (mergers, splits,
 * renames, boundary corrections) with date, kind and source. Years are linked by the matching of
 * `matching.ts` from the gemeente's own year, so shares follow the 2015 parts and the boundary-change table. Pure.
 */
import { DataError } from '../errors';
import { compareCodes } from '../model/codes';
import type {
  FormerChangeKind,
  FormerMunicipality,
  FormerStep,
  LayerId,
  LocalizedText,
  MunicipalityCode,
  Region,
  RegionCode,
} from '../types';
import { layerOfKind, listKinds, type TimelineYear } from './kind-history';
import { matchesByCode, type Matching, type YearGemeenten } from './matching';

/**
 * How the gemeente's territory lay in a year: `same` one gemeente, itself; `renamed` one gemeente with the same
 * territory under another code; `enlarged` one gemeente with its code and more territory (others merged into it);
 * `merged` one gemeente with another code and more territory (it merged into that one); `several` divided over
 * several gemeenten (before its own year: it was formed from them; after: it was split).
 */
export type MunicipalityYearStatus = 'same' | 'renamed' | 'enlarged' | 'merged' | 'several';

/** A gemeente of some year holding part of the gemeente's territory. */
export interface TerritoryHolder {
  code: MunicipalityCode;
  name: string;
  /** The gemeente's area it holds, km². */
  areaKm2: number;
  /** Share of the gemeente's area it holds, in (0, 1]. */
  share: number;
}

/** The gemeente's territory in one year. */
export interface MunicipalityYear {
  year: number;
  /** The gemeenten's date of that year, ISO. */
  date: string;
  status: MunicipalityYearStatus;
  /** Before the gemeente's own year. */
  isBefore: boolean;
  /** Largest share first (ties: code). */
  holders: TerritoryHolder[];
}

/** A region holding part of the gemeente's territory in a year. */
export interface RegionShare {
  code: RegionCode;
  name: string;
  /** Share of the gemeente's area in that region's gemeenten (with multi-membership shares add up to more than 1). */
  share: number;
}

/** A kind of layout's regions for the gemeente in every year the kind exists. */
export interface KindTimeline {
  kind: string;
  name: LocalizedText;
  regionNoun: LocalizedText;
  entries: {
    year: number;
    layerId: LayerId;
    /** Largest share first (ties: code). */
    regions: RegionShare[];
    /** Share of its area in gemeenten the layer does not cover. */
    uncoveredShare: number;
  }[];
}

/** A receiver of a boundary change, as a gemeente of the newest year. */
export interface BoundaryReceiver {
  code: MunicipalityCode;
  name: string;
  kind: FormerChangeKind;
  areaShare: number;
  /** Intermediate gemeenten when the first receiver was merged later. */
  via: FormerStep[];
}

/** A former gemeente's transfers on one date that touched the gemeente's territory. */
export interface BoundaryChange {
  /** The gemeente that ceased (or lost territory). */
  code: MunicipalityCode;
  name: string;
  /** ISO `YYYY-MM-DD`. */
  date: string;
  /** Kinds of its transfers on that date (transfer order, without repeats). */
  kinds: FormerChangeKind[];
  receivers: BoundaryReceiver[];
  /** The sources of the transfers, without repeats. */
  sources: string[];
  /** Before or on the gemeente's own date. */
  isBefore: boolean;
}

/** A gemeente's history. Plain data. */
export interface MunicipalityHistory {
  code: MunicipalityCode;
  name: string;
  year: number;
  date: string;
  /** Every year given, oldest first. */
  years: MunicipalityYear[];
  /** Per kind of layout (order of `listKinds`). */
  kinds: KindTimeline[];
  /** Oldest first (then code). */
  changes: BoundaryChange[];
}

/**
 * The history of gemeente `code` of year `year` over `years` (atlases will do). `matchingOf(from, to)` gives a
 * matching (`matcher` in matching.ts); `former` is the former-gemeenten list of the newest year (null: no
 * boundary changes listed). Throws DataError when `year` is not among `years` or has no gemeente `code`.
 * @example
 * const h = computeMunicipalityHistory(atlases, 2016, 'GM0788', matchingOf, former2025); // Haaren
 * h.years.find((y) => y.year === 2025)?.status // 'several': divided over Vught, Oisterwijk, Tilburg and Boxtel
 * h.changes[0]?.kinds // ['split']
 */
export function computeMunicipalityHistory(
  years: readonly TimelineYear[],
  year: number,
  code: MunicipalityCode,
  matchingOf: (from: YearGemeenten, to: YearGemeenten) => Matching,
  former: readonly FormerMunicipality[] | null,
): MunicipalityHistory {
  const sorted = [...years].sort((a, b) => a.geometry.year - b.geometry.year);
  const own = sorted.find((y) => y.geometry.year === year);
  if (!own) throw new DataError(`No gemeenten of ${year} (years: ${sorted.map((y) => y.geometry.year).join(', ')})`);
  const n = own.index.codes.indexOf(code);
  if (n < 0) throw new DataError(`${code} is not a gemeente of ${own.geometry.id}`);
  const ownParts = own.index.properties[n]!.parts ?? [code];
  const ownDate = own.geometry.source.referenceDate;

  const yearEntries = sorted.map((other): MunicipalityYear => {
    const date = other.geometry.source.referenceDate;
    const isBefore = other.geometry.year < year;
    const match = matchesByCode(matchingOf(own, other)).get(code)!;
    const holders = match.receivers.map((r) => ({ code: r.code, name: r.name, areaKm2: r.areaKm2, share: r.share }));
    if (other === own) return { year, date, status: 'same', isBefore, holders };
    return { year: other.geometry.year, date, status: statusOf(code, ownParts, holders, other), isBefore, holders };
  });

  const kinds = listKinds(sorted).map((span): KindTimeline => {
    const entries: KindTimeline['entries'] = [];
    sorted.forEach((other, i) => {
      const layer = layerOfKind(other, span.kind);
      if (!layer) return;
      const regionsOf = membership(layer.regions);
      // Areas summed first and divided once, so that whole shares come out as exactly 1.
      const areas = new Map<Region, number>();
      let uncoveredKm2 = 0;
      let totalKm2 = 0;
      for (const holder of yearEntries[i]!.holders) {
        const regions = regionsOf.get(holder.code) ?? [];
        totalKm2 += holder.areaKm2;
        if (regions.length === 0) uncoveredKm2 += holder.areaKm2;
        for (const region of regions) areas.set(region, (areas.get(region) ?? 0) + holder.areaKm2);
      }
      const shareOf = (km2: number) => (totalKm2 > 0 ? km2 / totalKm2 : 0);
      entries.push({
        year: other.geometry.year,
        layerId: layer.meta.id,
        regions: [...areas]
          .map(([region, km2]) => ({ code: region.code, name: region.name, share: shareOf(km2) }))
          .sort((x, y) => y.share - x.share || compareCodes(x.code, y.code)),
        uncoveredShare: shareOf(uncoveredKm2),
      });
    });
    return { kind: span.kind, name: span.name, regionNoun: span.regionNoun, entries };
  });

  // Every gemeente that ever held part of its territory, and its 2015 parts: the changes that touched them.
  const lineage = new Set<MunicipalityCode>([
    code,
    ...ownParts,
    ...yearEntries.flatMap((y) => y.holders.map((h) => h.code)),
  ]);
  const newest = sorted[sorted.length - 1]!;
  const changes = boundaryChanges(former ?? [], lineage, ownDate, newest);

  return {
    code,
    name: own.index.properties[n]!.name,
    year,
    date: ownDate,
    years: yearEntries,
    kinds,
    changes,
  };
}

function statusOf(
  code: MunicipalityCode,
  ownParts: readonly MunicipalityCode[],
  holders: readonly TerritoryHolder[],
  other: YearGemeenten,
): MunicipalityYearStatus {
  if (holders.length !== 1) return 'several';
  const holder = holders[0]!;
  const m = other.index.codes.indexOf(holder.code);
  const parts = other.index.properties[m]?.parts ?? [holder.code];
  const isSameTerritory = parts.length === ownParts.length && parts.every((p, i) => p === ownParts[i]);
  if (holder.code === code) return isSameTerritory ? 'same' : 'enlarged';
  return isSameTerritory ? 'renamed' : 'merged';
}

/** Per gemeente code, its regions (built once per regions array). */
function membership(regions: readonly Region[]): Map<MunicipalityCode, Region[]> {
  let byMember = membershipCache.get(regions);
  if (!byMember) {
    byMember = new Map();
    for (const region of regions) {
      for (const member of region.members) {
        const list = byMember.get(member);
        if (!list) byMember.set(member, [region]);
        else if (!list.includes(region)) list.push(region);
      }
    }
    membershipCache.set(regions, byMember);
  }
  return byMember;
}

const membershipCache = new WeakMap<readonly Region[], Map<MunicipalityCode, Region[]>>();

/**
 * The transfers of `former` that touched `lineage`: from a gemeente of it, or to one (also through an
 * intermediate gemeente), grouped per former gemeente and date.
 */
function boundaryChanges(
  former: readonly FormerMunicipality[],
  lineage: ReadonlySet<MunicipalityCode>,
  ownDate: string,
  newest: YearGemeenten,
): BoundaryChange[] {
  const nameOf = (code: MunicipalityCode) => {
    const n = newest.index.codes.indexOf(code);
    return n >= 0 ? newest.index.properties[n]!.name : code;
  };
  const changes: BoundaryChange[] = [];
  for (const f of former) {
    const dates = [...new Set(f.transfers.map((t) => t.date))];
    for (const date of dates) {
      const transfers = f.transfers.filter((t) => t.date === date);
      const isTouched =
        lineage.has(f.code) ||
        transfers.some((t) => lineage.has(t.code) || (t.via ?? []).some((step) => lineage.has(step.code)));
      if (!isTouched) continue;
      changes.push({
        code: f.code,
        name: f.name,
        date,
        kinds: [...new Set(transfers.map((t) => t.kind))],
        receivers: transfers.map((t) => ({
          code: t.code,
          name: nameOf(t.code),
          kind: t.kind,
          areaShare: t.areaShare,
          via: t.via ?? [],
        })),
        sources: [...new Set(transfers.flatMap((t) => t.source.split(' | ')))],
        isBefore: date <= ownDate,
      });
    }
  }
  return changes.sort((x, y) => compareCodes(x.date, y.date) || compareCodes(x.code, y.code));
}
