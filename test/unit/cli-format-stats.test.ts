/**
 * Formatting of `atlas stats` and `atlas matrix` on the 3×3 grid. The numbers are those worked out on
 * paper in the stats-*.test.ts files (rows against L/block: congruence 2.5/9 ≈ 0.278, ARI 2/17 ≈ 0.118).
 */
import { describe, expect, it } from 'vitest';
import { formatMatrix, formatStats, formatValue, matrixCsv, statsCsv, toCsv } from '../../src/cli/format';
import { computeMatrix } from '../../src/lib/stats/matrix';
import { compareLayers } from '../../src/lib/stats/pair';
import { gridAtlas } from '../fixtures/grid-atlas';

const grid = gridAtlas();
const nameOf = (code: string) => grid.municipalitiesByCode.get(code)!.name;

describe('toCsv and formatValue', () => {
  it('quotes only fields that need it and leaves null empty', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [1.5, null],
          [true, 'line\nbreak'],
        ],
      ),
    ).toBe('a,b\n"x,y","say ""hi"""\n1.5,\ntrue,"line\nbreak"\n');
  });

  it('rounds to the given decimals and writes n/a for undefined values', () => {
    expect([formatValue(2 / 17), formatValue(-1 / 3, 2), formatValue(null)]).toEqual(['0.118', '-0.33', 'n/a']);
  });
});

describe('formatStats', () => {
  it('prints the sentences, the figures and the best matches both ways', () => {
    const text = formatStats(compareLayers(grid, 'rows-2025', 'ell-2025'), nameOf);
    const [heading, sentences, figures, fromA, fromB] = text.split('\n\n');
    expect(heading).toBe('rows-2025 (Layout rows, 3 regions) against ell-2025 (Layout ell, 2 regions)');
    expect(sentences!.split('\n')[1]).toBe('1 of 3 regions lies wholly inside one region.');
    expect(figures).toBe(
      [
        'figure                                     A→B     B→A',
        '--------------------------------------  ------  ------',
        'municipalities compared                 9 of 9',
        'mean congruence (by count)               0.278',
        'adjusted Rand index                      0.118',
        'normalized mutual information            0.294',
        'variation of information (bits)          1.818',
        'variation of information / log2 n        0.574',
        'regions inside one region of the other  1 of 3  0 of 2',
        '  share (by count)                       0.333   0.000',
        'identical regions                            0',
        '  share of all regions                   0.000',
        'border coincidence                       0.334   0.381',
      ].join('\n'),
    );
    expect(fromA).toBe(
      [
        'Best matches of rows-2025 in ell-2025 (Jaccard by count)',
        'region  name       members  best match  Jaccard  touches  inside  outside the match  missing from the region',
        '------  ---------  -------  ----------  -------  -------  ------  -----------------  -----------------------',
        'R1      Noordrij         3  L2 Blok       0.400        2          Noordwest          Midden, Oost',
        'R2      Middenrij        3  L2 Blok       0.400        2          West               Noord, Noordoost',
        'R3      Zuidrij          3  L1 Hoek       0.600        1  yes                        Noordwest, West',
      ].join('\n'),
    );
    expect(fromB).toContain(
      'L2      Blok        4  R1 Noordrij    0.400        2          Midden, Oost       Noordwest',
    );
  });

  it('follows the weight and says why partition agreement is missing', () => {
    // By inhabitants Noordrij's best column is Oostkolom (1/4, see stats-region-pairs); the overlap layer has multi-membership.
    const byPeople = formatStats(compareLayers(grid, 'rows-2025', 'columns-2025', { weight: 'inhabitants' }), nameOf);
    expect(byPeople).toContain('mean congruence (by inhabitants)');
    expect(byPeople).toMatch(/\nR1 +Noordrij +3 +C3 Oostkolom +0\.250 /);
    const multi = formatStats(compareLayers(grid, 'rows-2025', 'overlap-2025'), nameOf);
    expect(multi).toContain('ARI, NMI and VI are not defined: 2 municipalities belong to more than one region');
    expect(multi).toMatch(/\nARI, NMI, VI +n\/a\n/);
    expect(multi).toContain('municipalities compared                 6 of 9');
  });

  it('shortens long lists of breaking gemeenten', () => {
    // The ring (8 cells) against cells: its best match K1 leaves 7 cells outside.
    const text = formatStats(compareLayers(grid, 'ring-2025', 'cells-2025'), nameOf);
    expect(text).toContain('Noord, Noordoost, West, Oost … (+3)');
  });
});

describe('statsCsv', () => {
  it('prints one row per region pair with every figure', () => {
    const lines = statsCsv(compareLayers(grid, 'rows-2025', 'ell-2025')).split('\n');
    expect(lines[0]).toBe(
      'layer_a,region_a,name_a,layer_b,region_b,name_b,shared_count,union_count,jaccard_count,intersection_km2,union_km2,jaccard_area,shared_inhabitants,union_inhabitants,jaccard_inhabitants,unknown_inhabitants_count,a_in_b,b_in_a,is_best_match_for_a,is_best_match_for_b,shared_gemeenten',
    );
    expect(lines).toHaveLength(7);
    // Zuidrij ∩ Hoek = {7, 8, 9}: 3/5 by count; inhabitants 15000 of 20000 known (GM0009 unknown).
    const fields = lines[5]!.split(',');
    expect(fields.slice(0, 9)).toEqual(['rows-2025', 'R3', 'Zuidrij', 'ell-2025', 'L1', 'Hoek', '3', '5', '0.6']);
    expect(fields.slice(12)).toEqual([
      '15000',
      '20000',
      '0.75',
      '1',
      'true',
      'false',
      'true',
      'true',
      'GM0007 GM0008 GM0009',
    ]);
    expect(lines[6]).toBe('');
  });
});

describe('matrix output', () => {
  const ids = ['rows-2025', 'columns-2025', 'overlap-2025'];

  it('prints a numbered table with the metric and how to read it', () => {
    expect(formatMatrix(computeMatrix(grid, ids, 'ari'))).toBe(
      [
        'Adjusted Rand index (ARI) (ari; symmetric; range -0.5 to 1, higher is more alike)',
        '',
        '   layer              1       2    3',
        '-  ------------  ------  ------  ---',
        '1  rows-2025      1.000  -0.333  n/a',
        '2  columns-2025  -0.333   1.000  n/a',
        '3  overlap-2025     n/a     n/a  n/a',
        'n/a: not defined (multi-membership, no common municipalities, or no borders)',
        '',
      ].join('\n'),
    );
    expect(formatMatrix(computeMatrix(grid, ids, 'vi'))).toContain('range 0 to log2 n, lower is more alike');
    expect(formatMatrix(computeMatrix(grid, ids, 'nested'))).toContain('directional: row A, column B');
  });

  it('prints CSV with a header of ids, full precision and empty cells where not defined', () => {
    expect(matrixCsv(computeMatrix(grid, ids, 'ari'))).toBe(
      [
        'layer,rows-2025,columns-2025,overlap-2025',
        `rows-2025,1,${-1 / 3},`,
        `columns-2025,${-1 / 3},1,`,
        'overlap-2025,,,',
        '',
      ].join('\n'),
    );
  });
});
