/**
 * The bench's contingency floor (test/bench/contingency-floor.ts) counts what a straight count from the
 * definition counts: for each layer pair and region pair, the gemeenten in both regions, a gemeente with
 * several regions counting in every pair of them. Random layouts over generated grids (fixed seed) with
 * partitions, partial layers and multi-membership; the bench checks the single-membership tables against the
 * library's ARI on the real data, this covers the multi-membership ones it cannot.
 */
import { describe, expect, it } from 'vitest';
import type { Atlas } from '../../src/lib/data/atlas';
import { contingencyFloor, type ContingencyTable } from '../bench/contingency-floor';
import { generatedAtlas } from '../fixtures/grid-atlas';
import { seededRandom } from '../fixtures/random';

/** `row,column → count` of a table, sorted. */
function cellsOf(table: ContingencyTable): string[] {
  return Array.from(table.count, (count, k) => `${table.row[k]},${table.column[k]}:${count}`).sort();
}

/** The same from the definition: every gemeente, every region of it in A, every region of it in B. */
function countedCells(atlas: Atlas, i: number, j: number): string[] {
  const regionsOf = (layer: number): Map<string, number[]> => {
    const lists = new Map<string, number[]>();
    atlas.layers[layer]!.regions.forEach((region, r) => {
      for (const code of new Set(region.members)) lists.set(code, [...(lists.get(code) ?? []), r]);
    });
    return lists;
  };
  const a = regionsOf(i);
  const b = regionsOf(j);
  const counts = new Map<string, number>();
  for (const m of atlas.municipalities) {
    for (const ra of a.get(m.code) ?? []) {
      for (const rb of b.get(m.code) ?? []) counts.set(`${ra},${rb}`, (counts.get(`${ra},${rb}`) ?? 0) + 1);
    }
  }
  return [...counts].map(([cell, count]) => `${cell}:${count}`).sort();
}

/** Memberships per gemeente: a partition, a partial layer or one with multi-membership. */
function randomLayer(random: () => number, count: number, kind: 'partition' | 'partial' | 'multi'): number[][] {
  const regions = 2 + Math.floor(random() * 6);
  const pick = (): number => Math.floor(random() * regions);
  return Array.from({ length: count }, () => {
    if (kind === 'partial' && random() < 0.3) return [];
    if (kind === 'multi' && random() < 0.25) return [pick(), pick(), pick()];
    return [pick()];
  });
}

describe('contingencyFloor', () => {
  it('counts every layer pair as the definition does, with partial layers and multi-membership', () => {
    const random = seededRandom(20161103);
    for (let run = 0; run < 30; run++) {
      const columns = 3 + Math.floor(random() * 5);
      const rows = 2 + Math.floor(random() * 5);
      const kinds = ['partition', 'partial', 'multi', 'multi', 'partition'] as const;
      const atlas = generatedAtlas(
        columns,
        rows,
        kinds.map((kind, k) => ({ id: `l${k}`, memberships: randomLayer(random, columns * rows, kind) })),
      );
      const tables = contingencyFloor(atlas);
      expect(tables).toHaveLength((kinds.length * (kinds.length + 1)) / 2);
      for (const table of tables) {
        expect(cellsOf(table), `run ${run}, layers ${table.layerA} × ${table.layerB}`).toEqual(
          countedCells(atlas, table.layerA, table.layerB),
        );
      }
    }
  });

  it('counts a gemeente in two regions of both layers in all four region pairs', () => {
    const atlas = generatedAtlas(2, 1, [
      { id: 'a', memberships: [[0, 1], [1]] },
      { id: 'b', memberships: [[0, 1], [0]] },
    ]);
    const ab = contingencyFloor(atlas).find((t) => t.layerA === 0 && t.layerB === 1)!;
    expect(cellsOf(ab)).toEqual(['0,0:1', '0,1:1', '1,0:2', '1,1:1']);
  });
});
