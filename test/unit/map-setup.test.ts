import { describe, expect, it } from 'vitest';
import { addBaseLayers, syncRegionLayers, type SetupMap } from '../../src/lib/map/setup';
import { buildAtlas } from '../../src/lib/data/atlas';
import { buildMapGeometry } from '../../src/lib/geo/map-geometry';
import { GRID, GRID_GEOMETRY, gridLayerFile } from '../../test/fixtures/grid';

/** A fake map keeping layer order and sources, as MapLibre does for `addLayer(spec, beforeId)`. */
function fakeMap() {
  const order: string[] = [];
  const sources = new Map<string, { data: unknown; setData: (d: unknown) => void }>();
  const paint: string[] = [];
  const map = {
    addImage: () => {},
    addSource: (id: string, spec: { data: unknown }) => {
      const source = { data: spec.data, setData: (d: unknown) => (source.data = d) };
      sources.set(id, source);
    },
    getSource: (id: string) => sources.get(id),
    removeSource: (id: string) => sources.delete(id),
    addLayer: (spec: { id: string }, before?: string) => {
      const at = before ? order.indexOf(before) : -1;
      if (at >= 0) order.splice(at, 0, spec.id);
      else order.push(spec.id);
    },
    getLayer: (id: string) => (order.includes(id) ? { id } : undefined),
    removeLayer: (id: string) => order.splice(order.indexOf(id), 1),
    setPaintProperty: (id: string, prop: string) => paint.push(`${id}/${prop}`),
  } as unknown as SetupMap;
  return { map, order, sources, paint };
}

const files = [gridLayerFile('rows', true), gridLayerFile('columns', true)];
const geometry = buildMapGeometry(buildAtlas(GRID_GEOMETRY, GRID, files));
const metas = files.map((f) => f.meta);

describe('addBaseLayers and syncRegionLayers', () => {
  it('puts fills under the gemeente overlay and borders under the border count and outline', () => {
    const f = fakeMap();
    addBaseLayers(f.map, geometry);
    syncRegionLayers(f.map, metas, geometry, new Map());
    // Position of a layer that must be on the map: a missing one (index -1) would pass the comparisons below.
    const at = (id: string) => {
      expect(f.order, `${id} is on the map`).toContain(id);
      return f.order.indexOf(id);
    };
    for (const layer of ['rows-2025', 'columns-2025']) {
      expect(at(`region-fill:${layer}`)).toBeLessThan(at('municipality-congruence'));
      expect(at(`region-fill:${layer}`)).toBeLessThan(at('municipality-fill'));
      expect(at(`region-fill:${layer}`)).toBeLessThan(at('municipality-line'));
      expect(at(`region-line:${layer}`)).toBeGreaterThan(at('municipality-line'));
      expect(at(`region-line:${layer}`)).toBeLessThan(at('border-count-line'));
      expect(at(`region-line:${layer}`)).toBeLessThan(at('outline-line'));
    }
    expect(f.order.at(-1)).toBe('outline-line');
  });

  it('stacks region layers in registry order, whatever order they were first shown in', () => {
    const f = fakeMap();
    addBaseLayers(f.map, geometry);
    // "columns" (second in the registry) shown first, then "rows" as well.
    const shown = syncRegionLayers(f.map, [metas[1]!], geometry, new Map());
    syncRegionLayers(f.map, metas, geometry, shown);
    const positions = (prefix: string) => metas.map((m) => f.order.indexOf(`${prefix}:${m.id}`));
    for (const prefix of ['region-fill', 'region-nodata', 'region-line', 'region-highlight']) {
      const [rows, columns] = positions(prefix);
      expect(rows, prefix).toBeGreaterThanOrEqual(0);
      expect(rows!, prefix).toBeLessThan(columns!);
    }
  });

  it('adds a new layer, updates a changed one and removes one that is gone', () => {
    const f = fakeMap();
    addBaseLayers(f.map, geometry);
    const first = syncRegionLayers(f.map, metas, geometry, new Map());
    // A what-if edit of "rows": new geometry object for that layer only.
    const edited = buildMapGeometry(buildAtlas(GRID_GEOMETRY, GRID, [gridLayerFile('columns', true)]));
    const changed = { ...geometry, layers: new Map(geometry.layers) };
    changed.layers.set('rows-2025', {
      ...geometry.layers.get('rows-2025')!,
      regions: edited.layers.get('columns-2025')!.regions,
    });
    const second = syncRegionLayers(f.map, metas, changed, first);
    expect(f.sources.get('region:rows-2025')!.data).toBe(changed.layers.get('rows-2025')!.regions);
    expect(f.paint).toContain('region-fill:rows-2025/fill-color');
    expect(f.paint).not.toContain('region-fill:columns-2025/fill-color');
    syncRegionLayers(f.map, [metas[1]!], changed, second);
    expect(f.order.some((id) => id.includes('rows-2025'))).toBe(false);
    expect([...f.sources.keys()].some((id) => id.includes('rows-2025'))).toBe(false);
    expect(f.order).toContain('region-line:columns-2025');
  });
});
