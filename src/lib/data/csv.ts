/**
 * CSV text → header and rows, with the 1-based line number each row starts on, so that
 * validation messages can point people to the line they see in their editor.
 * Pure: no I/O; used by the geo build and (later) by table import in the app.
 */
import Papa from 'papaparse';
import { DataError } from '../errors';

/** One data row: values by column name, and the line (1-based) the row starts on. */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/** A parsed CSV file: the column names of its header line and its data rows in file order. */
export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

/** Options of {@link parseCsv}. */
export interface CsvOptions {
  /**
   * Field delimiter. Omitted: the one of `,` `;` tab `|` that occurs most often in the header line
   * (Dutch spreadsheets often write `;`), `,` if none occurs. Guessed here rather than by papaparse,
   * whose guess fails on short tables ending in a newline.
   */
  delimiter?: string;
}

/**
 * Parse CSV text (RFC 4180 quoting; a leading BOM is ignored) whose first line is a header.
 * Blank lines are skipped. Values are kept as written (no trimming, no type conversion).
 *
 * Throws `DataError` naming `file` (and the line) for: empty input, an empty or duplicate
 * column name, an unterminated quote, or a row with more or fewer fields than the header.
 *
 * @example parseCsv('code,name\nGM0363,Amsterdam\n', 'a.csv').rows[0]
 * // { line: 2, values: { code: 'GM0363', name: 'Amsterdam' } }
 */
export function parseCsv(text: string, file: string, options: CsvOptions = {}): CsvTable {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: { fields: string[]; line: number }[] = [];
  const problems: string[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(input, {
    delimiter: options.delimiter ?? guessDelimiter(input),
    step: (result) => {
      // `meta.cursor` is the offset just past this record, so the record began where the previous one ended.
      const end = result.meta.cursor;
      const fields = result.data;
      for (const error of result.errors) problems.push(`${file}, line ${line}: ${error.message}`);
      if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, line });
      line += countNewlines(input, start, end);
      start = end;
    },
  });
  if (problems.length > 0) throw new DataError(`${file}: unreadable CSV:\n${problems.join('\n')}`, file);

  const [headerRecord, ...dataRecords] = records;
  if (headerRecord === undefined) throw new DataError(`${file}: empty file (expected a header line)`, file);
  const header = headerRecord.fields;
  const seen = new Set<string>();
  for (const name of header) {
    if (name.trim() === '') problems.push(`${file}, line ${headerRecord.line}: empty column name in the header`);
    else if (seen.has(name))
      problems.push(`${file}, line ${headerRecord.line}: column "${name}" appears twice in the header`);
    seen.add(name);
  }
  const rows: CsvRow[] = [];
  for (const record of dataRecords) {
    if (record.fields.length !== header.length) {
      problems.push(
        `${file}, line ${record.line}: ${record.fields.length} fields, but the header has ${header.length}`,
      );
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((name, i) => {
      values[name] = record.fields[i] ?? '';
    });
    rows.push({ line: record.line, values });
  }
  if (problems.length > 0) throw new DataError(`${file}: unreadable CSV:\n${problems.join('\n')}`, file);
  return { header, rows };
}

function guessDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    const count = header.split(candidate).length - 1;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}
