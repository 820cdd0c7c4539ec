/**
 * Runs the real `atlas congruence` and `atlas blocks` commands (through tsx, as `npm run atlas` does) on a data
 * folder written from the grid fixture: arguments, output formats and exit codes end to end. Numbers are those
 * worked out on paper in stats-multi-congruence.test.ts and stats-blocks.test.ts.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildingBlocks } from '../../src/lib/stats/blocks';
import type { MultiCongruence } from '../../src/lib/stats/multi-congruence';
import { runAtlas, writeGridDataDir, type CliResult } from '../fixtures/cli-data';
import { gridLayerFile } from '../fixtures/grid';

let dataDir: string;

function run(...args: string[]): CliResult {
  return runAtlas([...args, '--data', dataDir]);
}

beforeAll(() => {
  dataDir = writeGridDataDir('atlas-cli-layout-set-', [
    gridLayerFile('rows', true),
    gridLayerFile('columns', true),
    gridLayerFile('ell', true),
    gridLayerFile('partial', false),
    gridLayerFile('overlap', false, true),
  ]);
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('atlas congruence', () => {
  it('prints the formula, means, distribution and the least congruent first', () => {
    const { status, stdout, stderr } = run('congruence', 'rows-2025', 'columns-2025', 'ell-2025', '--year', '2025');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(
      'Congruence of 3 layouts: rows-2025 (Layout rows), columns-2025 (Layout columns), ell-2025 (Layout ell)',
    );
    expect(lines[1]).toMatch(/^congruence = partners in each layout, summed \/ \(layouts × partners in at least one/);
    expect(stdout).toContain('\nMunicipalities compared: 9 of 9 (covered by every layer)\nLeft out: none\n');
    // 194/405 = 47.9 %; by inhabitants 806/1620 = 49.8 % (GM0009 unknown).
    expect(stdout).toContain('\nMean congruence: 47.9%; by inhabitants: 49.8% (1 with unknown inhabitants left out)\n');
    expect(stdout).toMatch(/\n40–50% +8 +#{40}\n/);
    expect(stdout).toMatch(/\n60–70% +1 +#{5}\n/);
    expect(stdout).toMatch(/\n100% +0\n/);
    expect(stdout).toMatch(/\ncode +name +congruence +partners +rows-2025 +columns-2025 +ell-2025\n/);
    expect(stdout).toMatch(/\nGM0001 +Noordwest +44\.4% +6 +2 +2 +4\n/);
    expect(stdout).toMatch(/\nGM0007 +Zuidwest +66\.7% +4 +2 +2 +4\n$/);
  });

  it('lists the municipalities left out with the layers that lack them', () => {
    const { status, stdout } = run('congruence', 'rows-2025', 'partial-2025', 'overlap-2025');
    expect(status).toBe(0);
    expect(stdout).toContain(
      '\nMunicipalities compared: 4 of 9 (covered by every layer)\n' +
        'Left out: 5 municipalities not in every layer\n' +
        '- no partial-2025 (2): Noordoost, Oost\n' +
        '- no partial-2025, no overlap-2025 (3): Zuidwest, Zuid, Zuidoost\n',
    );
  });

  it('prints the table of the app’s export as CSV', () => {
    const { status, stdout } = run('congruence', 'rows-2025', 'columns-2025', 'ell-2025', '--csv');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'municipality_code,municipality_name,congruence,partner_union_count,partner_count_rows-2025,' +
        'partner_count_columns-2025,partner_count_ell-2025,status,missing_layer_ids',
    );
    expect(lines[1]).toBe(`GM0001,Noordwest,${4 / 9},6,2,2,4,compared,`);
    expect(lines).toHaveLength(10);
  });

  it('prints the result as JSON', () => {
    const { status, stdout } = run('congruence', 'rows-2025', 'partial-2025', '--json');
    expect(status).toBe(0);
    const result = JSON.parse(stdout) as MultiCongruence;
    expect(result).toMatchObject({ layerIds: ['rows-2025', 'partial-2025'], commonCount: 4, totalCount: 9 });
    expect(result.perMunicipality).toHaveLength(4);
    // rows {2} against partial {2,4,5} for GM0001: union 3, 1 + 3 = 4: 4/6.
    expect(result.perMunicipality[0]).toEqual({
      code: 'GM0001',
      score: 4 / 6,
      partnerUnionCount: 3,
      partnerCounts: [1, 3],
    });
    expect(result.distribution).toHaveLength(11);
    expect(result.leftOut[0]).toEqual({ code: 'GM0003', missingLayerIds: ['partial-2025'] });
    expect(result.ranking).toHaveLength(4);
  });
});

describe('atlas blocks', () => {
  it('prints the blocks and coarse groups as text', () => {
    const { status, stdout } = run('blocks', 'rows-2025', 'ell-2025');
    expect(status).toBe(0);
    expect(stdout).toContain(
      '\nBuilding blocks (municipalities together in every layout): 5, on 9 of 9 municipalities (covered by every layer)\n' +
        'Coarsest common groups (smallest unions of whole regions of every layout): 1\n',
    );
    expect(stdout).toContain('\n2. 2 municipalities; rows-2025 R1; ell-2025 L2: Noord, Noordoost\n');
    expect(stdout).toContain(
      '\n1. 9 municipalities; rows-2025 R1, R2, R3; ell-2025 L1, L2: ' +
        'Noordwest, Noord, Noordoost, West, Midden, Oost, Zuidwest, Zuid, Zuidoost\n',
    );
  });

  it('prints one row per municipality as CSV and everything as JSON', () => {
    const csv = run('blocks', 'partial-2025', 'overlap-2025', '--csv');
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\n').slice(0, 3)).toEqual([
      'block_number,municipality_code,municipality_name,group_number',
      '1,GM0001,Noordwest,1',
      '1,GM0004,West,1',
    ]);
    expect(csv.stdout).toContain('\n,GM0009,Zuidoost,\n');
    const json = run('blocks', 'partial-2025', 'overlap-2025', '--json');
    const result = JSON.parse(json.stdout) as BuildingBlocks;
    expect(result).toMatchObject({ blockCount: 2, groupCount: 1, commonCount: 4 });
    expect(result.blocks[1]).toEqual({
      number: 2,
      codes: ['GM0002', 'GM0005'],
      regions: [
        { layerId: 'partial-2025', regionCodes: ['P1'] },
        { layerId: 'overlap-2025', regionCodes: ['M1', 'M2'] },
      ],
    });
    expect(result.ungroupedCodes).toEqual(['GM0007', 'GM0008', 'GM0009']);
  });
});

describe('usage errors', () => {
  it('exits 2 with the usage for too few layers, a layer twice or options of other commands', () => {
    for (const [args, message] of [
      [['congruence', 'rows-2025'], 'congruence needs at least two layer ids.'],
      [['blocks'], 'blocks needs at least two layer ids.'],
      [
        ['congruence', 'rows-2025', 'ell-2025', 'rows-2025'],
        'congruence takes each layer once; rows-2025 is given twice.',
      ],
      [['blocks', 'rows-2025', 'ell-2025', '--weight', 'area'], '--weight belongs to stats.'],
      [['congruence', 'rows-2025', 'ell-2025', '--metric', 'ari'], '--metric belongs to matrix and trend.'],
      [['blocks', 'rows-2025', 'ell-2025', '--json', '--csv'], '--json and --csv exclude each other.'],
    ] as const) {
      const { status, stdout, stderr } = run(...args);
      expect(status, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.startsWith(`${message}\n\nUsage:`), stderr).toBe(true);
    }
  });

  it('exits 1 listing the ids for an unknown layer', () => {
    for (const command of ['congruence', 'blocks']) {
      const { status, stdout, stderr } = run(command, 'rows-2025', 'rijen');
      expect(status).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        "Unknown layer id 'rijen'. Known ids: rows-2025, columns-2025, ell-2025, partial-2025, overlap-2025\n",
      );
    }
  });

  it('lists both commands in --help', () => {
    const { status, stdout } = run('--help');
    expect(status).toBe(0);
    expect(stdout).toContain('npm run atlas -- congruence <layer id> <layer id> [<layer id>…]');
    expect(stdout).toContain('npm run atlas -- blocks <layer id> <layer id> [<layer id>…]');
  });
});
