import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/lib/errors';
import { parseCsv } from '../../src/lib/data/csv';

const FILE = 'table.csv';

describe('parseCsv', () => {
  it('returns header and rows with the line each row starts on', () => {
    const text = 'code,name,note\nGM0001,"Nuenen, Gerwen en Nederwetten",x\n\nGM0002,"two\nlines",y\nGM0003,c,z\n';
    expect(parseCsv(text, FILE)).toEqual({
      header: ['code', 'name', 'note'],
      rows: [
        { line: 2, values: { code: 'GM0001', name: 'Nuenen, Gerwen en Nederwetten', note: 'x' } },
        // Line 3 is blank; this record spans lines 4-5, so the next one starts on line 6.
        { line: 4, values: { code: 'GM0002', name: 'two\nlines', note: 'y' } },
        { line: 6, values: { code: 'GM0003', name: 'c', note: 'z' } },
      ],
    });
  });

  it('ignores a BOM, reads CRLF line endings and a last line without newline', () => {
    const table = parseCsv('\uFEFFa,b\r\n1,2\r\n3,4', FILE);
    expect(table.header).toEqual(['a', 'b']);
    expect(table.rows).toEqual([
      { line: 2, values: { a: '1', b: '2' } },
      { line: 3, values: { a: '3', b: '4' } },
    ]);
  });

  it('uses a given delimiter, and guesses ";" when none is given', () => {
    expect(parseCsv('a;b\n1;2\n', FILE).rows[0]?.values).toEqual({ a: '1', b: '2' });
    expect(parseCsv('a;b\n1;2\n', FILE, { delimiter: ',' }).header).toEqual(['a;b']);
  });

  it('reads a one-column table', () => {
    expect(parseCsv('code\nGM0001\n', FILE).rows).toEqual([{ line: 2, values: { code: 'GM0001' } }]);
  });

  it.each([
    ['empty input', '', `${FILE}: empty file (expected a header line)`],
    ['blank lines only', '\n\n', `${FILE}: empty file (expected a header line)`],
    ['too many fields', 'a,b\n1,2\n1,2,3\n', `${FILE}, line 3: 3 fields, but the header has 2`],
    ['too few fields', 'a,b\n1\n', `${FILE}, line 2: 1 fields, but the header has 2`],
    ['duplicate column', 'a,b,a\n1,2,3\n', `${FILE}, line 1: column "a" appears twice in the header`],
    ['empty column name', 'a,,c\n1,2,3\n', `${FILE}, line 1: empty column name in the header`],
    ['unterminated quote', 'a,b\n1,"2\n', `${FILE}, line 2: Quoted field unterminated`],
  ])('rejects %s with a DataError naming file and line', (_, text, expected) => {
    let error: unknown;
    try {
      parseCsv(text, FILE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toContain(expected);
    expect((error as DataError).file).toBe(FILE);
  });
});
