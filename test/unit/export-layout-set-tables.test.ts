/**
 * The CSV tables of a set of layouts (congruence across layouts, building blocks) on the 3×3 grid; the
 * numbers are those worked out in stats-multi-congruence.test.ts and stats-blocks.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/lib/errors';
import { buildingBlocksTable, multiCongruenceTable, tableCsv } from '../../src/lib/export/tables';
import { computeMultiCongruence } from '../../src/lib/stats/multi-congruence';
import { gridAtlas, gridLayer } from '../fixtures/grid-atlas';

const grid = gridAtlas();

describe('multiCongruenceTable', () => {
  it('lists the gemeenten least congruent first, with partners per layer', () => {
    const table = multiCongruenceTable(grid, ['rows-2025', 'columns-2025', 'ell-2025'], 'en');
    expect(table.title).toBe('Congruence across 3 layouts');
    expect(table.header).toEqual([
      'municipality_code',
      'municipality_name',
      'congruence',
      'partner_union_count',
      'partner_count_rows-2025',
      'partner_count_columns-2025',
      'partner_count_ell-2025',
      'status',
      'missing_layer_ids',
    ]);
    // GM0001: 8 / (3·6) = 4/9, least congruent (tied with West, Zuid, Zuidoost; Noordwest first by name).
    expect(table.rows[0]).toEqual(['GM0001', 'Noordwest', 4 / 9, 6, 2, 2, 4, 'compared', '']);
    // GM0007 (Zuidwest): 8 / (3·4) = 2/3, the most congruent.
    expect(table.rows[8]).toEqual(['GM0007', 'Zuidwest', 2 / 3, 4, 2, 2, 4, 'compared', '']);
    expect(table.rows).toHaveLength(9);
  });

  it('adds the gemeenten left out, by code, with the layers that lack them', () => {
    const table = multiCongruenceTable(grid, ['partial-2025', 'overlap-2025']);
    expect(table.title).toBe('Congruentie over 2 indelingen');
    expect(table.rows.map((r) => [r[0], r[2], r[6], r[7]])).toEqual([
      // All four keep their partners (100 %): by name, Midden, Noord, Noordwest, West.
      ['GM0005', 1, 'compared', ''],
      ['GM0002', 1, 'compared', ''],
      ['GM0001', 1, 'compared', ''],
      ['GM0004', 1, 'compared', ''],
      ['GM0003', null, 'left-out', 'partial-2025'],
      ['GM0006', null, 'left-out', 'partial-2025'],
      ['GM0007', null, 'left-out', 'partial-2025 overlap-2025'],
      ['GM0008', null, 'left-out', 'partial-2025 overlap-2025'],
      ['GM0009', null, 'left-out', 'partial-2025 overlap-2025'],
    ]);
    expect(table.rows[4]).toEqual(['GM0003', 'Noordoost', null, null, null, null, 'left-out', 'partial-2025']);
  });

  it('takes a result the app already has, and throws DataError for an unknown layer', () => {
    const layers = [gridLayer(grid, 'rows'), gridLayer(grid, 'columns')];
    const computed = computeMultiCongruence(grid, layers);
    expect(multiCongruenceTable(grid, ['rows-2025', 'columns-2025'], 'nl', computed)).toEqual(
      multiCongruenceTable(grid, ['rows-2025', 'columns-2025']),
    );
    expect(() => multiCongruenceTable(grid, ['rows-2025', 'rijen'])).toThrow(DataError);
  });

  it('is written as CSV, header first, its provenance rows at the end', () => {
    const csv = tableCsv(grid, multiCongruenceTable(grid, ['rows-2025', 'columns-2025'], 'en'), {
      separator: ',',
      link: 'https://example.org/',
      lang: 'en',
      layerIds: ['rows-2025', 'columns-2025'],
    });
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFmunicipality_code,municipality_name,congruence,/);
    expect(lines).toContain('# title,Congruence across 2 layouts');
    // Rows against columns: two row partners and two column partners, disjoint: 4 / (2·4) = ½.
    expect(lines).toContain('GM0001,Noordwest,0.5,4,2,2,compared,');
  });

  it('names its columns in Dutch for a Dutch export', () => {
    expect(multiCongruenceTable(grid, ['rows-2025', 'columns-2025'], 'nl').header).toEqual([
      'gemeentecode',
      'gemeentenaam',
      'congruentie',
      'aantal_partners_samen',
      'aantal_partners_rows-2025',
      'aantal_partners_columns-2025',
      'status',
      'ontbrekende_lagen',
    ]);
  });
});

describe('buildingBlocksTable', () => {
  it('gives every gemeente its block and coarse group', () => {
    // Rows against the L/block: blocks {1}, {2,3}, {4}, {5,6}, {7,8,9}, all in one group.
    const table = buildingBlocksTable(grid, ['rows-2025', 'ell-2025'], 'en');
    expect(table.title).toBe('Building blocks of 2 layouts');
    expect(table.header).toEqual(['block_number', 'municipality_code', 'municipality_name', 'group_number']);
    expect(table.rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      [1, 'GM0001', 1],
      [2, 'GM0002', 1],
      [2, 'GM0003', 1],
      [3, 'GM0004', 1],
      [4, 'GM0005', 1],
      [4, 'GM0006', 1],
      [5, 'GM0007', 1],
      [5, 'GM0008', 1],
      [5, 'GM0009', 1],
    ]);
    expect(table.rows[0]).toEqual([1, 'GM0001', 'Noordwest', 1]);
  });

  it('lists the gemeenten not every layer covers without a block, and those none covers without a group', () => {
    // partial against overlap: blocks {1,4} and {2,5}; the group {1,…,6}; the south row in neither layer.
    const table = buildingBlocksTable(grid, ['partial-2025', 'overlap-2025']);
    expect(table.title).toBe('Bouwstenen van 2 indelingen');
    expect(table.rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      [1, 'GM0001', 1],
      [1, 'GM0004', 1],
      [2, 'GM0002', 1],
      [2, 'GM0005', 1],
      [null, 'GM0003', 1],
      [null, 'GM0006', 1],
      [null, 'GM0007', null],
      [null, 'GM0008', null],
      [null, 'GM0009', null],
    ]);
  });
});
