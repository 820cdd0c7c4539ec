/**
 * Matching the gemeenten of two years (issue 10), the base of every comparison across years. Pure.
 *
 * Every gemeente of every year consists of whole 2015 gemeenten, its `parts` (types.ts, `MunicipalityProps`):
 * the data build assigns a 2015 gemeente whose territory went to several gemeenten wholly to the receiver of
 * its largest share. So a gemeente's area is the sum of its parts' 2015 areas, and each part lies in exactly one
 * gemeente of the other year. The boundary-change table (the later year's former-gemeenten list) knows better
 * for the 2015 gemeenten that were divided between the two years' dates (Haaren, 1 January 2021: Vught 39 %,
 * Oisterwijk 30.9 %, Tilburg 19.3 %, Boxtel 10.4 %): their area is divided by the table's shares of the
 * transfers dated after the earlier date and on or before the later one, scaled to sum to 1 (the table's shares
 * are measured, ± a few per cent, and a share moved before the earlier date is no longer the gemeente's).
 * Every other 2015 gemeente counts wholly where the later year's `parts` put it.
 *
 * From the resulting table of overlaps (km² of each earlier gemeente in each later one), each gemeente of the
 * `from` year is matched to the `to` gemeente holding the largest share of its area (ties: the lower code).
 * The comparison rule of the issue is to compare on the earlier year's gemeenten, so `from` is normally the
 * earlier year; the other direction reads the same table the other way round (a later gemeente matched to
 * the earlier gemeente that held most of its area). Nothing is left out: every `from` gemeente is matched.
 */
import { DataError } from '../errors';
import { compareCodes } from '../model/codes';
import type { TopologyIndex } from '../model/topology-index';
import type { FormerMunicipality, GeometryEntry, MunicipalityCode, SourceInfo } from '../types';

/**
 * What the history reads of one year's gemeenten: its geometry entry (year, id, reference date) and the index's
 * codes and properties (names, `parts`). An `Atlas` is one.
 */
export interface YearGemeenten {
  geometry: Pick<GeometryEntry, 'id' | 'year'> & { source: Pick<SourceInfo, 'referenceDate'> };
  index: Pick<TopologyIndex, 'codes' | 'properties'>;
}

/** A year as the results name it. */
export interface YearRef {
  geometryId: string;
  year: number;
  /** The date the gemeenten are those of, ISO `YYYY-MM-DD`. */
  date: string;
  municipalityCount: number;
}

/** A gemeente of the `to` year holding (part of) a matched gemeente's area. */
export interface MatchReceiver {
  code: MunicipalityCode;
  name: string;
  /** The area it holds, km². */
  areaKm2: number;
  /** That area as a share of the matched gemeente's area, in (0, 1]. */
  share: number;
}

/**
 * How a gemeente of the `from` year is matched: `identical` all its area lies in the gemeente with the same
 * code; `whole` all its area lies in one gemeente with another code (a merger or a new code); `partial` its
 * area is divided over several gemeenten (the match is the one with the largest share).
 */
export type MatchStatus = 'identical' | 'whole' | 'partial';

/** One gemeente of the `from` year and its match in the `to` year. */
export interface MunicipalityMatch {
  code: MunicipalityCode;
  name: string;
  /** Its area, km²: the sum of its 2015 parts' areas (the sum over `receivers`). */
  areaKm2: number;
  /** The 2015 gemeenten it consists of (code order). */
  parts: MunicipalityCode[];
  /** The `to` gemeente holding the largest share of its area. */
  target: MunicipalityCode;
  targetName: string;
  status: MatchStatus;
  /** Every `to` gemeente holding part of its area, largest share first (ties: code); one with share 1 unless partial. */
  receivers: MatchReceiver[];
  /** Whether the boundary-change table's shares divided (part of) its area. */
  hasTableShares: boolean;
}

/** How the matching was made, machine-readable; `describeMatchingMethod` (history/text.ts) says it in words. */
export interface MatchingMethod {
  /** Each `from` gemeente goes to the `to` gemeente that holds the largest share of its area. */
  rule: 'largest-area-share';
  /** Areas are sums of the 2015 gemeenten's areas (the 2015 map) over each gemeente's `parts`. */
  areaBasis: 'parts-2015';
  /**
   * `former-table`: the boundary-change table's shares divide the 2015 gemeenten split between the two dates;
   * `parts-only`: whole 2015 gemeenten only (no table was given, e.g. when the later year is 2015).
   */
  shares: 'former-table' | 'parts-only';
  /** `forward`: from the earlier year to the later (the comparison rule); `backward`; `same`: one year. */
  direction: 'forward' | 'backward' | 'same';
  /** The 2015 gemeenten whose area the table's shares divided (code order). */
  dividedParts: MunicipalityCode[];
  /**
   * One line for CSV and JSON, e.g.
   * `largest-area-share; 2016 (2016-01-01) -> 2025 (2025-01-01); areas: 2015 parts; shares: former table (GM0788)`.
   */
  summary: string;
}

/** The matching of every gemeente of one year to a gemeente of another. Plain data: `JSON.stringify` prints it. */
export interface Matching {
  from: YearRef;
  to: YearRef;
  method: MatchingMethod;
  /** One per `from` gemeente, in code order. */
  matches: MunicipalityMatch[];
  /** How many matches of each status; `total` = identical + whole + partial = the `from` year's gemeenten. */
  counts: { total: number; identical: number; whole: number; partial: number };
}

/**
 * The 2015 areas the matching needs, from the 2015 gemeenten (their `areaKm2`), by code.
 * @example areasOf2015(atlas2015).get('GM0788') // 57.4… (Haaren)
 */
export function areasOf2015(year2015: YearGemeenten): ReadonlyMap<MunicipalityCode, number> {
  const { codes, properties } = year2015.index;
  return new Map(codes.map((code, n) => [code, properties[n]!.areaKm2]));
}

/** The year a result names. */
function yearRef(year: YearGemeenten): YearRef {
  return {
    geometryId: year.geometry.id,
    year: year.geometry.year,
    date: year.geometry.source.referenceDate,
    municipalityCount: year.index.codes.length,
  };
}

/**
 * Match every gemeente of `from` to the gemeente of `to` holding the largest share of its area (see the
 * module comment). `areas2015` gives the 2015 gemeenten's areas (km², `areasOf2015`); `former` is the
 * former-gemeenten list of the later of the two years (null when there is none, e.g. for 2015). Cached per
 * pair of indexes (and the same `areas2015` and `former`), so the app, the CLI and exports share one matching.
 * Throws DataError when a gemeente has no `parts`, a part has no 2015 area or is missing from the other year,
 * or a transfer's receiver is not a gemeente of the later year.
 * @example
 * const m = matchMunicipalities(atlas2016, atlas2025, areasOf2015(atlas2015), former2025);
 * m.matches.find((x) => x.code === 'GM0788')?.receivers.map((r) => r.code) // Haaren: ['GM0865', 'GM0824', 'GM0855', 'GM0757']
 * m.counts // { total: 390, identical: 324, whole: 62, partial: 4 }
 */
export function matchMunicipalities(
  from: YearGemeenten,
  to: YearGemeenten,
  areas2015: ReadonlyMap<MunicipalityCode, number>,
  former: readonly FormerMunicipality[] | null,
): Matching {
  let perFrom = cache.get(from.index);
  if (!perFrom) {
    perFrom = new WeakMap();
    cache.set(from.index, perFrom);
  }
  const key = `${from.geometry.id} ${dateOf(from)} ${to.geometry.id} ${dateOf(to)}`;
  const known = perFrom.get(to.index);
  if (known && known.areas2015 === areas2015 && known.former === former && known.key === key) return known.matching;
  const matching = buildMatching(from, to, areas2015, former);
  perFrom.set(to.index, { areas2015, former, key, matching });
  return matching;
}

/**
 * A matching function over years, for the kind history and the gemeente history: `matchMunicipalities` with the
 * 2015 areas and each later year's former-gemeenten list (`formerOf(year)`, null where there is none).
 * @example const matchingOf = matcher(areasOf2015(atlas2015), (year) => formerByYear.get(year) ?? null);
 */
export function matcher(
  areas2015: ReadonlyMap<MunicipalityCode, number>,
  formerOf: (year: number) => readonly FormerMunicipality[] | null,
): (from: YearGemeenten, to: YearGemeenten) => Matching {
  return (from, to) => {
    const later = dateOf(to) >= dateOf(from) ? to : from;
    return matchMunicipalities(from, to, areas2015, formerOf(later.geometry.year));
  };
}

/**
 * The matches by `from` code (built once per matching).
 * @example matchesByCode(m).get('GM0788')?.status // 'partial'
 */
export function matchesByCode(matching: Matching): ReadonlyMap<MunicipalityCode, MunicipalityMatch> {
  let byCode = byCodeCache.get(matching);
  if (!byCode) {
    byCode = new Map(matching.matches.map((m) => [m.code, m]));
    byCodeCache.set(matching, byCode);
  }
  return byCode;
}

interface CachedMatching {
  areas2015: ReadonlyMap<MunicipalityCode, number>;
  former: readonly FormerMunicipality[] | null;
  /** Ids and dates of both years. */
  key: string;
  matching: Matching;
}

const cache = new WeakMap<object, WeakMap<object, CachedMatching>>();
const byCodeCache = new WeakMap<Matching, Map<MunicipalityCode, MunicipalityMatch>>();
const partIndexCache = new WeakMap<object, Map<MunicipalityCode, number>>();

function dateOf(year: YearGemeenten): string {
  return year.geometry.source.referenceDate;
}

/** The parts of gemeente number `n`, or a DataError naming the gemeente. */
function partsOf(year: YearGemeenten, n: number): readonly MunicipalityCode[] {
  const parts = year.index.properties[n]!.parts;
  if (!parts || parts.length === 0) {
    throw new DataError(
      `Gemeente ${year.index.codes[n]} of ${year.geometry.id} has no parts (2015 gemeenten); the topology was built without the history`,
    );
  }
  return parts;
}

/** 2015 code → the number of the gemeente of `year` that holds it. */
function partIndex(year: YearGemeenten): Map<MunicipalityCode, number> {
  let index = partIndexCache.get(year.index);
  if (!index) {
    index = new Map();
    for (let n = 0; n < year.index.codes.length; n++) {
      for (const part of partsOf(year, n)) {
        if (index.has(part)) {
          throw new DataError(`2015 gemeente ${part} is a part of two gemeenten of ${year.geometry.id}`);
        }
        index.set(part, n);
      }
    }
    partIndexCache.set(year.index, index);
  }
  return index;
}

function buildMatching(
  from: YearGemeenten,
  to: YearGemeenten,
  areas2015: ReadonlyMap<MunicipalityCode, number>,
  former: readonly FormerMunicipality[] | null,
): Matching {
  const isForward = dateOf(from) <= dateOf(to);
  const earlier = isForward ? from : to;
  const later = isForward ? to : from;
  const laterParts = partIndex(later);
  const laterNumbers = new Map(later.index.codes.map((code, n) => [code, n]));
  const formerByCode = new Map((former ?? []).map((f) => [f.code, f]));
  const dividedParts: MunicipalityCode[] = [];
  // Overlaps, km²: per earlier gemeente number, later gemeente number → area. Linear in the 2015 parts.
  const overlaps: Map<number, number>[] = earlier.index.codes.map(() => new Map());
  const isDivided = new Uint8Array(earlier.index.codes.length);
  for (let e = 0; e < earlier.index.codes.length; e++) {
    for (const part of partsOf(earlier, e)) {
      const areaKm2 = areas2015.get(part);
      if (areaKm2 === undefined) throw new DataError(`2015 gemeente ${part} (in ${earlier.geometry.id}) has no area`);
      const shares = tableShares(formerByCode.get(part), dateOf(earlier), dateOf(later), laterNumbers, later);
      if (shares) {
        dividedParts.push(part);
        isDivided[e] = 1;
        for (const [l, share] of shares) add(overlaps[e]!, l, areaKm2 * share);
      } else {
        const l = laterParts.get(part);
        if (l === undefined) {
          throw new DataError(
            `2015 gemeente ${part} (in ${earlier.geometry.id}) is in no gemeente of ${later.geometry.id}`,
          );
        }
        add(overlaps[e]!, l, areaKm2);
      }
    }
  }
  // The other direction reads the same overlaps by later gemeente.
  let rows = overlaps;
  let rowIsDivided = isDivided;
  if (!isForward) {
    rows = later.index.codes.map(() => new Map());
    rowIsDivided = new Uint8Array(later.index.codes.length);
    overlaps.forEach((row, e) => {
      for (const [l, km2] of row) {
        add(rows[l]!, e, km2);
        if (isDivided[e]) rowIsDivided[l] = 1;
      }
    });
  }
  const counts = { total: 0, identical: 0, whole: 0, partial: 0 };
  const matches = from.index.codes.map((code, n): MunicipalityMatch => {
    const receivers = [...rows[n]!]
      .map(([t, km2]) => ({ code: to.index.codes[t]!, name: to.index.properties[t]!.name, areaKm2: km2, share: 0 }))
      .sort((a, b) => b.areaKm2 - a.areaKm2 || compareCodes(a.code, b.code));
    const areaKm2 = receivers.reduce((sum, r) => sum + r.areaKm2, 0);
    for (const r of receivers) r.share = areaKm2 > 0 ? r.areaKm2 / areaKm2 : 1 / receivers.length;
    const first = receivers[0];
    if (!first) {
      // Only when the table sends all of a gemeente's 2015 parts elsewhere than its parts say.
      throw new DataError(
        `Gemeente ${code} of ${from.geometry.id} holds no area of a gemeente of ${to.geometry.id}: its parts and the boundary-change table disagree`,
      );
    }
    const status: MatchStatus = receivers.length > 1 ? 'partial' : first.code === code ? 'identical' : 'whole';
    counts.total++;
    counts[status]++;
    return {
      code,
      name: from.index.properties[n]!.name,
      areaKm2,
      parts: [...partsOf(from, n)],
      target: first.code,
      targetName: first.name,
      status,
      receivers,
      hasTableShares: rowIsDivided[n] === 1,
    };
  });
  const fromRef = yearRef(from);
  const toRef = yearRef(to);
  dividedParts.sort(compareCodes);
  const direction = dateOf(from) === dateOf(to) ? 'same' : isForward ? 'forward' : 'backward';
  const shares = former ? 'former-table' : 'parts-only';
  return {
    from: fromRef,
    to: toRef,
    method: {
      rule: 'largest-area-share',
      areaBasis: 'parts-2015',
      shares,
      direction,
      dividedParts,
      summary: [
        'largest-area-share',
        `${fromRef.year} (${fromRef.date}) -> ${toRef.year} (${toRef.date})`,
        'areas: 2015 parts',
        shares === 'former-table'
          ? `shares: former table (${dividedParts.length > 0 ? dividedParts.join(' ') : 'none divided'})`
          : 'shares: 2015 parts only',
      ].join('; '),
    },
    matches,
    counts,
  };
}

function add(row: Map<number, number>, key: number, km2: number): void {
  row.set(key, (row.get(key) ?? 0) + km2);
}

/**
 * The table's division of a 2015 gemeente between the two dates: its transfers dated after `earlierDate` and
 * on or before `laterDate`, by receiver (a gemeente of the later year), scaled to sum to 1; null when they go
 * to one receiver or none (then it counts wholly where the later year's parts put it, which is that receiver:
 * the build puts a 2015 gemeente in the receiver of its largest share).
 */
function tableShares(
  former: FormerMunicipality | undefined,
  earlierDate: string,
  laterDate: string,
  laterNumbers: ReadonlyMap<MunicipalityCode, number>,
  later: YearGemeenten,
): Map<number, number> | null {
  if (!former) return null;
  const inWindow = former.transfers.filter((t) => t.date > earlierDate && t.date <= laterDate);
  if (inWindow.length === 0) return null;
  const total = inWindow.reduce((sum, t) => sum + t.areaShare, 0);
  const shares = new Map<number, number>();
  for (const t of inWindow) {
    const l = laterNumbers.get(t.code);
    if (l === undefined) {
      throw new DataError(
        `Former gemeente ${former.code} ${former.name}: receiver ${t.code} is not a gemeente of ${later.geometry.id}`,
      );
    }
    add(shares, l, t.areaShare / total);
  }
  return shares.size > 1 ? shares : null;
}
