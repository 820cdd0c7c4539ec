/**
 * Pure builders for the MapLibre style: source and layer ids, and the layer specifications.
 * Type imports only, so this module runs in Node tests.
 */
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { compareCodes } from '../model/codes';
import type { LayerMeta, LayerId } from '../types';
import { LINE_WIDTH_PX } from '../scales/line-style';
import { CONGRUENCE_OPACITY, fillColour, FILL_OPACITY, MAP_COLOURS } from '../scales/palette';

export const SOURCE_MUNICIPALITIES = 'municipalities';
export const SOURCE_OUTLINE = 'outline';
export const SOURCE_MUNICIPALITY_BORDERS = 'municipality-borders';
export const LAYER_BACKGROUND = 'background';
export const LAYER_LAND = 'land';
export const LAYER_MUNICIPALITY_FILL = 'municipality-fill';
export const LAYER_MUNICIPALITY_LINE = 'municipality-line';
export const LAYER_MUNICIPALITY_HOVER = 'municipality-hover';
export const LAYER_OUTLINE = 'outline-line';
export const NODATA_IMAGE = 'nodata-hatch';
export const SOURCE_BORDER_COUNT = 'border-count';
export const LAYER_BORDER_COUNT = 'border-count-line';
export const LAYER_CONGRUENCE = 'municipality-congruence';
export const LAYER_MUNICIPALITY_MARK = 'municipality-mark';
export const LAYER_MUNICIPALITY_SELECTED = 'municipality-selected';

export const regionSourceId = (id: LayerId): string => `region:${id}`;
export const borderSourceId = (id: LayerId): string => `region-border:${id}`;
export const noDataSourceId = (id: LayerId): string => `region-nodata:${id}`;
export const regionFillLayerId = (id: LayerId): string => `region-fill:${id}`;
export const regionLineLayerId = (id: LayerId): string => `region-line:${id}`;
export const regionHighlightLayerId = (id: LayerId): string => `region-highlight:${id}`;
export const noDataLayerId = (id: LayerId): string => `region-nodata:${id}`;

/** The fill colour expression of a layer: region code → its palette colour. */
export function fillColourExpression(colourIndex: ReadonlyMap<string, number>): ExpressionSpecification | string {
  if (colourIndex.size === 0) return fillColour(0);
  const pairs: string[] = [];
  for (const [code, index] of [...colourIndex].sort(([a], [b]) => compareCodes(a, b))) {
    pairs.push(code, fillColour(index));
  }
  return ['match', ['get', 'code'], ...pairs, fillColour(0)] as unknown as ExpressionSpecification;
}

/** The base style: background only, no remote sources, glyphs or sprites. */
export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: LAYER_BACKGROUND, type: 'background', paint: { 'background-color': MAP_COLOURS.background } }],
  };
}

/** Layers drawn under every region layer: land, hover target, gemeente borders. */
export function municipalityLayers(): LayerSpecification[] {
  return [
    {
      id: LAYER_LAND,
      type: 'fill',
      source: SOURCE_MUNICIPALITIES,
      paint: { 'fill-color': MAP_COLOURS.land },
    },
  ];
}

/** The gemeente hover target and borders; above the region fills, below the region lines. */
export function municipalityOverlayLayers(): LayerSpecification[] {
  return [
    {
      // The hovered gemeente's tint. Like every layer drawn only where a feature-state is set, it is hidden while
      // no feature has that state: a transparent fill still costs a full pass over the country in every frame.
      id: LAYER_MUNICIPALITY_FILL,
      type: 'fill',
      source: SOURCE_MUNICIPALITIES,
      layout: { visibility: 'none' },
      paint: {
        'fill-color': MAP_COLOURS.hover,
        'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.12, 0],
      },
    },
    {
      id: LAYER_MUNICIPALITY_LINE,
      type: 'line',
      source: SOURCE_MUNICIPALITY_BORDERS,
      paint: { 'line-color': MAP_COLOURS.municipalityLine, 'line-width': 0.5 },
    },
    {
      id: LAYER_MUNICIPALITY_HOVER,
      type: 'line',
      source: SOURCE_MUNICIPALITIES,
      layout: { visibility: 'none' },
      paint: {
        'line-color': MAP_COLOURS.hover,
        'line-width': 1.5,
        'line-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.9, 0],
      },
    },
  ];
}

/** A layer's fill (hidden until it is the filled layer). */
export function regionFillLayer(meta: LayerMeta, colourIndex: ReadonlyMap<string, number>): LayerSpecification {
  return {
    id: regionFillLayerId(meta.id),
    type: 'fill',
    source: regionSourceId(meta.id),
    layout: { visibility: 'none' },
    paint: { 'fill-color': fillColourExpression(colourIndex), 'fill-opacity': FILL_OPACITY },
  };
}

/** A partial layer's "no data" hatch over the gemeenten it does not cover. */
export function noDataLayer(meta: LayerMeta): LayerSpecification {
  return {
    id: noDataLayerId(meta.id),
    type: 'fill',
    source: noDataSourceId(meta.id),
    layout: { visibility: 'none' },
    paint: { 'fill-pattern': NODATA_IMAGE },
  };
}

/** A layer's region borders and its selected-region highlight. */
export function regionLineLayers(meta: LayerMeta): LayerSpecification[] {
  return [
    {
      id: regionLineLayerId(meta.id),
      type: 'line',
      source: borderSourceId(meta.id),
      layout: { visibility: 'none', 'line-join': 'round', 'line-cap': meta.dash ? 'butt' : 'round' },
      paint: {
        'line-color': meta.color,
        'line-width': LINE_WIDTH_PX,
        ...(meta.dash ? { 'line-dasharray': meta.dash } : {}),
      },
    },
    {
      id: regionHighlightLayerId(meta.id),
      type: 'line',
      source: regionSourceId(meta.id),
      layout: { visibility: 'none', 'line-join': 'round' },
      paint: {
        'line-color': meta.color,
        'line-width': 4,
        'line-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 1, 0],
      },
    },
  ];
}

/**
 * Disagreement mode: gemeenten coloured by their congruence between two layers, from feature-state
 * `congruence` (0–1) where `isCommon` is set (gemeenten both layers cover); others stay clear.
 * @param stops [congruence, colour] pairs in ascending order
 */
export function congruenceLayer(stops: readonly (readonly [number, string])[]): LayerSpecification {
  return {
    id: LAYER_CONGRUENCE,
    type: 'fill',
    source: SOURCE_MUNICIPALITIES,
    layout: { visibility: 'none' },
    paint: {
      'fill-color': [
        'interpolate',
        ['linear'],
        ['coalesce', ['feature-state', 'congruence'], 0],
        ...stops.flat(),
      ] as unknown as ExpressionSpecification,
      'fill-opacity': ['case', ['boolean', ['feature-state', 'isCommon'], false], CONGRUENCE_OPACITY, 0],
    },
  };
}

/** Marked gemeenten ("always together") as a fill, and the selected gemeente as a heavy outline; hidden while there are none. */
export function municipalityMarkLayers(): LayerSpecification[] {
  return [
    {
      id: LAYER_MUNICIPALITY_MARK,
      type: 'fill',
      source: SOURCE_MUNICIPALITIES,
      layout: { visibility: 'none' },
      paint: {
        'fill-color': MAP_COLOURS.mark,
        'fill-opacity': ['case', ['boolean', ['feature-state', 'marked'], false], 0.45, 0],
      },
    },
    {
      id: LAYER_MUNICIPALITY_SELECTED,
      type: 'line',
      source: SOURCE_MUNICIPALITIES,
      layout: { visibility: 'none', 'line-join': 'round' },
      paint: {
        'line-color': MAP_COLOURS.selected,
        'line-width': 3,
        'line-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 1, 0],
      },
    },
  ];
}

/** Border mode: every border segment as wide and dark as the share of visible layers that have it. */
export function borderCountLayer(): LayerSpecification {
  return {
    id: LAYER_BORDER_COUNT,
    type: 'line',
    source: SOURCE_BORDER_COUNT,
    layout: { visibility: 'none', 'line-join': 'round', 'line-cap': 'round' },
    paint: {
      'line-color': ['interpolate', ['linear'], ['get', 'share'], 0, '#9aa5b1', 1, '#0b1f33'],
      'line-width': ['interpolate', ['linear'], ['get', 'share'], 0, 0.75, 1, 5],
    },
  };
}

/** National outline on top of everything. */
export function outlineLayer(): LayerSpecification {
  return {
    id: LAYER_OUTLINE,
    type: 'line',
    source: SOURCE_OUTLINE,
    paint: { 'line-color': MAP_COLOURS.outline, 'line-width': 1 },
  };
}
