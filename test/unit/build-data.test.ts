/**
 * The geo build against test/fixtures/geo-sources-mini (a hand-made 2×2 grid, see its README.md) and
 * test/fixtures/reference-mini (reorganisations 2098-2099 on that grid), copied to a temporary folder so
 * that tests can break tables without touching the fixtures.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_LAYERS, GEOMETRIES, type GeometrySpec, type LayerSpec } from '../../geo/layers';
import { buildData, type BuildOptions } from '../../geo/scripts/build-data';
import {
  parseFormerMunicipalities,
  parseLayerFile,
  parseManifest,
  parseMunicipalityTopology,
} from '../../src/lib/data/parse';
import type { FormerMunicipalitiesFile, MunicipalityGeometry, MunicipalityTopology } from '../../src/lib/types';
import { errorOf } from '../fixtures/data-errors';
import { MINI_GEOMETRY, miniLayer } from '../fixtures/mini-specs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = join(ROOT, 'test/fixtures/geo-sources-mini');
const REFERENCE_FIXTURE = join(ROOT, 'test/fixtures/reference-mini');
const CHANGES = 'herindelingen-2098-2099.csv';
const CHANGES_HEADER = 'date,type,old_code,old_name,new_code,new_name,area_share,source';

const GEOMETRY: GeometrySpec = MINI_GEOMETRY;

/** The fixture geometry with the reorganisations of 2098-2099 and an alias. */
const FORMER_GEOMETRY: GeometrySpec = {
  ...GEOMETRY,
  history: {
    input: CHANGES,
    startTopologyInput: 'cbs/gemeente_2098.topojson',
    startObjectName: 'gemeente_2098',
  },
  former: { source: { citation: 'Test reorganisations', licence: 'CC0', referenceDate: '2099-01-01' } },
  aliases: [{ alias: 'Het Noordwesten', code: 'GM9001', name: 'Noordwest', source: 'Test' }],
};

const TEST_LAYERS: LayerSpec[] = [
  miniLayer('noordzuid', 'membership/noordzuid_2099.csv', { dash: [4, 2] }),
  miniLayer('known', 'membership/known_2099.csv', {
    coverage: { isComplete: false, allowsMultiMembership: false },
    source: { citation: 'Test facts', licence: 'CC0', referenceDate: '2017-01-01' },
    noteColumn: 'source',
    referenceYearColumn: 'reference_year',
  }),
  miniLayer('multi', 'membership/multi_2099.csv', { coverage: { isComplete: false, allowsMultiMembership: true } }),
];

/** Geodesic area of a lon/lat cell on the sphere used by Turf, worked out on paper: R²·Δλ·(sin φ₂ − sin φ₁). */
function cellAreaKm2(latSouth: number, latNorth: number, lonSpan: number): number {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  return (R ** 2 * lonSpan * rad * (Math.sin(latNorth * rad) - Math.sin(latSouth * rad))) / 1e6;
}
const round2 = (x: number) => Math.round(x * 100) / 100;

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder with copies of the fixture sources and reference, and an (absent) output folder. */
function workspace(): { sourcesDir: string; referenceDir: string; outDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'build-data-test-'));
  temporary.push(dir);
  const sourcesDir = join(dir, 'geo-sources');
  cpSync(FIXTURE, sourcesDir, { recursive: true });
  const referenceDir = join(dir, 'reference');
  cpSync(REFERENCE_FIXTURE, referenceDir, { recursive: true });
  return { sourcesDir, referenceDir, outDir: join(dir, 'out') };
}

function build(options: Partial<BuildOptions> & { sourcesDir: string; outDir: string }) {
  return buildData({ quiet: true, geometries: [GEOMETRY], layers: TEST_LAYERS, ...options });
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Every file under `dir`, relative, sorted. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

describe('buildData on the fixture sources', () => {
  it('writes the topology, one file per layer and the manifest, with matching checksums', () => {
    const { sourcesDir, outDir } = workspace();
    const result = build({ sourcesDir, outDir });

    expect(result.files.map((f) => f.path)).toEqual([
      'municipalities-2099.topo.json',
      'layers/noordzuid-2099.json',
      'layers/known-2099.json',
      'layers/multi-2099.json',
      'manifest.json',
    ]);
    expect(listFiles(outDir)).toEqual([...result.files.map((f) => f.path)].sort());
    const manifest = parseManifest(readJson(join(outDir, 'manifest.json')), 'manifest.json');
    expect(manifest).toEqual(result.manifest);
    for (const entry of [...manifest.geometries, ...manifest.layers]) {
      const bytes = readFileSync(join(outDir, entry.file));
      expect(createHash('sha256').update(bytes).digest('hex'), entry.file).toBe(entry.sha256);
      expect(result.files.find((f) => f.path === entry.file)?.bytes).toBe(bytes.length);
    }
    expect(manifest.geometries).toEqual([
      {
        id: 'gemeenten-2099',
        year: 2099,
        file: 'municipalities-2099.topo.json',
        sha256: expect.any(String),
        municipalityCount: 4,
        source: GEOMETRY.source,
        inhabitantsDate: '2098-01-01',
        inhabitantsSource: 'Test inhabitants',
      },
    ]);
    expect(
      manifest.layers.map(({ id, file, geometryId, regionCount, coveredCount }) => ({
        id,
        file,
        geometryId,
        regionCount,
        coveredCount,
      })),
    ).toEqual([
      {
        id: 'noordzuid-2099',
        file: 'layers/noordzuid-2099.json',
        geometryId: 'gemeenten-2099',
        regionCount: 2,
        coveredCount: 4,
      },
      {
        id: 'known-2099',
        file: 'layers/known-2099.json',
        geometryId: 'gemeenten-2099',
        regionCount: 1,
        coveredCount: 2,
      },
      {
        id: 'multi-2099',
        file: 'layers/multi-2099.json',
        geometryId: 'gemeenten-2099',
        regionCount: 2,
        coveredCount: 3,
      },
    ]);
  });

  it('keeps arcs and transform, renames the object and sets id, name, area and inhabitants', () => {
    const { sourcesDir, outDir } = workspace();
    build({ sourcesDir, outDir });
    const source = readJson(join(sourcesDir, GEOMETRY.topologyInput)) as MunicipalityTopology;
    const text = readFileSync(join(outDir, 'municipalities-2099.topo.json'), 'utf8');
    expect(text).not.toContain('\n'); // compact
    const topology = parseMunicipalityTopology(JSON.parse(text), 'municipalities-2099.topo.json');

    expect(topology.arcs).toEqual(source.arcs); // including the unused arc 12
    expect(topology.transform).toEqual(source.transform);
    expect(Object.keys(topology.objects)).toEqual(['municipalities']);
    const south = round2(cellAreaKm2(52.0, 52.1, 0.1));
    const north = round2(cellAreaKm2(52.1, 52.2, 0.1));
    expect(north).toBeLessThan(south); // cells shrink northwards; guards against swapped rows
    expect(topology.objects.municipalities.geometries).toEqual([
      {
        type: 'Polygon',
        id: 'GM9001',
        properties: { name: 'Noordwest', areaKm2: north, inhabitants: 1000 },
        arcs: [[2, 9, -5, -8]],
      },
      {
        type: 'Polygon',
        id: 'GM9002',
        properties: { name: 'Noordoost', areaKm2: north, inhabitants: 2500 },
        arcs: [[3, 11, -6, -10]],
      },
      {
        type: 'Polygon',
        id: 'GM9003',
        properties: { name: 'Zuidwest', areaKm2: south, inhabitants: 300 },
        arcs: [[0, 8, -3, -7]],
      },
      {
        type: 'MultiPolygon',
        id: 'GM9004',
        properties: { name: 'Zuidoost', areaKm2: south, inhabitants: null },
        arcs: [[[1, 10, -4, -9]]],
      },
    ]);
  });

  it('writes layer files with sorted regions, notes and metadata without build-only fields', () => {
    const { sourcesDir, outDir } = workspace();
    build({ sourcesDir, outDir });
    const read = (id: string) => {
      const json = readJson(join(outDir, `layers/${id}.json`));
      expect(Object.keys((json as { meta: object }).meta)).not.toContain('input');
      return parseLayerFile(json, id);
    };
    const noordzuid = read('noordzuid-2099');
    expect(noordzuid.regions).toEqual([
      { code: 'NZ01', name: 'Noord', members: ['GM9001', 'GM9002'] },
      { code: 'NZ02', name: 'Zuid', members: ['GM9003', 'GM9004'] },
    ]);
    expect(noordzuid.meta.dash).toEqual([4, 2]);
    const known = read('known-2099');
    expect(known.meta).not.toHaveProperty('noteColumn');
    expect(known.meta.source.referenceDate).toBe('2017-01-01');
    expect(known.regions).toEqual([
      { code: 'KN01', name: 'Dienst Zuidwest, West', members: ['GM9001', 'GM9003'], note: 'Fact A (report 2017)' },
    ]);
    expect(read('multi-2099').regions).toEqual([
      { code: 'MM01', name: 'Noord', members: ['GM9001', 'GM9002'] },
      { code: 'MM02', name: 'Oost', members: ['GM9002', 'GM9004'] },
    ]);
  });

  it('warns about gemeenten without inhabitants and prints a summary unless quiet', () => {
    const { sourcesDir, outDir } = workspace();
    const quietLines: string[] = [];
    const quiet = build({ sourcesDir, outDir, log: (line) => quietLines.push(line) });
    expect(quiet.warnings).toEqual(['cbs/inwoners_2098.csv: no inhabitants for 1 gemeente(n): GM9004 Zuidoost']);
    expect(quietLines).toEqual([]);

    const lines: string[] = [];
    build({ sourcesDir, outDir, quiet: false, log: (line) => lines.push(line) });
    expect(lines[0]).toMatch(/^gemeenten-2099: 4 gemeenten, .* 3,800 inhabitants on 2098-01-01 \(3 with figures\)$/);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}noordzuid-2099 +2 regions {2}4\/4 gemeenten$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}known-2099 +1 regions {2}2\/4 gemeenten$/));
    expect(lines).toContainEqual(expect.stringMatching(/manifest\.json +\d+ B$/));
    expect(lines.at(-1)).toBe('warning: cbs/inwoners_2098.csv: no inhabitants for 1 gemeente(n): GM9004 Zuidoost');
  });

  it('is deterministic: two builds write identical bytes', () => {
    const { sourcesDir, outDir } = workspace();
    build({ sourcesDir, outDir });
    const first = listFiles(outDir).map((f) => [f, readFileSync(join(outDir, f), 'utf8')]);
    const second = join(outDir, '..', 'out2');
    build({ sourcesDir, outDir: second });
    expect(listFiles(second).map((f) => [f, readFileSync(join(second, f), 'utf8')])).toEqual(first);
  });

  it('removes outputs of earlier builds that this build does not produce, and nothing else', () => {
    const { sourcesDir, outDir } = workspace();
    mkdirSync(join(outDir, 'layers'), { recursive: true });
    writeFileSync(join(outDir, 'layers/renamed-2099.json'), '{}');
    writeFileSync(join(outDir, 'municipalities-2098.topo.json'), '{}');
    writeFileSync(join(outDir, 'notes.txt'), 'kept');
    build({ sourcesDir, outDir });
    expect(existsSync(join(outDir, 'layers/renamed-2099.json'))).toBe(false);
    expect(existsSync(join(outDir, 'municipalities-2098.topo.json'))).toBe(false);
    expect(readFileSync(join(outDir, 'notes.txt'), 'utf8')).toBe('kept');
  });

  it('builds the real registry of 2025 from tables made for the fixture grid', () => {
    const { sourcesDir, referenceDir, outDir } = workspace();
    const real = GEOMETRIES.find((g) => g.year === 2025)!;
    const history = real.history!;
    // The reorganisation fixture under the real names, moved to 2024-2025: the table, and the 2098 map as the
    // first year's map.
    const changes = readFileSync(join(REFERENCE_FIXTURE, CHANGES), 'utf8')
      .replaceAll('2098-07-01', '2024-07-01')
      .replaceAll('2099-01-01', '2025-01-01');
    writeFileSync(join(referenceDir, history.input), changes);
    const start = readJson(join(FIXTURE, FORMER_GEOMETRY.history!.startTopologyInput)) as {
      objects: Record<string, unknown>;
    };
    start.objects = { [history.startObjectName]: start.objects[FORMER_GEOMETRY.history!.startObjectName] };
    mkdirSync(dirname(join(sourcesDir, history.startTopologyInput)), { recursive: true });
    writeFileSync(join(sourcesDir, history.startTopologyInput), JSON.stringify(start));
    // The fixture grid under the real geometry's input names; every layer puts all four gemeenten in one region.
    const topology = readJson(join(FIXTURE, GEOMETRY.topologyInput)) as { objects: Record<string, unknown> };
    topology.objects = { [real.objectName]: topology.objects[GEOMETRY.objectName] };
    writeFileSync(join(sourcesDir, real.topologyInput), JSON.stringify(topology));
    cpSync(join(FIXTURE, GEOMETRY.inhabitantsInput!), join(sourcesDir, real.inhabitantsInput!));
    const layers = ALL_LAYERS.filter((l) => l.geometryId === real.id);
    expect(layers.length).toBeGreaterThan(0);
    for (const spec of layers) {
      const extra = [spec.noteColumn, spec.referenceYearColumn].filter((c) => c !== undefined);
      const year = spec.source.referenceDate.slice(0, 4);
      const cells = extra.map((c) => (c === spec.referenceYearColumn ? year : 'a note'));
      const body = ['GM9001', 'GM9002', 'GM9003', 'GM9004'].map((code) =>
        [code, 'X', 'R1', 'Regio', ...cells].join(','),
      );
      mkdirSync(dirname(join(sourcesDir, spec.input)), { recursive: true });
      writeFileSync(
        join(sourcesDir, spec.input),
        [['gemeentecode', 'gemeentenaam', 'regiocode', 'regionaam', ...extra].join(','), ...body, ''].join('\n'),
      );
    }
    // The real aliases name gemeenten of 2025, which the grid has not (test/unit/aliases.test.ts checks them).
    const geometries = [{ ...real, aliases: [] }];
    const result = buildData({ sourcesDir, referenceDir, outDir, quiet: true, geometries, layers });
    expect(result.manifest.geometries.map((g) => [g.id, g.municipalityCount, g.former?.count])).toEqual([
      [real.id, 4, 3],
    ]);
    expect(result.manifest.layers.map((l) => l.id)).toEqual(layers.map((l) => l.id));
    expect(result.manifest.layers.every((l) => l.regionCount === 1 && l.coveredCount === 4)).toBe(true);
  });
});

describe('buildData failures', () => {
  it('names the missing sources folder and GEO_SOURCES, and writes nothing', () => {
    const { outDir } = workspace();
    const missing = join(outDir, '..', 'no-such-folder');
    const error = errorOf(() => build({ sourcesDir: missing, outDir }));
    expect(error.message).toContain(`geo sources folder not found: ${missing}`);
    expect(error.message).toContain('GEO_SOURCES');
    expect(existsSync(outDir)).toBe(false);
  });

  it('reports every problem of every table together and leaves the previous output untouched', () => {
    const { sourcesDir, outDir } = workspace();
    build({ sourcesDir, outDir });
    const before = listFiles(outDir).map((f) => [f, readFileSync(join(outDir, f), 'utf8')]);

    writeFileSync(
      join(sourcesDir, 'membership/noordzuid_2099.csv'),
      'gemeentecode,gemeentenaam,regiocode,regionaam\nGM9001,Noordwest,NZ01,Noord\nGM9001,Noordwest,NZ01,Noord\nGM0363,Amsterdam,NZ02,Zuid\n',
    );
    writeFileSync(
      join(sourcesDir, 'membership/known_2099.csv'),
      'gemeentecode,gemeentenaam,regiocode,regionaam,source,reference_year\nGM9003,Zuidwest,KN01,Dienst,Fact,2016\n',
    );
    rmSync(join(sourcesDir, 'membership/multi_2099.csv'));
    const { message } = errorOf(() => build({ sourcesDir, outDir }));
    expect(message.split('\n')[0]).toBe('geo build failed; nothing was written.');
    expect(message).toContain(
      'membership/noordzuid_2099.csv, line 3: duplicate row: gemeente GM9001 in region NZ01 again',
    );
    expect(message).toContain('membership/noordzuid_2099.csv, line 4: unknown gemeente code "GM0363"');
    expect(message).toContain('claims full coverage: GM9002 Noordoost, GM9003 Zuidwest, GM9004 Zuidoost');
    expect(message).toContain('membership/known_2099.csv, line 2: reference_year is "2016", expected 2017');
    expect(message).toContain(`membership/multi_2099.csv: file not found in ${sourcesDir}`);
    expect(listFiles(outDir).map((f) => [f, readFileSync(join(outDir, f), 'utf8')])).toEqual(before);
  });

  it('rejects a topology whose gemeenten lack codes, naming file and geometry', () => {
    const { sourcesDir, outDir } = workspace();
    const path = join(sourcesDir, GEOMETRY.topologyInput);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"statcode": "GM9002", ', ''));
    const { message } = errorOf(() => build({ sourcesDir, outDir }));
    expect(message).toContain('cbs/gemeente_2099.topojson, geometry 3: no statcode');
    expect(existsSync(outDir)).toBe(false);
  });

  it('rejects an inhabitants table with a non-integer value', () => {
    const { sourcesDir, outDir } = workspace();
    writeFileSync(
      join(sourcesDir, GEOMETRY.inhabitantsInput!),
      'gemeentecode,gemeentenaam,inwoners\nGM9001,Noordwest,1.5\n',
    );
    const { message } = errorOf(() => build({ sourcesDir, outDir }));
    expect(message).toContain('cbs/inwoners_2098.csv, line 2: inhabitants of GM9001 "1.5" is not a whole number');
  });
});

describe('buildData: former gemeenten', () => {
  function buildFormer(options: Partial<BuildOptions> & { sourcesDir: string; outDir: string }) {
    return build({ geometries: [FORMER_GEOMETRY], ...options });
  }
  const writeChanges = (referenceDir: string, lines: string[]) =>
    writeFileSync(join(referenceDir, CHANGES), [CHANGES_HEADER, ...lines, ''].join('\n'));

  it('writes where each former gemeente went, following chains, and lists the file in the manifest', () => {
    const { sourcesDir, referenceDir, outDir } = workspace();
    const result = buildFormer({ sourcesDir, referenceDir, outDir });
    expect(result.files.map((f) => f.path).slice(0, 2)).toEqual([
      'municipalities-2099.topo.json',
      'former-municipalities-2099.json',
    ]);
    const entry = result.manifest.geometries[0]!.former!;
    const text = readFileSync(join(outDir, 'former-municipalities-2099.json'));
    expect(entry).toEqual({
      file: 'former-municipalities-2099.json',
      sha256: createHash('sha256').update(text).digest('hex'),
      count: 3,
    });
    expect(parseManifest(readJson(join(outDir, 'manifest.json')), 'manifest.json')).toEqual(result.manifest);

    const json = JSON.parse(text.toString('utf8')) as unknown;
    const codes = new Set(['GM9001', 'GM9002', 'GM9003', 'GM9004']);
    const expected: FormerMunicipalitiesFile = {
      format: 'samenwerkingsatlas/former-municipalities@1',
      geometryId: 'gemeenten-2099',
      source: FORMER_GEOMETRY.former!.source,
      municipalities: [
        {
          code: 'GM9005',
          name: 'Oudnoord',
          transfers: [
            { code: 'GM9002', date: '2099-01-01', kind: 'merger', areaShare: 1, source: 'Test fact A | Test fact B' },
          ],
        },
        {
          code: 'GM9006',
          name: 'Oudzuid',
          transfers: [
            {
              code: 'GM9004',
              date: '2098-07-01',
              kind: 'split',
              areaShare: 0.667,
              source: 'Test fact C',
              via: [{ code: 'GM9007', name: 'Tussendorp', date: '2099-01-01', kind: 'rename', source: 'Test fact E' }],
            },
            {
              code: 'GM9002',
              date: '2098-07-01',
              kind: 'split',
              areaShare: 0.333,
              source: 'Test fact D, quoted',
              via: [
                {
                  code: 'GM9005',
                  name: 'Oudnoord',
                  date: '2099-01-01',
                  kind: 'merger',
                  source: 'Test fact A | Test fact B',
                },
              ],
            },
          ],
        },
        {
          code: 'GM9007',
          name: 'Tussendorp',
          transfers: [{ code: 'GM9004', date: '2099-01-01', kind: 'rename', areaShare: 1, source: 'Test fact E' }],
        },
      ],
    };
    // Written already sorted and in the parser's shape, so the file is what the app gets.
    expect(json).toEqual(expected);
    expect(parseFormerMunicipalities(json, 'former-municipalities-2099.json', codes)).toEqual(expected);

    // With the history, each gemeente of 2099 says which gemeenten of 2098 it consists of (whole ones: Oudzuid
    // counts in Zuidoost, which got two thirds of it, via Tussendorp).
    const topology = parseMunicipalityTopology(
      readJson(join(outDir, 'municipalities-2099.topo.json')),
      'municipalities-2099.topo.json',
    );
    const geometries = topology.objects.municipalities.geometries as MunicipalityGeometry[];
    expect(geometries.map((g) => [g.id, g.properties?.parts])).toEqual([
      ['GM9001', ['GM9001']],
      ['GM9002', ['GM9005']],
      ['GM9003', ['GM9003']],
      ['GM9004', ['GM9006']],
    ]);
  });

  it("fails when the table does not lead to the gemeenten of the map, with the former gemeenten' problems", () => {
    const { sourcesDir, referenceDir, outDir } = workspace();
    // Oudzuid's larger part now goes to Oudnoord, so in whole gemeenten Tussendorp never exists and Zuidoost
    // (made from it) is missing, though the table is consistent line by line.
    writeChanges(referenceDir, [
      '2098-07-01,splitsing,GM9006,Oudzuid,GM9007,Tussendorp,0.333,C',
      '2098-07-01,splitsing,GM9006,Oudzuid,GM9005,Oudnoord,0.667,D',
      '2099-01-01,samenvoeging,GM9005,Oudnoord,GM9002,Noordoost,1.0,A',
      '2099-01-01,naamswijziging (nieuwe code),GM9007,Tussendorp,GM9004,Zuidoost,1.0,E',
    ]);
    const { message } = errorOf(() => buildFormer({ sourcesDir, referenceDir, outDir }));
    expect(message).toContain(
      'herindelingen-2098-2099.csv, line 5: GM9007 Tussendorp is not a gemeente on 2099-01-01 (whole-gemeente composition: no earlier row creates it)',
    );
    // The map check still runs and finds the shares wrong.
    expect(message).toContain('line 3: GM9006 Oudzuid → GM9002 Noordoost: share 0.667 in the table');
    expect(existsSync(outDir)).toBe(false);
  });

  it('prints a summary line and removes the former file once the registry no longer asks for it', () => {
    const { sourcesDir, referenceDir, outDir } = workspace();
    const lines: string[] = [];
    buildFormer({ sourcesDir, referenceDir, outDir, quiet: false, log: (line) => lines.push(line) });
    expect(lines[1]).toBe(
      '  3 former gemeenten (herindelingen-2098-2099.csv), checked against cbs/gemeente_2098.topojson',
    );
    expect(existsSync(join(outDir, 'former-municipalities-2099.json'))).toBe(true);
    build({ sourcesDir, outDir });
    expect(existsSync(join(outDir, 'former-municipalities-2099.json'))).toBe(false);
    expect(parseManifest(readJson(join(outDir, 'manifest.json')), 'manifest.json').geometries[0]).not.toHaveProperty(
      'former',
    );
  });

  it('names the missing reference folder and GEO_REFERENCE, and writes nothing', () => {
    const { sourcesDir, outDir } = workspace();
    const missing = join(outDir, '..', 'no-reference');
    const { message } = errorOf(() => buildFormer({ sourcesDir, referenceDir: missing, outDir }));
    expect(message).toContain(`reference folder not found: ${missing}`);
    expect(message).toContain('GEO_REFERENCE');
    expect(errorOf(() => buildFormer({ sourcesDir, outDir })).message).toContain(
      'reference folder not found: (none given)',
    );
    expect(existsSync(outDir)).toBe(false);
  });

  it('reports every unreadable row with its line', () => {
    const { sourcesDir, referenceDir, outDir } = workspace();
    writeChanges(referenceDir, [
      '2099-13-01,samenvoeging,GM9005,Oudnoord,GM9002,Noordoost,1.0,A',
      '2099-01-01,fusie,GM9005,Oudnoord,GM9002,Noordoost,1.0,A',
      '2099-01-01,splitsing,GM9006,Oudzuid,GM9004,Zuidoost,0,A',
      '2099-01-01,splitsing,GM9006,Oudzuid,GM92,Zuidoost,0.5,A',
      '2099-01-01,samenvoeging,GM9006,Oudzuid,GM9002,Noordoost,1.0,',
    ]);
    const { message } = errorOf(() => buildFormer({ sourcesDir, referenceDir, outDir }));
    expect(message.split('\n')[0]).toBe('geo build failed; nothing was written.');
    for (const problem of [
      'herindelingen-2098-2099.csv, line 2: date "2099-13-01" is not a date YYYY-MM-DD',
      'herindelingen-2098-2099.csv, line 3: unknown type "fusie"',
      'herindelingen-2098-2099.csv, line 4: area_share "0" is not a share in (0, 1]',
      'herindelingen-2098-2099.csv, line 5: new_code "GM92" is not a gemeente code GMnnnn',
      'herindelingen-2098-2099.csv, line 6: empty source',
    ]) {
      expect(message).toContain(problem);
    }
    expect(existsSync(outDir)).toBe(false);
  });

  it('rejects receivers that are unknown or misnamed, merged current gemeenten and shares that miss part', () => {
    const { sourcesDir, referenceDir, outDir } = workspace();
    writeChanges(referenceDir, [
      '2099-01-01,samenvoeging,GM9005,Oudnoord,GM9002,Noord-Oost,1.0,A',
      '2099-01-01,splitsing,GM9006,Oudzuid,GM9008,Nergensdorp,0.667,B',
      '2099-01-01,samenvoeging,GM9001,Noordwest,GM9002,Noordoost,1.0,C',
    ]);
    const { message } = errorOf(() => buildFormer({ sourcesDir, referenceDir, outDir }));
    for (const problem of [
      'line 2: receiver GM9002 is "Noordoost" in the geometry, not "Noord-Oost"',
      'line 3: receiver GM9008 is not a gemeente of the geometry, and no later row says where it went',
      'line 4: GM9001 Noordwest still exists in the geometry, so it can only lose territory by a grenscorrectie, not a merger',
      'line(s) 3: the shares of GM9006 Oudzuid add up to 0.667, not 1',
    ]) {
      expect(message).toContain(`herindelingen-2098-2099.csv, ${problem}`);
    }
  });

  it('rejects a chain through a gemeente that was divided later, and a gone gemeente missing from the table', () => {
    const { sourcesDir, referenceDir, outDir } = workspace();
    writeChanges(referenceDir, [
      '2098-07-01,splitsing,GM9006,Oudzuid,GM9007,Tussendorp,0.333,C',
      '2099-01-01,splitsing,GM9007,Tussendorp,GM9002,Noordoost,0.5,E',
      '2099-01-01,splitsing,GM9007,Tussendorp,GM9004,Zuidoost,0.5,E',
      '2099-01-01,splitsing,GM9006,Oudzuid,GM9004,Zuidoost,0.667,D',
    ]);
    const { message } = errorOf(() => buildFormer({ sourcesDir, referenceDir, outDir }));
    expect(message).toContain(
      'herindelingen-2098-2099.csv, line 2: receiver GM9007 was later divided over GM9002, GM9004, so where this part went is unknown; add rows from GM9006 to each',
    );
    expect(message).toContain(
      'herindelingen-2098-2099.csv: GM9005 Oudnoord is gone from the geometry, but the table does not say where it went',
    );
  });

  it('checks the table against the maps: whole mergers, measured shares, the largest receiver', () => {
    const { sourcesDir, referenceDir, outDir } = workspace();
    writeChanges(referenceDir, [
      '2098-07-01,splitsing,GM9006,Oudzuid,GM9007,Tussendorp,0.45,C',
      '2099-01-01,samenvoeging,GM9005,Oudnoord,GM9004,Zuidoost,1.0,A',
      '2099-01-01,lichte samenvoeging,GM9007,Tussendorp,GM9002,Noordoost,1.0,E',
      '2099-01-01,splitsing,GM9006,Oudzuid,GM9004,Zuidoost,0.55,D',
    ]);
    const { message } = errorOf(() => buildFormer({ sourcesDir, referenceDir, outDir }));
    const lines = message.split('\n').map((l) => l.trim());
    expect(lines).toContain(
      'herindelingen-2098-2099.csv, line 3: GM9005 Oudnoord → GM9004 Zuidoost: only 0% of its old area lies there on the maps (expected most)',
    );
    expect(lines).toContain(
      'herindelingen-2098-2099.csv: GM9005 Oudnoord: the largest part of its old area (100%) lies in GM9002 Noordoost on the maps, which the table does not list as a receiver',
    );
    // Two thirds of Oudzuid lie in Zuidoost: about 0.67 and 0.33 on the sampling grid, not 0.55 and 0.45.
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^herindelingen-2098-2099\.csv, line 2: GM9006 Oudzuid → GM9002 Noordoost: share 0\.45 in the table, 0\.3\d+ on the maps \(tolerance 0\.05\)$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^herindelingen-2098-2099\.csv, line 5: GM9006 Oudzuid → GM9004 Zuidoost: share 0\.55 in the table, 0\.6\d+ on the maps \(tolerance 0\.05\)$/,
      ),
    );
  });

  it('rejects aliases whose code or name do not match the geometry', () => {
    const { sourcesDir, referenceDir, outDir } = workspace();
    const geometry: GeometrySpec = {
      ...FORMER_GEOMETRY,
      aliases: [
        { alias: 'Nergens', code: 'GM9009', name: 'Nergens', source: 'Test' },
        { alias: 'Het Noordwesten', code: 'GM9001', name: 'Noord-West', source: 'Test' },
      ],
    };
    const { message } = errorOf(() => build({ sourcesDir, referenceDir, outDir, geometries: [geometry] }));
    expect(message).toContain('alias "Nergens": GM9009 is not a gemeente of gemeenten-2099');
    expect(message).toContain('alias "Het Noordwesten": GM9001 is "Noordwest" in gemeenten-2099, not "Noord-West"');
  });
});

describe('build-data command line', () => {
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  const script = join(ROOT, 'geo/scripts/build-data.ts');

  it('exits 1 with a message naming the folder and GEO_SOURCES when the folder is missing', () => {
    const missing = join(tmpdir(), 'build-data-test-no-such-folder');
    const run = spawnSync(tsx, [script, '--quiet'], {
      cwd: tmpdir(), // the script must not depend on the working directory
      env: { ...process.env, GEO_SOURCES: missing },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`geo sources folder not found: ${missing}`);
    expect(run.stderr).toContain('GEO_SOURCES');
    expect(run.stdout).toBe('');
  });

  it('exits 1 with a message naming the folder and GEO_REFERENCE when the reference folder is missing', () => {
    const missing = join(tmpdir(), 'build-data-test-no-such-reference');
    const run = spawnSync(tsx, [script, '--quiet'], {
      cwd: tmpdir(),
      env: { ...process.env, GEO_SOURCES: FIXTURE, GEO_REFERENCE: missing },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`reference folder not found: ${missing}`);
    expect(run.stderr).toContain('GEO_REFERENCE');
  });

  it('exits 2 on an unknown argument', () => {
    const run = spawnSync(tsx, [script, '--loud'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown argument(s): --loud');
  });
});
