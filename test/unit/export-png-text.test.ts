import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { addPngText, crc32, pngSize, readPngText } from '../../src/lib/export/png-text';

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = new Uint8Array([...Buffer.from(type, 'latin1'), ...data]);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typeAndData, 4);
  view.setUint32(8 + data.length, crc32(typeAndData));
  return out;
}

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** A valid 3×2 grey PNG, written by hand. */
function tinyPng(): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, 3);
  view.setUint32(4, 2);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = new Uint8Array([0, 10, 20, 30, 0, 40, 50, 60]); // filter byte + 3 pixels per row
  return new Uint8Array([
    ...PNG_SIGNATURE,
    ...chunk('IHDR', ihdr),
    ...chunk('IDAT', new Uint8Array(deflateSync(rows))),
    ...chunk('IEND', new Uint8Array()),
  ]);
}

/** Every chunk's CRC, checked against its type and data. */
function chunkTypes(png: Uint8Array): string[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const types: string[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = view.getUint32(offset);
    types.push(Buffer.from(png.subarray(offset + 4, offset + 8)).toString('latin1'));
    expect(view.getUint32(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    offset += 12 + length;
  }
  return types;
}

describe('PNG text chunks', () => {
  it('computes the CRC-32 PNG uses', () => {
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
  });

  it('adds UTF-8 text after IHDR with valid CRCs, and reads it back', () => {
    const png = tinyPng();
    const entries = [
      { keyword: 'Title', text: 'Jeugdzorgregio’s en <img src=x onerror=alert(1)>' },
      { keyword: 'URL', text: 'https://example.org/?layers=a,b&fill=a' },
    ];
    const out = addPngText(png, entries);
    expect(chunkTypes(out)).toEqual(['IHDR', 'iTXt', 'iTXt', 'IDAT', 'IEND']);
    expect(readPngText(out)).toEqual(entries);
    expect(pngSize(out)).toEqual({ width: 3, height: 2 });
  });

  it('rejects what is not a PNG, and keywords PNG does not allow', () => {
    expect(() => addPngText(new Uint8Array(40), [])).toThrow('not a PNG file');
    expect(() => pngSize(new Uint8Array(10))).toThrow('not a PNG file');
    expect(() => addPngText(tinyPng(), [{ keyword: 'Tïtle', text: '' }])).toThrow('not plain');
  });
});
