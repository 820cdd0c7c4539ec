import { describe, expect, it } from 'vitest';
import {
  applyCongruence,
  applyHover,
  applyLayerVisibility,
  applyMunicipalityFlag,
  applySelection,
  type MapLike,
} from '../../src/lib/map/controller';
import { lineOffsets } from '../../src/lib/scales/line-style';

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
    applyLayerVisibility(f.map, {
      all: ids,
      visible: ['c', 'a'],
      filled: 'a',
      partial: new Set(['c']),
      isBorderMode: false,
      highlighted: null,
      styles: new Map(),
    });
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
  it('draws each visible layer in its assigned line style, its highlight in the same colour', () => {
    const f = fakeMap(allLayers);
    const styles = new Map([
      ['a', { color: '#0072B2', dash: [4, 2] }],
      ['c', { color: '#D55E00' }],
    ]);
    applyLayerVisibility(f.map, {
      all: ids,
      visible: ['a', 'c'],
      filled: null,
      partial: new Set(),
      isBorderMode: false,
      highlighted: null,
      styles,
    });
    expect(f.paint.get('region-line:a/line-color')).toBe('#0072B2');
    expect(f.paint.get('region-line:a/line-dasharray')).toEqual([4, 2]);
    expect(f.layout.get('region-line:a/line-cap')).toBe('butt');
    expect(f.paint.get('region-highlight:a/line-color')).toBe('#0072B2');
    expect(f.paint.get('region-line:c/line-color')).toBe('#D55E00');
    // Solid: the dash array is reset, so a layer that was dashed before is drawn solid now.
    expect(f.paint.has('region-line:c/line-dasharray')).toBe(true);
    expect(f.paint.get('region-line:c/line-dasharray')).toBeUndefined();
    expect(f.layout.get('region-line:c/line-cap')).toBe('round');
    // A hidden layer keeps what it had.
    expect(f.paint.has('region-line:b/line-color')).toBe(false);
  });
  it('hides the fill of a filled layer that is not visible', () => {
    const f = fakeMap(allLayers);
    applyLayerVisibility(f.map, {
      all: ids,
      visible: ['b'],
      filled: 'a',
      partial: new Set(),
      isBorderMode: false,
      highlighted: null,
      styles: new Map(),
    });
    expect(f.layout.get('region-fill:a/visibility')).toBe('none');
  });
  it('draws a region highlight only for the layer with the selected region, and only while it is visible', () => {
    const f = fakeMap(allLayers);
    const display = { all: ids, filled: null, partial: new Set<string>(), isBorderMode: false, styles: new Map() };
    applyLayerVisibility(f.map, { ...display, visible: ['a', 'b'], highlighted: 'b' });
    expect(f.layout.get('region-highlight:a/visibility')).toBe('none');
    expect(f.layout.get('region-highlight:b/visibility')).toBe('visible');
    applyLayerVisibility(f.map, { ...display, visible: ['a'], highlighted: 'b' });
    expect(f.layout.get('region-highlight:b/visibility')).toBe('none');
    applyLayerVisibility(f.map, { ...display, visible: ['a', 'b'], highlighted: null });
    expect(f.layout.get('region-highlight:b/visibility')).toBe('none');
  });
  it('skips layers the map does not have (a layer file that failed to load)', () => {
    const f = fakeMap(['region-line:a']);
    applyLayerVisibility(f.map, {
      all: ids,
      visible: ['a'],
      filled: null,
      partial: new Set(),
      isBorderMode: false,
      highlighted: null,
      styles: new Map(),
    });
    expect([...f.layout.keys()]).toEqual(['region-line:a/visibility']);
  });
});

describe('border mode', () => {
  it('replaces the per-layer lines with the border count, keeping fills and highlights', () => {
    const f = fakeMap([...allLayers, 'border-count-line']);
    applyLayerVisibility(f.map, {
      all: ids,
      visible: ['a', 'b'],
      filled: 'a',
      partial: new Set(),
      isBorderMode: true,
      highlighted: 'b',
      styles: new Map(),
    });
    expect(f.layout.get('border-count-line/visibility')).toBe('visible');
    expect(f.layout.get('region-line:a/visibility')).toBe('none');
    expect(f.layout.get('region-line:b/visibility')).toBe('none');
    expect(f.layout.get('region-fill:a/visibility')).toBe('visible');
    expect(f.layout.get('region-highlight:b/visibility')).toBe('visible');
    applyLayerVisibility(f.map, {
      all: ids,
      visible: ['a', 'b'],
      filled: 'a',
      partial: new Set(),
      isBorderMode: false,
      highlighted: 'b',
      styles: new Map(),
    });
    expect(f.layout.get('border-count-line/visibility')).toBe('none');
    expect(f.layout.get('region-line:a/visibility')).toBe('visible');
  });
});

describe('applyMunicipalityFlag and applyCongruence', () => {
  it('sets a flag on new gemeenten and clears it only on those that left', () => {
    const f = fakeMap([]);
    applyMunicipalityFlag(f.map, 'marked', 'municipality-mark', new Set(['GM1', 'GM2']), new Set(['GM2', 'GM3']));
    expect(f.states).toEqual([
      { id: 'GM1', source: 'municipalities', state: { marked: false } },
      { id: 'GM3', source: 'municipalities', state: { marked: true } },
    ]);
  });
  it('shows the layer that draws a flag only while some gemeente has it', () => {
    const f = fakeMap(['municipality-mark']);
    applyMunicipalityFlag(f.map, 'marked', 'municipality-mark', new Set(), new Set(['GM1']));
    expect(f.layout.get('municipality-mark/visibility')).toBe('visible');
    applyMunicipalityFlag(f.map, 'marked', 'municipality-mark', new Set(['GM1']), new Set());
    expect(f.layout.get('municipality-mark/visibility')).toBe('none');
  });
  it('writes congruence for the new pair and removes it from gemeenten outside it', () => {
    const f = fakeMap([]);
    const removed: string[] = [];
    (f.map as { removeFeatureState: unknown }).removeFeatureState = (t: { id: string }, key: string) =>
      removed.push(`${t.id}/${key}`);
    applyCongruence(
      f.map,
      new Map([
        ['GM1', 0.5],
        ['GM2', 1],
      ]),
      new Map([
        ['GM2', 1],
        ['GM3', 0],
      ]),
    );
    expect(removed).toEqual(['GM1/congruence', 'GM1/isCommon']);
    // GM2 is unchanged, so only GM3 is written.
    expect(f.states).toEqual([{ id: 'GM3', source: 'municipalities', state: { congruence: 0, isCommon: true } }]);
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
  it('shows the hover layers only while a gemeente is hovered', () => {
    const f = fakeMap(['municipality-fill', 'municipality-hover']);
    applyHover(f.map, null, 'GM0001');
    expect(f.layout.get('municipality-fill/visibility')).toBe('visible');
    expect(f.layout.get('municipality-hover/visibility')).toBe('visible');
    applyHover(f.map, 'GM0001', null);
    expect(f.layout.get('municipality-fill/visibility')).toBe('none');
    expect(f.layout.get('municipality-hover/visibility')).toBe('none');
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
