/**
 * The one entry point of the importer: a file's bytes (or pasted text) and name → `ImportResult`.
 * Decides the format from the content (JSON starts with `{`; a `.json`/`.geojson` name is read as JSON
 * too), then hands over to the CSV, layer-JSON or GeoJSON importer. Never throws: every failure, even
 * an unforeseen one (`internal`), comes back as a problem, and no layer is made from a failed file. Pure.
 */
import { LAYER_FORMAT } from '../data/parse';
import { decodeBytes } from './decode';
import { importGeoJson } from './geojson';
import { importCsv, importLayerJson } from './membership';
import {
  failed,
  rejectOversize,
  type ImportContext,
  type ImportHooks,
  type ImportOptions,
  type ImportResult,
} from './problems';

/**
 * Import a file. Its bytes are decoded first (size limit, empty and binary files, encodings: see
 * `decodeBytes`); `fileName` names the layer and its source, and a `.json`/`.geojson` extension makes
 * text that does not look like JSON an `invalid-json` error rather than a table.
 * @example importFile(new TextEncoder().encode('gemeente;regio\nAmsterdam;Noord\n'), 'regios.csv', context)
 * // { layer: { meta: { id: 'eigen-regios-…-2025', … }, regions: [{ code: 'U01', name: 'Noord', members: ['GM0363'] }] }, … }
 */
export function importFile(
  bytes: Uint8Array,
  fileName: string,
  context: ImportContext,
  options: ImportOptions = {},
  hooks: ImportHooks = {},
): ImportResult {
  const total = context.atlas.municipalities.length;
  try {
    const decoded = decodeBytes(bytes);
    if (!decoded.ok) {
      const { kind, sizeBytes, limitBytes } = decoded.problem;
      return failed({ kind, count: sizeBytes, limit: limitBytes }, total);
    }
    return { ...importText(decoded.text, fileName, context, options, hooks), encoding: decoded.encoding };
  } catch (error) {
    return internalFailure(error, total);
  }
}

/**
 * Import text a person pasted (or a decoded file): the same checks as {@link importFile} on characters
 * instead of bytes (limit `MAX_IMPORT_BYTES` characters, empty, NUL characters). `hooks` follow a GeoJSON
 * import's progress and bound its work (see `importGeoJson`).
 */
export function importText(
  text: string,
  fileName: string,
  context: ImportContext,
  options: ImportOptions = {},
  hooks: ImportHooks = {},
): ImportResult {
  const total = context.atlas.municipalities.length;
  try {
    const oversize = rejectOversize(text.length, total);
    if (oversize) return oversize;
    const input = text.replace(/^\uFEFF/, '');
    const trimmed = input.trim();
    if (trimmed === '') return failed({ kind: 'empty-file' }, total);
    if (input.includes('\u0000')) return failed({ kind: 'binary' }, total);
    const isJsonName = /\.(geo)?json$/i.test(fileName.trim());
    if (!isJsonName && !trimmed.startsWith('{') && !trimmed.startsWith('[')) {
      return importCsv(input, fileName, context, options);
    }
    let json: unknown;
    try {
      json = JSON.parse(input);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return failed({ kind: 'invalid-json', detail: error.message }, total);
    }
    if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
      const o = json as { format?: unknown; type?: unknown };
      if (o.format === LAYER_FORMAT) return importLayerJson(json, fileName, context, options);
      if (typeof o.type === 'string') return importGeoJson(json, fileName, context, options, hooks);
      if (typeof o.format === 'string') return failed({ kind: 'unknown-format', detail: o.format.slice(0, 60) }, total);
    }
    return failed({ kind: 'unknown-format', detail: Array.isArray(json) ? 'array' : typeof json }, total);
  } catch (error) {
    return internalFailure(error, total);
  }
}

/** A bug of ours (or of a library) on strange input: said plainly, with the message, instead of thrown. */
function internalFailure(error: unknown, total: number): ImportResult {
  return failed({ kind: 'internal', detail: error instanceof Error ? error.message : String(error) }, total);
}
