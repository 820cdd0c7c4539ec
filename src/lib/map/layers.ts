/**
 * Pure builders for the MapLibre style: source and layer ids, and the layer specifications.
 * Type imports only, so this module runs in Node tests.
 */
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { LayerMeta, LayerId } from '../types';
import { fillColour, FILL_OPACITY, MAP_COLOURS } from '../scales/palette';

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

export const regionSourceId = (id: LayerId): string => `region:${id}`;
export const borderSourceId = (id: LayerId): string => `region-border:${id}`;
export const noDataSourceId = (id: LayerId): string => `region-nodata:${id}`;
export const regionFillLayerId = (id: LayerId): string => `region-fill:${id}`;
export const regionLineLayerId = (id: LayerId): string => `region-line:${id}`;
export const regionHighlightLayerId = (id: LayerId): string => `region-highlight:${id}`;
export const noDataLayerId = (id: LayerId): string => `region-nodata:${id}`;

/** Distance in pixels between the parallel border lines of two visible layers. */
export const LINE_SPACING_PX = 2.5;
export const LINE_WIDTH_PX = 2;

/**
 * Line offsets for the visible layers, centred on the true border:
 * where layouts share a border you see parallel lines side by side, not one hiding the other.
 * @example lineOffsets(3) // [-2.5, 0, 2.5]
 */
export function lineOffsets(count: number): number[] {
  return Array.from({ length: count }, (_, i) => (i - (count - 1) / 2) * LINE_SPACING_PX);
}

/** The fill colour expression of a layer: region code → its palette colour. */
export function fillColourExpression(colourIndex: ReadonlyMap<string, number>): ExpressionSpecification | string {
  if (colourIndex.size === 0) return fillColour(0);
  const pairs: string[] = [];
  for (const [code, index] of [...colourIndex].sort(([a], [b]) => a.localeCompare(b))) {
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
      // Transparent fill that receives pointer events for every gemeente.
      id: LAYER_MUNICIPALITY_FILL,
      type: 'fill',
      source: SOURCE_MUNICIPALITIES,
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

/** National outline on top of everything. */
export function outlineLayer(): LayerSpecification {
  return {
    id: LAYER_OUTLINE,
    type: 'line',
    source: SOURCE_OUTLINE,
    paint: { 'line-color': MAP_COLOURS.outline, 'line-width': 1 },
  };
}
