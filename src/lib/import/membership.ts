/**
 * Import a membership table (which gemeente belongs to which region) as a user layer: a CSV text with
 * columns for the gemeente (code or name) and the region (name, optional code), or the app's own layer
 * JSON (`samenwerkingsatlas/layer@1`). Problems are reported per row, in data (see `problems.ts`), and
 * never thrown. Pure.
 *
 * CSV: separator `;`, `,`, tab or `|` (the one most frequent in the first line, outside quotes); RFC 4180
 * quotes (papaparse). The first line is a header when it names the columns, in Dutch or English (see
 * {@link COLUMN_NAMES}); otherwise, if its first cell is a gemeente, the file is read as headerless with
 * columns gemeente, region name and optional region code.
 */
import Papa from 'papaparse';
import { DataError } from '../errors';
import { normalizeName } from '../data/lookup';
import { parseLayerFile } from '../data/parse';
import type { Municipality } from '../data/atlas';
import type { LayerFile, MunicipalityCode } from '../types';
import {
  MAX_REGION_CODE_LENGTH,
  MAX_REGION_NAME_LENGTH,
  MAX_LAYER_NAME_LENGTH,
  MembershipCollector,
  cleanText,
  finishImport,
  type RegionEntry,
  type UserLayerIdentity,
} from './build-layer';
import {
  failed,
  type ImportContext,
  type ImportOptions,
  type ImportProblem,
  type ImportResult,
  type ImportSeverity,
} from './problems';
import { createResolver, type Resolution } from './resolve';

/**
 * Most data rows read from a table: 20,000. The Netherlands has 342 gemeenten, so even a table listing
 * each in many regions stays far below; a larger file is almost certainly not a membership table.
 */
export const MAX_IMPORT_ROWS = 20_000;

/** A column's role in a membership table. */
export type ColumnRole = 'municipalityCode' | 'municipalityName' | 'regionName' | 'regionCode';

/**
 * Header names per role, normalized (lower case, no accents, spaces and punctuation removed). A header
 * also matches when it starts with one of these ("Gemeentecode (CBS)"); then the longest wins. Beyond
 * these, a header containing "regio"/"region" is the region name, or the region code when it also says
 * "code", "nummer" or "id".
 */
export const COLUMN_NAMES: Record<ColumnRole, readonly string[]> = {
  municipalityCode: [
    'gemeentecode',
    'gmcode',
    'gemcode',
    'codegemeente',
    'gemeentenummer',
    'cbscode',
    'statcode',
    'municipalitycode',
    'municipalityid',
    'code',
  ],
  municipalityName: [
    'gemeente',
    'gemeentenaam',
    'naamgemeente',
    'gemeenten',
    'statnaam',
    'municipality',
    'municipalityname',
    'municipalities',
  ],
  regionName: ['regio', 'regionaam', 'naamregio', 'region', 'regionname', 'nameregion', 'samenwerkingsverband'],
  regionCode: ['regiocode', 'coderegio', 'regionummer', 'regioid', 'regioncode', 'coderegion', 'regionid'],
};

/** Column index per role (absent: not in the table). */
type Columns = Partial<Record<ColumnRole, number>>;

/** Separators tried, in order of preference on a tie. */
const DELIMITERS = [';', ',', '\t', '|'] as const;

/**
 * The separator of a CSV text: the one of `;` `,` tab `|` that occurs most often outside quotes in the
 * first non-empty line (ties in that order); `,` when none occurs.
 * @example detectDelimiter('gemeente;regio\nAmsterdam;Noord') // ';'
 */
export function detectDelimiter(text: string): string {
  const line = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  const counts = new Map<string, number>();
  let isQuoted = false;
  for (const ch of line) {
    if (ch === '"') isQuoted = !isQuoted;
    else if (!isQuoted && (DELIMITERS as readonly string[]).includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const n = counts.get(d) ?? 0;
    if (n > bestCount) [best, bestCount] = [d, n];
  }
  return best;
}

/**
 * The role of each column from the header cells; a role taken by an earlier column is not given again.
 * @example detectColumns(['GM-code', 'Gemeente', 'Regio']) // { municipalityCode: 0, municipalityName: 1, regionName: 2 }
 */
export function detectColumns(header: readonly string[]): Columns {
  const columns: Columns = {};
  const keys = header.map((h) => normalizeName(h).replace(/[^a-z0-9]/g, ''));
  const roles = Object.keys(COLUMN_NAMES) as ColumnRole[];
  const assign = (role: ColumnRole, index: number) => {
    if (columns[role] === undefined && !Object.values(columns).includes(index)) columns[role] = index;
  };
  // Exact names first, then the longest prefix, then the loose "regio" rule.
  keys.forEach((key, i) => {
    for (const role of roles) if (COLUMN_NAMES[role].includes(key)) assign(role, i);
  });
  keys.forEach((key, i) => {
    let best: { role: ColumnRole; length: number } | undefined;
    for (const role of roles) {
      for (const name of COLUMN_NAMES[role]) {
        if (name.length >= 4 && key.startsWith(name) && (!best || name.length > best.length)) {
          best = { role, length: name.length };
        }
      }
    }
    if (!best) return;
    // "regio_nr", "gemeente id": a name column's word with a code suffix is that code column.
    const isCode = /(code|nummer|nr|id)$/.test(key);
    if (isCode && best.role === 'regionName') assign('regionCode', i);
    else if (isCode && best.role === 'municipalityName') assign('municipalityCode', i);
    else assign(best.role, i);
  });
  keys.forEach((key, i) => {
    if (!/regio|region/.test(key)) return;
    assign(/(code|nummer|nr|id)$/.test(key) ? 'regionCode' : 'regionName', i);
  });
  return columns;
}

/**
 * Import a membership table given as CSV text (already decoded; a BOM is ignored).
 * Rows whose gemeente or region cannot be used are errors (warnings with `skipInvalidRows`) and left out;
 * repeated gemeente–region pairs are warnings; a former gemeente is an error unless `mapFormer` puts it in
 * the gemeente that received the largest share of it (said as info). More than {@link MAX_IMPORT_ROWS}
 * data rows: a `too-many-rows` error and no layer.
 */
export function importCsv(
  text: string,
  fileName: string,
  context: ImportContext,
  options: ImportOptions = {},
): ImportResult {
  const total = context.atlas.municipalities.length;
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const delimiter = detectDelimiter(input);
  const records = readRecords(input, delimiter);
  const fail = (problem: Omit<ImportProblem, 'severity'>): ImportResult => ({
    ...failed(problem, total),
    format: 'csv',
    delimiter,
  });
  if (records.tooMany) return fail({ kind: 'too-many-rows', limit: MAX_IMPORT_ROWS });
  const [first, ...rest] = records.list;
  if (!first) return fail({ kind: 'empty-file' });

  const resolve = createResolver(context.atlas.municipalities, context.former);
  const problems: ImportProblem[] = [...records.problems];
  let columns = detectColumns(first.fields);
  let dataRecords = rest;
  const hasMunicipality = columns.municipalityCode !== undefined || columns.municipalityName !== undefined;
  if (!hasMunicipality) {
    const firstCell = resolve(first.fields[0] ?? '');
    if (first.fields.length >= 2 && (firstCell.kind === 'match' || firstCell.kind === 'former')) {
      columns = { municipalityName: 0, regionName: 1, ...(first.fields.length >= 3 ? { regionCode: 2 } : {}) };
      dataRecords = records.list;
      problems.push({ severity: 'info', kind: 'no-header' });
    }
  }
  const header = first.fields.map((f) => f.trim()).join(', ');
  if (columns.municipalityCode === undefined && columns.municipalityName === undefined) {
    return fail({ kind: 'missing-column', value: 'municipality', detail: header });
  }
  if (columns.regionName === undefined && columns.regionCode === undefined) {
    return fail({ kind: 'missing-column', value: 'region', detail: header });
  }
  if (dataRecords.length === 0) return fail({ kind: 'no-rows' });

  const collector = new MembershipCollector();
  const place = placer(context, options, resolve, problems);
  const rowSeverity: ImportSeverity = options.skipInvalidRows ? 'warning' : 'error';
  const mappedIn = new Map<RegionEntry, Set<MunicipalityCode>>();
  let matched = 0;
  const cell = (fields: string[], role: ColumnRole) => {
    const i = columns[role];
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  for (const { line, fields } of dataRecords) {
    const codeCell = cell(fields, 'municipalityCode');
    const nameCell = cell(fields, 'municipalityName');
    const municipality = place(codeCell, nameCell, line);
    const region = regionOf(cell(fields, 'regionName'), cell(fields, 'regionCode'), line, problems);
    if (!municipality) {
      // The row is left out, but its region is known: if none of its rows can be used, that is said by name.
      if (region) collector.region(region.code, region.name, line);
      continue;
    }
    if (!region) {
      problems.push({
        severity: rowSeverity,
        kind: 'empty-region',
        row: line,
        value: codeCell || nameCell,
        municipality: ref(municipality.municipality),
      });
      continue;
    }
    const { entry, conflict } = collector.region(region.code, region.name, line);
    if (conflict) {
      problems.push({
        severity: 'warning',
        kind: 'region-name-conflict',
        row: line,
        value: region.name,
        region: conflict.name,
        otherRow: conflict.firstRow,
      });
    }
    const code = municipality.municipality.code;
    const outcome = collector.add(entry, code, line);
    matched++;
    // A former gemeente mapped onto a receiver listed in the same region (in either order) is no mistake
    // of the file, nor is a corrected value that lands on a listed gemeente.
    const mapped = mappedIn.get(entry) ?? new Set<MunicipalityCode>();
    const isMappedPair = municipality.isMapped || mapped.has(code);
    if (municipality.isMapped) mappedIn.set(entry, mapped.add(code));
    if (outcome.kind === 'duplicate' && !isMappedPair) {
      problems.push({
        severity: 'warning',
        kind: 'duplicate',
        row: line,
        value: codeCell || nameCell,
        municipality: ref(municipality.municipality),
        region: entry.name,
        otherRow: outcome.firstRow,
      });
    }
  }
  // Quote errors were collected while splitting the file; list every problem in line order (file-level first),
  // then the regions that fell away.
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  problems.push(...collector.leftOut());
  const identity: UserLayerIdentity = { name: nameFromFile(fileName) };
  const result = finishImport(collector.regions(), identity, fileName, context, problems, {
    rows: dataRecords.length,
    matched,
  });
  return { ...result, format: 'csv', delimiter };
}

/**
 * Import the app's own layer JSON (already parsed), e.g. a layer exported from this app: checked with
 * `parseLayerFile` (its message becomes an `invalid-layer` error), then every member against the atlas's
 * gemeenten (unknown and former codes as in {@link importCsv}). Region codes, names and notes are kept.
 * A user layer (domain `eigen`) keeps its id, name, description, source and colour, so exporting and
 * importing it again gives the same layer; any other layer becomes a new user layer with the same name.
 * Coverage is recomputed from the data.
 */
export function importLayerJson(
  json: unknown,
  fileName: string,
  context: ImportContext,
  options: ImportOptions = {},
): ImportResult {
  const total = context.atlas.municipalities.length;
  let file: LayerFile;
  try {
    file = parseLayerFile(json, fileName);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return { ...failed({ kind: 'invalid-layer', detail: error.message }, total), format: 'layer-json' };
  }
  const problems: ImportProblem[] = [];
  const { geometry } = context.atlas;
  if (file.meta.geometryId !== geometry.id) {
    problems.push({ severity: 'warning', kind: 'other-geometry', value: file.meta.geometryId, detail: geometry.id });
  }
  const resolve = createResolver(context.atlas.municipalities, context.former);
  const place = placer(context, options, resolve, problems);
  const collector = new MembershipCollector();
  let matched = 0;
  file.regions.forEach((r, i) => {
    const row = i + 1;
    const region = regionOf(r.name, r.code, row, problems);
    if (!region) return;
    const { entry } = collector.region(region.code, region.name, row);
    if (r.note !== undefined) collector.setNote(entry, r.note);
    for (const code of r.members) {
      const municipality = place(code, '', row);
      if (!municipality) continue;
      collector.add(entry, municipality.municipality.code, row);
      matched++;
    }
  });
  problems.push(...collector.leftOut());
  const { meta } = file;
  const isOwn = meta.domain === 'eigen' && /^eigen-[a-z0-9-]+$/.test(meta.kind);
  const name = {
    nl: cleanText(meta.name.nl, MAX_LAYER_NAME_LENGTH).text || nameFromFile(fileName).nl,
    en: cleanText(meta.name.en, MAX_LAYER_NAME_LENGTH).text || nameFromFile(fileName).en,
  };
  const identity: UserLayerIdentity = isOwn
    ? { name, kind: meta.kind, description: meta.description, source: meta.source, color: meta.color }
    : { name };
  const result = finishImport(collector.regions(), identity, fileName, context, problems, {
    rows: file.regions.length,
    matched,
  });
  return { ...result, format: 'layer-json' };
}

/**
 * A layer name from a file name: without folder and extension, underscores as spaces
 * ("jeugdregio_2025.csv" → "jeugdregio 2025"); "Eigen laag"/"Own layer" when nothing is left.
 */
export function nameFromFile(fileName: string): { nl: string; en: string } {
  const base = (fileName.split(/[/\\]/).pop() ?? '').replace(/\.[a-z0-9]{1,8}$/i, '').replaceAll('_', ' ');
  const { text } = cleanText(base, MAX_LAYER_NAME_LENGTH);
  return text === '' ? { nl: 'Eigen laag', en: 'Own layer' } : { nl: text, en: text };
}

/** A gemeente placed from a row, and whether it stands in for a former gemeente or a corrected value. */
interface Placed {
  municipality: Municipality;
  isMapped: boolean;
}

/**
 * The function that turns a row's gemeente cells into a gemeente, reporting what it finds: the code cell is
 * used when filled, otherwise the name cell; when both are filled and disagree, the code wins (or the name,
 * when the code is not a current gemeente) with a `name-code-mismatch` warning.
 */
function placer(
  context: ImportContext,
  options: ImportOptions,
  resolve: (value: string) => Resolution,
  problems: ImportProblem[],
): (codeCell: string, nameCell: string, row: number) => Placed | null {
  const byCode = new Map(context.atlas.municipalities.map((m) => [m.code, m]));
  const rowSeverity: ImportSeverity = options.skipInvalidRows ? 'warning' : 'error';
  return (codeCell, nameCell, row) => {
    const value = codeCell || nameCell;
    if (value === '') {
      problems.push({ severity: rowSeverity, kind: 'empty-municipality', row });
      return null;
    }
    const corrected = lookupCorrection(options.corrections, value, byCode);
    if (corrected) {
      problems.push({ severity: 'info', kind: 'corrected', row, value, municipality: ref(corrected) });
      return { municipality: corrected, isMapped: true };
    }
    let result = resolve(value);
    if (codeCell !== '' && nameCell !== '') {
      const byName = resolve(nameCell);
      if (result.kind === 'match' && byName.kind === 'match' && byName.municipality !== result.municipality) {
        problems.push({
          severity: 'warning',
          kind: 'name-code-mismatch',
          row,
          value: nameCell,
          municipality: ref(result.municipality),
        });
      } else if (result.kind !== 'match' && byName.kind === 'match') {
        problems.push({
          severity: 'warning',
          kind: 'name-code-mismatch',
          row,
          value: codeCell,
          municipality: ref(byName.municipality),
        });
        result = byName;
      }
    }
    switch (result.kind) {
      case 'match':
        return { municipality: result.municipality, isMapped: false };
      case 'former': {
        const target = byCode.get(result.targets[0]?.code ?? '');
        if (options.mapFormer && target) {
          problems.push({ severity: 'info', kind: 'former-mapped', row, value, mapsTo: result.targets });
          return { municipality: target, isMapped: true };
        }
        problems.push({ severity: rowSeverity, kind: 'former-municipality', row, value, mapsTo: result.targets });
        return null;
      }
      case 'ambiguous':
        problems.push({
          severity: rowSeverity,
          kind: 'ambiguous-municipality',
          row,
          value,
          suggestions: result.candidates.map(ref),
        });
        return null;
      case 'unknown':
        problems.push({
          severity: rowSeverity,
          kind: 'unknown-municipality',
          row,
          value,
          suggestions: result.suggestions.map(ref),
        });
        return null;
    }
  };
}

function lookupCorrection(
  corrections: ImportOptions['corrections'],
  value: string,
  byCode: ReadonlyMap<MunicipalityCode, Municipality>,
): Municipality | undefined {
  if (!corrections || !Object.hasOwn(corrections, value)) return undefined;
  return byCode.get(corrections[value] ?? '');
}

/**
 * The region of a row from its name and code cells (cleaned and cut to length, with a `long-name` warning).
 * Without a name the code is used as name (warning); with neither, null (the caller reports the row).
 */
function regionOf(
  rawName: string,
  rawCode: string,
  row: number,
  problems: ImportProblem[],
): { name: string; code: string | null } | null {
  const name = cleanText(rawName, MAX_REGION_NAME_LENGTH);
  const code = cleanText(rawCode, MAX_REGION_CODE_LENGTH);
  if (name.isCut) problems.push({ severity: 'warning', kind: 'long-name', row, value: name.text });
  if (code.isCut) problems.push({ severity: 'warning', kind: 'long-name', row, value: code.text });
  if (name.text === '' && code.text === '') return null;
  if (name.text === '') {
    problems.push({ severity: 'warning', kind: 'empty-region', row, region: code.text });
    return { name: code.text, code: code.text };
  }
  return { name: name.text, code: code.text === '' ? null : code.text };
}

/** A parsed CSV record: its fields and the 1-based line it starts on. */
interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Split CSV text into records with line numbers, skipping blank lines. Stops after the header plus
 * {@link MAX_IMPORT_ROWS} data records and says so (`tooMany`). Quote errors become `malformed-row` errors.
 */
function readRecords(
  text: string,
  delimiter: string,
): { list: CsvRecord[]; problems: ImportProblem[]; tooMany: boolean } {
  const list: CsvRecord[] = [];
  const problems: ImportProblem[] = [];
  let tooMany = false;
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    delimiter,
    step: (result, parser) => {
      // `meta.cursor` is the offset just past this record, so the record began where the previous one ended.
      const end = result.meta.cursor;
      const fields = result.data;
      for (const error of result.errors) {
        problems.push({ severity: 'error', kind: 'malformed-row', row: line, detail: error.message });
      }
      if (fields.some((f) => f.trim() !== '')) {
        if (list.length > MAX_IMPORT_ROWS) {
          tooMany = true;
          parser.abort();
          return;
        }
        list.push({ line, fields });
      }
      line += countLineBreaks(text, start, end, result.meta.linebreak);
      start = end;
    },
  });
  return { list, problems, tooMany };
}

function countLineBreaks(text: string, from: number, to: number, linebreak: string): number {
  // Old Mac files end lines in a lone CR; everything else has an LF at the end of each line.
  const mark = linebreak === '\r' ? 13 : 10;
  let count = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === mark) count++;
  return count;
}

function ref(m: Municipality): { code: MunicipalityCode; name: string } {
  return { code: m.code, name: m.name };
}
