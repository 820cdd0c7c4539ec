/**
 * Functions that push app state into a MapLibre map, over a narrow interface so they are
 * testable in Node with a fake map (STYLE.md §4). No maplibre-gl values are imported here.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { lineOffsets, type LineStyle } from '../scales/line-style';
import type { LayerId, MunicipalityCode, RegionCode } from '../types';
import {
  LAYER_BORDER_COUNT,
  LAYER_MUNICIPALITY_FILL,
  LAYER_MUNICIPALITY_HOVER,
  noDataLayerId,
  regionFillLayerId,
  regionHighlightLayerId,
  regionLineLayerId,
  regionSourceId,
  SOURCE_MUNICIPALITIES,
} from './layers';

export type MapLike = Pick<
  MapLibreMap,
  'setLayoutProperty' | 'setPaintProperty' | 'setFeatureState' | 'removeFeatureState' | 'getLayer'
>;

/** A region on the map: layer and region code. */
export interface RegionRef {
  layerId: LayerId;
  code: RegionCode;
}

/** Show or hide one map layer, if the map has it. */
export function showLayer(map: MapLike, layerId: string, isShown: boolean): void {
  if (map.getLayer(layerId)) map.setLayoutProperty(layerId, 'visibility', isShown ? 'visible' : 'none');
}

/** What the map draws of the layers. */
export interface LayerDisplay {
  /** Every layer id on the map. */
  all: readonly LayerId[];
  /** Visible layers; their borders get offsets in this order. */
  visible: readonly LayerId[];
  /** The filled layer (drawn only if visible), or null. */
  filled: LayerId | null;
  /** Layers that do not cover every gemeente (their "no data" hatch shows while visible). */
  partial: ReadonlySet<LayerId>;
  /** Border mode: one line per border segment weighted by how many visible layers share it, instead of a line per layer. */
  isBorderMode: boolean;
  /** The layer with a selected region, whose highlight line is drawn (if visible); null: none. */
  highlighted: LayerId | null;
  /** The line style of each visible layer (`assignLineStyles`); a layer without one keeps its registry style. */
  styles: ReadonlyMap<LayerId, LineStyle>;
}

/**
 * Show the visible layers' borders (each with its own offset, in `visible` order) or, in border mode,
 * the border count; the fill of `filled` if it is visible; the "no data" hatch of visible partial layers; and the
 * region highlight of `highlighted` if it is visible.
 */
export function applyLayerVisibility(map: MapLike, display: LayerDisplay): void {
  const { all, visible, filled, partial, isBorderMode, highlighted, styles } = display;
  const offsets = lineOffsets(visible.length);
  showLayer(map, LAYER_BORDER_COUNT, isBorderMode);
  for (const id of all) {
    const index = visible.indexOf(id);
    const isVisible = index >= 0;
    showLayer(map, regionLineLayerId(id), isVisible && !isBorderMode);
    // Drawn only where feature-state marks a region, so hidden unless a region of this layer is selected.
    showLayer(map, regionHighlightLayerId(id), isVisible && highlighted === id);
    showLayer(map, regionFillLayerId(id), isVisible && filled === id);
    showLayer(map, noDataLayerId(id), isVisible && partial.has(id));
    if (!isVisible) continue;
    map.setPaintProperty(regionLineLayerId(id), 'line-offset', offsets[index] ?? 0);
    const style = styles.get(id);
    if (style) {
      map.setPaintProperty(regionLineLayerId(id), 'line-color', style.color);
      map.setPaintProperty(regionLineLayerId(id), 'line-dasharray', style.dash);
      map.setLayoutProperty(regionLineLayerId(id), 'line-cap', style.dash ? 'butt' : 'round');
      map.setPaintProperty(regionHighlightLayerId(id), 'line-color', style.color);
    }
  }
}

/** Move the hover highlight from one gemeente to another (either may be null); its layers show only while one is. */
export function applyHover(map: MapLike, previous: MunicipalityCode | null, next: MunicipalityCode | null): void {
  if (previous === next) return;
  if (previous) map.setFeatureState({ source: SOURCE_MUNICIPALITIES, id: previous }, { hover: false });
  if (next) map.setFeatureState({ source: SOURCE_MUNICIPALITIES, id: next }, { hover: true });
  if ((previous === null) !== (next === null)) {
    showLayer(map, LAYER_MUNICIPALITY_FILL, next !== null);
    showLayer(map, LAYER_MUNICIPALITY_HOVER, next !== null);
  }
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

/**
 * Set a boolean feature-state `key` on the gemeenten in `next` and clear it on those only in `previous`, and show
 * map layer `layerId`, which draws that state, only while some gemeente has it.
 * Used for the selected gemeente and the "always together" marks.
 */
export function applyMunicipalityFlag(
  map: MapLike,
  key: string,
  layerId: string,
  previous: ReadonlySet<MunicipalityCode>,
  next: ReadonlySet<MunicipalityCode>,
): void {
  showLayer(map, layerId, next.size > 0);
  for (const code of previous) {
    if (!next.has(code)) map.setFeatureState({ source: SOURCE_MUNICIPALITIES, id: code }, { [key]: false });
  }
  for (const code of next) {
    if (!previous.has(code)) map.setFeatureState({ source: SOURCE_MUNICIPALITIES, id: code }, { [key]: true });
  }
}

/**
 * Disagreement mode: put each common gemeente's congruence in feature-state (`congruence`, `isCommon`)
 * and clear it from gemeenten of the previous pair that are not in this one.
 */
export function applyCongruence(
  map: MapLike,
  previous: ReadonlyMap<MunicipalityCode, number>,
  next: ReadonlyMap<MunicipalityCode, number>,
): void {
  for (const code of previous.keys()) {
    if (!next.has(code)) {
      map.removeFeatureState({ source: SOURCE_MUNICIPALITIES, id: code }, 'congruence');
      map.removeFeatureState({ source: SOURCE_MUNICIPALITIES, id: code }, 'isCommon');
    }
  }
  for (const [code, congruence] of next) {
    if (previous.get(code) !== congruence) {
      map.setFeatureState({ source: SOURCE_MUNICIPALITIES, id: code }, { congruence, isCommon: true });
    }
  }
}
