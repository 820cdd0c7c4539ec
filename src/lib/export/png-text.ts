/**
 * Text chunks in a PNG file, so an exported image carries its title, the view's link and its sources
 * even when cropped out of the picture. Pure: bytes in, bytes out.
 * PNG specification: https://www.w3.org/TR/png-3/#11textinfo (tEXt is Latin-1; iTXt is UTF-8, used here).
 */

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

let crcTable: Uint32Array | null = null;

/** CRC-32 as PNG defines it (ISO 3309, polynomial 0xEDB88320). */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** One text entry: a keyword (1–79 printable Latin-1 characters, e.g. `Title`) and UTF-8 text. */
export interface PngText {
  keyword: string;
  text: string;
}

/** An uncompressed iTXt chunk: keyword, NUL, flag 0, method 0, empty language tag and translated keyword, text. */
function itxtChunk({ keyword, text }: PngText): Uint8Array {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword) || keyword !== keyword.trim()) {
    throw new Error(`unreachable: PNG text keyword '${keyword}' is not plain`);
  }
  const encoder = new TextEncoder();
  const data = new Uint8Array([...encoder.encode(keyword), 0, 0, 0, 0, 0, ...encoder.encode(text)]);
  const typeAndData = new Uint8Array([...encoder.encode('iTXt'), ...data]);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(typeAndData, 4);
  view.setUint32(8 + data.length, crc32(typeAndData));
  return chunk;
}

/**
 * The PNG with iTXt chunks for `entries` inserted right after its IHDR chunk.
 * Throws Error when `png` is not a PNG starting with IHDR.
 */
export function addPngText(png: Uint8Array, entries: readonly PngText[]): Uint8Array<ArrayBuffer> {
  if (png.length < 33 || SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('not a PNG file');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (view.getUint32(12) !== 0x49484452) throw new Error('PNG file does not start with IHDR');
  const ihdrEnd = 8 + 12 + view.getUint32(8);
  const chunks = entries.map(itxtChunk);
  const out = new Uint8Array(png.length + chunks.reduce((sum, c) => sum + c.length, 0));
  out.set(png.subarray(0, ihdrEnd), 0);
  let offset = ihdrEnd;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  out.set(png.subarray(ihdrEnd), offset);
  return out;
}

/** Width and height of a PNG from its IHDR chunk, in pixels. Throws Error when it is not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  if (png.length < 24 || SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('not a PNG file');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * The iTXt and tEXt entries of a PNG, in file order (compressed ones are skipped).
 * @example readPngText(addPngText(png, [{ keyword: 'Title', text: 'Kaart' }])) // [{ keyword: 'Title', text: 'Kaart' }]
 */
export function readPngText(png: Uint8Array): PngText[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const decoder = new TextDecoder();
  const latin1 = new TextDecoder('latin1');
  const entries: PngText[] = [];
  let offset = 8;
  while (offset + 12 <= png.length) {
    const length = view.getUint32(offset);
    const type = latin1.decode(png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    const nul = data.indexOf(0);
    if (nul > 0 && type === 'tEXt') {
      entries.push({ keyword: latin1.decode(data.subarray(0, nul)), text: latin1.decode(data.subarray(nul + 1)) });
    } else if (nul > 0 && type === 'iTXt' && data[nul + 1] === 0) {
      // After the keyword: compression flag and method, then language tag and translated keyword, each NUL-ended.
      const language = data.indexOf(0, nul + 3);
      const translated = data.indexOf(0, language + 1);
      entries.push({
        keyword: latin1.decode(data.subarray(0, nul)),
        text: decoder.decode(data.subarray(translated + 1)),
      });
    }
    offset += 12 + length;
  }
  return entries;
}
