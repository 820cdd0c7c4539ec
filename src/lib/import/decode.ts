/**
 * Bytes of an imported file → text. Checks, in order: the size limit, an empty file, a spreadsheet
 * workbook or other binary content; then decodes UTF-8 (with or without BOM), UTF-16 with a BOM
 * (Excel's "Unicode text") or without one (recognised by its zero bytes, see {@link guessUtf16}), or else
 * Windows-1252 (what older Dutch Excel versions write as "CSV").
 * Pure: uses `TextDecoder` for UTF-8 and UTF-16 and a table for Windows-1252.
 */

/**
 * Largest file accepted: 5 MB (5 × 1024 × 1024 bytes). A membership table of every gemeente is about
 * 20 kB and a generalised GeoJSON of 40 regions well under 1 MB, so this leaves room for detailed
 * polygons while keeping parsing and the area computation within a few seconds.
 */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The encoding a file was read in. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Why bytes were not turned into text. */
export type DecodeProblemKind = 'too-large' | 'empty-file' | 'binary' | 'spreadsheet';

/** Result of {@link decodeBytes}. */
export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; problem: { kind: DecodeProblemKind; sizeBytes: number; limitBytes: number } };

/** How many leading bytes are inspected for binary content. */
const SNIFF_BYTES = 8192;
/** Share of control characters (other than tab, newline, carriage return, form feed) that makes a file binary. */
const CONTROL_SHARE_LIMIT = 0.1;
/**
 * UTF-16 without a BOM: at least this share of the bytes at odd positions (little-endian) or at even positions
 * (big-endian) is zero, the high byte of a Latin character, while at the other positions almost none are.
 */
const UTF16_ZERO_SHARE = 0.6;
/** …and at most this share of the other positions' bytes is zero. */
const UTF16_OTHER_ZERO_SHARE = 0.02;

/**
 * Decode an imported file. Never throws.
 * - More than `limitBytes` (default {@link MAX_IMPORT_BYTES}): `too-large`.
 * - No bytes, or only a BOM and white space: `empty-file`.
 * - A ZIP (xlsx, ods) or OLE (xls) signature: `spreadsheet`, so the interface can say "save as CSV".
 * - UTF-16 with a BOM, or without one when the zero bytes of the first 8 kB say so ({@link guessUtf16}).
 * - Otherwise a NUL byte or more than 10% control characters in the first 8 kB: `binary`.
 * - UTF-8 is tried strictly (invalid sequences fail); a file that is not UTF-8 is read as Windows-1252,
 *   which maps every byte, so "Súdwest-Fryslân" saved by an old Excel still reads correctly.
 * @example decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])) // { ok: true, text: 'a', encoding: 'utf-8-bom' }
 */
export function decodeBytes(bytes: Uint8Array, limitBytes: number = MAX_IMPORT_BYTES): DecodeResult {
  const fail = (kind: DecodeProblemKind): DecodeResult => ({
    ok: false,
    problem: { kind, sizeBytes: bytes.length, limitBytes },
  });
  if (bytes.length > limitBytes) return fail('too-large');
  if (bytes.length === 0) return fail('empty-file');
  if (isSpreadsheet(bytes)) return fail('spreadsheet');

  const utf16 = utf16Encoding(bytes) ?? guessUtf16(bytes);
  let decoded: { text: string; encoding: TextEncodingName };
  if (utf16) {
    // TextDecoder drops the BOM (ignoreBOM is false by default).
    decoded = { text: new TextDecoder(utf16, { fatal: false }).decode(bytes), encoding: utf16 };
    if (looksBinaryText(decoded.text)) return fail('binary');
  } else {
    if (looksBinary(bytes)) return fail('binary');
    decoded = decodeUtf8OrWindows1252(bytes);
  }
  // U+0000 cannot occur in text a person means to import; in UTF-16 it shows a wrong byte order or binary data.
  if (decoded.text.includes('\u0000')) return fail('binary');
  if (decoded.text.replace(/^\uFEFF/, '').trim() === '') return fail('empty-file');
  return { ok: true, ...decoded };
}

function decodeUtf8OrWindows1252(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch (error) {
    // `fatal: true` throws a TypeError for bytes that are not UTF-8; anything else is not ours to hide.
    if (!(error instanceof TypeError)) throw error;
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Windows-1252 characters of bytes 0x80–0x9F (WHATWG Encoding, index-windows-1252); the five bytes the code
 * page leaves undefined map to the C1 control of the same number, as browsers do.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Decode Windows-1252 by table rather than with `TextDecoder('windows-1252')`: Node's decoder of that label
 * treats 0x80–0x9F as Latin-1 controls (so "€" and curly quotes would be lost in tests), browsers do not.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b < 0xa0 ? WINDOWS_1252_HIGH[b - 0x80]! : b,
    );
    text += String.fromCharCode(...chunk);
  }
  return text;
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * The byte order of UTF-16 text without a BOM, or null: Dutch text is mostly Latin characters, whose high byte
 * is zero, so in the first 8 kB most bytes at odd positions (little-endian) or even positions (big-endian) are
 * zero and almost none at the other positions. Binary data has zeros at both, and text in other encodings none.
 * A file of odd length or under 8 bytes is not taken for UTF-16.
 * @example guessUtf16(new Uint8Array([0x61, 0, 0x3b, 0, 0x62, 0, 0x0a, 0])) // 'utf-16le' ("a;b\n")
 */
export function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  // UTF-16 has two bytes per code unit: an odd length, or a handful of bytes, is something else.
  if (bytes.length % 2 !== 0 || bytes.length < 8) return null;
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= UTF16_ZERO_SHARE * pairs && evenZeros <= UTF16_OTHER_ZERO_SHARE * pairs) return 'utf-16le';
  if (evenZeros >= UTF16_ZERO_SHARE * pairs && oddZeros <= UTF16_OTHER_ZERO_SHARE * pairs) return 'utf-16be';
  return null;
}

/** Decoded text that is no text after all: more than 10% control characters in its first 8,192 characters. */
function looksBinaryText(text: string): boolean {
  const n = Math.min(text.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) control++;
  }
  return n > 0 && control / n > CONTROL_SHARE_LIMIT;
}

/** ZIP (`PK\x03\x04`: xlsx, ods) or OLE compound file (`D0 CF 11 E0`: xls). */
function isSpreadsheet(bytes: Uint8Array): boolean {
  const starts = (signature: number[]) => signature.every((b, i) => bytes[i] === b);
  return starts([0x50, 0x4b, 0x03, 0x04]) || starts([0xd0, 0xcf, 0x11, 0xe0]);
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    // Control characters other than tab, LF, FF and CR, and DEL.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) control++;
  }
  return control / n > CONTROL_SHARE_LIMIT;
}
