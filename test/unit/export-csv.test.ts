import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { formatCsvNumber, isFormulaLike, neutralizeText, toCsv, type CsvSeparator } from '../../src/lib/export/csv';
import { csvNotes, sourceLine, sourcesOf } from '../../src/lib/export/provenance';
import {
  crosswalkTable,
  matrixTable,
  membershipTable,
  mismatchTable,
  pairSummaryTable,
  tableCsv,
} from '../../src/lib/export/tables';
import { exportFileName } from '../../src/lib/export/file-name';
import { compareLayers, metricValue } from '../../src/lib/stats/pair';
import { buildAtlas } from '../../src/lib/data/atlas';
import { DataError } from '../../src/lib/errors';
import { gridAtlas } from '../fixtures/grid-atlas';
import { GRID, GRID_GEOMETRY, gridLayerFile } from '../fixtures/grid';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** Parse CSV text as a spreadsheet script would: BOM and `#` rows skipped. */
function parse(text: string, separator: CsvSeparator): string[][] {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimiter: separator,
    newline: '\r\n',
    comments: '#',
    skipEmptyLines: false,
  });
  expect(result.errors).toEqual([]);
  // The CRLF after the last record leaves one empty record.
  expect(result.data.at(-1)).toEqual(['']);
  return result.data.slice(0, -1);
}

describe('toCsv', () => {
  it('writes RFC 4180 with CRLF, a BOM, and quotes only where needed', () => {
    const text = toCsv(
      ['code', 'name'],
      [
        ['GM0001', 'Nuenen, Gerwen en Nederwetten'],
        ['GM0002', 'Zeg "ja"'],
      ],
      {
        separator: ',',
      },
    );
    expect(text).toBe('\uFEFFcode,name\r\nGM0001,"Nuenen, Gerwen en Nederwetten"\r\nGM0002,"Zeg ""ja"""\r\n');
  });

  it('leaves out the BOM on request and quotes line breaks', () => {
    expect(toCsv(['a'], [['x\ny']], { separator: ';', hasBom: false })).toBe('a\r\n"x\ny"\r\n');
  });

  it('writes decimal commas with ";" and decimal points with ",", never grouping', () => {
    const rows = [[1234567.25, -0.5, 0, null]];
    expect(toCsv(['a', 'b', 'c', 'd'], rows, { separator: ';', hasBom: false })).toBe(
      'a;b;c;d\r\n1234567,25;-0,5;0;\r\n',
    );
    expect(toCsv(['a', 'b', 'c', 'd'], rows, { separator: ',', hasBom: false })).toBe(
      'a,b,c,d\r\n1234567.25,-0.5,0,\r\n',
    );
  });

  it('quotes a text cell holding the separator, but not the other one', () => {
    expect(toCsv(['a'], [['1,5']], { separator: ';', hasBom: false })).toBe('a\r\n1,5\r\n');
    expect(toCsv(['a'], [['1,5']], { separator: ',', hasBom: false })).toBe('a\r\n"1,5"\r\n');
  });

  it('neutralises text that would run as a formula, prefixed and quoted, and keeps negative numbers numbers', () => {
    const rows = [['=1+1', '+31', '-5 km', '@SUM(A1)', '\tx', '\rx', -5]];
    const text = toCsv(['a', 'b', 'c', 'd', 'e', 'f', 'g'], rows, { separator: ';', hasBom: false });
    expect(text.split('\r\n')[1]).toBe(`"'=1+1";"'+31";"'-5 km";"'@SUM(A1)";"'\tx";"'\rx";-5`);
    expect(parse(text, ';')[1]).toEqual(["'=1+1", "'+31", "'-5 km", "'@SUM(A1)", "'\tx", "'\rx", '-5']);
  });

  it('quotes a cell holding "#", so a data row never reads as a comment', () => {
    const text = toCsv(['name'], [['#1 regio']], { separator: ',', hasBom: false });
    expect(text).toBe('name\r\n"#1 regio"\r\n');
    expect(parse(text, ',')).toEqual([['name'], ['#1 regio']]);
  });

  it('writes provenance rows first, on one line each and neutralised', () => {
    const text = toCsv(['a'], [[1]], {
      separator: ';',
      hasBom: false,
      notes: [
        { key: 'link', value: 'https://example.org/?layers=a,b' },
        { key: 'bron', value: '=cmd|x;\r\ny' },
      ],
    });
    expect(text).toBe(`# link;https://example.org/?layers=a,b\r\n# bron;"'=cmd|x; y"\r\na\r\n1\r\n`);
    expect(parse(text, ';')).toEqual([['a'], ['1']]);
  });

  it('pads short rows and rejects long ones and unplain note keys', () => {
    expect(toCsv(['a', 'b'], [['x']], { separator: ',', hasBom: false })).toBe('a,b\r\nx,\r\n');
    expect(() => toCsv(['a'], [['x', 'y']], { separator: ',' })).toThrow('CSV row 1 has 2 cells for 1 columns');
    expect(() => toCsv(['a'], [], { separator: ',', notes: [{ key: 'a;b', value: '' }] })).toThrow('not plain');
  });

  it('keeps hostile names as plain text', () => {
    const text = toCsv(['name'], [[HOSTILE]], { separator: ',', hasBom: false });
    expect(parse(text, ',')).toEqual([['name'], [HOSTILE]]);
  });

  const separator = fc.constantFrom<CsvSeparator>(',', ';');

  it('round-trips any text through papaparse with the same separator (formula-like text prefixed)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 2, maxLength: 2 }), { maxLength: 5 }),
        separator,
        (rows, sep) => {
          const text = toCsv(['a', 'b'], rows, { separator: sep });
          expect(parse(text, sep)).toEqual([['a', 'b'], ...rows.map((row) => row.map(neutralizeText))]);
        },
      ),
    );
  });

  it('round-trips any finite number as a number in the separator’s notation', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), separator, (value, sep) => {
        const [, [cell]] = parse(toCsv(['x'], [[value]], { separator: sep }), sep) as [string[], string[]];
        expect(cell).toMatch(sep === ';' ? /^-?\d+(,\d+)?$/ : /^-?\d+(\.\d+)?$/);
        const read = Number(cell!.replace(',', '.'));
        expect(Math.abs(read - value)).toBeLessThanOrEqual(5e-11 + Math.abs(value) * 1e-15);
      }),
    );
  });

  it('never lets an unquoted field start with a formula character', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)), {
          minLength: 1,
          maxLength: 4,
        }),
        separator,
        (row, sep) => {
          const header = row.map((_, i) => `c${i}`);
          const fields = parse(toCsv(header, [row], { separator: sep, hasBom: false }), sep)[1]!;
          row.forEach((cell, i) => {
            const field = fields[i]!;
            if (typeof cell === 'string') expect(isFormulaLike(field)).toBe(false);
            else if (typeof cell === 'number') expect(field).not.toMatch(/^'/);
          });
        },
      ),
    );
  });
});

describe('formatCsvNumber', () => {
  it('writes tiny and huge numbers without an exponent, and -0 as 0', () => {
    expect(formatCsvNumber(1e-7, ',')).toBe('0.0000001');
    expect(formatCsvNumber(1e21, ';')).toBe('1000000000000000000000');
    expect(formatCsvNumber(-1e-12, ',')).toBe('0');
    expect(formatCsvNumber(1 / 3, ';', 3)).toBe('0,333');
  });

  it('refuses values that are not numbers', () => {
    expect(() => formatCsvNumber(Number.NaN, ',')).toThrow('not finite');
  });
});

describe('export tables', () => {
  const grid = gridAtlas();

  it('lists memberships in long format, with a no-data row for each uncovered gemeente', () => {
    const table = membershipTable(grid, ['partial-2025']);
    expect(table.header).toEqual([
      'layer_id',
      'layer_name',
      'region_code',
      'region_name',
      'municipality_code',
      'municipality_name',
      'inhabitants',
      'area_km2',
      'status',
    ]);
    expect(table.rows.map((r) => [r[2], r[4], r[8]])).toEqual([
      ['P1', 'GM0001', 'member'],
      ['P1', 'GM0002', 'member'],
      ['P1', 'GM0004', 'member'],
      ['P1', 'GM0005', 'member'],
      [null, 'GM0003', 'no-data'],
      [null, 'GM0006', 'no-data'],
      [null, 'GM0007', 'no-data'],
      [null, 'GM0008', 'no-data'],
      [null, 'GM0009', 'no-data'],
    ]);
    const noordwest = grid.municipalitiesByCode.get('GM0001')!;
    expect(table.rows[0]).toEqual([
      'partial-2025',
      'Indeling partial',
      'P1',
      'Deel',
      'GM0001',
      'Noordwest',
      1000,
      noordwest.areaKm2,
      'member',
    ]);
    // GM0009 has no known inhabitants: an empty cell, not 0.
    expect(table.rows.find((r) => r[4] === 'GM0009')?.[6]).toBeNull();
  });

  it('gives a gemeente in two regions two rows, and names in the chosen language', () => {
    const table = membershipTable(grid, ['overlap-2025'], 'en');
    expect(table.rows.filter((r) => r[4] === 'GM0002').map((r) => r[2])).toEqual(['M1', 'M2']);
    expect(table.rows[0]?.[1]).toBe('Layout overlap');
    // 8 memberships + the 3 gemeenten of the south row.
    expect(table.rows).toHaveLength(11);
  });

  it('rejects an unknown layer id', () => {
    expect(() => membershipTable(grid, ['nope'])).toThrow(DataError);
  });

  it('writes the matrix as on screen, row A against column B', () => {
    const table = matrixTable(grid, ['cells-2025', 'rows-2025'], 'nested');
    expect(table.header).toEqual(['layer_id', 'layer_name', 'cells-2025', 'rows-2025']);
    expect(table.rows).toEqual([
      ['cells-2025', 'Indeling cells', 1, 1],
      ['rows-2025', 'Indeling rows', 0, 1],
    ]);
    expect(table.title).toBe('Lagen vergeleken: Aandeel regio’s van A binnen één regio van B');
  });

  it('leaves a metric that is not defined empty', () => {
    const table = matrixTable(grid, ['overlap-2025', 'rows-2025'], 'ari');
    // ARI is not defined with multi-membership, not even on the diagonal.
    expect(table.rows[0]?.slice(2)).toEqual([null, null]);
    const csv = toCsv(table.header, table.rows, { separator: ';', hasBom: false });
    expect(csv.split('\r\n')[1]).toBe('overlap-2025;Indeling overlap;;');
  });

  it('writes the crosswalk with the breaking gemeenten', () => {
    const cmp = compareLayers(grid, 'rows-2025', 'ell-2025');
    const table = crosswalkTable(grid, cmp);
    const zuidrij = table.rows[2]!;
    expect(zuidrij.slice(0, 6)).toEqual(['R3', 'Zuidrij', 3, 'L1', 'Hoek', 0.6]);
    expect(zuidrij[10]).toBe('nested');
    expect(zuidrij.slice(11)).toEqual(['', '', 'GM0001 GM0004', 'Noordwest, West']);
    expect(crosswalkTable(grid, cmp, 'b').rows.map((r) => r[0])).toEqual(['L1', 'L2']);
  });

  it('lists mismatching gemeenten lowest congruence first', () => {
    const cmp = compareLayers(grid, 'rows-2025', 'ell-2025');
    const table = mismatchTable(grid, cmp);
    expect(table.rows[0]).toEqual(['GM0001', 'Noordwest', 0, 2, 4, 0, 6]);
    const values = table.rows.map((r) => r[2] as number);
    expect(values).toEqual([...values].sort((x, y) => x - y));
    expect(values.every((v) => v < 1)).toBe(true);
  });

  it('summarises a pair with the same numbers as the comparison', () => {
    const cmp = compareLayers(grid, 'rows-2025', 'columns-2025');
    const table = pairSummaryTable(cmp, 'en');
    const value = (id: string) => table.rows.find((r) => r[0] === id)?.[2];
    expect(value('ari')).toBeCloseTo(-1 / 3, 12);
    expect(value('congruence')).toBe(metricValue(cmp, 'congruence'));
    expect(value('total-count')).toBe(9);
    expect(table.rows.find((r) => r[0] === 'vi')?.[1]).toBe('Variation of information (VI, bits)');
    expect(new Set(table.rows.map((r) => r[0])).size).toBe(table.rows.length);
  });
});

describe('provenance', () => {
  const grid = gridAtlas();

  it('names the geometry and every layer with licence and reference date', () => {
    const sources = sourcesOf(grid, ['rows-2025'], 'nl');
    expect(sourceLine(sources, 'nl')).toBe(
      'Bronnen: Gemeentegrenzen 2025: Hand-made test grid (CC0 1.0, peildatum 1 januari 2025); ' +
        'Indeling rows: Test source rows (CC0 1.0, peildatum 1 januari 2025).',
    );
  });

  it('puts title, link and sources in the CSV notes, neutralised and skipped by readers', () => {
    const hostile = gridLayerFile('rows', true);
    hostile.meta.name = { nl: `=${HOSTILE}`, en: HOSTILE };
    const atlas = buildAtlas(GRID_GEOMETRY, GRID, [hostile]);
    const notes = csvNotes('Titel', 'https://example.org/?a=1', sourcesOf(atlas, ['rows-2025'], 'nl'), 'nl');
    expect(notes.map((n) => n.key)).toEqual(['titel', 'link', 'bron', 'bron']);
    const text = toCsv(['a'], [], { separator: ';', notes });
    expect(text).toContain(`\r\n# bron;"'=${HOSTILE}: Test source rows (CC0 1.0, peildatum 1 januari 2025)"\r\n`);
    expect(parse(text, ';')).toEqual([['a']]);
  });
});

describe('tableCsv', () => {
  it('writes a table with its title, link and sources first', () => {
    const grid = gridAtlas();
    const link = 'https://example.org/?layers=rows-2025';
    const text = tableCsv(grid, membershipTable(grid, ['rows-2025']), {
      separator: ';',
      link,
      lang: 'nl',
      layerIds: ['rows-2025'],
    });
    const lines = text.split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      '\uFEFF# titel;Lidmaatschappen van gemeenten',
      `# link;${link}`,
      '# bron;Gemeentegrenzen 2025: Hand-made test grid (CC0 1.0, peildatum 1 januari 2025)',
      '# bron;Indeling rows: Test source rows (CC0 1.0, peildatum 1 januari 2025)',
      'layer_id;layer_name;region_code;region_name;municipality_code;municipality_name;inhabitants;area_km2;status',
    ]);
    expect(parse(text, ';')).toHaveLength(1 + 9);
  });
});

describe('exportFileName', () => {
  it('makes a plain slug of the title', () => {
    expect(exportFileName('Jeugdzorgregio’s en Súdwest-Fryslân', 'png')).toBe(
      'samenwerkingsatlas-jeugdzorgregio-s-en-sudwest-fryslan.png',
    );
    expect(exportFileName(HOSTILE, 'svg')).toBe('samenwerkingsatlas-img-src-x-onerror-alert-1.svg');
    expect(exportFileName('../../etc', 'csv')).toBe('samenwerkingsatlas-etc.csv');
    expect(exportFileName('', 'csv')).toBe('samenwerkingsatlas.csv');
    expect(exportFileName('x'.repeat(100), 'csv')).toHaveLength('samenwerkingsatlas-'.length + 60 + 4);
  });
});
