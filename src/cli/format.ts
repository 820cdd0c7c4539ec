/**
 * Pure formatting for the `atlas` command-line interface: JSON shapes, plain-text tables and CSV. The sentences
 * of `changes` and `trend` are the app's (history/text.ts), their CSV the app's tables (history/tables.ts).
 * Kept apart from the file reading in `atlas.ts` so it can be tested without files or processes.
 */
import type { YearSummary } from '../lib/data/assemble';
import type { Atlas, Municipality } from '../lib/data/atlas';
import type { LayerRegions } from '../lib/data/lookup';
import { toCsv as writeCsv } from '../lib/export/csv';
import type { ExportTable } from '../lib/export/tables';
import type { LayoutChanges } from '../lib/history/changes';
import { changesTable, trendTable, type HistoryTable } from '../lib/history/tables';
import { trendSeries, type Trend, type TrendValue } from '../lib/history/trend';
import {
  describeMatchingCounts,
  describeMatchingMethod,
  describeMunicipalityChanges,
  describeRegionEvent,
  describeTrend,
  summarizeLayoutChanges,
} from '../lib/history/text';
import type { Lang } from '../lib/i18n/messages';
import type { BuildingBlocks, LayerRegionCodes, LayerSetCoverage } from '../lib/stats/blocks';
import { describeComparison } from '../lib/stats/describe';
import type { Weight } from '../lib/stats/sets';
import type { MetricMatrix } from '../lib/stats/matrix';
import type { MultiCongruence } from '../lib/stats/multi-congruence';
import type { Nestedness } from '../lib/stats/nestedness';
import { METRICS, type LayerComparison, type MetricId } from '../lib/stats/pair';
import type { RegionMatch } from '../lib/stats/region-pairs';

/** One column of a text table. */
export interface Column {
  header: string;
  /** Numbers read best right-aligned. */
  align?: 'left' | 'right';
}

/**
 * A plain-text table: header (aligned like its column), a line of dashes, then the rows; columns two spaces apart, padded to
 * the widest cell (by code points, so "é" counts as one), no trailing spaces.
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const width = (s: string): number => [...s].length;
  const widths = columns.map((column, i) => Math.max(width(column.header), ...rows.map((row) => width(row[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const pad = ' '.repeat(widths[i]! - width(cell));
        return column.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return (
    [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n'
  );
}

/** A layer as `atlas layers --json` prints it. */
export interface LayerSummary {
  id: string;
  name: string;
  regionCount: number;
  /** Gemeenten in at least one region. */
  coveredCount: number;
  /** Gemeenten of the geometry the layer refers to. */
  municipalityCount: number;
  /** Gemeenten in more than one region (multi-membership). */
  multiMemberCount: number;
  isComplete: boolean;
  source: string;
  referenceDate: string;
}

/** The layers of the atlas in registry order, summarised (English names). */
export function summarizeLayers(atlas: Atlas): LayerSummary[] {
  return atlas.layers.map((layer) => ({
    id: layer.meta.id,
    name: layer.meta.name.en,
    regionCount: layer.regions.length,
    coveredCount: layer.coveredCount,
    municipalityCount: atlas.municipalities.length,
    multiMemberCount: [...layer.regionsByMember.values()].filter((regions) => regions.length > 1).length,
    isComplete: layer.meta.coverage.isComplete,
    source: layer.meta.source.citation,
    referenceDate: layer.meta.source.referenceDate,
  }));
}

/** `atlas layers` as a table: regions, gemeenten covered and gemeenten in several regions per layer. */
export function formatLayers(layers: readonly LayerSummary[]): string {
  return renderTable(
    [
      { header: 'id' },
      { header: 'name' },
      { header: 'regions', align: 'right' },
      { header: 'covered', align: 'right' },
      { header: 'in several', align: 'right' },
      { header: 'source' },
      { header: 'reference date' },
    ],
    layers.map((l) => [
      l.id,
      l.name,
      String(l.regionCount),
      `${l.coveredCount} of ${l.municipalityCount}`,
      String(l.multiMemberCount),
      l.source,
      l.referenceDate,
    ]),
  );
}

/** A gemeente's regions as `atlas lookup --json` prints them. */
export interface LookupResult {
  municipality: Municipality;
  layers: {
    id: string;
    name: string;
    /** The layer claims to assign every gemeente a region. */
    isComplete: boolean;
    /** False when the gemeente belongs to no region of this layer. */
    isCovered: boolean;
    regions: { code: string; name: string }[];
  }[];
}

/** Shape a `lookupRegions` answer for output. */
export function summarizeLookup(municipality: Municipality, layers: readonly LayerRegions[]): LookupResult {
  return {
    municipality,
    layers: layers.map(({ layer, regions }) => ({
      id: layer.meta.id,
      name: layer.meta.name.en,
      isComplete: layer.meta.coverage.isComplete,
      isCovered: regions.length > 0,
      regions: regions.map((r) => ({ code: r.code, name: r.name })),
    })),
  };
}

const integerFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const areaFormat = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * `atlas lookup` as text: the gemeente, then one table row per region (a gemeente in several regions
 * of a layer gets several rows). A layer without a region for it says "no data" (partial layer) or
 * "none" (a complete layer should list every gemeente, so this flags a data problem).
 */
export function formatLookup(result: LookupResult): string {
  const m = result.municipality;
  const inhabitants =
    m.inhabitants === null ? 'inhabitants unknown' : `${integerFormat.format(m.inhabitants)} inhabitants`;
  const heading = `${m.name} (${m.code}): ${areaFormat.format(m.areaKm2)} km², ${inhabitants}\n\n`;
  const rows: string[][] = [];
  for (const layer of result.layers) {
    if (!layer.isCovered) {
      rows.push([layer.name, layer.isComplete ? 'none' : 'no data', '']);
    }
    layer.regions.forEach((region, i) => rows.push([i === 0 ? layer.name : '', region.code, region.name]));
  }
  return heading + renderTable([{ header: 'layer' }, { header: 'region' }, { header: 'name' }], rows);
}

/** The message for a query that denotes no single gemeente. */
export function formatNoMatch(query: string, suggestions: readonly Municipality[]): string {
  const head = `No municipality matches '${query}'.`;
  return suggestions.length === 0 ? head : `${head} Did you mean: ${suggestions.map((m) => m.name).join(', ')}?`;
}

/** A value of a statistic with `decimals` decimals, or "n/a" where it is not defined. */
export function formatValue(value: number | null, decimals = 3): string {
  return value === null ? 'n/a' : value.toFixed(decimals);
}

/**
 * Rows as CSV: comma-separated, a header row, fields quoted (RFC 4180 style) only when they hold a
 * comma, quote or line break; numbers in full precision with a dot, null as an empty field. Lines end
 * in LF, not the RFC's CRLF, so the output pipes cleanly into Unix tools. (The app's Dutch CSV with `;`
 * is another format.)
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null)[])[],
): string {
  const field = (value: string | number | boolean | null): string => {
    const text = value === null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
}

const WEIGHT_LABELS: Record<Weight, string> = { count: 'count', area: 'area', inhabitants: 'inhabitants' };

/** The mean congruence by a weight. */
function congruenceBy(cmp: LayerComparison, weight: Weight): number | null {
  const { congruence } = cmp;
  return weight === 'count'
    ? congruence.mean
    : weight === 'area'
      ? congruence.meanByArea
      : congruence.meanByInhabitants;
}

/** The nested share by a weight. */
function nestedBy(nestedness: Nestedness, weight: Weight): number | null {
  return weight === 'count'
    ? nestedness.share
    : weight === 'area'
      ? nestedness.shareByArea
      : nestedness.shareByInhabitants;
}

/** Gemeente names for the "breaking" lists: at most `limit`, then how many more. */
function namesOf(codes: readonly string[], nameOf: (code: string) => string, limit = 4): string {
  const shown = codes.slice(0, limit).map(nameOf).join(', ');
  return codes.length > limit ? `${shown} … (+${codes.length - limit})` : shown;
}

/**
 * `atlas stats <A> <B>` as text: the sentences of `describeComparison` (English), a table of the
 * figures (A→B and, for directional ones, B→A), then each region's best match in the other layer with
 * the gemeenten that break it (named by `nameOf`). The comparison's weight picks the mean congruence,
 * nested share and best-match Jaccard shown.
 */
export function formatStats(cmp: LayerComparison, nameOf: (code: string) => string): string {
  const { a, b, weight, coverage, partition, nestedness, borders, identical } = cmp;
  const by = WEIGHT_LABELS[weight];
  const decimals = (id: MetricId): number => METRICS.find((m) => m.id === id)!.decimals;
  const heading = `${a.id} (${a.name.en}, ${a.regionCount} regions) against ${b.id} (${b.name.en}, ${b.regionCount} regions)`;
  const rows: string[][] = [
    ['municipalities compared', `${coverage.commonCount} of ${coverage.totalCount}`, ''],
    [`mean congruence (by ${by})`, formatValue(congruenceBy(cmp, weight), decimals('congruence')), ''],
  ];
  if (partition.isDefined) {
    rows.push(
      ['adjusted Rand index', formatValue(partition.ari, decimals('ari')), ''],
      ['normalized mutual information', formatValue(partition.nmi, decimals('nmi')), ''],
      ['variation of information (bits)', formatValue(partition.viBits, decimals('vi')), ''],
      ['variation of information / log2 n', formatValue(partition.viNormalized, decimals('vi')), ''],
    );
  } else {
    // Why is said in the sentences above the table.
    rows.push(['ARI, NMI, VI', 'n/a', '']);
  }
  rows.push(
    [
      'regions inside one region of the other',
      `${nestedness.aInB.nestedCount} of ${nestedness.aInB.regionCount}`,
      `${nestedness.bInA.nestedCount} of ${nestedness.bInA.regionCount}`,
    ],
    [
      `  share (by ${by})`,
      formatValue(nestedBy(nestedness.aInB, weight), decimals('nested')),
      formatValue(nestedBy(nestedness.bInA, weight), decimals('nested')),
    ],
    ['identical regions', String(identical.count), ''],
    ['  share of all regions', formatValue(identical.share, decimals('identical')), ''],
    [
      'border coincidence',
      formatValue(borders.aInB.share, decimals('border-coincidence')),
      formatValue(borders.bInA.share, decimals('border-coincidence')),
    ],
  );
  const summary = renderTable(
    [{ header: 'figure' }, { header: 'A→B', align: 'right' }, { header: 'B→A', align: 'right' }],
    rows,
  );
  const matches = (title: string, list: readonly RegionMatch[]): string =>
    `${title} (Jaccard by ${by})\n` +
    renderTable(
      [
        { header: 'region' },
        { header: 'name' },
        { header: 'members', align: 'right' },
        { header: 'best match' },
        { header: 'Jaccard', align: 'right' },
        { header: 'touches', align: 'right' },
        { header: 'inside' },
        { header: 'outside the match' },
        { header: 'missing from the region' },
      ],
      list.map((m) => [
        m.code,
        m.name,
        String(m.memberCount),
        m.bestMatch ? `${m.bestMatch.code} ${m.bestMatch.name}` : '–',
        m.bestMatch ? formatValue(m.bestMatch.jaccard) : '',
        String(m.touchedCount),
        m.isIdentical ? 'identical' : m.isNested ? 'yes' : '',
        namesOf(m.onlyInRegion, nameOf),
        namesOf(m.onlyInMatch, nameOf),
      ]),
    );
  return (
    [
      heading,
      describeComparison(cmp, 'en').join('\n'),
      summary.trimEnd(),
      matches(`Best matches of ${a.id} in ${b.id}`, cmp.crosswalk.fromA).trimEnd(),
      matches(`Best matches of ${b.id} in ${a.id}`, cmp.crosswalk.fromB).trimEnd(),
    ].join('\n\n') + '\n'
  );
}

/**
 * `atlas stats <A> <B> --csv`: the crosswalk, one row per pair of regions sharing gemeenten, with
 * every overlap figure, whether each is the other's best match (by the comparison's weight), and the shared gemeenten.
 */
export function statsCsv(cmp: LayerComparison): string {
  const namesA = new Map(cmp.crosswalk.fromA.map((m) => [m.code, m]));
  const namesB = new Map(cmp.crosswalk.fromB.map((m) => [m.code, m]));
  return toCsv(
    [
      'layer_a',
      'region_a',
      'name_a',
      'layer_b',
      'region_b',
      'name_b',
      'shared_count',
      'union_count',
      'jaccard_count',
      'intersection_km2',
      'union_km2',
      'jaccard_area',
      'shared_inhabitants',
      'union_inhabitants',
      'jaccard_inhabitants',
      'unknown_inhabitants_count',
      'a_in_b',
      'b_in_a',
      'is_best_match_for_a',
      'is_best_match_for_b',
      'shared_gemeenten',
    ],
    cmp.crosswalk.pairs.map((p) => {
      const a = namesA.get(p.codeA)!;
      const b = namesB.get(p.codeB)!;
      return [
        cmp.a.id,
        p.codeA,
        a.name,
        cmp.b.id,
        p.codeB,
        b.name,
        p.sharedCount,
        p.unionCount,
        p.jaccardByCount,
        p.intersectionKm2,
        p.unionKm2,
        p.jaccardByArea,
        p.sharedInhabitants,
        p.unionInhabitants,
        p.jaccardByInhabitants,
        p.unknownInhabitantsCount,
        p.isAInB,
        p.isBInA,
        a.bestMatch?.code === p.codeB,
        b.bestMatch?.code === p.codeA,
        p.sharedCodes.join(' '),
      ];
    }),
  );
}

/**
 * `atlas matrix` as text: the metric's label and how to read it, then the matrix with numbered columns
 * (the row numbers), values with the metric's decimals, "n/a" where not defined.
 */
export function formatMatrix(matrix: MetricMatrix): string {
  const metric = METRICS.find((m) => m.id === matrix.metric)!;
  const reading = matrix.isSymmetric ? 'symmetric' : 'directional: row A, column B';
  const better = metric.isHigherBetter ? 'higher is more alike' : 'lower is more alike';
  const range = `range ${metric.range.min} to ${metric.range.max ?? 'log2 n'}`;
  const table = renderTable(
    [
      { header: '' },
      { header: 'layer' },
      ...matrix.layerIds.map((_, j) => ({ header: String(j + 1), align: 'right' as const })),
    ],
    matrix.values.map((row, i) => [
      String(i + 1),
      matrix.layerIds[i]!,
      ...row.map((value) => formatValue(value, metric.decimals)),
    ]),
  );
  const note = matrix.values.some((row) => row.includes(null))
    ? 'n/a: not defined (multi-membership, no common municipalities, or no borders)\n'
    : '';
  return `${metric.label.en} (${matrix.metric}; ${reading}; ${range}, ${better})\n\n${table}${note}`;
}

/** `atlas matrix --csv`: a header of layer ids, one row per layer (row A, column B), empty where not defined. */
export function matrixCsv(matrix: MetricMatrix): string {
  return toCsv(
    ['layer', ...matrix.layerIds],
    matrix.values.map((row, i) => [matrix.layerIds[i]!, ...row]),
  );
}

/**
 * Years as short as they read: runs of consecutive years as a range.
 * @example formatYears([2016, 2020, 2021, 2022]) // '2016, 2020–2022'
 */
export function formatYears(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const year of sorted) {
    const last = runs[runs.length - 1];
    if (last && year === last[1] + 1) last[1] = year;
    else runs.push([year, year]);
  }
  return runs.map(([first, last]) => (first === last ? `${first}` : `${first}–${last}`)).join(', ');
}

/**
 * Every layer kind of the manifest with the years it exists in, kinds in alphabetical order.
 * @example kindYears(yearsOf(manifest)).get('veiligthuis') // [2016, 2020, 2021, 2022, 2023, 2024, 2025]
 */
export function kindYears(years: readonly YearSummary[]): Map<string, number[]> {
  const byKind = new Map<string, number[]>();
  for (const { year, layers } of [...years].sort((a, b) => a.year - b.year)) {
    for (const { kind } of layers) {
      const list = byKind.get(kind);
      if (!list) byKind.set(kind, [year]);
      else if (list[list.length - 1] !== year) list.push(year);
    }
  }
  return new Map([...byKind].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The message for a layer kind the data does not have: every kind with its years. */
export function formatUnknownKind(kind: string, kinds: ReadonlyMap<string, readonly number[]>): string {
  const table = renderTable(
    [{ header: 'kind' }, { header: 'years' }],
    [...kinds].map(([k, years]) => [k, formatYears(years)]),
  );
  // A layer id given for a kind: name the kind it is of.
  const base = /^(.+)-\d{4}$/.exec(kind)?.[1];
  const hint = base !== undefined && kinds.has(base) ? ` '${kind}' is a layer id; its kind is ${base}.` : '';
  return `Unknown layer kind '${kind}'.${hint} The kinds and the years they exist in:\n\n${table}`;
}

/**
 * A history table (src/lib/history/tables.ts) as the command line's CSV: the export writer's dialect (comma,
 * `# key,value` note rows before the header, quoting, spreadsheet-safe text), without a byte order mark and with
 * LF line ends like the command's other CSV output.
 */
export function historyCsv(table: HistoryTable): string {
  return writeCsv(table.header, table.rows, { separator: ',', hasBom: false, notes: table.notes }).replaceAll(
    '\r\n',
    '\n',
  );
}

/** A bulleted list, or "- none". */
function bullets(lines: readonly string[]): string {
  return lines.length === 0 ? '- none\n' : lines.map((line) => `- ${line}\n`).join('');
}

/**
 * `atlas changes` as text: the one-line summary, the matching used (in words, with its counts and the
 * machine-readable method line), the region events other than "stayed", then the gemeenten with a change. The
 * sentences are the app's (history/text.ts) in `lang`; the labels are English like the rest of the command.
 * `nameOf2015` names the 2015 gemeenten the matching divided by the boundary-change table's shares.
 */
export function formatChanges(changes: LayoutChanges, lang: Lang, nameOf2015: (code: string) => string): string {
  const { layerA, layerB, matching, counts } = changes;
  const events = changes.regionEvents
    .map((e) => describeRegionEvent(e, layerB, lang))
    .filter((s): s is string => s !== null);
  const heading =
    `${summarizeLayoutChanges(changes, lang)}\n` +
    `Layers: ${layerA.id} (${counts.regionsA} regions) → ${layerB.id} (${counts.regionsB} regions)\n`;
  const matchingText =
    `Matching: ${describeMatchingMethod(matching, lang, nameOf2015)}\n` +
    `${describeMatchingCounts(matching.counts, lang)}.\n` +
    `Method: ${matching.method.summary}\n`;
  const regions = `Region changes (${counts.regionEventCount}; ${counts.stayed} stayed):\n${bullets(events)}`;
  const municipalities =
    `Municipalities of ${matching.from.year} with a change (${changes.municipalityChanges.length}):\n` +
    bullets(describeMunicipalityChanges(changes, lang));
  return [heading, matchingText, regions, municipalities].join('\n');
}

/** `atlas changes --csv`: the changes table with its `layers` and `matching` notes. */
export function changesCsv(changes: LayoutChanges): string {
  return historyCsv(changesTable(changes));
}

/** `atlas trend --json`: the trend (every metric, both directions), the chosen metric's series and the summary. */
export interface TrendOutput extends Trend {
  metric: MetricId;
  /** The metric from A's side, year by year (`trendSeries`). */
  series: TrendValue[];
  /** `describeTrend` in the chosen language; null where the metric is defined in no year. */
  summary: string | null;
}

/** Shape a trend for `atlas trend --json`. */
export function summarizeTrend(trend: Trend, metric: MetricId, lang: Lang): TrendOutput {
  return { ...trend, metric, series: trendSeries(trend, metric), summary: describeTrend(trend, metric, lang) };
}

/**
 * `atlas trend` as text: the metric and how to read it, one row per year both kinds exist (their layers, the
 * gemeenten the value rests on, the value; B→A too for a directional metric), the years left out and why, and
 * the one-line summary (`describeTrend`, in `lang`).
 */
export function formatTrend(output: TrendOutput): string {
  const metric = METRICS.find((m) => m.id === output.metric)!;
  const reading = metric.isSymmetric ? 'symmetric' : 'directional: A→B is row A, column B';
  const better = metric.isHigherBetter ? 'higher is more alike' : 'lower is more alike';
  const range = `range ${metric.range.min} to ${metric.range.max ?? 'log2 n'}`;
  const heading =
    `${metric.label.en} (${metric.id}; ${reading}; ${range}, ${better})\n` +
    `A: ${output.kindA} (${output.nameA.en}), B: ${output.kindB} (${output.nameB.en}), in every year both exist\n`;
  const columns: Column[] = [
    { header: 'year' },
    { header: 'layer A' },
    { header: 'layer B' },
    { header: 'municipalities', align: 'right' },
    { header: metric.isSymmetric ? 'value' : 'A→B', align: 'right' },
    ...(metric.isSymmetric ? [] : [{ header: 'B→A', align: 'right' as const }]),
  ];
  const table = renderTable(
    columns,
    output.points.map((p) => [
      String(p.year),
      p.layerIdA,
      p.layerIdB,
      `${p.commonCount} of ${p.municipalityCount}`,
      formatValue(p.aToB[metric.id], metric.decimals),
      ...(metric.isSymmetric ? [] : [formatValue(p.bToA[metric.id], metric.decimals)]),
    ]),
  );
  const gaps = `Left out: ${describeGaps(output)}\n`;
  const note = output.points.some((p) => p.aToB[metric.id] === null || p.bToA[metric.id] === null)
    ? 'n/a: not defined (multi-membership, no common municipalities, or no borders)\n'
    : '';
  const summary = output.summary ?? `${metric.label.en}: not defined in any year`;
  return `${heading}\n${table}${note}${gaps}\n${summary}\n`;
}

/**
 * The years a trend leaves out and the kind each lacks.
 * @example describeGaps(t) // '2015 (no veiligthuis), 2017 (no veiligthuis), …'
 */
export function describeGaps(trend: Pick<Trend, 'kindA' | 'kindB' | 'gaps'>): string {
  if (trend.gaps.length === 0) return 'no year';
  const kindOf = { a: trend.kindA, b: trend.kindB };
  return trend.gaps.map((g) => `${g.year} (no ${g.missing.map((side) => kindOf[side]).join(', no ')})`).join(', ');
}

/**
 * `atlas trend --csv`: every metric per year (`trendTable`) with its `matching` note, and a `left_out` note with the
 * years where a kind has no layer.
 */
export function trendCsv(trend: Trend): string {
  const table = trendTable(trend);
  return historyCsv({ ...table, notes: [...table.notes, { key: 'left_out', value: describeGaps(trend) }] });
}

/** A share in [0, 1] as per cent with one decimal. */
function formatPct(share: number | null): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`;
}

/** The chosen layers of a layout set, with their English names. */
function describeLayerSet(atlas: Atlas, layerIds: readonly string[]): string {
  return layerIds.map((id) => `${id} (${atlas.layersById.get(id)?.meta.name.en ?? id})`).join(', ');
}

/** Gemeente names from codes, at most `limit`, then how many more. */
function municipalityNames(atlas: Atlas, codes: readonly string[], limit: number): string {
  return namesOf(codes, (code) => atlas.municipalitiesByCode.get(code)?.name ?? code, limit);
}

/**
 * The gemeenten a layout set leaves out, one line per combination of missing layers (in order of first
 * appearance), naming at most eight gemeenten each; "none" when every layer covers every gemeente.
 */
function describeLeftOut(atlas: Atlas, coverage: LayerSetCoverage): string {
  if (coverage.leftOut.length === 0) return 'none';
  const byMissing = new Map<string, string[]>();
  for (const { code, missingLayerIds } of coverage.leftOut) {
    const key = missingLayerIds.map((id) => `no ${id}`).join(', ');
    const list = byMissing.get(key);
    if (list) list.push(code);
    else byMissing.set(key, [code]);
  }
  const lines = [...byMissing].map(
    ([missing, codes]) => `- ${missing} (${codes.length}): ${municipalityNames(atlas, codes, 8)}`,
  );
  return `${coverage.leftOut.length} municipalities not in every layer\n${lines.join('\n')}`;
}

/** The formula of congruence across layouts in one line, as the command prints it. */
export const MULTI_CONGRUENCE_FORMULA =
  'congruence = partners in each layout, summed / (layouts × partners in at least one layout); ' +
  '100% = the same partners in every layout (or none in any)';

/**
 * `atlas congruence <layer> <layer> …` as text: the layers, the formula, the gemeenten the figures rest on and
 * those left out, the means (plain and by inhabitants), the distribution in bins of 10 percentage points (exactly
 * 100% apart) with a bar, then every compared gemeente from least to most congruent with its partners in the union
 * and per layer. Names of gemeenten and layers come from `atlas`.
 */
export function formatMultiCongruence(result: MultiCongruence, atlas: Atlas): string {
  const heading =
    `Congruence of ${result.layerIds.length} layouts: ${describeLayerSet(atlas, result.layerIds)}\n` +
    `${MULTI_CONGRUENCE_FORMULA}\n`;
  const unknown =
    result.unknownInhabitantsCount > 0 ? ` (${result.unknownInhabitantsCount} with unknown inhabitants left out)` : '';
  const figures =
    `Municipalities compared: ${result.commonCount} of ${result.totalCount} (covered by every layer)\n` +
    `Left out: ${describeLeftOut(atlas, result)}\n` +
    `Mean congruence: ${formatPct(result.mean)}; by inhabitants: ${formatPct(result.meanByInhabitants)}${unknown}\n`;
  const most = Math.max(1, ...result.distribution.map((bin) => bin.count));
  const distribution =
    'Distribution\n' +
    renderTable(
      [{ header: 'congruence' }, { header: 'municipalities', align: 'right' }, { header: '' }],
      result.distribution.map((bin) => [
        bin.fromPct === bin.toPct ? `${bin.toPct}%` : `${bin.fromPct}–${bin.toPct}%`,
        String(bin.count),
        '#'.repeat(Math.round((bin.count / most) * 40)),
      ]),
    );
  const byCode = new Map(result.perMunicipality.map((m) => [m.code, m]));
  const table =
    'Municipalities, least to most congruent\n' +
    renderTable(
      [
        { header: 'code' },
        { header: 'name' },
        { header: 'congruence', align: 'right' },
        { header: 'partners', align: 'right' },
        ...result.layerIds.map((id) => ({ header: id, align: 'right' as const })),
      ],
      result.ranking.map((code) => {
        const m = byCode.get(code)!;
        return [
          code,
          atlas.municipalitiesByCode.get(code)?.name ?? code,
          formatPct(m.score),
          String(m.partnerUnionCount),
          ...m.partnerCounts.map(String),
        ];
      }),
    );
  return [heading, figures, distribution, table].join('\n');
}

/** A block's or group's regions: per layer its id and region codes, joined by `join` ("–" for none). */
function describeRegions(regions: readonly LayerRegionCodes[], join: string): string {
  return regions.map((r) => `${r.layerId} ${r.regionCodes.length > 0 ? r.regionCodes.join(join) : '–'}`).join('; ');
}

/**
 * `atlas blocks <layer> <layer> …` as text: the layers, the number of building blocks (the common refinement, on
 * the gemeenten every layer covers) and of coarsest common groups, the gemeenten left out, then each block and each
 * group with its regions per layer and all its gemeenten by name.
 */
export function formatBuildingBlocks(result: BuildingBlocks, atlas: Atlas): string {
  const all = (codes: readonly string[]) => municipalityNames(atlas, codes, Infinity);
  const count = (n: number) => `${n} ${n === 1 ? 'municipality' : 'municipalities'}`;
  const heading =
    `Building blocks of ${result.layerIds.length} layouts: ${describeLayerSet(atlas, result.layerIds)}\n` +
    `Building blocks (municipalities together in every layout): ${result.blockCount}, ` +
    `on ${result.commonCount} of ${result.totalCount} municipalities (covered by every layer)\n` +
    `Coarsest common groups (smallest unions of whole regions of every layout): ${result.groupCount}\n` +
    `Left out of the blocks: ${describeLeftOut(atlas, result)}\n` +
    (result.ungroupedCodes.length > 0 ? `In no group (no layer covers them): ${all(result.ungroupedCodes)}\n` : '');
  const blocks =
    `Building blocks (${result.blockCount})\n` +
    result.blocks
      .map((b) => `${b.number}. ${count(b.codes.length)}; ${describeRegions(b.regions, '+')}: ${all(b.codes)}\n`)
      .join('');
  const groups =
    `Coarsest common groups (${result.groupCount})\n` +
    result.groups
      .map((g) => `${g.number}. ${count(g.codes.length)}; ${describeRegions(g.regions, ', ')}: ${all(g.codes)}\n`)
      .join('');
  return [heading, blocks, groups].join('\n');
}

/** A table of src/lib/export/tables.ts as the command line's plain CSV (comma, header first, LF; see `toCsv`). */
export function exportTableCsv(table: ExportTable): string {
  return toCsv(table.header, table.rows);
}
