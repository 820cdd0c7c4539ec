/**
 * The RegioAtlas reader (geo/scripts/regioatlas.ts) on hand-made exports, and RegioAtlas tables in the build:
 * as a layer's table and as the other source a layer is compared with (test/fixtures/geo-sources-mini,
 * `regioatlas-2099/Test/noordzuid.csv`, described in its README).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { GeometrySpec, LayerSpec } from '../../geo/layers';
import { buildData } from '../../geo/scripts/build-data';
import { readRegioAtlasRows, regionCodes } from '../../geo/scripts/regioatlas';
import { parseLayerFile } from '../../src/lib/data/parse';
import { validateMemberships } from '../../src/lib/data/validate';
import { errorOf } from '../fixtures/data-errors';
import { MINI_GEOMETRY, miniLayer } from '../fixtures/mini-specs';

const BOM = '\uFEFF';
const HEADER = '"Gemeente";"CBS";"GGD\'s";"Inwoneraantal van regio"';
const file = (...rows: string[]) => [`${BOM}${HEADER}`, ...rows].join('\n');
const PARTITION = { isComplete: true, allowsMultiMembership: false };
const GEMEENTEN = new Map([
  ['GM0358', 'Aalsmeer'],
  ['GM0363', 'Amsterdam'],
  ['GM1680', 'Aa en Hunze'],
]);

describe('readRegioAtlasRows', () => {
  it('reads the export as it is: BOM, ";", quoted fields, 4-digit codes, names trimmed, codes by name order', () => {
    const text = file(
      '"Aalsmeer";"0358";"GGD Amsterdam";"1008808"',
      '"Aa en Hunze";"1680";"GGD Drenthe ";"488611"',
      '"Amsterdam";"0363";"GGD Amsterdam";"1008808"',
    );
    const { layout, rows } = readRegioAtlasRows(text, 'Sociaal/ggds.csv', { prefix: 'RAGG' });
    expect(layout).toBe("GGD's");
    expect(rows).toEqual([
      {
        line: 2,
        municipalityCode: 'GM0358',
        municipalityName: 'Aalsmeer',
        regionCode: 'RAGG01',
        regionName: 'GGD Amsterdam',
      },
      {
        line: 3,
        municipalityCode: 'GM1680',
        municipalityName: 'Aa en Hunze',
        regionCode: 'RAGG02',
        regionName: 'GGD Drenthe',
      },
      {
        line: 4,
        municipalityCode: 'GM0363',
        municipalityName: 'Amsterdam',
        regionCode: 'RAGG01',
        regionName: 'GGD Amsterdam',
      },
    ]);
    expect(validateMemberships({ file: 'ggds.csv', rows, municipalities: GEMEENTEN, coverage: PARTITION })).toEqual([
      { code: 'RAGG01', name: 'GGD Amsterdam', members: ['GM0358', 'GM0363'] },
      { code: 'RAGG02', name: 'GGD Drenthe', members: ['GM1680'] },
    ]);
  });

  it('keeps every row of a gemeente in several regions; validation decides whether the layer allows it', () => {
    const text = file(
      '"Aalsmeer";"0358";"Noord";"1"',
      '"Amsterdam";"0363";"Noord";"1"',
      '"Aa en Hunze";"1680";"Zuid";"1"',
      '"Aa en Hunze";"1680";"Noord";"1"',
    );
    const { rows } = readRegioAtlasRows(text, 'x.csv', { prefix: 'R' });
    expect(rows.map((r) => [r.municipalityCode, r.regionCode])).toEqual([
      ['GM0358', 'R01'],
      ['GM0363', 'R01'],
      ['GM1680', 'R02'],
      ['GM1680', 'R01'],
    ]);
    const multi = { isComplete: true, allowsMultiMembership: true };
    expect(validateMemberships({ file: 'x.csv', rows, municipalities: GEMEENTEN, coverage: multi })).toEqual([
      { code: 'R01', name: 'Noord', members: ['GM0358', 'GM0363', 'GM1680'] },
      { code: 'R02', name: 'Zuid', members: ['GM1680'] },
    ]);
    expect(
      errorOf(() => validateMemberships({ file: 'x.csv', rows, municipalities: GEMEENTEN, coverage: PARTITION }))
        .message,
    ).toContain('x.csv, line 5: gemeente GM1680 (Aa en Hunze) is in region R01 and in region R02 (line 4)');
  });

  it('names file and line of a code that is not 4 digits, of an empty region, and of a wrong header', () => {
    const { message } = errorOf(() =>
      readRegioAtlasRows(
        file(
          '"Aalsmeer";"358";"GGD Amsterdam";"1"',
          '"Amsterdam";"GM0363";"GGD Amsterdam";"1"',
          '"Aa en Hunze";"1680";" ";"1"',
        ),
        'Sociaal/ggds.csv',
        { prefix: 'RAGG' },
      ),
    );
    expect(message).toContain('Sociaal/ggds.csv, line 2: CBS code "358" is not a 4-digit gemeente code');
    expect(message).toContain('Sociaal/ggds.csv, line 3: CBS code "GM0363" is not a 4-digit gemeente code');
    expect(message).toContain("Sociaal/ggds.csv, line 4: empty region name (GGD's) for gemeente GM1680");
    expect(
      errorOf(() => readRegioAtlasRows('gemeentecode,regio\nGM0358,A\n', 'plain.csv', { prefix: 'R' })).message,
    ).toBe(
      'plain.csv, line 1: expected the RegioAtlas header "Gemeente";"CBS";"<layout>";"Inwoneraantal van regio", got "gemeentecode,regio"',
    );
  });

  it('names file and line of a malformed row: a missing field, a broken quote', () => {
    const read = (...rows: string[]) => errorOf(() => readRegioAtlasRows(file(...rows), 'g.csv', { prefix: 'R' }));
    expect(read('"Amsterdam";"0363";"1"', '"Aalsmeer";"0358";"GGD Amsterdam";"1"').message).toContain(
      'g.csv, line 2: 3 fields, but the header has 4',
    );
    expect(read('"Aalsmeer";"0358";"GGD Amsterdam";"1"', '"Amsterdam";"0363";"GGD Amsterdam;"1"').message).toMatch(
      /^g\.csv: unreadable CSV:\ng\.csv, line 3: /,
    );
  });

  it('fails, after the reader, on an unknown code and on a gemeente of the year without a region', () => {
    const { rows } = readRegioAtlasRows(
      file('"Aalsmeer";"0358";"Noord";"1"', '"Nergens";"9999";"Noord";"1"'),
      'Sociaal/x.csv',
      { prefix: 'R' },
    );
    const { message } = errorOf(() =>
      validateMemberships({ file: 'Sociaal/x.csv', rows, municipalities: GEMEENTEN, coverage: PARTITION }),
    );
    expect(message).toContain('Sociaal/x.csv, line 3: unknown gemeente code "GM9999" ("Nergens")');
    expect(message).toContain(
      '2 gemeente(n) of the geometry without a region, but the layer claims full coverage: GM0363 Amsterdam, GM1680 Aa en Hunze',
    );
  });

  it('takes region codes from a name → code map, naming the line of a name the map lacks', () => {
    const text = file('"Aalsmeer";"0358";"Noord";"1"', '"Amsterdam";"0363";"Zuid";"1"');
    const rule = { codes: { Noord: 'N1' } };
    expect(errorOf(() => readRegioAtlasRows(text, 'm.csv', rule)).message).toContain(
      'm.csv, line 3: region "Zuid" has no code in the registry\'s code map',
    );
    const { rows } = readRegioAtlasRows(text, 'm.csv', { codes: { Noord: 'N1', Zuid: 'Z1' } });
    expect(rows.map((r) => r.regionCode)).toEqual(['N1', 'Z1']);
  });
});

describe('readRegioAtlasRows with a code map', () => {
  const text = file(
    '"Aalsmeer";"0358";"Noord";"1"',
    '"Amsterdam";"0363";"Zuid";"1"',
    '"Aa en Hunze";"1680";"Oost";"1"',
  );

  it('takes the codes of the names in the map and numbers the others with the prefix, among themselves', () => {
    const { rows } = readRegioAtlasRows(text, 'm.csv', { prefix: 'RA', codes: { Noord: 'PV20' } });
    expect(rows.map((r) => [r.regionName, r.regionCode])).toEqual([
      ['Noord', 'PV20'],
      ['Zuid', 'RA02'],
      ['Oost', 'RA01'],
    ]);
  });

  it('names the file for a map entry that is not a region of the file, and for a code given twice', () => {
    const stale = errorOf(() => readRegioAtlasRows(text, 'm.csv', { prefix: 'RA', codes: { Nord: 'PV20' } }));
    expect(stale.message).toContain('m.csv: the registry\'s code map names region "Nord", which is not in the file');
    const twice = errorOf(() => readRegioAtlasRows(text, 'm.csv', { codes: { Noord: 'X1', Zuid: 'X1', Oost: 'X2' } }));
    expect(twice.message).toContain('m.csv: regions "Noord" and "Zuid" both get the code X1');
    const clash = errorOf(() => readRegioAtlasRows(text, 'm.csv', { prefix: 'RA', codes: { Zuid: 'RA01' } }));
    expect(clash.message).toContain('both get the code RA01');
  });
});

describe('regionCodes', () => {
  it('numbers distinct names in code-unit order (not the locale), wider when there are more than 99', () => {
    expect(regionCodes(['b', 'Zeeland', 'a', 'Zeeland', 'West-brabant', 'West-Brabant'], { prefix: 'RA' })).toEqual(
      new Map([
        ['West-Brabant', 'RA01'],
        ['West-brabant', 'RA02'],
        ['Zeeland', 'RA03'],
        ['a', 'RA04'],
        ['b', 'RA05'],
      ]),
    );
    const many = Array.from({ length: 100 }, (_, i) => `R${String(i).padStart(3, '0')}`);
    const codes = regionCodes(many, { prefix: 'X' });
    expect(codes.get('R000')).toBe('X001');
    expect(codes.get('R099')).toBe('X100');
  });
});

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = join(ROOT, 'test/fixtures/geo-sources-mini');
const EXPORT = 'regioatlas-2099/Test/noordzuid.csv';

const GEOMETRY: GeometrySpec = {
  ...MINI_GEOMETRY,
  inhabitantsInput: null,
  inhabitantsDate: null,
  inhabitantsSource: null,
};

/** A test layer read from the fixture's own table (the RegioAtlas export is what `extra` compares it with). */
function layer(kind: string, extra: Partial<LayerSpec>): LayerSpec {
  return miniLayer(kind, 'membership/noordzuid_2099.csv', extra);
}
const REGIOATLAS_SOURCE = { citation: 'Test RegioAtlas export', licence: 'ODC-PDDL-1.0', referenceDate: '2099-03-21' };

describe('RegioAtlas tables in the build', () => {
  const temporary: string[] = [];
  afterEach(() => {
    for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function workspace() {
    const dir = mkdtempSync(join(tmpdir(), 'geo-regioatlas-test-'));
    temporary.push(dir);
    cpSync(FIXTURE, join(dir, 'sources'), { recursive: true });
    return { sourcesDir: join(dir, 'sources'), outDir: join(dir, 'out') };
  }
  const build = (dirs: { sourcesDir: string; outDir: string }, layers: LayerSpec[]) =>
    buildData({ ...dirs, quiet: true, geometries: [GEOMETRY], layers });
  const readLayer = (outDir: string, id: string) =>
    parseLayerFile(JSON.parse(readFileSync(join(outDir, `layers/${id}.json`), 'utf8')), id);

  it('builds a layer from an export with multi-membership, as a registry entry', () => {
    const dirs = workspace();
    const spec = layer('noordzuid', {
      input: EXPORT,
      regioAtlas: { regionCodes: { prefix: 'NZ' } },
      coverage: { isComplete: true, allowsMultiMembership: true },
      source: REGIOATLAS_SOURCE,
    });
    build(dirs, [spec]);
    const file = readLayer(dirs.outDir, 'noordzuid-2099');
    expect(file.regions).toEqual([
      { code: 'NZ01', name: 'Het Noorden', members: ['GM9001', 'GM9002', 'GM9004'] },
      { code: 'NZ02', name: 'Zuid; en verder', members: ['GM9003', 'GM9004'] },
    ]);
    expect(file.meta).not.toHaveProperty('regioAtlas');
  });

  it('validates an export against the year like every table, naming file and line', () => {
    const dirs = workspace();
    const path = join(dirs.sourcesDir, EXPORT);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"9002"', '"9009"'));
    const spec = layer('noordzuid', { input: EXPORT, regioAtlas: { regionCodes: { prefix: 'NZ' } } });
    const { message } = errorOf(() => build(dirs, [spec]));
    expect(message).toContain(`${EXPORT}, line 3: unknown gemeente code "GM9009" ("Noordoost") (not in the geometry)`);
    expect(message).toContain(
      `${EXPORT}, line 6: gemeente GM9004 (Zuidoost) is in region NZ01 and in region NZ02 (line 5)`,
    );
    expect(message).toContain('claims full coverage: GM9002 Noordoost');
  });

  it('fails on a gemeente of the year missing from a complete export, naming the file and the gemeente', () => {
    const dirs = workspace();
    const path = join(dirs.sourcesDir, EXPORT);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"Noordwest";"9001";"Het Noorden ";"3500"\n', ''));
    const multi = { isComplete: true, allowsMultiMembership: true };
    const spec = layer('noordzuid', { input: EXPORT, regioAtlas: { regionCodes: { prefix: 'NZ' } }, coverage: multi });
    const { message } = errorOf(() => build(dirs, [spec]));
    expect(message).toContain(
      `${EXPORT}: 1 gemeente(n) of the geometry without a region, but the layer claims full coverage: GM9001 Noordwest`,
    );
    expect(existsSync(dirs.outDir)).toBe(false);
    // A partial layout may leave it out.
    build(dirs, [{ ...spec, coverage: { isComplete: false, allowsMultiMembership: true } }]);
    expect(readLayer(dirs.outDir, 'noordzuid-2099').regions.flatMap((r) => r.members)).not.toContain('GM9001');
  });

  it('fails on a malformed row of an export in the build, naming the file and the line', () => {
    const dirs = workspace();
    const path = join(dirs.sourcesDir, EXPORT);
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('"Zuidwest";"9003";"Zuid; en verder";"300"', '"Zuidwest";"9003"'),
    );
    const multi = { isComplete: true, allowsMultiMembership: true };
    const spec = layer('noordzuid', { input: EXPORT, regioAtlas: { regionCodes: { prefix: 'NZ' } }, coverage: multi });
    expect(errorOf(() => build(dirs, [spec])).message).toContain(`${EXPORT}, line 4: 2 fields, but the header has 4`);
  });

  it('records that another source agrees, as partitions (codes and names aside)', () => {
    const dirs = workspace();
    const path = join(dirs.sourcesDir, EXPORT);
    // Without Zuidoost's second row the export is the same partition as the CSV, under other names.
    writeFileSync(path, readFileSync(path, 'utf8').replace(/\n"Zuidoost";"9004";"Het Noorden ";"3500"$/, ''));
    const compareWith = { input: EXPORT, regioAtlas: { regionCodes: { prefix: 'RANZ' } }, source: REGIOATLAS_SOURCE };
    const lines: string[] = [];
    buildData({
      ...dirs,
      geometries: [GEOMETRY],
      layers: [layer('noordzuid', { compareWith })],
      log: (line) => lines.push(line),
    });
    expect(readLayer(dirs.outDir, 'noordzuid-2099').meta.alsoIn).toEqual({
      source: REGIOATLAS_SOURCE,
      agrees: true,
      differences: [],
    });
    expect(lines).toContainEqual(
      expect.stringMatching(/noordzuid-2099 .* 4\/4 gemeenten {2}agrees with regioatlas-2099/),
    );
  });

  it("records where another source differs, and validates it against the layer's coverage rules", () => {
    const dirs = workspace();
    const compareWith = {
      input: EXPORT,
      regioAtlas: { regionCodes: { prefix: 'RANZ' } },
      source: REGIOATLAS_SOURCE,
    };
    const multi = { isComplete: true, allowsMultiMembership: true };
    build(dirs, [layer('noordzuid', { compareWith, coverage: multi })]);
    expect(readLayer(dirs.outDir, 'noordzuid-2099').meta.alsoIn).toEqual({
      source: REGIOATLAS_SOURCE,
      agrees: false,
      differences: ['GM9004 Zuidoost: NZ02 Zuid | Het Noorden, Zuid; en verder'],
    });
    // A partition layer cannot be compared with a table that is none: the other table fails validation.
    const { message } = errorOf(() => build(dirs, [layer('noordzuid', { compareWith })]));
    expect(message).toContain(`${EXPORT}, line 6: gemeente GM9004 (Zuidoost) is in region RANZ01 and in region RANZ02`);
  });
});
