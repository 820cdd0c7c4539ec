/**
 * What an import of a user's own layout reports: the resulting layer (or none), problems in structured
 * form (rendered in either interface language by `describeProblem` in `i18n/import-text.ts`), and a
 * summary. Shared by the CSV, layer-JSON and GeoJSON importers. Pure types and small helpers.
 */
import type { Atlas } from '../data/atlas';
import type { FormerMunicipality, LayerFile, LayerMeta, MunicipalityCode } from '../types';
import { MAX_IMPORT_BYTES, type TextEncodingName } from './decode';

/**
 * How bad a problem is:
 * - `error`: the file (or a row of it) cannot be used as it is; a layer with errors is not added;
 * - `warning`: something was left out or guessed, the layer can be added;
 * - `info`: said for transparency (partial coverage, multi-membership, a mapped former gemeente).
 */
export type ImportSeverity = 'error' | 'warning' | 'info';

/**
 * Every kind of problem. File level: `too-large`, `empty-file`, `binary`, `spreadsheet` (an Excel workbook),
 * `too-many-rows`, `no-rows`, `missing-column`, `invalid-json`, `invalid-layer` (a layer JSON that
 * `parseLayerFile` rejects), `unknown-format`, `other-geometry`, `no-regions`, `internal`.
 * Row level (CSV and layer JSON): `malformed-row`, `empty-municipality`, `unknown-municipality`,
 * `ambiguous-municipality`, `former-municipality`, `former-mapped`, `corrected`, `name-code-mismatch`,
 * `empty-region`, `region-name-conflict`, `long-name`, `duplicate`, `no-header`, and `region-left-out` (a region
 * none of whose rows or members could be used, so it is not in the layer).
 * Result level: `multi-membership`, `partial-coverage`.
 * GeoJSON: `invalid-geometry` (with a `reason`), `self-intersection`, `split-municipality`,
 * `partly-covered`, `region-without-municipality`, and, for the whole file, `too-many-vertices` and `too-complex` (the work limit was reached).
 */
export type ImportProblemKind =
  | 'too-large'
  | 'empty-file'
  | 'binary'
  | 'spreadsheet'
  | 'too-many-rows'
  | 'no-rows'
  | 'no-header'
  | 'missing-column'
  | 'malformed-row'
  | 'invalid-json'
  | 'invalid-layer'
  | 'unknown-format'
  | 'other-geometry'
  | 'empty-municipality'
  | 'unknown-municipality'
  | 'ambiguous-municipality'
  | 'former-municipality'
  | 'former-mapped'
  | 'corrected'
  | 'name-code-mismatch'
  | 'empty-region'
  | 'region-name-conflict'
  | 'long-name'
  | 'duplicate'
  | 'multi-membership'
  | 'partial-coverage'
  | 'no-regions'
  | 'invalid-geometry'
  | 'self-intersection'
  | 'split-municipality'
  | 'partly-covered'
  | 'region-without-municipality'
  | 'region-left-out'
  | 'too-many-vertices'
  | 'too-complex'
  | 'internal';

/** Why a GeoJSON feature's geometry was not used (or, for `self-intersection`, is doubtful). */
export type GeometryReason =
  | 'not-a-feature'
  | 'no-geometry'
  | 'wrong-type'
  | 'bad-coordinates'
  | 'too-few-positions'
  | 'unclosed-ring'
  | 'not-wgs84'
  | 'intersect-failed'
  /** The border crosses itself too often, or its edges overlap too much to check (see `checkGeometry`). */
  | 'too-complex';

/** A gemeente named in a problem. */
export interface MunicipalityRef {
  code: MunicipalityCode;
  name: string;
}

/** A current gemeente a former one went to, and the year its territory got there. */
export interface FormerTarget extends MunicipalityRef {
  year: number;
}

/**
 * One problem, in data rather than words, so the interface can say it in Dutch or English.
 * Fields other than `severity` and `kind` are set where they apply.
 */
export interface ImportProblem {
  severity: ImportSeverity;
  kind: ImportProblemKind;
  /** 1-based line of the CSV file the row starts on, the region's position in a layer JSON, or the feature's number in a GeoJSON. */
  row?: number;
  /** The value as written in the file (a gemeente name or code, a column name, a region name). */
  value?: string;
  /** The region the row or gemeente belongs to (name as written), where one is involved. */
  region?: string;
  /** The gemeente the value was taken to mean, where one was recognised. */
  municipality?: MunicipalityRef;
  /** For an unknown or ambiguous gemeente: the names it may have meant, best first. */
  suggestions?: MunicipalityRef[];
  /** For a former gemeente: where its territory went, the receiver of the largest share first. */
  mapsTo?: FormerTarget[];
  /** For a gemeente in several regions: those regions' names, in code order. */
  regions?: string[];
  /** For partial coverage: the gemeenten without a region, by name. */
  municipalities?: MunicipalityRef[];
  /** For a duplicate or conflict: the line of the first occurrence. */
  otherRow?: number;
  /** A count (gemeenten without a region, rows, features, positions, …). */
  count?: number;
  /**
   * The limit that was exceeded (bytes for `too-large`, rows or features for `too-many-rows`, positions for
   * `too-many-vertices`, steps of work for `too-complex`).
   */
  limit?: number;
  /** For `split-municipality` and `partly-covered`: the regions holding the gemeente's area, largest first. */
  shares?: { region: string; sharePct: number }[];
  /** For `invalid-geometry` and `self-intersection`. */
  reason?: GeometryReason;
  /** A technical detail (a parser's message, in English), shown as is after the sentence. */
  detail?: string;
}

/** Summary of an import. */
export interface ImportStats {
  /** Data rows read (CSV), regions read (layer JSON) or features read (GeoJSON). */
  rows: number;
  /**
   * Rows placed in a region (CSV, duplicates included), gemeente entries placed (layer JSON) or features
   * used (GeoJSON).
   */
  matched: number;
  /** Regions in the resulting layer. */
  regions: number;
  /** Gemeenten of the atlas in at least one region. */
  covered: number;
  /** Gemeenten of the atlas. */
  total: number;
  /** Gemeenten in more than one region. */
  multiMembership: number;
}

/** How a file was read: a membership table, the app's layer JSON, or GeoJSON polygons. */
export type ImportFormat = 'csv' | 'layer-json' | 'geojson';

/** Outcome of every importer: never thrown, always returned. */
export interface ImportResult {
  /** How the file was read; absent when it could not be read at all. */
  format?: ImportFormat;
  /** The text encoding the file was decoded from (files only, not pasted text). */
  encoding?: TextEncodingName;
  /** The CSV separator used. */
  delimiter?: string;
  /** The layer, ready to add; null when nothing usable was found. It may still carry errors (see `hasErrors`). */
  layer: LayerFile | null;
  /** In file order (by row), then result-level problems. */
  problems: ImportProblem[];
  stats: ImportStats;
  /** Steps of work a GeoJSON import took (see `WorkBudget` in `clip.ts`); absent for other formats. */
  work?: number;
}

/**
 * What an import is checked against. Plain data (no maps or classes), so it can be sent to the import worker
 * as it is.
 */
export interface ImportContext {
  /**
   * The loaded atlas: gemeenten, geometry (year) and topology (for GeoJSON), and the colours of its layers
   * (a new layer gets another). An `Atlas` fits.
   */
  atlas: Pick<Atlas, 'geometry' | 'municipalities' | 'topology'> & {
    layers: readonly { meta: Pick<LayerMeta, 'color'> }[];
  };
  /** Former gemeenten of the atlas's geometry, to recognise and map them. */
  former: readonly FormerMunicipality[];
  /** Today, ISO `YYYY-MM-DD`: the new layer's reference date (a parameter so results are deterministic). */
  today: string;
}

/**
 * The part of `context` an import reads, as plain data that can be sent to the import worker: the atlas's layers
 * reduced to their colours, no maps or classes.
 */
export function plainImportContext({ atlas, former, today }: ImportContext): ImportContext {
  return {
    atlas: {
      geometry: atlas.geometry,
      topology: atlas.topology,
      municipalities: atlas.municipalities,
      layers: atlas.layers.map((l) => ({ meta: { color: l.meta.color } })),
    },
    former,
    today,
  };
}

/** Choices the user makes after seeing the first result; each re-runs the import. */
export interface ImportOptions {
  /** Put a former gemeente's rows in the current gemeente that received the largest share of it. */
  mapFormer?: boolean;
  /** Leave out rows (features) with errors, reporting them as warnings, so the rest can be added. */
  skipInvalidRows?: boolean;
  /** Value as written → gemeente code the user chose from the suggestions ("Amsterdm" → GM0363). */
  corrections?: Readonly<Record<string, MunicipalityCode>>;
}

/** How the caller follows a long import, and how much work it allows. Not part of the result. */
export interface ImportHooks {
  /** Told after each step of the longest phase (a GeoJSON's gemeenten measured): `done` of `total`. */
  onProgress?: (done: number, total: number) => void;
  /** Most steps of work (default `MAX_IMPORT_WORK` of `geojson.ts`); beyond it the file is refused as `too-complex`. */
  workLimit?: number;
}

/** True when the result has at least one problem of severity `error`. */
export function hasErrors(result: Pick<ImportResult, 'problems'>): boolean {
  return result.problems.some((p) => p.severity === 'error');
}

/** Stats of an import that read nothing. */
export function emptyStats(total: number): ImportStats {
  return { rows: 0, matched: 0, regions: 0, covered: 0, total, multiMembership: 0 };
}

/** A result with only a file-level error and no layer. */
export function failed(problem: Omit<ImportProblem, 'severity'>, total: number): ImportResult {
  return { layer: null, problems: [{ severity: 'error', ...problem }], stats: emptyStats(total) };
}

/**
 * The result for a file of `sizeBytes` that is over the limit (`MAX_IMPORT_BYTES`), so the interface can
 * refuse it before reading it into memory; null when the size is fine.
 */
export function rejectOversize(sizeBytes: number, total: number): ImportResult | null {
  return sizeBytes > MAX_IMPORT_BYTES
    ? failed({ kind: 'too-large', count: sizeBytes, limit: MAX_IMPORT_BYTES }, total)
    : null;
}
