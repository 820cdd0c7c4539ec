/**
 * The history results as plain tables for CSV and JSON exports and the command line: fixed snake_case column
 * names in English, codes and categories as stable identifiers, shares in [0, 1], an empty cell (null) where a
 * value is not defined. Every table of a comparison across years carries a `matching` note with the matching's
 * machine-readable method line (`MatchingMethod.summary`), so a reader knows how gemeenten were matched. The
 * cells and notes fit `toCsv` (export/csv.ts) as they are. Pure.
 */
import type { LayoutChanges, MunicipalityChange, RegionEvent, RegionRef } from './changes';
import type { MunicipalityHistory } from './gemeente-history';
import type { KindHistory } from './kind-history';
import type { Matching } from './matching';
import { METRICS } from '../stats/pair';
import type { Trend } from './trend';

/** A cell: text, a number, or null for an empty cell. */
export type HistoryCell = string | number | null;

/** A provenance note (`# key;value` in CSV). */
export interface HistoryNote {
  key: string;
  value: string;
}

/** A table with its notes. */
export interface HistoryTable {
  header: string[];
  rows: HistoryCell[][];
  notes: HistoryNote[];
}

/** The note that says how gemeenten were matched. */
export function matchingNote(matching: Pick<Matching, 'method'>): HistoryNote {
  return { key: 'matching', value: matching.method.summary };
}

/**
 * The matching, one row per (gemeente, receiving gemeente): the match itself (`is_target` 1) and, for a partial
 * match, every other receiver with its share.
 * @example matchingTable(m).rows[0] // [2016, 'GM0003', 'Appingedam', 23.93, 'identical', 2025, 'GM0003', 'Appingedam', 1, 1, 0]
 */
export function matchingTable(matching: Matching): HistoryTable {
  const rows: HistoryCell[][] = [];
  for (const m of matching.matches) {
    for (const r of m.receivers) {
      rows.push([
        matching.from.year,
        m.code,
        m.name,
        m.areaKm2,
        m.status,
        matching.to.year,
        r.code,
        r.name,
        r.share,
        r.code === m.target ? 1 : 0,
        m.hasTableShares ? 1 : 0,
      ]);
    }
  }
  return {
    header: [
      'from_year',
      'from_code',
      'from_name',
      'area_km2',
      'status',
      'to_year',
      'to_code',
      'to_name',
      'share',
      'is_target',
      'table_shares',
    ],
    rows,
    notes: [matchingNote(matching)],
  };
}

const regionNames = (regions: readonly RegionRef[]) => regions.map((r) => r.name).join(' | ');

/**
 * The changes of a layout: first one row per region event (`type` `region`, stayed regions too), then one per
 * gemeente with a change (`type` `municipality`). Several codes in a cell are joined by a space, several names by
 * ` | `; a divided gemeente's receivers are written `code:share`.
 * @example changesTable(c).rows.find((r) => r[3] === 'moved')?.slice(4, 10) // ['GM0744', 'Baarle-Nassau', 'VT21', 'West-brabant', 'VT15', 'Midden-Brabant']
 */
export function changesTable(changes: LayoutChanges): HistoryTable {
  const { from, to } = changes.matching;
  const codes = (list: readonly { code: string }[]) => list.map((x) => x.code).join(' ');
  const eventRow = (e: RegionEvent): HistoryCell[] => [
    from.year,
    to.year,
    'region',
    e.kind,
    null,
    null,
    codes(e.from),
    regionNames(e.from),
    codes(e.to),
    regionNames(e.to),
    null,
    null,
    null,
    null,
    null,
    codes(e.gained),
    codes(e.lost),
  ];
  const changeRow = (c: MunicipalityChange): HistoryCell[] => [
    from.year,
    to.year,
    'municipality',
    c.kind,
    c.code,
    c.name,
    codes(c.fromRegions),
    regionNames(c.fromRegions),
    codes(c.toRegions),
    regionNames(c.toRegions),
    c.target.code,
    c.target.name,
    codes(c.partners),
    c.receivers.map((r) => `${r.code}:${r.share.toFixed(3)}`).join(' '),
    c.isRegionKept ? 1 : 0,
    null,
    null,
  ];
  return {
    header: [
      'from_year',
      'to_year',
      'type',
      'kind',
      'code',
      'name',
      'from_regions',
      'from_region_names',
      'to_regions',
      'to_region_names',
      'target_code',
      'target_name',
      'partners',
      'receivers',
      'region_kept',
      'gained',
      'lost',
    ],
    rows: [...changes.regionEvents.map(eventRow), ...changes.municipalityChanges.map(changeRow)],
    notes: [{ key: 'layers', value: `${changes.layerA.id} -> ${changes.layerB.id}` }, matchingNote(changes.matching)],
  };
}

/**
 * A kind's history, one row per step between consecutive years with its counts and the matching used.
 * @example kindHistoryTable(h).header.slice(0, 3) // ['kind', 'from_year', 'to_year']
 */
export function kindHistoryTable(history: KindHistory): HistoryTable {
  const rows = history.steps.map((s): HistoryCell[] => {
    const c = s.changes.counts;
    return [
      history.kind,
      s.fromYear,
      s.toYear,
      s.changes.layerA.id,
      s.changes.layerB.id,
      c.regionsA,
      c.regionsB,
      c.stayed,
      c.renamed,
      c.recoded,
      c.merged,
      c.split,
      c.reorganised,
      c.new,
      c.gone,
      c.moved,
      c.mergedWithinRegion,
      c.mergedAcrossRegions,
      c.divided,
      c.joined,
      c.left,
      s.regionChangedCount,
      s.regroupedCount,
      s.changeCount,
      s.changes.matching.method.summary,
    ];
  });
  return {
    header: [
      'kind',
      'from_year',
      'to_year',
      'layer_a',
      'layer_b',
      'regions_a',
      'regions_b',
      'stayed',
      'renamed',
      'recoded',
      'merged',
      'split',
      'reorganised',
      'new',
      'gone',
      'moved',
      'merged_within_region',
      'merged_across_regions',
      'divided',
      'joined',
      'left',
      'region_changed',
      'regrouped',
      'change_count',
      'matching',
    ],
    rows,
    notes: [
      {
        key: 'matching',
        value: "per step: the earlier year's gemeenten matched by largest-area-share (column matching)",
      },
    ],
  };
}

/**
 * A trend, one row per year: every metric from A's side, and from B's side for the directional ones
 * (`<metric>_b_to_a`). Same-year comparisons: no matching (the note says so).
 * @example trendTable(t).header.slice(0, 5) // ['year', 'layer_a', 'layer_b', 'municipality_count', 'common_count']
 */
export function trendTable(trend: Trend): HistoryTable {
  const directional = METRICS.filter((m) => !m.isSymmetric);
  return {
    header: [
      'year',
      'layer_a',
      'layer_b',
      'municipality_count',
      'common_count',
      ...METRICS.map((m) => m.id.replaceAll('-', '_')),
      ...directional.map((m) => `${m.id.replaceAll('-', '_')}_b_to_a`),
    ],
    rows: trend.points.map((p) => [
      p.year,
      p.layerIdA,
      p.layerIdB,
      p.municipalityCount,
      p.commonCount,
      ...METRICS.map((m) => p.aToB[m.id]),
      ...directional.map((m) => p.bToA[m.id]),
    ]),
    notes: [{ key: 'matching', value: "none: each year compares two layers on that year's own gemeenten" }],
  };
}

/**
 * A gemeente's history: one row per (kind, year, region), a row with an empty region for the share in no region;
 * then one row per (year, holder) of its territory (`kind` empty); then one row per boundary change.
 * @example municipalityHistoryTable(h).header // ['code', 'name', 'section', 'kind', 'year', …]
 */
export function municipalityHistoryTable(history: MunicipalityHistory): HistoryTable {
  const rows: HistoryCell[][] = [];
  const base = [history.code, history.name];
  for (const y of history.years) {
    for (const h of y.holders) rows.push([...base, 'territory', null, y.year, y.status, h.code, h.name, h.share, null]);
  }
  for (const k of history.kinds) {
    for (const e of k.entries) {
      for (const r of e.regions)
        rows.push([...base, 'region', k.kind, e.year, e.layerId, r.code, r.name, r.share, null]);
      if (e.uncoveredShare > 0)
        rows.push([...base, 'region', k.kind, e.year, e.layerId, null, null, e.uncoveredShare, null]);
    }
  }
  for (const c of history.changes) {
    for (const r of c.receivers) {
      rows.push([
        ...base,
        'boundary-change',
        r.kind,
        Number(c.date.slice(0, 4)),
        c.date,
        r.code,
        `${c.name} -> ${r.name}`,
        r.areaShare,
        c.sources.join(' | '),
      ]);
    }
  }
  return {
    header: ['code', 'name', 'section', 'kind', 'year', 'detail', 'other_code', 'other_name', 'share', 'source'],
    rows,
    notes: [
      {
        key: 'matching',
        value: `largest-area-share from ${history.year} (${history.date}); areas: 2015 parts; shares: former table where divided`,
      },
    ],
  };
}
