import { describe, expect, it } from 'vitest';
import { decodeBytes, guessUtf16, MAX_IMPORT_BYTES } from '../../src/lib/import/decode';

const bytes = (...values: number[]) => new Uint8Array(values);
/** "Súdwest-Fryslân" as Windows-1252: ú = 0xFA, â = 0xE2 (one byte each, not valid UTF-8). */
const SUDWEST_CP1252 = bytes(0x53, 0xfa, 0x64, 0x77, 0x65, 0x73, 0x74, 0x2d, 0x46, 0x72, 0x79, 0x73, 0x6c, 0xe2, 0x6e);

describe('decodeBytes', () => {
  it('reads UTF-8 without BOM', () => {
    expect(decodeBytes(new TextEncoder().encode('Súdwest-Fryslân'))).toEqual({
      ok: true,
      text: 'Súdwest-Fryslân',
      encoding: 'utf-8',
    });
  });

  it('reads UTF-8 with BOM and drops the BOM', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('gemeente;regio')]);
    expect(decodeBytes(withBom)).toEqual({ ok: true, text: 'gemeente;regio', encoding: 'utf-8-bom' });
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8', () => {
    expect(decodeBytes(SUDWEST_CP1252)).toEqual({ ok: true, text: 'Súdwest-Fryslân', encoding: 'windows-1252' });
  });

  it('reads Windows-1252 bytes 0x80-0x9F as their characters (€, ‘ ’), not as control characters', () => {
    expect(decodeBytes(bytes(0x80, 0x20, 0x91, 0x61, 0x92))).toMatchObject({ ok: true, text: '€ ‘a’' });
  });

  it('reads UTF-16 little- and big-endian with a BOM (Excel "Unicode text")', () => {
    expect(decodeBytes(bytes(0xff, 0xfe, 0x61, 0x00, 0x3b, 0x00, 0x62, 0x00))).toEqual({
      ok: true,
      text: 'a;b',
      encoding: 'utf-16le',
    });
    expect(decodeBytes(bytes(0xfe, 0xff, 0x00, 0x61))).toEqual({ ok: true, text: 'a', encoding: 'utf-16be' });
  });

  it.each([
    ['no bytes', bytes()],
    ['only a BOM', bytes(0xef, 0xbb, 0xbf)],
    ['only white space', new TextEncoder().encode(' \r\n\t\n')],
  ])('calls a file with %s empty', (_, input) => {
    expect(decodeBytes(input)).toEqual({
      ok: false,
      problem: { kind: 'empty-file', sizeBytes: input.length, limitBytes: MAX_IMPORT_BYTES },
    });
  });

  it('refuses a file over the limit before decoding it, and accepts one at the limit', () => {
    expect(decodeBytes(new Uint8Array(11).fill(0x61), 10)).toEqual({
      ok: false,
      problem: { kind: 'too-large', sizeBytes: 11, limitBytes: 10 },
    });
    expect(decodeBytes(new Uint8Array(10).fill(0x61), 10)).toMatchObject({ ok: true, text: 'aaaaaaaaaa' });
    expect(MAX_IMPORT_BYTES).toBe(5 * 1024 * 1024);
  });

  it('calls a file with a NUL byte binary', () => {
    expect(decodeBytes(bytes(0x61, 0x00, 0x62))).toMatchObject({ ok: false, problem: { kind: 'binary' } });
  });

  it('calls a file with more than 10% control characters binary, and a text with a few tabs not', () => {
    expect(decodeBytes(bytes(0x61, 0x01, 0x02, 0x62, 0x63, 0x64))).toMatchObject({
      ok: false,
      problem: { kind: 'binary' },
    });
    expect(decodeBytes(new TextEncoder().encode('a\tb\tc\r\n1\t2\t3\n'))).toMatchObject({ ok: true });
  });

  it('recognises Excel workbooks (xlsx as ZIP, xls as OLE) so the interface can say "save as CSV"', () => {
    expect(decodeBytes(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00))).toMatchObject({
      ok: false,
      problem: { kind: 'spreadsheet' },
    });
    expect(decodeBytes(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1))).toMatchObject({
      ok: false,
      problem: { kind: 'spreadsheet' },
    });
  });

  it('reads UTF-16 without a BOM, by where its zero bytes are, rather than calling it binary (issue 13)', () => {
    const text = 'gemeente;regio\r\nSúdwest-Fryslân;Noord\r\n';
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) le[2 * i] = text.charCodeAt(i);
    const be = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) be[2 * i + 1] = text.charCodeAt(i);
    expect(guessUtf16(le)).toBe('utf-16le');
    expect(guessUtf16(be)).toBe('utf-16be');
    expect(decodeBytes(le)).toEqual({ ok: true, text, encoding: 'utf-16le' });
    expect(decodeBytes(be)).toEqual({ ok: true, text, encoding: 'utf-16be' });
    // Binary data has zero bytes at both positions; UTF-8 text has none.
    expect(guessUtf16(new Uint8Array(64))).toBeNull();
    expect(guessUtf16(new TextEncoder().encode(text))).toBeNull();
    // Zero bytes in the UTF-16 pattern whose characters are control codes: binary after all.
    expect(decodeBytes(new Uint8Array(32).map((_, i) => (i % 2 === 0 ? 1 + (i % 7) : 0)))).toMatchObject({
      ok: false,
      problem: { kind: 'binary' },
    });
  });

  it('calls UTF-16 text that decodes to NUL characters binary', () => {
    expect(decodeBytes(bytes(0xff, 0xfe, 0x00, 0x00, 0x61, 0x00))).toMatchObject({
      ok: false,
      problem: { kind: 'binary' },
    });
  });
});
