import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { formatCsvNumber, isFormulaLike, neutralizeText, toCsv, type CsvSeparator } from '../../src/lib/export/csv';
import {
  citeSources,
  csvNotes,
  displayCitation,
  madeOn,
  sourceLine,
  sourcesOf,
  type SourceNote,
} from '../../src/lib/export/provenance';
import {
  crosswalkTable,
  matrixLongTable,
  matrixTable,
  membershipTable,
  mismatchTable,
  pairSummaryTable,
  tableCsv,
} from '../../src/lib/export/tables';
import { exportFileName, mapFileName } from '../../src/lib/export/file-name';
import type { Resolution } from '../../src/lib/export/layout';
import { computeMatrix } from '../../src/lib/stats/matrix';
import { METRICS } from '../../src/lib/stats/pair';
import { compareLayers, metricValue } from '../../src/lib/stats/pair';
import { buildAtlas } from '../../src/lib/data/atlas';
import { DataError } from '../../src/lib/errors';
import { gridAtlas } from '../fixtures/grid-atlas';
import { GRID, GRID_GEOMETRY, gridLayerFile } from '../fixtures/grid';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** Parse CSV text as a spreadsheet script would: BOM, `#` rows and the empty row before trailing notes skipped. */
function parse(text: string, separator: CsvSeparator): string[][] {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimiter: separator,
    newline: '\r\n',
    comments: '#',
    skipEmptyLines: false,
  });
  expect(result.errors).toEqual([]);
  // The CRLF after the last record leaves one empty record; trailing notes follow one more.
  expect(result.data.at(-1)).toEqual(['']);
  const rows = result.data.slice(0, -1);
  return /\r\n\r\n# /.test(text) ? rows.slice(0, -1) : rows;
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

  it('writes provenance rows at the end on request, after one empty row, skipped by readers', () => {
    const notes = [
      { key: 'link', value: 'https://example.org/?layers=a,b' },
      { key: 'bron', value: '=cmd|x;\r\ny' },
    ];
    const text = toCsv(['a'], [[1]], { separator: ';', hasBom: false, notes, notesAt: 'end' });
    expect(text).toBe(`a\r\n1\r\n\r\n# link;https://example.org/?layers=a,b\r\n# bron;"'=cmd|x; y"\r\n`);
    expect(parse(text, ';')).toEqual([['a'], ['1']]);
    // Without notes there is no empty row either.
    expect(toCsv(['a'], [[1]], { separator: ';', hasBom: false, notesAt: 'end' })).toBe('a\r\n1\r\n');
  });

  it('rounds numbers to the decimals asked for', () => {
    expect(toCsv(['a'], [[1 / 3], [0.123449]], { separator: ',', hasBom: false, maxDecimals: 4 })).toBe(
      'a\r\n0.3333\r\n0.1234\r\n',
    );
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
    // One layer: no layer columns (always the same), the layer in the notes instead; Dutch column names.
    expect(table.header).toEqual([
      'regiocode',
      'regionaam',
      'gemeentecode',
      'gemeentenaam',
      'inwoners',
      'oppervlakte_km2',
      'status',
    ]);
    expect(table.notes).toEqual([{ key: 'laag', value: 'Indeling partial (partial-2025)' }]);
    expect(table.rows.map((r) => [r[0], r[2], r[6]])).toEqual([
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
    expect(table.rows[0]).toEqual(['P1', 'Deel', 'GM0001', 'Noordwest', 1000, noordwest.areaKm2, 'member']);
    // GM0009 has no known inhabitants: an empty cell, not 0.
    expect(table.rows.find((r) => r[2] === 'GM0009')?.[4]).toBeNull();
  });

  it('has no column that is the same on every row: layer columns only for several layers, status only with gaps', () => {
    const complete = membershipTable(grid, ['rows-2025'], 'en');
    expect(complete.header).toEqual([
      'region_code',
      'region_name',
      'municipality_code',
      'municipality_name',
      'inhabitants',
      'area_km2',
    ]);
    expect(complete.notes).toEqual([{ key: 'layer', value: 'Layout rows (rows-2025)' }]);
    const two = membershipTable(grid, ['rows-2025', 'partial-2025'], 'en');
    expect(two.header.slice(0, 2)).toEqual(['layer_id', 'layer_name']);
    expect(two.header.at(-1)).toBe('status');
    expect(two.notes).toEqual([]);
    expect(two.rows[0]).toEqual([
      'rows-2025',
      'Layout rows',
      'R1',
      'Noordrij',
      'GM0001',
      'Noordwest',
      1000,
      expect.any(Number),
      'member',
    ]);
    for (const table of [complete, two, membershipTable(grid, ['partial-2025'])]) {
      table.header.forEach((_, j) => expect(new Set(table.rows.map((r) => r[j])).size).toBeGreaterThan(1));
    }
  });

  it('gives a gemeente in two regions two rows, and names in the chosen language', () => {
    const table = membershipTable(grid, ['overlap-2025', 'rows-2025'], 'en');
    expect(table.rows.filter((r) => r[0] === 'overlap-2025' && r[4] === 'GM0002').map((r) => r[2])).toEqual([
      'M1',
      'M2',
    ]);
    expect(table.rows[0]?.[1]).toBe('Layout overlap');
    // 8 memberships + the 3 gemeenten of the south row, then the 9 rows.
    expect(table.rows).toHaveLength(11 + 9);
  });

  it('rejects an unknown layer id', () => {
    expect(() => membershipTable(grid, ['nope'])).toThrow(DataError);
  });

  it('writes the matrix as on screen, row A against column B', () => {
    expect(matrixTable(grid, ['cells-2025', 'rows-2025'], 'nested', 'en').header.slice(0, 2)).toEqual([
      'layer_id',
      'layer_name',
    ]);
    const table = matrixTable(grid, ['cells-2025', 'rows-2025'], 'nested');
    expect(table.header).toEqual(['laag_id', 'laag', 'cells-2025', 'rows-2025']);
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

  it('writes every metric of every ordered pair in long format, the same values as each metric’s matrix', () => {
    const ids = ['cells-2025', 'rows-2025', 'overlap-2025'];
    const table = matrixLongTable(grid, ids, 'en');
    expect(table.header).toEqual(['layer_a_id', 'layer_a', 'layer_b_id', 'layer_b', 'metric_id', 'metric', 'value']);
    expect(matrixLongTable(grid, ids).header).toEqual([
      'laag_a_id',
      'laag_a',
      'laag_b_id',
      'laag_b',
      'maat_id',
      'maat',
      'waarde',
    ]);
    expect(table.title).toBe('Layers compared: every measure');
    expect(table.rows).toHaveLength(ids.length * ids.length * METRICS.length);
    for (const { id } of METRICS) {
      const matrix = computeMatrix(grid, ids, id);
      ids.forEach((a, i) =>
        ids.forEach((b, j) => {
          const row = table.rows.find((r) => r[0] === a && r[2] === b && r[4] === id);
          expect(row?.[6]).toBe(matrix.values[i]![j]);
        }),
      );
    }
    const nested = table.rows.find((r) => r[0] === 'rows-2025' && r[2] === 'cells-2025' && r[4] === 'nested');
    expect(nested).toEqual(['rows-2025', 'Layout rows', 'cells-2025', 'Layout cells', 'nested', expect.any(String), 0]);
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

  it('says the export date in words', () => {
    expect(madeOn('2026-12-03', 'nl')).toBe('Gemaakt op 3 december 2026');
    expect(madeOn('2026-12-03', 'en')).toBe('Made on 3 December 2026');
  });

  const note = (subject: string, citation: string, patch: Partial<SourceNote> = {}): SourceNote => ({
    subject,
    citation,
    licence: 'CC BY 4.0',
    referenceDate: '2025-01-01',
    url: 'https://github.com/cartomap/nl',
    ...patch,
  });
  const CBS =
    'CBS Gebiedsindelingen 2025 (PDOK), vereenvoudigd door cartomap/nl; lidmaatschap per gemeente afgeleid uit de regiokaart (SOURCES.md §3)';
  const regioAtlas = (file: string) =>
    `Ministerie van BZK, RegioAtlas (regioatlas.nl), export door Open State Foundation, februari/maart 2016 (openstate/datasets, gemeenschappelijke_regelingen/regioatlas; ${file}); peildatum: de datum van de export (laatste wijziging 21 maart 2016), de RegioAtlas noemt er geen (SOURCES.md §5)`;

  it('cites each distinct source once, with all it gave, its date and web address', () => {
    const sources = [
      note('Gemeentegrenzen 2025', 'CBS Gebiedsindelingen 2025: gemeenten (PDOK), vereenvoudigd door cartomap/nl'),
      note('Jeugdregio’s 2025', CBS),
      note('GGD-regio’s 2025', CBS),
      note('Veiligheidsregio’s 2025', CBS.replace('§3', '§12b')),
      note('Wmo-regio’s 2016', regioAtlas('Sociaal/wmoregios.csv'), {
        licence: 'ODC-PDDL-1.0',
        referenceDate: '2016-03-21',
        url: 'https://github.com/openstate/datasets',
      }),
      note('Arbeidsmarktregio’s 2016', regioAtlas('Sociaal/arbeidsmarktregios.csv'), {
        licence: 'ODC-PDDL-1.0',
        referenceDate: '2016-03-21',
        url: 'https://github.com/openstate/datasets',
      }),
      note('Jeugdregio’s 2016', CBS, { referenceDate: '2016-01-01' }),
    ];
    const cited = citeSources(sources);
    expect(cited.map((c) => c.subjects)).toEqual([
      ['Gemeentegrenzen 2025'],
      ['Jeugdregio’s 2025', 'GGD-regio’s 2025', 'Veiligheidsregio’s 2025'],
      ['Wmo-regio’s 2016', 'Arbeidsmarktregio’s 2016'],
      // Another reference date is another source.
      ['Jeugdregio’s 2016'],
    ]);
    expect(cited[2]!.citation).toContain(
      '(openstate/datasets, gemeenschappelijke_regelingen/regioatlas; Sociaal/wmoregios.csv, Sociaal/arbeidsmarktregios.csv);',
    );
    const line = sourceLine(sources, 'nl');
    expect(line).not.toMatch(/SOURCES|§/);
    expect(line.split('CBS Gebiedsindelingen 2025 (PDOK)')).toHaveLength(3);
    expect(line).toContain(
      'Jeugdregio’s 2025, GGD-regio’s 2025, Veiligheidsregio’s 2025: CBS Gebiedsindelingen 2025 (PDOK), vereenvoudigd door cartomap/nl; lidmaatschap per gemeente afgeleid uit de regiokaart (CC BY 4.0, peildatum 1 januari 2025), https://github.com/cartomap/nl;',
    );
    expect(line).toContain('(ODC-PDDL-1.0, peildatum 21 maart 2016), https://github.com/openstate/datasets');
  });

  it('leaves references to this repository’s notes and files out of a citation', () => {
    expect(displayCitation(CBS)).toBe(
      'CBS Gebiedsindelingen 2025 (PDOK), vereenvoudigd door cartomap/nl; lidmaatschap per gemeente afgeleid uit de regiokaart',
    );
    expect(
      displayCitation(
        'CBS Gebiedsindelingen 2015: gemeenten (PDOK), via ties/cbs_gebiedsindelingen_topojson (Gemeente_2015_layer_q1e3, gekwantiseerd 1e3; SOURCES.md §4)',
      ),
    ).toBe(
      'CBS Gebiedsindelingen 2015: gemeenten (PDOK), via ties/cbs_gebiedsindelingen_topojson (Gemeente_2015_layer_q1e3, gekwantiseerd 1e3)',
    );
    const composed = displayCitation(
      'Gemeenten op 1 januari 2022, samengesteld uit de CBS-gemeenten 2015 (PDOK, via ties/cbs_gebiedsindelingen_topojson) door ze langs de gedeelde grenzen samen te voegen (topojson mergeArcs) volgens herindelingen-2015-2025.csv tot die datum (SOURCES.md §12); een gemeente …',
    );
    expect(composed).toBe(
      'Gemeenten op 1 januari 2022, samengesteld uit de CBS-gemeenten 2015 (PDOK, via ties/cbs_gebiedsindelingen_topojson) door ze langs de gedeelde grenzen samen te voegen (topojson mergeArcs) volgens de gemeentelijke herindelingen 2015–2025 (CBS, VNG, herindelingswetten) tot die datum; een gemeente …',
    );
    expect(displayCitation('Herindelingen (herindelingen-2015-2025.md): datum per rij')).toBe(
      'Herindelingen: datum per rij',
    );
    expect(displayCitation('Afgeleid uit A (X (SOURCES.md §3)); B (Y; SOURCES.md §5, §12)')).toBe(
      'Afgeleid uit A (X); B (Y)',
    );
    // A dataset's own file name stays.
    expect(displayCitation(regioAtlas('Sociaal/wmoregios.csv'))).toContain('; Sociaal/wmoregios.csv)');
  });

  it('puts title, link, date and sources in the CSV notes, neutralised and skipped by readers', () => {
    const hostile = gridLayerFile('rows', true);
    hostile.meta.name = { nl: `=${HOSTILE}`, en: HOSTILE };
    const atlas = buildAtlas(GRID_GEOMETRY, GRID, [hostile]);
    const sources = sourcesOf(atlas, ['rows-2025'], 'nl');
    const notes = csvNotes('Titel', 'https://example.org/?a=1', sources, 'nl', '2026-12-03');
    expect(notes.map((n) => n.key)).toEqual(['titel', 'link', 'gemaakt op', 'bron', 'bron']);
    expect(notes[2]!.value).toBe('2026-12-03');
    expect(csvNotes('Title', 'x', sources, 'en').map((n) => n.key)).toEqual(['title', 'link', 'source', 'source']);
    const text = toCsv(['a'], [], { separator: ';', notes, notesAt: 'end' });
    expect(text).toContain(`\r\n# bron;"'=${HOSTILE}: Test source rows (CC0 1.0, peildatum 1 januari 2025)"\r\n`);
    expect(parse(text, ';')).toEqual([['a']]);
  });
});

describe('tableCsv', () => {
  const grid = gridAtlas();
  const link = 'https://example.org/?layers=rows-2025';
  const options = { separator: ';', link, lang: 'nl', layerIds: ['rows-2025'], exportDate: '2026-12-03' } as const;

  it('writes the header first, the rows, then an empty row and the title, link, date, layer and sources', () => {
    const text = tableCsv(grid, membershipTable(grid, ['rows-2025']), options);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('\uFEFFregiocode;regionaam;gemeentecode;gemeentenaam;inwoners;oppervlakte_km2');
    expect(lines.slice(10)).toEqual([
      '',
      '# titel;Lidmaatschappen van gemeenten',
      `# link;${link}`,
      '# gemaakt op;2026-12-03',
      '# laag;Indeling rows (rows-2025)',
      '# bron;Gemeentegrenzen 2025: Hand-made test grid (CC0 1.0, peildatum 1 januari 2025)',
      '# bron;Indeling rows: Test source rows (CC0 1.0, peildatum 1 januari 2025)',
      '',
    ]);
    expect(parse(text, ';')).toHaveLength(1 + 9);
    // pandas reads the file with its defaults plus comment='#': the header, then nine rows of six columns.
    const rows = parse(text, ';').slice(1);
    expect(rows.every((r) => r.length === 6)).toBe(true);
  });

  it('leaves the provenance rows out on request, and rounds numbers to 4 decimals', () => {
    const text = tableCsv(grid, membershipTable(grid, ['rows-2025']), { ...options, hasNotes: false });
    expect(text).not.toContain('#');
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(1 + 9 + 1);
    const area = lines[1]!.split(';').at(-1)!;
    expect(area).toMatch(/^\d+,\d{1,4}$/);
    expect(Number(area.replace(',', '.'))).toBeCloseTo(grid.municipalitiesByCode.get('GM0001')!.areaKm2, 4);
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

  it('names each map size, in the interface language, and never two sizes alike', () => {
    const title = 'Jeugdzorgregio’s en Veilig Thuis (2025)';
    expect(mapFileName(title, 'png', 'screen', 'nl')).toBe(
      'samenwerkingsatlas-jeugdzorgregio-s-en-veilig-thuis-2025-scherm.png',
    );
    expect(mapFileName(title, 'png', '2x', 'nl')).toBe(
      'samenwerkingsatlas-jeugdzorgregio-s-en-veilig-thuis-2025-2x.png',
    );
    expect(mapFileName(title, 'png', 'print', 'nl')).toBe(
      'samenwerkingsatlas-jeugdzorgregio-s-en-veilig-thuis-2025-a4-300dpi.png',
    );
    expect(mapFileName(title, 'png', 'screen', 'en')).toMatch(/-screen\.png$/);
    expect(mapFileName(title, 'svg', 'screen', 'nl')).toMatch(/-scherm\.svg$/);
    expect(mapFileName(title, 'svg', 'print', 'en')).toMatch(/-a4\.svg$/);
    // Even a title cut at 60 characters keeps its size, so no two sizes share a name.
    const resolutions: Resolution[] = ['screen', '2x', 'print'];
    for (const long of [title, 'x'.repeat(100), '']) {
      for (const lang of ['nl', 'en'] as const) {
        const pngs = resolutions.map((r) => mapFileName(long, 'png', r, lang));
        expect(new Set(pngs).size).toBe(3);
        expect(new Set([mapFileName(long, 'svg', 'screen', lang), mapFileName(long, 'svg', 'print', lang)]).size).toBe(
          2,
        );
      }
    }
  });
});
