import { describe, expect, it } from 'vitest';
import { applyHover, applyLayerVisibility, applySelection, type MapLike } from '../../src/lib/map/controller';
import { lineOffsets } from '../../src/lib/map/layers';

/** A fake map that records calls and knows which layers exist. */
function fakeMap(existing: string[]) {
  const layout = new Map<string, unknown>();
  const paint = new Map<string, unknown>();
  const states: { id: string; source: string; state: Record<string, unknown> }[] = [];
  const map = {
    getLayer: (id: string) => (existing.includes(id) ? { id } : undefined),
    setLayoutProperty: (id: string, prop: string, value: unknown) => layout.set(`${id}/${prop}`, value),
    setPaintProperty: (id: string, prop: string, value: unknown) => paint.set(`${id}/${prop}`, value),
    setFeatureState: (f: { source: string; id?: string | number }, state: Record<string, unknown>) =>
      states.push({ id: String(f.id), source: f.source, state }),
  } as unknown as MapLike;
  return { map, layout, paint, states };
}

const ids = ['a', 'b', 'c'];
const allLayers = ids.flatMap((id) => [
  `region-line:${id}`,
  `region-highlight:${id}`,
  `region-fill:${id}`,
  `region-nodata:${id}`,
]);

describe('applyLayerVisibility', () => {
  it('shows the visible layers with offsets in their order, the fill only of the filled layer', () => {
    const f = fakeMap(allLayers);
    applyLayerVisibility(f.map, ids, ['c', 'a'], 'a', new Set(['c']));
    expect(f.layout.get('region-line:a/visibility')).toBe('visible');
    expect(f.layout.get('region-line:b/visibility')).toBe('none');
    expect(f.layout.get('region-line:c/visibility')).toBe('visible');
    expect(f.layout.get('region-fill:a/visibility')).toBe('visible');
    expect(f.layout.get('region-fill:c/visibility')).toBe('none');
    // The partial layer's "no data" hatch shows while it is visible.
    expect(f.layout.get('region-nodata:c/visibility')).toBe('visible');
    expect(f.layout.get('region-nodata:a/visibility')).toBe('none');
    const [first, second] = lineOffsets(2);
    expect(f.paint.get('region-line:c/line-offset')).toBe(first);
    expect(f.paint.get('region-line:a/line-offset')).toBe(second);
  });
  it('hides the fill of a filled layer that is not visible', () => {
    const f = fakeMap(allLayers);
    applyLayerVisibility(f.map, ids, ['b'], 'a', new Set());
    expect(f.layout.get('region-fill:a/visibility')).toBe('none');
  });
  it('skips layers the map does not have (a layer file that failed to load)', () => {
    const f = fakeMap(['region-line:a']);
    applyLayerVisibility(f.map, ids, ['a'], null, new Set());
    expect([...f.layout.keys()]).toEqual(['region-line:a/visibility']);
  });
});

describe('applyHover and applySelection', () => {
  it('moves feature-state from the previous to the next gemeente', () => {
    const f = fakeMap([]);
    applyHover(f.map, 'GM0001', 'GM0002');
    expect(f.states).toEqual([
      { id: 'GM0001', source: 'municipalities', state: { hover: false } },
      { id: 'GM0002', source: 'municipalities', state: { hover: true } },
    ]);
    applyHover(f.map, 'GM0002', 'GM0002');
    expect(f.states).toHaveLength(2);
  });
  it('selects a region in its layer source', () => {
    const f = fakeMap(['region-highlight:a', 'region-highlight:b']);
    applySelection(f.map, { layerId: 'a', code: 'X' }, { layerId: 'b', code: 'Y' });
    expect(f.states).toEqual([
      { id: 'X', source: 'region:a', state: { selected: false } },
      { id: 'Y', source: 'region:b', state: { selected: true } },
    ]);
  });
});
