/**
 * Functions that push app state into a MapLibre map, over a narrow interface so they are
 * testable in Node with a fake map (STYLE.md §4). No maplibre-gl values are imported here.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LayerId, MunicipalityCode, RegionCode } from '../types';
import {
  lineOffsets,
  noDataLayerId,
  regionFillLayerId,
  regionHighlightLayerId,
  regionLineLayerId,
  regionSourceId,
  SOURCE_MUNICIPALITIES,
} from './layers';

export type MapLike = Pick<MapLibreMap, 'setLayoutProperty' | 'setPaintProperty' | 'setFeatureState' | 'getLayer'>;

/** A region on the map: layer and region code. */
export interface RegionRef {
  layerId: LayerId;
  code: RegionCode;
}

/**
 * Show the visible layers' borders (each with its own offset, in `visible` order),
 * the fill of `filled` if it is visible, and the "no data" hatch of visible partial layers.
 * @param all every layer id on the map
 * @param partial ids of layers that do not cover every gemeente
 */
export function applyLayerVisibility(
  map: MapLike,
  all: readonly LayerId[],
  visible: readonly LayerId[],
  filled: LayerId | null,
  partial: ReadonlySet<LayerId>,
): void {
  const offsets = lineOffsets(visible.length);
  for (const id of all) {
    const index = visible.indexOf(id);
    const isVisible = index >= 0;
    const show = (layerId: string, on: boolean) => {
      if (map.getLayer(layerId)) map.setLayoutProperty(layerId, 'visibility', on ? 'visible' : 'none');
    };
    show(regionLineLayerId(id), isVisible);
    show(regionHighlightLayerId(id), isVisible);
    show(regionFillLayerId(id), isVisible && filled === id);
    show(noDataLayerId(id), isVisible && partial.has(id));
    if (isVisible) map.setPaintProperty(regionLineLayerId(id), 'line-offset', offsets[index] ?? 0);
  }
}

/** Move the hover highlight from one gemeente to another (either may be null). */
export function applyHover(map: MapLike, previous: MunicipalityCode | null, next: MunicipalityCode | null): void {
  if (previous === next) return;
  if (previous) map.setFeatureState({ source: SOURCE_MUNICIPALITIES, id: previous }, { hover: false });
  if (next) map.setFeatureState({ source: SOURCE_MUNICIPALITIES, id: next }, { hover: true });
}

/** Move the selected-region highlight. */
export function applySelection(map: MapLike, previous: RegionRef | null, next: RegionRef | null): void {
  if (previous && next && previous.layerId === next.layerId && previous.code === next.code) return;
  if (previous && map.getLayer(regionHighlightLayerId(previous.layerId))) {
    map.setFeatureState({ source: regionSourceId(previous.layerId), id: previous.code }, { selected: false });
  }
  if (next && map.getLayer(regionHighlightLayerId(next.layerId))) {
    map.setFeatureState({ source: regionSourceId(next.layerId), id: next.code }, { selected: true });
  }
}
