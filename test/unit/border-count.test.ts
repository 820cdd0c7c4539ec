import { describe, expect, it } from 'vitest';
import { buildAtlas } from '../../src/lib/data/atlas';
import { countBorders } from '../../src/lib/stats/border-count';
import { GRID, GRID_GEOMETRY, gridLayerFile } from '../../test/fixtures/grid';

const atlas = buildAtlas(GRID_GEOMETRY, GRID, [
  gridLayerFile('rows', true),
  gridLayerFile('columns', true),
  gridLayerFile('cells', true),
  gridLayerFile('partial', false),
]);

/** Arc count per border count. */
function histogram(ids: string[]): Record<number, number> {
  const h: Record<number, number> = {};
  for (const f of countBorders(atlas, ids).features) h[f.properties.count] = (h[f.properties.count] ?? 0) + 1;
  return h;
}

describe('countBorders', () => {
  it('rows and columns never share a border: 12 arcs with one layer each', () => {
    // Rows border on the 6 arcs of the two inner parallels; columns on the 6 of the two inner meridians.
    expect(histogram(['rows-2025', 'columns-2025'])).toEqual({ 1: 12 });
  });

  it('cells border everywhere, so with rows the 6 parallel arcs count twice', () => {
    expect(histogram(['rows-2025', 'cells-2025'])).toEqual({ 1: 6, 2: 6 });
  });

  it('all three: every inner arc has cells plus one of rows or columns', () => {
    expect(histogram(['rows-2025', 'columns-2025', 'cells-2025'])).toEqual({ 2: 12 });
  });

  it('names the layers on each arc, and a partial layer borders where its coverage ends', () => {
    // P1 = GM0001, 2, 4, 5: its border runs between the 2×2 block and the rest: 4 inner arcs.
    const partial = countBorders(atlas, ['partial-2025']).features;
    expect(partial).toHaveLength(4);
    expect(partial.every((f) => f.properties.layerIds === 'partial-2025')).toBe(true);
  });

  it('draws nothing for no layers or unknown ids', () => {
    expect(countBorders(atlas, []).features).toEqual([]);
    expect(countBorders(atlas, ['nope']).features).toEqual([]);
  });
});
