import { describe, expect, it } from 'vitest';
import { parseLayerFile } from '../../src/lib/data/parse';
import { USER_LAYER_COLOURS, pickColour, slugify } from '../../src/lib/import/build-layer';
import { importFile, importText } from '../../src/lib/import/import-file';
import { MAX_IMPORT_ROWS, detectColumns, detectDelimiter, nameFromFile } from '../../src/lib/import/membership';
import { hasErrors, type ImportProblem, type ImportResult } from '../../src/lib/import/problems';
import { importAtlas, importContext, rowsLayer, utf8 } from '../fixtures/import-atlas';

const context = importContext();
const csv = (text: string, options = {}) => importText(text, 'regios.csv', context, options);
/** The problems of a result without the result-level infos, in a compact form. */
const rowProblems = (result: ImportResult) =>
  result.problems.filter((p) => p.kind !== 'partial-coverage' && p.kind !== 'multi-membership');
const kinds = (result: ImportResult) => rowProblems(result).map((p) => `${p.row}:${p.severity}:${p.kind}`);
const membersOf = (result: ImportResult) =>
  Object.fromEntries((result.layer?.regions ?? []).map((r) => [r.name, r.members]));

describe('detectDelimiter', () => {
  it.each([
    ['gemeente;regio\nA;B', ';'],
    ['gemeente,regio\nA,B', ','],
    ['gemeente\tregio\nA\tB', '\t'],
    ['"gemeente, naam";regio', ';'],
    ['\n\ngemeente|regio', '|'],
    ['gemeente', ','],
  ])('%j → %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe('detectColumns', () => {
  it('recognises Dutch and English header names, with other case, accents, spaces and suffixes', () => {
    expect(detectColumns(['Gemeentecode', 'Gemeentenaam', 'Regiocode', 'Regionaam'])).toEqual({
      municipalityCode: 0,
      municipalityName: 1,
      regionCode: 2,
      regionName: 3,
    });
    expect(detectColumns(['Municipality', 'Region name', 'Region code'])).toEqual({
      municipalityName: 0,
      regionName: 1,
      regionCode: 2,
    });
    expect(detectColumns(['code', 'gemeente', 'Jeugdregio'])).toEqual({
      municipalityCode: 0,
      municipalityName: 1,
      regionName: 2,
    });
    expect(detectColumns(['Gemeentecode (CBS)', 'regio_nr', 'Naam van de regio 2025'])).toEqual({
      municipalityCode: 0,
      regionCode: 1,
      regionName: 2,
    });
  });
});

describe('importCsv: separators, header and encodings', () => {
  it('reads a ;-separated table with gemeente codes written GM0363, 0363 and 363', () => {
    const result = csv('gemeentecode;regio\nGM0363;Noord\n1900;Noord\n893;Zuid\n');
    expect(result.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(result.delimiter).toBe(';');
    expect(membersOf(result)).toEqual({ Noord: ['GM0363', 'GM1900'], Zuid: ['GM0893'] });
  });

  it('reads a ,-separated table with quoted names, English headers and region codes', () => {
    const result = csv('municipality,region,region code\n"Amsterdam","North, big",N1\nUtrecht,"North, big",N1\n');
    expect(result.delimiter).toBe(',');
    expect(result.layer?.regions).toEqual([{ code: 'N1', name: 'North, big', members: ['GM0344', 'GM0363'] }]);
  });

  it('reads a tab-separated table (as Excel copies it)', () => {
    expect(membersOf(csv('Gemeente\tRegio\r\nTilburg\tZuid\r\n'))).toEqual({ Zuid: ['GM0855'] });
  });

  it('reads names regardless of case, accents, apostrophes and aliases', () => {
    const result = csv("gemeente;regio\nsudwest fryslan;A\nS-GRAVENHAGE;A\nDen Haag;B\nbergen nh;B\n's-gravenhage;B\n");
    expect(membersOf(result)).toEqual({ A: ['GM0518', 'GM1900'], B: ['GM0373', 'GM0518'] });
  });

  it('reads a UTF-8 file with BOM, with the BOM not in the first column name', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('gemeente;regio\nAmsterdam;Noord\n')]);
    const result = importFile(bom, 'a.csv', context);
    expect(result.encoding).toBe('utf-8-bom');
    expect(membersOf(result)).toEqual({ Noord: ['GM0363'] });
  });

  it('reads a Windows-1252 file: "Súdwest-Fryslân" as old Excel saves it', () => {
    const header = utf8('gemeente;regio\n');
    // ú = 0xFA and â = 0xE2 in Windows-1252; as UTF-8 these bytes are invalid.
    const name = [0x53, 0xfa, 0x64, 0x77, 0x65, 0x73, 0x74, 0x2d, 0x46, 0x72, 0x79, 0x73, 0x6c, 0xe2, 0x6e];
    const bytes = new Uint8Array([...header, ...name, ...utf8(';A\n')]);
    const result = importFile(bytes, 'fries.csv', context);
    expect(result.encoding).toBe('windows-1252');
    expect(result.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(membersOf(result)).toEqual({ A: ['GM1900'] });
  });

  it('reads a table without header when its first cell is a gemeente, and says so', () => {
    const result = csv('Amsterdam;Noord;N\nUtrecht;Midden;M\n');
    expect(result.problems[0]).toEqual({ severity: 'info', kind: 'no-header' });
    expect(result.layer?.regions.map((r) => [r.code, r.name, r.members])).toEqual([
      ['M', 'Midden', ['GM0344']],
      ['N', 'Noord', ['GM0363']],
    ]);
  });

  it('gives line numbers of the file, counting blank lines and quoted line breaks', () => {
    const result = csv('gemeente;regio\n\nAmsterdm;"Noord\nwest"\nAmsterdam;Noord\n\nUtrecht;Zuid\nUtrecht;Zuid\n');
    // "Noord\nwest" had only the unknown gemeente: it falls away, and is named (from line 3 on).
    expect(kinds(result)).toEqual([
      '3:error:unknown-municipality',
      '8:warning:duplicate',
      'undefined:warning:region-left-out',
    ]);
    expect(rowProblems(result)[1]).toMatchObject({ otherRow: 7 });
    expect(rowProblems(result)[2]).toMatchObject({ value: 'Noord west', otherRow: 3 });
  });
});

describe('importCsv: problems per row', () => {
  it('unknown gemeente with a suggestion: "Amsterdm": did you mean Amsterdam?', () => {
    const result = csv('gemeente;regio\nAmsterdm;Noord\nUtrecht;Noord\n');
    expect(rowProblems(result)).toEqual([
      {
        severity: 'error',
        kind: 'unknown-municipality',
        row: 2,
        value: 'Amsterdm',
        suggestions: [{ code: 'GM0363', name: 'Amsterdam' }],
      },
    ]);
    expect(hasErrors(result)).toBe(true);
    // The layer is still built from the other rows, so the interface can show what would be added.
    expect(membersOf(result)).toEqual({ Noord: ['GM0344'] });
  });

  it('an unknown code has no suggestions; a prefix is suggested, not silently accepted', () => {
    const result = csv('gemeente;regio\nGM9999;A\nAmster;A\nAmst;A\nUtrecht;A\n');
    expect(rowProblems(result).map((p) => [p.value, p.suggestions?.map((m) => m.name)])).toEqual([
      ['GM9999', []],
      ['Amster', ['Amsterdam']],
      ['Amst', ['Amstelveen', 'Amsterdam']],
    ]);
  });

  it('a name that fits two gemeenten is ambiguous and lists both', () => {
    expect(rowProblems(csv('gemeente;regio\nBergen;A\nUtrecht;A\n'))).toEqual([
      {
        severity: 'error',
        kind: 'ambiguous-municipality',
        row: 2,
        value: 'Bergen',
        suggestions: [
          { code: 'GM0893', name: 'Bergen (L.)' },
          { code: 'GM0373', name: 'Bergen (NH.)' },
        ],
      },
    ]);
  });

  it('a duplicate row is a warning naming the first line; the layer has the gemeente once', () => {
    const result = csv('gemeente;regio\nUtrecht;Midden\nGM0344;Midden\n');
    expect(rowProblems(result)).toEqual([
      {
        severity: 'warning',
        kind: 'duplicate',
        row: 3,
        value: 'GM0344',
        municipality: { code: 'GM0344', name: 'Utrecht' },
        region: 'Midden',
        otherRow: 2,
      },
    ]);
    expect(hasErrors(result)).toBe(false);
    expect(membersOf(result)).toEqual({ Midden: ['GM0344'] });
  });

  it('an empty region name is an error for the row; with a region code the code becomes the name', () => {
    const result = csv('gemeente;regio;regiocode\nUtrecht;;\nTilburg;;Z1\n');
    expect(rowProblems(result)).toEqual(
      [
        { severity: 'warning', kind: 'empty-region', row: 3, region: 'Z1' },
        {
          severity: 'error',
          kind: 'empty-region',
          row: 2,
          value: 'Utrecht',
          municipality: { code: 'GM0344', name: 'Utrecht' },
        },
      ].sort((a, b) => a.row - b.row),
    );
    expect(result.layer?.regions).toEqual([{ code: 'Z1', name: 'Z1', members: ['GM0855'] }]);
  });

  it('an empty gemeente cell is an error for the row', () => {
    expect(kinds(csv('gemeente;regio\n;Noord\nUtrecht;Noord\n'))).toEqual(['2:error:empty-municipality']);
  });

  it('a former gemeente is an error that names where it went (year after intermediate mergers)', () => {
    const result = csv('gemeente;regio\nOudegem;A\nNieuwerkerk;A\nGM0003;B\nUtrecht;A\n');
    expect(rowProblems(result)).toEqual([
      {
        severity: 'error',
        kind: 'former-municipality',
        row: 2,
        value: 'Oudegem',
        mapsTo: [
          { code: 'GM0344', name: 'Utrecht', year: 2019 },
          { code: 'GM0855', name: 'Tilburg', year: 2019 },
        ],
      },
      {
        severity: 'error',
        kind: 'former-municipality',
        row: 3,
        value: 'Nieuwerkerk',
        mapsTo: [{ code: 'GM0363', name: 'Amsterdam', year: 2020 }],
      },
      {
        severity: 'error',
        kind: 'former-municipality',
        row: 4,
        value: 'GM0003',
        mapsTo: [{ code: 'GM1979', name: 'Eemsdelta', year: 2021 }],
      },
      // B's only row was the former gemeente: B is named as left out, not only its gemeente as without a region.
      { severity: 'warning', kind: 'region-left-out', value: 'B', otherRow: 4 },
    ]);
  });

  it('mapFormer puts a former gemeente in the receiver of the largest share, said as info, no duplicate', () => {
    const result = csv('gemeente;regio\nOudegem;A\nUtrecht;A\nAppingedam;B\nEemsdelta;B\n', { mapFormer: true });
    expect(kinds(result)).toEqual(['2:info:former-mapped', '4:info:former-mapped']);
    expect(hasErrors(result)).toBe(false);
    expect(membersOf(result)).toEqual({ A: ['GM0344'], B: ['GM1979'] });
  });

  it('corrections chosen from the suggestions are applied to every row with that value, said as info', () => {
    const result = csv('gemeente;regio\nAmsterdm;A\nAmsterdm;B\n', { corrections: { Amsterdm: 'GM0363' } });
    expect(kinds(result)).toEqual(['2:info:corrected', '3:info:corrected']);
    expect(membersOf(result)).toEqual({ A: ['GM0363'], B: ['GM0363'] });
  });

  it('skipInvalidRows turns row errors into warnings, so the rest can be added', () => {
    const result = csv('gemeente;regio\nAmsterdm;A\nBergen;A\n;A\nUtrecht;A\n', { skipInvalidRows: true });
    expect(kinds(result)).toEqual([
      '2:warning:unknown-municipality',
      '3:warning:ambiguous-municipality',
      '4:warning:empty-municipality',
    ]);
    expect(hasErrors(result)).toBe(false);
  });

  it('code and name that disagree: the code wins, or the name when the code is unknown', () => {
    const result = csv('gemeentecode;gemeentenaam;regio\nGM0363;Utrecht;A\nGM9999;Tilburg;B\n');
    expect(rowProblems(result)).toEqual([
      {
        severity: 'warning',
        kind: 'name-code-mismatch',
        row: 2,
        value: 'Utrecht',
        municipality: { code: 'GM0363', name: 'Amsterdam' },
      },
      {
        severity: 'warning',
        kind: 'name-code-mismatch',
        row: 3,
        value: 'GM9999',
        municipality: { code: 'GM0855', name: 'Tilburg' },
      },
    ]);
    expect(membersOf(result)).toEqual({ A: ['GM0363'], B: ['GM0855'] });
  });

  it('one region code with two names keeps the first name and warns', () => {
    const result = csv('gemeente;regio;regiocode\nUtrecht;Midden;R1\nTilburg;Zuid;R1\n');
    expect(kinds(result)).toEqual(['3:warning:region-name-conflict']);
    expect(result.layer?.regions).toEqual([{ code: 'R1', name: 'Midden', members: ['GM0344', 'GM0855'] }]);
  });

  it('regions without a code are one region per name (case ignored), first spelling kept', () => {
    expect(membersOf(csv('gemeente;regio\nUtrecht;Regio Midden\nTilburg;regio  midden\n'))).toEqual({
      'Regio Midden': ['GM0344', 'GM0855'],
    });
  });

  it('a very long region name is cut with a warning; control characters are removed', () => {
    const long = 'R'.repeat(300);
    const result = csv(`gemeente;regio\nUtrecht;${long}\nTilburg;"Zuid\u0007\u202e"\n`);
    expect(kinds(result)).toEqual(['2:warning:long-name']);
    expect(result.layer?.regions.map((r) => r.name)).toEqual([`${'R'.repeat(99)}…`, 'Zuid']);
  });

  it('problems are listed in line order, also quote errors found while splitting the file', () => {
    const result = csv('gemeente;regio\nAmsterdm;A\nUtrecht;A\n"Tilburg;B\n');
    expect(kinds(result)).toEqual([
      '2:error:unknown-municipality',
      '4:error:malformed-row',
      '4:error:unknown-municipality',
    ]);
  });

  it('an unterminated quote is reported for its line', () => {
    const result = csv('gemeente;regio\nUtrecht;A\n"Tilburg;B\n');
    expect(rowProblems(result)[0]).toMatchObject({ severity: 'error', kind: 'malformed-row', row: 3 });
  });

  it('multi-membership and partial coverage are allowed, counted and said', () => {
    const result = csv('gemeente;regio\nUtrecht;A\nUtrecht;B\nTilburg;B\n');
    expect(hasErrors(result)).toBe(false);
    expect(result.stats).toEqual({ rows: 3, matched: 3, regions: 2, covered: 2, total: 9, multiMembership: 1 });
    expect(result.problems.filter((p) => p.severity === 'info')).toEqual([
      {
        severity: 'info',
        kind: 'multi-membership',
        municipality: { code: 'GM0344', name: 'Utrecht' },
        regions: ['A', 'B'],
      },
      expect.objectContaining({ kind: 'partial-coverage', count: 7 }),
    ]);
    expect(result.layer?.meta.coverage).toEqual({ isComplete: false, allowsMultiMembership: true });
  });
});

describe('importCsv: file-level problems', () => {
  it.each([
    ['no gemeente column', 'plaats;regio\nX;Y\n', 'municipality'],
    ['no region column', 'gemeente;inwoners\nUtrecht;1\n', 'region'],
  ])('%s', (_, text, value) => {
    const result = csv(text);
    expect(result.layer).toBeNull();
    expect(result.problems).toEqual([
      { severity: 'error', kind: 'missing-column', value, detail: text.split('\n')[0]!.split(';').join(', ') },
    ]);
  });

  it('a header without rows', () => {
    expect(csv('gemeente;regio\n\n').problems).toEqual([{ severity: 'error', kind: 'no-rows' }]);
  });

  it('nothing usable: no layer and a no-regions error', () => {
    const result = csv('gemeente;regio\nNergenshuizen;A\n');
    expect(result.layer).toBeNull();
    expect(result.problems.at(-1)).toEqual({ severity: 'error', kind: 'no-regions' });
  });

  it(`more than ${MAX_IMPORT_ROWS} data rows: too-many-rows and no layer`, () => {
    const text = `gemeente;regio\n${'Utrecht;A\n'.repeat(MAX_IMPORT_ROWS + 1)}`;
    expect(csv(text)).toMatchObject({ layer: null, problems: [{ severity: 'error', kind: 'too-many-rows' }] });
    expect(csv(`gemeente;regio\n${'Utrecht;A\n'.repeat(MAX_IMPORT_ROWS)}`).layer).not.toBeNull();
  });

  // Its speed is measured in `npm run bench`, never here: a unit test must not depend on the machine's load.
  it('a 10,000-row CSV (duplicates dominate) imports whole: every row matched, each repeat one duplicate', () => {
    const names = importAtlas().municipalities.map((m) => m.name);
    const lines = Array.from(
      { length: 10_000 },
      (_, i) => `"${names[i % names.length]}";Regio ${(i % names.length) % 3}`,
    );
    const result = csv(`gemeente;regio\n${lines.join('\n')}\n`);
    expect(result.stats).toEqual({
      rows: 10_000,
      matched: 10_000,
      regions: 3,
      covered: 9,
      total: 9,
      multiMembership: 0,
    });
    expect(result.problems.filter((p) => p.kind === 'duplicate')).toHaveLength(10_000 - 9);
    expect(hasErrors(result)).toBe(false);
  });
});

describe('the imported layer', () => {
  const result = importText(
    'gemeente;regio;regiocode\nAmsterdam;Noord;\nSúdwest-Fryslân;Noord;\nBergen (L.);Noord;U01\n' +
      "Bergen (NH.);Midden;\n's-Gravenhage;Midden;\nEemsdelta;Midden;\nAmstelveen;Zuid;Z\nUtrecht;Zuid;Z\nTilburg;Zuid;Z\n",
    'C:\\Users\\me\\Mijn_regio’s.csv',
    context,
  );
  const layer = result.layer!;

  it('is a valid user layer of the atlas geometry, with name and source from the file name', () => {
    expect(parseLayerFile(JSON.parse(JSON.stringify(layer)), 'x')).toEqual(layer);
    expect(layer.meta).toMatchObject({
      kind: expect.stringMatching(/^eigen-mijn-regios-[0-9a-z]{7}$/),
      year: 2025,
      geometryId: 'grid-2025',
      domain: 'eigen',
      name: { nl: 'Mijn regio’s', en: 'Mijn regio’s' },
      source: { citation: 'Eigen import: Mijn_regio’s.csv', licence: 'eigen gegevens', referenceDate: '2025-06-01' },
      coverage: { isComplete: true, allowsMultiMembership: false },
      isDefaultVisible: true,
    });
    expect(layer.meta.id).toBe(`${layer.meta.kind}-2025`);
  });

  it('uses given region codes and generates U01, U02… for the rest in order of first appearance, skipping used codes', () => {
    // Noord has no code on its first row, so "U01" given later for Bergen (L.) is a separate region.
    expect(layer.regions.map((r) => [r.code, r.name, r.members.length])).toEqual([
      ['U01', 'Noord', 1],
      ['U02', 'Noord', 2],
      ['U03', 'Midden', 3],
      ['Z', 'Zuid', 3],
    ]);
  });

  it('gets a colour no built-in layer uses', () => {
    expect(USER_LAYER_COLOURS).toContain(layer.meta.color);
    expect(importAtlas().layers.map((l) => l.meta.color.toLowerCase())).not.toContain(layer.meta.color.toLowerCase());
    expect(pickColour(0, [USER_LAYER_COLOURS[0]!])).toBe(USER_LAYER_COLOURS[1]);
  });

  it('gets the same id for the same file, another for other content', () => {
    const again = importText('gemeente;regio\nUtrecht;A\n', 'x.csv', context).layer!.meta.id;
    expect(importText('gemeente;regio\nUtrecht;A\n', 'x.csv', context).layer!.meta.id).toBe(again);
    expect(importText('gemeente;regio\nUtrecht;B\n', 'x.csv', context).layer!.meta.id).not.toBe(again);
  });

  it('keeps hostile names as plain text, and its id safe', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const r = importText(`gemeente;regio\nUtrecht;${hostile}\n`, `${hostile}.csv`, context);
    expect(r.layer?.regions[0]?.name).toBe(hostile);
    expect(r.layer?.meta.name.nl).toBe(hostile);
    expect(r.layer?.meta.id).toMatch(/^[a-z0-9-]+$/);
  });

  it('names: file name without folder and extension; fallback when nothing is left', () => {
    expect(nameFromFile('/tmp/jeugd_regios 2025.CSV')).toEqual({ nl: 'jeugd regios 2025', en: 'jeugd regios 2025' });
    expect(nameFromFile('.csv')).toEqual({ nl: 'Eigen laag', en: 'Own layer' });
    expect(slugify('Súdwest-Fryslân regio’s')).toBe('sudwest-fryslan-regios');
    expect(slugify('<>')).toBe('laag');
  });
});

describe('importLayerJson (the app’s own format)', () => {
  it('round trip: an exported user layer imports as the same layer (id, name, regions)', () => {
    const first = csv('gemeente;regio;regiocode\nUtrecht;Midden;M\nTilburg;Zuid;Z\nAmsterdam;Midden;M\n').layer!;
    const result = importFile(utf8(JSON.stringify(first, null, 2)), 'export.json', context);
    expect(result.format).toBe('layer-json');
    expect(result.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(result.layer).toEqual(first);
  });

  it('a built-in layer becomes a new user layer with the same regions and name', () => {
    const builtIn = rowsLayer();
    const result = importText(JSON.stringify(builtIn), 'rows-2025.json', context);
    expect(result.layer?.regions).toEqual(builtIn.regions);
    expect(result.layer?.meta).toMatchObject({ domain: 'eigen', name: builtIn.meta.name });
    expect(result.layer?.meta.id).toMatch(/^eigen-indeling-rows-[0-9a-z]{7}-2025$/);
  });

  it('checks members against the atlas: unknown and former codes per region; another geometry is a warning', () => {
    const builtIn = rowsLayer();
    const file = {
      ...builtIn,
      meta: { ...builtIn.meta, geometryId: 'gemeenten-2021' },
      regions: [...builtIn.regions, { code: 'R9', name: 'Oud', members: ['GM0003', 'GM9999'] }],
    };
    const result = importText(JSON.stringify(file), 'old.json', context, { mapFormer: true });
    expect(kinds(result)).toEqual([
      'undefined:warning:other-geometry',
      '4:info:former-mapped',
      '4:error:unknown-municipality',
    ]);
    expect(result.layer?.regions.find((r) => r.code === 'R9')?.members).toEqual(['GM1979']);
  });

  it('a file in the format but invalid gives parseLayerFile’s message', () => {
    const result = importText(JSON.stringify({ format: 'samenwerkingsatlas/layer@1', meta: {} }), 'x.json', context);
    expect(result.layer).toBeNull();
    expect(result.problems).toEqual([
      { severity: 'error', kind: 'invalid-layer', detail: expect.stringContaining('meta.id') as string },
    ]);
  });
});

describe('importText: format detection', () => {
  const only = (result: ImportResult): ImportProblem | undefined =>
    result.problems.length === 1 ? result.problems[0] : undefined;

  it.each([
    ['broken JSON', '{"format": ', 'a.json', 'invalid-json'],
    ['a table under a .json name', 'gemeente;regio\n', 'a.json', 'invalid-json'],
    ['a JSON array', '[1, 2]', 'a.txt', 'unknown-format'],
    ['another JSON format', '{"format": "samenwerkingsatlas/manifest@1"}', 'm.json', 'unknown-format'],
    ['TopoJSON', '{"type": "Topology"}', 't.json', 'unknown-format'],
    ['only white space', '  \n ', 'a.csv', 'empty-file'],
    ['text with NUL', 'gemeente\u0000', 'a.csv', 'binary'],
  ])('%s', (_, text, name, kind) => {
    expect(only(importText(text, name, context))).toMatchObject({ severity: 'error', kind });
  });

  it('pasted text over the limit is too large', () => {
    expect(only(importText('a'.repeat(5 * 1024 * 1024 + 1), 'plakken.csv', context))).toMatchObject({
      kind: 'too-large',
    });
  });
});
