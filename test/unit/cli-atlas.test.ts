/**
 * Runs the real `atlas` command (through tsx, as `npm run atlas` does) on a data folder written from
 * the grid fixture, so the file reading, argument handling and exit codes are covered end to end.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAtlas, writeGridDataDir, type CliResult } from '../fixtures/cli-data';
import { gridLayerFile } from '../fixtures/grid';

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
  it('lists the layers', () => {
    const { status, stdout } = run('layers', '--data', dataDir);
    expect(status).toBe(0);
    expect(stdout.split('\n').slice(2, 5)).toEqual([
      'rows-2025     Layout rows           3   9 of 9  Test source rows     2025-01-01',
      'partial-2025  Layout partial        1   4 of 9  Test source partial  2025-01-01',
      'overlap-2025  Layout overlap        2   6 of 9  Test source overlap  2025-01-01',
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
