/**
 * Runs the real `atlas stats` and `atlas matrix` commands (through tsx, as `npm run atlas` does) on a
 * data folder written from the grid fixture: arguments, output formats and exit codes end to end.
 * Numbers are those worked out on paper in the stats-*.test.ts files.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayerComparison } from '../../src/lib/stats/pair';
import type { MetricMatrix } from '../../src/lib/stats/matrix';
import { runAtlas, writeGridDataDir, type CliResult } from '../fixtures/cli-data';
import { gridLayerFile } from '../fixtures/grid';

let dataDir: string;

function run(...args: string[]): CliResult {
  return runAtlas([...args, '--data', dataDir]);
}

beforeAll(() => {
  dataDir = writeGridDataDir('atlas-cli-stats-', [
    gridLayerFile('rows', true),
    gridLayerFile('columns', true),
    gridLayerFile('ell', true),
    gridLayerFile('overlap', false, true),
  ]);
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('atlas stats', () => {
  it('prints the comparison as text', () => {
    const { status, stdout } = run('stats', 'rows-2025', 'ell-2025');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^rows-2025 \(Layout rows, 3 regions\) against ell-2025 \(Layout ell, 2 regions\)\n/);
    expect(stdout).toMatch(/\nadjusted Rand index +0\.118\n/);
    expect(stdout).toMatch(/\nR3 +Zuidrij +3 +L1 Hoek +0\.600 +1 +yes/);
  });

  it('prints everything as JSON, the best matches by the chosen weight', () => {
    const { status, stdout } = run('stats', 'rows-2025', 'columns-2025', '--weight', 'inhabitants', '--json');
    expect(status).toBe(0);
    const cmp = JSON.parse(stdout) as LayerComparison;
    expect(cmp.weight).toBe('inhabitants');
    expect(cmp.crosswalk.fromA[0]!.bestMatch?.code).toBe('C3');
    expect(cmp.partition.isDefined && cmp.partition.ari).toBeCloseTo(-1 / 3, 12);
  });

  it('prints the region pairs as CSV', () => {
    const { status, stdout } = run('stats', 'rows-2025', 'columns-2025', '--csv');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[1]).toMatch(/^rows-2025,R1,Noordrij,columns-2025,C1,Westkolom,1,5,0\.2,/);
  });

  it('exits 1 listing the ids for an unknown layer', () => {
    const { status, stdout, stderr } = run('stats', 'rows-2025', 'rijen');
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe("Unknown layer id 'rijen'. Known ids: rows-2025, columns-2025, ell-2025, overlap-2025\n");
  });

  it('exits 2 with the usage for bad arguments', () => {
    for (const args of [
      ['stats', 'rows-2025'],
      ['stats', 'rows-2025', 'ell-2025', '--weight', 'people'],
      ['stats', 'rows-2025', 'ell-2025', '--json', '--csv'],
      ['stats', 'rows-2025', 'ell-2025', '--metric', 'ari'],
      ['layers', '--csv'],
    ]) {
      const { status, stderr } = run(...args);
      expect(status, args.join(' ')).toBe(2);
      expect(stderr).toContain('Usage:');
    }
  });
});

describe('atlas matrix', () => {
  it('prints the default metric for all layers', () => {
    const { status, stdout } = run('matrix');
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      'Mean municipality congruence (congruence; symmetric; range 0 to 1, higher is more alike)',
    );
    expect(stdout).toMatch(/\n1 +rows-2025 +1\.000 +0\.000 +0\.278 +0\.300\n/);
  });

  it('prints one metric for the given layers as CSV and as JSON', () => {
    const csv = run('matrix', 'rows-2025', 'columns-2025', 'overlap-2025', '--metric', 'ari', '--csv');
    expect(csv.status).toBe(0);
    expect(csv.stdout).toBe(
      `layer,rows-2025,columns-2025,overlap-2025\nrows-2025,1,${-1 / 3},\ncolumns-2025,${-1 / 3},1,\noverlap-2025,,,\n`,
    );
    const json = run('matrix', 'rows-2025', 'ell-2025', '--metric', 'nested', '--json');
    const matrix = JSON.parse(json.stdout) as MetricMatrix;
    expect(matrix).toMatchObject({ metric: 'nested', layerIds: ['rows-2025', 'ell-2025'], isSymmetric: false });
    expect(matrix.values[0]![1]).toBeCloseTo(1 / 3, 12);
  });

  it('exits 2 for an unknown metric and 1 for an unknown layer', () => {
    const metric = run('matrix', '--metric', 'bogus');
    expect(metric.status).toBe(2);
    expect(metric.stderr).toContain("Unknown metric 'bogus'. Metrics: congruence, congruence-inhabitants, ari");
    const layer = run('matrix', 'rows-2025', 'bogus-2025');
    expect(layer.status).toBe(1);
    expect(layer.stderr).toContain("Unknown layer id 'bogus-2025'. Known ids: rows-2025");
  });
});
