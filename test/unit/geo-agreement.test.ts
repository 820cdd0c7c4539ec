/**
 * Comparing two sources of a layout as partitions (geo/scripts/agreement.ts), on the layouts of the hand-made
 * 3×3 grid (test/fixtures/grid.ts), where every answer can be read off the drawing there.
 */
import { describe, expect, it } from 'vitest';
import { compareLayouts } from '../../geo/scripts/agreement';
import type { MunicipalityGeometry, Region } from '../../src/lib/types';
import { GRID, LAYOUTS } from '../fixtures/grid';

const NAMES = new Map(
  (GRID.objects.municipalities.geometries as MunicipalityGeometry[]).map((g) => [g.id, g.properties!.name]),
);
const region = (code: string, name: string, numbers: number[]): Region => ({
  code,
  name,
  members: numbers.map((n) => `GM000${n}`),
});

describe('compareLayouts', () => {
  it('agrees on the same partition under other codes, names and order', () => {
    const renamed = [
      region('X3', 'Zuid', [9, 8, 7]),
      region('X1', 'Noord', [1, 2, 3]),
      region('X2', 'Midden', [4, 5, 6]),
    ];
    expect(compareLayouts(LAYOUTS.rows, renamed, NAMES)).toEqual({ agrees: true, differences: [] });
    expect(compareLayouts(LAYOUTS.cells, LAYOUTS.cells, NAMES)).toEqual({ agrees: true, differences: [] });
  });

  it('lists only the gemeente that moved to a neighbouring region', () => {
    // Midden (GM0005) is in the north row on the other side.
    const other = [
      region('Y1', 'Noord', [1, 2, 3, 5]),
      region('Y2', 'Midden', [4, 6]),
      region('Y3', 'Zuid', [7, 8, 9]),
    ];
    expect(compareLayouts(LAYOUTS.rows, other, NAMES)).toEqual({
      agrees: false,
      differences: ['GM0005 Midden: R2 Middenrij | Noord'],
    });
  });

  it('lists the members of the smaller region where two regions are one on the other side', () => {
    const other = [region('Y1', 'Noord en midden', [1, 2, 3, 4, 5, 6]), region('Y3', 'Zuid', [7, 8, 9])];
    expect(compareLayouts(LAYOUTS.rows, other, NAMES).differences).toEqual([
      'GM0004 West: R2 Middenrij | Noord en midden',
      'GM0005 Midden: R2 Middenrij | Noord en midden',
      'GM0006 Oost: R2 Middenrij | Noord en midden',
    ]);
    // And the other way round: the region split in two.
    expect(compareLayouts(other, LAYOUTS.rows, NAMES).differences).toEqual([
      'GM0004 West: Y1 Noord en midden | Middenrij',
      'GM0005 Midden: Y1 Noord en midden | Middenrij',
      'GM0006 Oost: Y1 Noord en midden | Middenrij',
    ]);
  });

  it('lists a gemeente missing on one side, and one in two regions on the other', () => {
    const other = [
      region('Y1', 'Noord', [1, 2, 3]),
      region('Y2', 'Midden', [4, 5, 6, 7]),
      region('Y3', 'Zuid', [7, 8]),
    ];
    expect(compareLayouts(LAYOUTS.rows, other, NAMES).differences).toEqual([
      'GM0007 Zuidwest: R3 Zuidrij | Midden, Zuid',
      'GM0009 Zuidoost: R3 Zuidrij | -',
    ]);
    expect(compareLayouts(LAYOUTS.partial, LAYOUTS.partial, NAMES)).toEqual({ agrees: true, differences: [] });
  });
});
