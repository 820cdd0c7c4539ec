/**
 * Runs the real `atlas` command (through tsx, as `npm run atlas` does) on a data folder written from
 * the grid fixture, so the file reading, argument handling and exit codes are covered end to end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAtlas, writeGridDataDir, type CliResult } from '../fixtures/cli-data';
import { gridLayerFile } from '../fixtures/grid';
import type { Manifest } from '../../src/lib/types';

let dataDir: string;

function run(...args: string[]): CliResult {
  return runAtlas(args);
}

beforeAll(() => {
  dataDir = writeGridDataDir('atlas-cli-', [
    gridLayerFile('rows', true),
    gridLayerFile('partial', false),
    gridLayerFile('overlap', false, true),
  ]);
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('atlas command', () => {
  it('lists the layers with regions, coverage and the gemeenten in several regions', () => {
    const { status, stdout } = run('layers', '--data', dataDir);
    expect(status).toBe(0);
    expect(stdout.split('\n').slice(0, 5)).toEqual([
      'id            name            regions  covered  in several  source               reference date',
      '------------  --------------  -------  -------  ----------  -------------------  --------------',
      'rows-2025     Layout rows           3   9 of 9           0  Test source rows     2025-01-01',
      'partial-2025  Layout partial        1   4 of 9           0  Test source partial  2025-01-01',
      'overlap-2025  Layout overlap        2   6 of 9           2  Test source overlap  2025-01-01',
    ]);
  });

  it('lists the layers as JSON', () => {
    const { status, stdout } = run('layers', '--json', '--data', dataDir);
    expect(status).toBe(0);
    const layers = JSON.parse(stdout) as { id: string; coveredCount: number }[];
    expect(layers.map((l) => [l.id, l.coveredCount])).toEqual([
      ['rows-2025', 9],
      ['partial-2025', 4],
      ['overlap-2025', 6],
    ]);
  });

  it('looks up a gemeente given in several words without quotes, with "no data" where not covered', () => {
    const { status, stdout } = run('lookup', '--data', dataDir, 'zuid', 'oost');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Zuidoost \(GM0009\): 76\.\d km², inhabitants unknown\n/);
    expect(stdout).toContain('Layout rows     R3       Zuidrij\nLayout partial  no data\nLayout overlap  no data\n');
  });

  it('looks up by code as JSON, with every region of a gemeente in two', () => {
    const { status, stdout } = run('lookup', 'gm5', '--json', '--data', dataDir);
    expect(status).toBe(0);
    const result = JSON.parse(stdout) as { municipality: { name: string }; layers: { regions: { code: string }[] }[] };
    expect(result.municipality.name).toBe('Midden');
    expect(result.layers.map((l) => l.regions.map((r) => r.code))).toEqual([['R2'], ['P1'], ['M1', 'M2']]);
  });

  it('exits 1 with suggestions on stderr for an unknown name', () => {
    const { status, stdout, stderr } = run('lookup', 'Midde', 'n', 'x', '--data', dataDir);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe("No municipality matches 'Midde n x'. Did you mean: Midden?\n");
  });

  it('asks for the data to be built when there is no manifest', () => {
    const empty = mkdtempSync(join(tmpdir(), 'atlas-cli-empty-'));
    try {
      const { status, stderr } = run('layers', '--data', empty);
      expect(status).toBe(1);
      expect(stderr).toBe(`No manifest.json in ${empty}: run npm run geo:build first.\n`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('reports bad data with the file name and exits 1', () => {
    const broken = mkdtempSync(join(tmpdir(), 'atlas-cli-broken-'));
    try {
      writeFileSync(join(broken, 'manifest.json'), '{ not json');
      const { status, stderr } = run('layers', '--data', broken);
      expect(status).toBe(1);
      expect(stderr).toContain(`${join(broken, 'manifest.json')}: not valid JSON`);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('stops on a broken layer file that the app would leave out, naming it', () => {
    const partial = writeGridDataDir('atlas-cli-layer-', [gridLayerFile('rows', true), gridLayerFile('columns', true)]);
    try {
      writeFileSync(join(partial, 'layers/columns-2025.json'), '{"format":');
      const { status, stdout, stderr } = run('layers', '--data', partial);
      expect(status).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain(`${join(partial, 'layers/columns-2025.json')}: not valid JSON`);
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  });

  it('shows the usage and exits 2 for a missing or unknown command', () => {
    for (const args of [[], ['frobnicate'], ['lookup'], ['layers', '--bogus']]) {
      const { status, stderr } = run(...args, '--data', dataDir);
      expect(status, args.join(' ')).toBe(2);
      expect(stderr).toContain('Usage:');
    }
  });
});

describe('atlas --year (on the built data)', () => {
  const builtDir = join(import.meta.dirname, '..', '..', 'public', 'data');
  const manifest = JSON.parse(readFileSync(join(builtDir, 'manifest.json'), 'utf8')) as Manifest;

  it('reads the gemeenten and layers of that year', () => {
    const { status, stdout } = run('layers', '--year', '2016', '--json');
    expect(status).toBe(0);
    const layers = JSON.parse(stdout) as { id: string; municipalityCount: number }[];
    const geometry = manifest.geometries.find((g) => g.year === 2016)!;
    expect(layers.map((l) => l.id).sort()).toEqual(
      manifest.layers
        .filter((l) => l.geometryId === geometry.id)
        .map((l) => l.id)
        .sort(),
    );
    expect(new Set(layers.map((l) => l.municipalityCount))).toEqual(new Set([geometry.municipalityCount]));
    // Haaren is a gemeente of 2016, not of 2025.
    expect(run('lookup', 'Haaren', '--year', '2016').status).toBe(0);
    expect(run('lookup', 'GM0788').status).toBe(1);
  });

  it('lists every layout of 2016 with its regions, coverage and gemeenten in several regions', () => {
    const { status, stdout } = run('layers', '--year', '2016');
    expect(status).toBe(0);
    const rows = stdout.split('\n').slice(2, -1);
    expect(rows).toHaveLength(manifest.layers.filter((l) => l.geometryId === 'gemeenten-2016').length);
    // Counted in the RegioAtlas export (SOURCES.md §5): gemeenten with several rows, 107 in a shared social service.
    const row = (id: string) =>
      rows
        .find((r) => r.startsWith(`${id} `))
        ?.replace(/ {2,}/g, '|')
        .split('|');
    expect(row('corop-2016')?.slice(2, 5)).toEqual(['40', '390 of 390', '3']);
    expect(row('corop-plus-2016')?.slice(2, 5)).toEqual(['52', '390 of 390', '1']);
    expect(row('passend-onderwijs-vo-2016')?.slice(2, 5)).toEqual(['74', '390 of 390', '1']);
    expect(row('sociale-werkvoorziening-2016')?.slice(2, 5)).toEqual(['87', '390 of 390', '1']);
    expect(row('sociale-dienst-2016')?.slice(2, 5)).toEqual(['29', '107 of 390', '0']);
    expect(row('wmo-2016')?.slice(2, 5)).toEqual(['43', '390 of 390', '0']);
  });

  it('refuses a year the data does not have (1) and a value that is no year (2)', () => {
    const missing = run('layers', '--year', '2012');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no gemeenten for the year 2012');
    expect(missing.stderr).toContain('2015');
    const garbage = run('layers', '--year', '16');
    expect(garbage.status).toBe(2);
    expect(garbage.stderr).toContain('--year needs a year');
  });
});
