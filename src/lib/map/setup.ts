/**
 * Putting the atlas on a MapLibre map: the base sources and layers, and each region layer's sources
 * and layers, added, updated or removed as the layer list changes (user layers come and go; a what-if
 * edit changes a layer's regions). Shared by the on-screen map and the export's off-screen map.
 * Works over a narrow interface, so it is tested in Node with a fake map; no maplibre-gl values here.
 */
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { LayerId, LayerMeta } from '../types';
import type { LayerGeometry, MapGeometry } from '../geo/map-geometry';
import { congruenceColourStops } from '../scales/stat-scale';
import { hatchPattern, MAP_COLOURS } from '../scales/palette';
import {
  borderCountLayer,
  borderSourceId,
  congruenceLayer,
  fillColourExpression,
  LAYER_BORDER_COUNT,
  LAYER_CONGRUENCE,
  LAYER_MUNICIPALITY_MARK,
  municipalityLayers,
  municipalityMarkLayers,
  municipalityOverlayLayers,
  NODATA_IMAGE,
  noDataLayer,
  noDataLayerId,
  noDataSourceId,
  outlineLayer,
  regionFillLayer,
  regionFillLayerId,
  regionHighlightLayerId,
  regionLineLayerId,
  regionLineLayers,
  regionSourceId,
  SOURCE_BORDER_COUNT,
  SOURCE_MUNICIPALITIES,
  SOURCE_MUNICIPALITY_BORDERS,
  SOURCE_OUTLINE,
} from './layers';

export type SetupMap = Pick<
  MapLibreMap,
  'addImage' | 'addSource' | 'addLayer' | 'getSource' | 'getLayer' | 'removeLayer' | 'removeSource' | 'setPaintProperty'
>;

/** An empty source; a fresh object each time, since MapLibre may keep what it is given. */
const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

/**
 * The layers every map has, in drawing order, with slots between them where region layers go:
 * fills under the congruence colours, "no data" hatches under the marks, borders under the border count.
 */
export function addBaseLayers(map: SetupMap, geometry: MapGeometry): void {
  map.addImage(NODATA_IMAGE, hatchPattern(10, MAP_COLOURS.noDataHatch));
  map.addSource(SOURCE_MUNICIPALITIES, { type: 'geojson', data: geometry.municipalities, promoteId: 'code' });
  map.addSource(SOURCE_MUNICIPALITY_BORDERS, { type: 'geojson', data: geometry.municipalityBorders });
  map.addSource(SOURCE_OUTLINE, { type: 'geojson', data: geometry.outline });
  map.addSource(SOURCE_BORDER_COUNT, { type: 'geojson', data: empty() });
  for (const spec of municipalityLayers()) map.addLayer(spec);
  map.addLayer(congruenceLayer(congruenceColourStops()));
  for (const spec of municipalityOverlayLayers()) map.addLayer(spec);
  for (const spec of municipalityMarkLayers()) map.addLayer(spec);
  map.addLayer(borderCountLayer());
  map.addLayer(outlineLayer());
}

/** Another year's gemeenten: the base sources get its geometry (region layers follow through `syncRegionLayers`). */
export function updateBaseSources(map: SetupMap, geometry: MapGeometry): void {
  const setData = (id: string, data: Parameters<GeoJSONSource['setData']>[0]) =>
    (map.getSource(id) as GeoJSONSource | undefined)?.setData(data);
  setData(SOURCE_MUNICIPALITIES, geometry.municipalities);
  setData(SOURCE_MUNICIPALITY_BORDERS, geometry.municipalityBorders);
  setData(SOURCE_OUTLINE, geometry.outline);
}

/** Where a region layer's map layers go: below these (the next region layer's, or the base slots). */
interface Slots {
  fill: string;
  noData: string;
  line: string;
}

const BASE_SLOTS: Slots = { fill: LAYER_CONGRUENCE, noData: LAYER_MUNICIPALITY_MARK, line: LAYER_BORDER_COUNT };

/** A region layer's own slots: the lowest of its map layers of each kind. */
function slotsOf(id: LayerId): Slots {
  return { fill: regionFillLayerId(id), noData: noDataLayerId(id), line: regionLineLayerId(id) };
}

function addRegionLayer(map: SetupMap, meta: LayerMeta, g: LayerGeometry, below: Slots): void {
  map.addSource(regionSourceId(meta.id), { type: 'geojson', data: g.regions, promoteId: 'code' });
  map.addSource(borderSourceId(meta.id), { type: 'geojson', data: g.borders });
  map.addSource(noDataSourceId(meta.id), { type: 'geojson', data: g.noData ?? empty() });
  map.addLayer(regionFillLayer(meta, g.colourIndex), below.fill);
  map.addLayer(noDataLayer(meta), below.noData);
  for (const spec of regionLineLayers(meta)) map.addLayer(spec, below.line);
}

function updateRegionLayer(map: SetupMap, meta: LayerMeta, g: LayerGeometry): void {
  const setData = (id: string, data: Parameters<GeoJSONSource['setData']>[0]) =>
    (map.getSource(id) as GeoJSONSource | undefined)?.setData(data);
  setData(regionSourceId(meta.id), g.regions);
  setData(borderSourceId(meta.id), g.borders);
  setData(noDataSourceId(meta.id), g.noData ?? empty());
  map.setPaintProperty(regionFillLayerId(meta.id), 'fill-color', fillColourExpression(g.colourIndex));
  map.setPaintProperty(regionLineLayerId(meta.id), 'line-color', meta.color);
}

function removeRegionLayer(map: SetupMap, id: LayerId): void {
  for (const layerId of [regionFillLayerId(id), noDataLayerId(id), regionLineLayerId(id), regionHighlightLayerId(id)]) {
    if (map.getLayer(layerId)) map.removeLayer(layerId);
  }
  for (const sourceId of [regionSourceId(id), borderSourceId(id), noDataSourceId(id)]) {
    if (map.getSource(sourceId)) map.removeSource(sourceId);
  }
}

/**
 * Make the map's region layers match `layers`: add new ones, update those whose geometry changed
 * (compared by identity with `previous`), remove those that are gone. Returns what the map now has,
 * to pass as `previous` next time.
 */
export function syncRegionLayers(
  map: SetupMap,
  layers: readonly LayerMeta[],
  geometry: MapGeometry,
  previous: ReadonlyMap<LayerId, LayerGeometry>,
): Map<LayerId, LayerGeometry> {
  const next = new Map<LayerId, LayerGeometry>();
  // From the last layer to the first, each new one going below the next one already on the map: the stacking
  // follows `layers` (registry order) whatever order the layers were first shown in.
  let below = BASE_SLOTS;
  for (const meta of [...layers].reverse()) {
    const g = geometry.layers.get(meta.id);
    if (!g) continue;
    const before = previous.get(meta.id);
    if (!before) addRegionLayer(map, meta, g, below);
    else if (before !== g) updateRegionLayer(map, meta, g);
    next.set(meta.id, g);
    below = slotsOf(meta.id);
  }
  for (const id of previous.keys()) if (!next.has(id)) removeRegionLayer(map, id);
  return next;
}
