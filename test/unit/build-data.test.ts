/**
 * The geo build against test/fixtures/geo-sources-mini (a hand-made 2×2 grid, see its README.md),
 * copied to a temporary folder so that tests can break tables without touching the fixtures.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { GEOMETRIES, LAYERS, type GeometrySpec, type LayerSpec } from '../../geo/layers';
import { buildData, type BuildOptions } from '../../geo/scripts/build-data';
import { DataError } from '../../src/lib/errors';
import { parseLayerFile, parseManifest, parseMunicipalityTopology } from '../../src/lib/data/parse';
import type { MunicipalityTopology } from '../../src/lib/types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = join(ROOT, 'test/fixtures/geo-sources-mini');

const GEOMETRY: GeometrySpec = {
  id: 'gemeenten-2099',
  year: 2099,
  topologyInput: 'cbs/gemeente_2099.topojson',
  objectName: 'gemeente_2099',
  inhabitantsInput: 'cbs/inwoners_2098.csv',
  inhabitantsDate: '2098-01-01',
  inhabitantsSource: 'Test inhabitants',
  source: { citation: 'Test grid', licence: 'CC0', referenceDate: '2099-01-01' },
};

function layer(kind: string, input: string, extra: Partial<LayerSpec> = {}): LayerSpec {
  return {
    id: `${kind}-2099`,
    kind,
    year: 2099,
    geometryId: GEOMETRY.id,
    domain: 'bestuur',
    name: { nl: kind, en: kind },
    regionNoun: { nl: 'regio', en: 'region' },
    description: { nl: 'Test.', en: 'Test.' },
    source: { citation: 'Test tables', licence: 'CC0', referenceDate: '2099-01-01' },
    coverage: { isComplete: true, allowsMultiMembership: false },
    color: '#0072B2',
    isDefaultVisible: false,
    input,
    ...extra,
  };
}

const TEST_LAYERS: LayerSpec[] = [
  layer('noordzuid', 'membership/noordzuid_2099.csv', { dash: [4, 2] }),
  layer('known', 'membership/known_2099.csv', {
    coverage: { isComplete: false, allowsMultiMembership: false },
    source: { citation: 'Test facts', licence: 'CC0', referenceDate: '2017-01-01' },
    noteColumn: 'source',
    referenceYearColumn: 'reference_year',
  }),
  layer('multi', 'membership/multi_2099.csv', { coverage: { isComplete: false, allowsMultiMembership: true } }),
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

/** A fresh temporary folder with a copy of the fixture sources and an (absent) output folder. */
function workspace(): { sourcesDir: string; outDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'build-data-test-'));
  temporary.push(dir);
  const sourcesDir = join(dir, 'geo-sources');
  cpSync(FIXTURE, sourcesDir, { recursive: true });
  return { sourcesDir, outDir: join(dir, 'out') };
}

function build(options: Partial<BuildOptions> & { sourcesDir: string; outDir: string }) {
  return buildData({ quiet: true, geometries: [GEOMETRY], layers: TEST_LAYERS, ...options });
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The DataError thrown by `fn`; fails the test if it throws nothing or something else. */
function errorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error('expected a DataError, nothing was thrown');
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

  it('builds the real registry from tables made for the fixture grid', () => {
    const { sourcesDir, outDir } = workspace();
    const real = GEOMETRIES[0]!;
    // The fixture grid under the real geometry's input names; every layer puts all four gemeenten in one region.
    const topology = readJson(join(FIXTURE, GEOMETRY.topologyInput)) as { objects: Record<string, unknown> };
    topology.objects = { [real.objectName]: topology.objects[GEOMETRY.objectName] };
    writeFileSync(join(sourcesDir, real.topologyInput), JSON.stringify(topology));
    cpSync(join(FIXTURE, GEOMETRY.inhabitantsInput!), join(sourcesDir, real.inhabitantsInput!));
    for (const spec of LAYERS) {
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
    const result = buildData({ sourcesDir, outDir, quiet: true });
    expect(result.manifest.geometries.map((g) => [g.id, g.municipalityCount])).toEqual([[real.id, 4]]);
    expect(result.manifest.layers.map((l) => l.id)).toEqual(LAYERS.map((l) => l.id));
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

  it('exits 2 on an unknown argument', () => {
    const run = spawnSync(tsx, [script, '--loud'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown argument(s): --loud');
  });
});
