/**
 * The tables behind the CSV exports (issue 5): memberships of layers, the layer matrix, and a pair's
 * crosswalk, mismatching gemeenten and key figures; for a set of layouts (issue 11), the congruence of every
 * gemeente and the building blocks. Pure: plain rows for `toCsv`.
 *
 * Column names are snake_case words in the export's language (`gemeentecode` in Dutch, `municipality_code` in
 * English, the names the command line prints), as are the names of layers, regions and gemeenten and the labels
 * of figures. Codes and categories (`status`, `relation`, `figure`, metric ids) are stable identifiers in every
 * language. Numbers are plain numbers (shares in [0, 1], not per cent); a value that is not defined is an empty
 * cell. A column that would hold the same value on every row because of what is exported (the layer of a
 * one-layer membership file) is left out and said once in the table's `notes`.
 */
import type { Atlas } from '../data/atlas';
import type { Lang } from '../i18n/messages';
import type { LayerId, LocalizedText } from '../types';
import { computeBuildingBlocks, type BuildingBlocks } from '../stats/blocks';
import { crosswalkRows, type CrosswalkSide } from '../stats/crosswalk-table';
import { computeAllPairMetrics, computeMatrix, matrixOf, type MetricMatrix, type PairMetrics } from '../stats/matrix';
import { listMismatches } from '../stats/mismatches';
import { computeMultiCongruence, type MultiCongruence } from '../stats/multi-congruence';
import { findLayer, findMetric, METRICS, type LayerComparison, type MetricId } from '../stats/pair';
import { toCsv, type CsvCell, type CsvNote, type CsvSeparator } from './csv';
import { csvNotes, sourcesOf } from './provenance';

/**
 * A table to write as CSV: a title (for the provenance rows and the file name), a header and rows, and
 * `notes`: what the table's columns leave out because it is the same on every row.
 */
export interface ExportTable {
  title: string;
  header: string[];
  rows: CsvCell[][];
  notes?: CsvNote[];
}

/** Decimals of the numbers in an exported table: shares to 0.01 percentage point, areas to 100 m². */
const TABLE_DECIMALS = 4;

/** How `tableCsv` writes a table. */
export interface TableCsvOptions {
  separator: CsvSeparator;
  /** The view's full link. */
  link: string;
  lang: Lang;
  /** The layers the table is about: their sources (and the gemeenten's) are cited. */
  layerIds: readonly LayerId[];
  /** The day of the export, ISO `YYYY-MM-DD` (the caller's today; none: not written). */
  exportDate?: string;
  /** Write the provenance rows (default true); off for a file of the table alone. */
  hasNotes?: boolean;
}

/**
 * A table as CSV text: the header row first, the rows with numbers to 4 decimals, then an empty row and the
 * provenance rows (`#`): title, the view's link, the export date, the table's notes, and the distinct sources
 * of the gemeente geometry and of `layerIds`. UTF-8 BOM included, for Excel.
 * Throws DataError for an unknown layer id.
 * @example tableCsv(grid, membershipTable(grid, ['rows-2025']), { separator: ';', link, lang: 'nl', layerIds: ['rows-2025'] })
 * // '\uFEFFregiocode;regionaam;gemeentecode;…\r\n…\r\n\r\n# titel;Lidmaatschappen van gemeenten\r\n# link;https://…\r\n…'
 */
export function tableCsv(atlas: Atlas, table: ExportTable, options: TableCsvOptions): string {
  const { separator, link, lang, layerIds, exportDate, hasNotes = true } = options;
  const notes = hasNotes
    ? csvNotes(table.title, link, sourcesOf(atlas, layerIds, lang), lang, exportDate, table.notes)
    : [];
  return toCsv(table.header, table.rows, { separator, notes, notesAt: 'end', maxDecimals: TABLE_DECIMALS });
}

/** Column names per language (English: the command line's names). */
const COLUMNS = {
  layer_id: { nl: 'laag_id', en: 'layer_id' },
  layer_name: { nl: 'laag', en: 'layer_name' },
  region_code: { nl: 'regiocode', en: 'region_code' },
  region_name: { nl: 'regionaam', en: 'region_name' },
  municipality_code: { nl: 'gemeentecode', en: 'municipality_code' },
  municipality_name: { nl: 'gemeentenaam', en: 'municipality_name' },
  inhabitants: { nl: 'inwoners', en: 'inhabitants' },
  area_km2: { nl: 'oppervlakte_km2', en: 'area_km2' },
  status: { nl: 'status', en: 'status' },
  layer_a_id: { nl: 'laag_a_id', en: 'layer_a_id' },
  layer_a: { nl: 'laag_a', en: 'layer_a' },
  layer_b_id: { nl: 'laag_b_id', en: 'layer_b_id' },
  layer_b: { nl: 'laag_b', en: 'layer_b' },
  metric_id: { nl: 'maat_id', en: 'metric_id' },
  metric: { nl: 'maat', en: 'metric' },
  value: { nl: 'waarde', en: 'value' },
  member_count: { nl: 'aantal_gemeenten', en: 'member_count' },
  best_match_code: { nl: 'beste_match_code', en: 'best_match_code' },
  best_match_name: { nl: 'beste_match_naam', en: 'best_match_name' },
  jaccard_by_count: { nl: 'jaccard_aantal', en: 'jaccard_by_count' },
  jaccard_by_area: { nl: 'jaccard_oppervlakte', en: 'jaccard_by_area' },
  jaccard_by_inhabitants: { nl: 'jaccard_inwoners', en: 'jaccard_by_inhabitants' },
  touched_count: { nl: 'aantal_geraakte_regios', en: 'touched_count' },
  uncovered_count: { nl: 'aantal_niet_gedekt', en: 'uncovered_count' },
  relation: { nl: 'relatie', en: 'relation' },
  only_in_region_codes: { nl: 'alleen_in_regio_codes', en: 'only_in_region_codes' },
  only_in_region_names: { nl: 'alleen_in_regio_namen', en: 'only_in_region_names' },
  only_in_match_codes: { nl: 'alleen_in_match_codes', en: 'only_in_match_codes' },
  only_in_match_names: { nl: 'alleen_in_match_namen', en: 'only_in_match_names' },
  congruence: { nl: 'congruentie', en: 'congruence' },
  partner_count_a: { nl: 'aantal_partners_a', en: 'partner_count_a' },
  partner_count_b: { nl: 'aantal_partners_b', en: 'partner_count_b' },
  shared_partner_count: { nl: 'aantal_gedeelde_partners', en: 'shared_partner_count' },
  union_partner_count: { nl: 'aantal_partners_samen', en: 'union_partner_count' },
  figure: { nl: 'kengetal', en: 'figure' },
  label: { nl: 'omschrijving', en: 'label' },
  partner_union_count: { nl: 'aantal_partners_samen', en: 'partner_union_count' },
  missing_layer_ids: { nl: 'ontbrekende_lagen', en: 'missing_layer_ids' },
  block_number: { nl: 'bouwsteen', en: 'block_number' },
  group_number: { nl: 'groep', en: 'group_number' },
} satisfies Record<string, LocalizedText>;

type Column = keyof typeof COLUMNS;

/** The names of `columns` in `lang`. */
const columns = (lang: Lang, ...names: Column[]): string[] => names.map((c) => COLUMNS[c][lang]);

/** The name of a per-layer column: `partner_count_<layer id>`, `aantal_partners_<layer id>`. */
const PARTNER_COUNT_OF: LocalizedText = { nl: 'aantal_partners_{id}', en: 'partner_count_{id}' };

/** `status` of a membership row. */
export type MembershipStatus = 'member' | 'no-data';

const TITLES = {
  memberships: { nl: 'Lidmaatschappen van gemeenten', en: 'Memberships of municipalities' },
  matrix: { nl: 'Lagen vergeleken: {metric}', en: 'Layers compared: {metric}' },
  matrixLong: { nl: 'Lagen vergeleken: alle maten', en: 'Layers compared: every measure' },
  layer: { nl: 'laag', en: 'layer' },
  crosswalk: { nl: 'Kruistabel: regio’s van {own} tegen {other}', en: 'Crosswalk: regions of {own} against {other}' },
  mismatches: {
    nl: 'Gemeenten met andere partners in {a} en {b}',
    en: 'Municipalities with different partners in {a} and {b}',
  },
  summary: { nl: 'Kerncijfers: {a} tegen {b}', en: 'Key figures: {a} against {b}' },
} satisfies Record<string, LocalizedText>;

function title(text: LocalizedText, lang: Lang, params: Record<string, string>): string {
  return text[lang].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/**
 * Memberships in long format: one row per (layer, region, gemeente) with the gemeente's inhabitants
 * (empty where unknown) and area in km², so that a pivot table sums regions; a gemeente in two regions
 * of a layer has two rows; then, per layer, one row per gemeente in no region, with empty region cells and
 * `status` `no-data` (so that "not covered" is visible in the file rather than a missing row, and every
 * gemeente appears at least once per layer). Layers in the given order; regions and members by code.
 * The layer columns (id, name) only with more than one layer (one layer is named in the notes), and the
 * `status` column only when some gemeente is in no region (else every row would say `member`).
 * Throws DataError for an unknown layer id.
 * @example
 * membershipTable(grid, ['partial-2025']).rows[0] // ['P1', 'Deel', 'GM0001', 'Noordwest', 1000, 76.3…, 'member']
 * membershipTable(grid, ['partial-2025']).rows[4] // [null, null, 'GM0003', 'Noordoost', 3000, 76.3…, 'no-data']
 * membershipTable(grid, ['partial-2025']).notes // [{ key: 'laag', value: 'Indeling partial (partial-2025)' }]
 */
export function membershipTable(atlas: Atlas, layerIds: readonly LayerId[], lang: Lang = 'nl'): ExportTable {
  const hasLayerColumns = layerIds.length > 1;
  const rows: { layer: CsvCell[]; cells: CsvCell[]; status: MembershipStatus }[] = [];
  const municipality = (code: string): CsvCell[] => {
    const m = atlas.municipalitiesByCode.get(code);
    return [code, m?.name ?? null, m?.inhabitants ?? null, m?.areaKm2 ?? null];
  };
  const notes: CsvNote[] = [];
  for (const id of layerIds) {
    const layer = findLayer(atlas, id);
    const layerName = layer.meta.name[lang];
    if (!hasLayerColumns) notes.push({ key: TITLES.layer[lang], value: `${layerName} (${id})` });
    for (const region of layer.regions) {
      for (const code of region.members) {
        rows.push({
          layer: [id, layerName],
          cells: [region.code, region.name, ...municipality(code)],
          status: 'member',
        });
      }
    }
    for (const m of atlas.municipalities) {
      if (!layer.regionsByMember.has(m.code)) {
        rows.push({ layer: [id, layerName], cells: [null, null, ...municipality(m.code)], status: 'no-data' });
      }
    }
  }
  const hasStatus = rows.some((r) => r.status !== 'member');
  return {
    title: TITLES.memberships[lang],
    header: columns(
      lang,
      ...(hasLayerColumns ? (['layer_id', 'layer_name'] as const) : []),
      'region_code',
      'region_name',
      'municipality_code',
      'municipality_name',
      'inhabitants',
      'area_km2',
      ...(hasStatus ? (['status'] as const) : []),
    ),
    rows: rows.map((r) => [...(hasLayerColumns ? r.layer : []), ...r.cells, ...(hasStatus ? [r.status] : [])]),
    notes,
  };
}

/**
 * The layer matrix of one metric as on screen: a row per layer (A), a column per layer (B) headed by its id.
 * `computed` is the matrix when the app already has it (from the statistics worker); otherwise it is computed.
 * Throws DataError for an unknown layer id.
 * @example matrixTable(grid, ['cells-2025', 'rows-2025'], 'nested').rows // [['cells-2025', 'Indeling cells', 1, 1], ['rows-2025', 'Indeling rows', 0, 1]]
 */
export function matrixTable(
  atlas: Atlas,
  layerIds: readonly LayerId[],
  metric: MetricId,
  lang: Lang = 'nl',
  computed?: MetricMatrix,
): ExportTable {
  const matrix = computed ?? computeMatrix(atlas, layerIds, metric);
  const info = findMetric(metric);
  if (!info) throw new Error(`unreachable: metric ${metric} is not in METRICS`);
  return {
    title: title(TITLES.matrix, lang, { metric: info.label[lang] }),
    header: [...columns(lang, 'layer_id', 'layer_name'), ...matrix.layerIds],
    rows: matrix.layerIds.map((id, i) => [id, findLayer(atlas, id).meta.name[lang], ...(matrix.values[i] ?? [])]),
  };
}

/**
 * Every matrix metric of every ordered pair of layers in long format, one row per (A, B, metric): ids and names
 * of both layers, the metric's id and label, and its value (empty where not defined), so that a pivot table
 * rebuilds any metric's matrix. Pairs in row-then-column order as on screen (the diagonal too), the metrics in
 * `METRICS` order per pair. `pairs` are the worker's pair metrics of `layerIds` when the app has them; otherwise
 * they are computed. Throws DataError for an unknown layer id.
 * @example matrixLongTable(grid, ['cells-2025', 'rows-2025']).rows.find((r) => r[0] === 'rows-2025' && r[2] === 'cells-2025' && r[4] === 'nested')
 * // ['rows-2025', 'Indeling rows', 'cells-2025', 'Indeling cells', 'nested', 'Aandeel regio’s van A binnen één regio van B', 0]
 */
export function matrixLongTable(
  atlas: Atlas,
  layerIds: readonly LayerId[],
  lang: Lang = 'nl',
  pairs?: PairMetrics[][],
): ExportTable {
  const metrics = pairs ?? computeAllPairMetrics(atlas, layerIds);
  const names = layerIds.map((id) => findLayer(atlas, id).meta.name[lang]);
  const matrices = METRICS.map((m) => ({ info: m, values: matrixOf(layerIds, metrics, m.id).values }));
  const rows: CsvCell[][] = [];
  layerIds.forEach((a, i) => {
    layerIds.forEach((b, j) => {
      for (const { info, values } of matrices) {
        rows.push([a, names[i]!, b, names[j]!, info.id, info.label[lang], values[i]?.[j] ?? null]);
      }
    });
  });
  return {
    title: TITLES.matrixLong[lang],
    header: columns(lang, 'layer_a_id', 'layer_a', 'layer_b_id', 'layer_b', 'metric_id', 'metric', 'value'),
    rows,
  };
}

const joinCodes = (list: readonly { code: string }[]): string => list.map((m) => m.code).join(' ');
const joinNames = (list: readonly { name: string }[]): string => list.map((m) => m.name).join(', ');

/**
 * The crosswalk of a comparison from `side`'s layer: per region (by code) its best match, the Jaccard
 * indices of the pair by count, area and inhabitants, and the gemeenten that break the match
 * (codes separated by spaces, names by ", ").
 * @example crosswalkTable(grid, compareLayers(grid, 'rows-2025', 'ell-2025')).rows[2].slice(0, 6) // ['R3', 'Zuidrij', 3, 'L1', 'Hoek', 0.6]
 */
export function crosswalkTable(
  atlas: Atlas,
  comparison: LayerComparison,
  side: CrosswalkSide = 'a',
  lang: Lang = 'nl',
): ExportTable {
  const [own, other] = side === 'a' ? [comparison.a, comparison.b] : [comparison.b, comparison.a];
  return {
    title: title(TITLES.crosswalk, lang, { own: own.name[lang], other: other.name[lang] }),
    header: columns(
      lang,
      'region_code',
      'region_name',
      'member_count',
      'best_match_code',
      'best_match_name',
      'jaccard_by_count',
      'jaccard_by_area',
      'jaccard_by_inhabitants',
      'touched_count',
      'uncovered_count',
      'relation',
      'only_in_region_codes',
      'only_in_region_names',
      'only_in_match_codes',
      'only_in_match_names',
    ),
    rows: crosswalkRows(atlas, comparison, side).map((r) => [
      r.code,
      r.name,
      r.memberCount,
      r.bestMatch?.code ?? null,
      r.bestMatch?.name ?? null,
      r.jaccardByCount,
      r.jaccardByArea,
      r.jaccardByInhabitants,
      r.touchedCount,
      r.uncoveredCount,
      r.relation,
      joinCodes(r.onlyInRegion),
      joinNames(r.onlyInRegion),
      joinCodes(r.onlyInMatch),
      joinNames(r.onlyInMatch),
    ]),
  };
}

/**
 * The gemeenten whose partners differ (congruence below 1), lowest congruence first as in the pair view.
 * @example mismatchTable(grid, compareLayers(grid, 'rows-2025', 'ell-2025')).rows[0] // ['GM0001', 'Noordwest', 0, 2, 4, 0, 6]
 */
export function mismatchTable(atlas: Atlas, comparison: LayerComparison, lang: Lang = 'nl'): ExportTable {
  return {
    title: title(TITLES.mismatches, lang, { a: comparison.a.name[lang], b: comparison.b.name[lang] }),
    header: columns(
      lang,
      'municipality_code',
      'municipality_name',
      'congruence',
      'partner_count_a',
      'partner_count_b',
      'shared_partner_count',
      'union_partner_count',
    ),
    rows: listMismatches(atlas, comparison.congruence).map((m) => [
      m.code,
      m.name,
      m.congruence,
      m.partnerCountA,
      m.partnerCountB,
      m.sharedPartnerCount,
      m.unionPartnerCount,
    ]),
  };
}

/** Labels of the key figures that are not matrix metrics. */
const FIGURE_LABELS = {
  'common-count': { nl: 'Gemeenten in beide lagen', en: 'Municipalities in both layers' },
  'only-a-count': { nl: 'Gemeenten alleen in A', en: 'Municipalities only in A' },
  'only-b-count': { nl: 'Gemeenten alleen in B', en: 'Municipalities only in B' },
  'neither-count': { nl: 'Gemeenten in geen van beide', en: 'Municipalities in neither' },
  'total-count': { nl: 'Gemeenten in totaal', en: 'Municipalities in total' },
  'nested-a-in-b': { nl: 'Aandeel regio’s van A binnen één regio van B', en: 'Share of A’s regions inside one of B' },
  'nested-b-in-a': { nl: 'Aandeel regio’s van B binnen één regio van A', en: 'Share of B’s regions inside one of A' },
  'identical-count': { nl: 'Paren identieke regio’s', en: 'Pairs of identical regions' },
  'border-a-in-b': { nl: 'Aandeel grenslengte van A dat ook grens van B is', en: 'Share of A’s border that is B’s' },
  'border-b-in-a': { nl: 'Aandeel grenslengte van B dat ook grens van A is', en: 'Share of B’s border that is A’s' },
  'border-a-km': { nl: 'Grenslengte van A (km)', en: 'Border length of A (km)' },
  'border-b-km': { nl: 'Grenslengte van B (km)', en: 'Border length of B (km)' },
} satisfies Record<string, LocalizedText>;

/**
 * The key figures of a comparison, one per row: `figure` (a stable id: matrix metric ids and the ids of
 * `FIGURE_LABELS`), its label in `lang`, and its value (empty where not defined, e.g. ARI with multi-membership).
 * @example pairSummaryTable(compareLayers(grid, 'rows-2025', 'columns-2025')).rows.find((r) => r[0] === 'ari')?.[2] // -1/3
 */
export function pairSummaryTable(comparison: LayerComparison, lang: Lang = 'nl'): ExportTable {
  const { coverage, congruence, partition, nestedness, identical, borders } = comparison;
  const metric = (id: MetricId, value: number | null): CsvCell[] => [id, findMetric(id)?.label[lang] ?? id, value];
  const figure = (id: keyof typeof FIGURE_LABELS, value: number | null): CsvCell[] => [
    id,
    FIGURE_LABELS[id][lang],
    value,
  ];
  return {
    title: title(TITLES.summary, lang, { a: comparison.a.name[lang], b: comparison.b.name[lang] }),
    header: columns(lang, 'figure', 'label', 'value'),
    rows: [
      figure('total-count', coverage.totalCount),
      figure('common-count', coverage.commonCount),
      figure('only-a-count', coverage.onlyACount),
      figure('only-b-count', coverage.onlyBCount),
      figure('neither-count', coverage.neitherCount),
      metric('congruence', congruence.mean),
      metric('congruence-inhabitants', congruence.meanByInhabitants),
      metric('ari', partition.isDefined ? partition.ari : null),
      metric('nmi', partition.isDefined ? partition.nmi : null),
      metric('vi', partition.isDefined ? partition.viBits : null),
      figure('nested-a-in-b', nestedness.aInB.share),
      figure('nested-b-in-a', nestedness.bInA.share),
      figure('identical-count', identical.count),
      metric('identical', identical.share),
      figure('border-a-in-b', borders.aInB.share),
      figure('border-b-in-a', borders.bInA.share),
      figure('border-a-km', borders.aInB.borderKm),
      figure('border-b-km', borders.bInA.borderKm),
    ],
  };
}

/** Titles of the tables of a set of layouts (issue 11). */
const LAYOUT_SET_TITLES = {
  multiCongruence: { nl: 'Congruentie over {count} indelingen', en: 'Congruence across {count} layouts' },
  blocks: { nl: 'Bouwstenen van {count} indelingen', en: 'Building blocks of {count} layouts' },
} satisfies Record<string, LocalizedText>;

/** `status` of a row of the congruence table: scored, or left out because a chosen layer lacks the gemeente. */
export type MultiCongruenceStatus = 'compared' | 'left-out';

/**
 * The congruence of every gemeente across a set of layouts (`computeMultiCongruence`), least congruent first as
 * on screen: code, name, `congruence` (a share in [0, 1]: Σ partners per layer / (k · partners in the union)),
 * `partner_union_count`, one `partner_count_<layer id>` column per layer, `status`, and `missing_layer_ids`
 * (space-separated). The gemeenten left out follow by code with `status` `left-out` and empty figures, so every
 * gemeente has a row. `computed` is the result when the app already has it; otherwise it is computed.
 * Throws DataError for an unknown layer id, fewer than two layers or a layer given twice.
 * @example
 * multiCongruenceTable(grid, ['rows-2025', 'columns-2025', 'ell-2025']).rows[0]
 * // ['GM0001', 'Noordwest', 0.444…, 6, 2, 2, 4, 'compared', '']
 */
export function multiCongruenceTable(
  atlas: Atlas,
  layerIds: readonly LayerId[],
  lang: Lang = 'nl',
  computed?: MultiCongruence,
): ExportTable {
  const result =
    computed ??
    computeMultiCongruence(
      atlas,
      layerIds.map((id) => findLayer(atlas, id)),
    );
  const byCode = new Map(result.perMunicipality.map((m) => [m.code, m]));
  const nameOf = (code: string): string | null => atlas.municipalitiesByCode.get(code)?.name ?? null;
  const rows: CsvCell[][] = result.ranking.map((code) => {
    const m = byCode.get(code);
    if (!m) throw new Error(`unreachable: gemeente ${code} is ranked but has no congruence`);
    return [
      code,
      nameOf(code),
      m.score,
      m.partnerUnionCount,
      ...m.partnerCounts,
      'compared' satisfies MultiCongruenceStatus,
      '',
    ];
  });
  for (const { code, missingLayerIds } of result.leftOut) {
    rows.push([
      code,
      nameOf(code),
      null,
      null,
      ...result.layerIds.map(() => null),
      'left-out' satisfies MultiCongruenceStatus,
      missingLayerIds.join(' '),
    ]);
  }
  return {
    title: title(LAYOUT_SET_TITLES.multiCongruence, lang, { count: String(result.layerIds.length) }),
    header: [
      ...columns(lang, 'municipality_code', 'municipality_name', 'congruence', 'partner_union_count'),
      ...result.layerIds.map((id) => PARTNER_COUNT_OF[lang].replace('{id}', id)),
      ...columns(lang, 'status', 'missing_layer_ids'),
    ],
    rows,
  };
}

/**
 * The building blocks of a set of layouts (`computeBuildingBlocks`), one row per gemeente: `block_number` (its
 * block of the common refinement), code, name, and `group_number` (its group of the coarsest common grouping).
 * Rows by block number, then code; then the gemeenten not every layer covers, by code, with an empty block
 * number (and an empty group number when no layer covers them). `computed` is the result when the app already has
 * it; otherwise it is computed. Throws DataError for an unknown layer id, fewer than two layers or a layer given twice.
 * @example
 * buildingBlocksTable(grid, ['rows-2025', 'ell-2025']).rows.slice(0, 3)
 * // [[1, 'GM0001', 'Noordwest', 1], [2, 'GM0002', 'Noord', 1], [2, 'GM0003', 'Noordoost', 1]]
 */
export function buildingBlocksTable(
  atlas: Atlas,
  layerIds: readonly LayerId[],
  lang: Lang = 'nl',
  computed?: BuildingBlocks,
): ExportTable {
  const result =
    computed ??
    computeBuildingBlocks(
      atlas,
      layerIds.map((id) => findLayer(atlas, id)),
    );
  const groupOf = new Map(result.groups.flatMap((g) => g.codes.map((code) => [code, g.number])));
  const nameOf = (code: string): string | null => atlas.municipalitiesByCode.get(code)?.name ?? null;
  const rows: CsvCell[][] = result.blocks.flatMap((block) =>
    block.codes.map((code) => [block.number, code, nameOf(code), groupOf.get(code) ?? null]),
  );
  for (const { code } of result.leftOut) rows.push([null, code, nameOf(code), groupOf.get(code) ?? null]);
  return {
    title: title(LAYOUT_SET_TITLES.blocks, lang, { count: String(result.layerIds.length) }),
    header: columns(lang, 'block_number', 'municipality_code', 'municipality_name', 'group_number'),
    rows,
  };
}
