/**
 * Building blocks (common refinement) and coarsest common grouping on the 3×3 grid, worked out on paper
 * (grid picture and layouts in test/fixtures/grid.ts).
 */
import { describe, expect, it } from 'vitest';
import { computeBuildingBlocks } from '../../src/lib/stats/blocks';
import { DataError } from '../../src/lib/errors';
import { gridAtlas, gridLayer, type GridKind } from '../fixtures/grid-atlas';

const grid = gridAtlas();
const blocksOf = (...kinds: GridKind[]) =>
  computeBuildingBlocks(
    grid,
    kinds.map((kind) => gridLayer(grid, kind)),
  );
const gm = (...numbers: number[]) => numbers.map((n) => `GM000${n}`);

describe('computeBuildingBlocks', () => {
  it('splits rows against columns into the nine cells, joined into one group', () => {
    // Every row meets every column in one cell; R1 and C1 share GM0001, C1 and R2 share GM0004, …: one group.
    const result = blocksOf('rows', 'columns');
    expect(result.blockCount).toBe(9);
    expect(result.blocks.map((b) => b.codes)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => gm(n)));
    expect(result.blocks[5]).toEqual({
      number: 6,
      codes: ['GM0006'],
      regions: [
        { layerId: 'rows-2025', regionCodes: ['R2'] },
        { layerId: 'columns-2025', regionCodes: ['C3'] },
      ],
    });
    expect(result.groupCount).toBe(1);
    expect(result.groups).toEqual([
      {
        number: 1,
        codes: gm(1, 2, 3, 4, 5, 6, 7, 8, 9),
        regions: [
          { layerId: 'rows-2025', regionCodes: ['R1', 'R2', 'R3'] },
          { layerId: 'columns-2025', regionCodes: ['C1', 'C2', 'C3'] },
        ],
      },
    ]);
    expect([result.commonCount, result.totalCount, result.leftOut, result.ungroupedCodes]).toEqual([9, 9, [], []]);
  });

  it('cuts rows by the L (Hoek {1,4,7,8,9}) and block (Blok {2,3,5,6}), numbering blocks by their first code', () => {
    // R1∩Hoek {1}, R1∩Blok {2,3}, R2∩Hoek {4}, R2∩Blok {5,6}, R3∩Hoek {7,8,9}.
    const result = blocksOf('rows', 'ell');
    expect(result.blocks.map((b) => [b.number, b.codes])).toEqual([
      [1, gm(1)],
      [2, gm(2, 3)],
      [3, gm(4)],
      [4, gm(5, 6)],
      [5, gm(7, 8, 9)],
    ]);
    expect(result.blocks[3]!.regions).toEqual([
      { layerId: 'rows-2025', regionCodes: ['R2'] },
      { layerId: 'ell-2025', regionCodes: ['L2'] },
    ]);
    expect(result.groupCount).toBe(1);
  });

  it('finds two coarse groups for rows against the hub layout', () => {
    // Noordband {1,2,3} is Noordrij: a group of its own. Middenrij {4,5,6} meets Westhaak {4,7}, Kern {5} and
    // Oosthaak {6,8,9}, which reach into Zuidrij: the rest is one group.
    // Blocks: {1,2,3}, {4} (R2 H2), {5} (R2 H4), {6} (R2 H3), {7} (R3 H2), {8,9} (R3 H3).
    const result = blocksOf('rows', 'hub');
    expect(result.blocks.map((b) => b.codes)).toEqual([gm(1, 2, 3), gm(4), gm(5), gm(6), gm(7), gm(8, 9)]);
    expect(result.groups).toEqual([
      {
        number: 1,
        codes: gm(1, 2, 3),
        regions: [
          { layerId: 'rows-2025', regionCodes: ['R1'] },
          { layerId: 'hub-2025', regionCodes: ['H1'] },
        ],
      },
      {
        number: 2,
        codes: gm(4, 5, 6, 7, 8, 9),
        regions: [
          { layerId: 'rows-2025', regionCodes: ['R2', 'R3'] },
          { layerId: 'hub-2025', regionCodes: ['H2', 'H3', 'H4'] },
        ],
      },
    ]);
  });

  it('restricts blocks to the common gemeenten and tells multi-membership apart by region set', () => {
    // partial P1 {1,2,4,5}; overlap Westblok {1,2,4,5}, Oostblok {2,3,5,6}. Common 1, 2, 4, 5: GM0001 and GM0004
    // are in {M1}, GM0002 and GM0005 in {M1, M2}. Groups hold whole regions: P1 ∪ M1 ∪ M2 = {1,…,6};
    // the south row is in no region of either layer.
    const result = blocksOf('partial', 'overlap');
    expect(result.blocks).toEqual([
      {
        number: 1,
        codes: gm(1, 4),
        regions: [
          { layerId: 'partial-2025', regionCodes: ['P1'] },
          { layerId: 'overlap-2025', regionCodes: ['M1'] },
        ],
      },
      {
        number: 2,
        codes: gm(2, 5),
        regions: [
          { layerId: 'partial-2025', regionCodes: ['P1'] },
          { layerId: 'overlap-2025', regionCodes: ['M1', 'M2'] },
        ],
      },
    ]);
    expect(result.leftOut.map((m) => m.code)).toEqual(gm(3, 6, 7, 8, 9));
    expect(result.groups.map((g) => g.codes)).toEqual([gm(1, 2, 3, 4, 5, 6)]);
    expect(result.ungroupedCodes).toEqual(gm(7, 8, 9));
  });

  it('throws DataError for fewer than two layers', () => {
    expect(() => blocksOf('rows')).toThrow(new DataError('Comparing layouts takes at least two layers, not 1'));
  });
});
