/**
 * CSV writing for the exports (issue 5). Pure: strings in, a string out.
 *
 * The dialect:
 * - RFC 4180: fields holding the separator, a double quote, CR or LF are quoted, quotes doubled;
 *   every record ends in CRLF (the last one too).
 * - UTF-8 with a byte order mark by default: Excel reads a CSV without one as the Windows code page
 *   and garbles "é" and "’"; pandas (`encoding='utf-8-sig'`), R and papaparse skip it.
 * - `;` is Dutch Excel's list separator: with it numbers get a decimal comma, with `,` a decimal point;
 *   never thousands separators or exponents, so both Excel and `pandas.read_csv(decimal=…)` read numbers.
 * - Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR)
 *   are prefixed with `'` and quoted, as OWASP's "CSV Injection" page advises
 *   (https://owasp.org/www-community/attacks/CSV_Injection). Numbers stay numbers, negative ones too.
 * - Provenance (title, link, date, sources) goes in rows whose first field starts with `#`, which
 *   `pandas.read_csv(…, comment='#')`, R's `comment.char = '#'` and papaparse's `comments: '#'` skip.
 *   The app's exports put them at the end (`notesAt: 'end'`) after one empty row, so that the header is the
 *   first row a spreadsheet sees and the empty row ends the table for Excel's table and pivot detection
 *   (pandas and R skip empty lines by default); the command line puts them first. Because a `#` comment also
 *   cuts a line short in pandas, every field holding `#` is quoted.
 */

/** A cell: text, a number, or null for an empty cell (a value that is not defined). */
export type CsvCell = string | number | null;

/** The field separator: `,` (international) or `;` (Dutch Excel). */
export type CsvSeparator = ',' | ';';

/** A leading provenance row: `# <key>` and its value. */
export interface CsvNote {
  /** Short label without separator, quote, `#` or line break, e.g. `link`. */
  key: string;
  value: string;
}

/** Options of `toCsv`. */
export interface CsvOptions {
  separator: CsvSeparator;
  /** Start with a UTF-8 byte order mark (default true, for Excel). */
  hasBom?: boolean;
  /** Provenance rows (see the module comment). */
  notes?: readonly CsvNote[];
  /** Where the provenance rows go: before the header (default) or after the table and one empty row. */
  notesAt?: 'start' | 'end';
  /** Most decimals written for a number (default 10; fewer when the value needs fewer). */
  maxDecimals?: number;
}

const BOM = '\uFEFF';
const CRLF = '\r\n';
/** Characters that make a spreadsheet read a cell as a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Whether a text cell would start a formula in a spreadsheet and so gets neutralised.
 * @example isFormulaLike('=HYPERLINK("x")') // true
 * @example isFormulaLike('Zuid-Holland') // false
 */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * A text cell as a spreadsheet should show it: prefixed with `'` when it would start a formula, else unchanged.
 * @example neutralizeText('-5 gemeenten') // "'-5 gemeenten"
 */
export function neutralizeText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/**
 * A number as the chosen separator's spreadsheets read it: decimal comma for `;`, decimal point for `,`;
 * no grouping, no exponent, at most `maxDecimals` decimals (trailing zeros dropped), `-0` as `0`.
 * Throws Error for NaN or ±Infinity (a table builder should have written null).
 * @example formatCsvNumber(-1234.5, ';') // '-1234,5'
 * @example formatCsvNumber(1e-7, ',') // '0.0000001'
 */
export function formatCsvNumber(value: number, separator: CsvSeparator, maxDecimals = 10): string {
  if (!Number.isFinite(value)) throw new Error(`unreachable: CSV number ${value} is not finite`);
  const text = new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: maxDecimals }).format(value);
  // Intl writes a rounded -0 (e.g. -0.00000000001) as "-0".
  const plain = text === '-0' ? '0' : text;
  return separator === ';' ? plain.replace('.', ',') : plain;
}

/** Whether a field must be quoted: separator, quote, line break, or `#` (pandas comments, see above). */
function needsQuotes(text: string, separator: CsvSeparator): boolean {
  return text.includes(separator) || /["\r\n#]/.test(text);
}

const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;

/** One field of the output. */
function writeCell(cell: CsvCell, separator: CsvSeparator, maxDecimals: number): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return formatCsvNumber(cell, separator, maxDecimals);
  if (isFormulaLike(cell)) return quote(`'${cell}`);
  return needsQuotes(cell, separator) ? quote(cell) : cell;
}

/** A provenance row: `# key`, then the value on one line (line breaks become spaces), neutralised like any cell. */
function writeNote(note: CsvNote, separator: CsvSeparator): string {
  if (!/^[\p{L}\p{N} _-]+$/u.test(note.key)) throw new Error(`unreachable: CSV note key '${note.key}' is not plain`);
  // A line break would end the comment line in pandas and papaparse, so the value stays on one line.
  const value = note.value.replace(/[\r\n]+/g, ' ');
  return `# ${note.key}${separator}${writeCell(value, separator, 0)}`;
}

/**
 * The CSV text of a table (see the module comment for the dialect).
 * Rows shorter than the header are padded with empty cells; a longer row throws Error (a builder bug).
 * @example toCsv(['code', 'share'], [['GM0363', 0.5]], { separator: ';', hasBom: false }) // 'code;share\r\nGM0363;0,5\r\n'
 * @example toCsv(['a'], [[1]], { separator: ';', hasBom: false, notes: [{ key: 'link', value: 'x' }], notesAt: 'end' })
 * // 'a\r\n1\r\n\r\n# link;x\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], options: CsvOptions): string {
  const { separator, hasBom = true, notes = [], notesAt = 'start', maxDecimals = 10 } = options;
  const noteLines = notes.map((note) => writeNote(note, separator));
  const lines = notesAt === 'start' ? noteLines : [];
  lines.push(header.map((h) => writeCell(h, separator, maxDecimals)).join(separator));
  rows.forEach((row, i) => {
    if (row.length > header.length) {
      throw new Error(`unreachable: CSV row ${i + 1} has ${row.length} cells for ${header.length} columns`);
    }
    const cells = header.map((_, j) => writeCell(row[j] ?? null, separator, maxDecimals));
    lines.push(cells.join(separator));
  });
  if (notesAt === 'end' && noteLines.length > 0) lines.push('', ...noteLines);
  return (hasBom ? BOM : '') + lines.map((line) => line + CRLF).join('');
}
