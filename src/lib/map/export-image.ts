/**
 * The exported map as PNG (issue 5): a second, off-screen MapLibre map with the same style, layers and
 * visibility as the on-screen one, fitted to the same view, drawn at the export's pixel ratio; its image
 * is composed on a 2D canvas with title, legend, scale bar, sources and link as laid out by
 * `export/layout.ts` (the SVG export's layout too). The on-screen map is never touched.
 * Browser only. Canvas text is drawn with `fillText`, so names are never parsed as markup.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { MapGeometry } from '../geo/map-geometry';
import type { Lang } from '../i18n/messages';
import type { LayerId, LayerMeta } from '../types';
import { FILL_OPACITY, hatchPattern } from '../scales/palette';
import {
  EXPORT_COLOURS,
  FONT_FAMILY,
  labelBaselines,
  layoutComposition,
  type Bbox,
  type CompositionLayout,
  type CompositionText,
  type FontWeight,
  LABEL_COLOUR,
  labelInput,
  NUMBER_SIZE_PX,
  type LegendRow,
  type MeasureText,
  type TextSpan,
} from '../export/layout';
import { addPngText } from '../export/png-text';
import { baseStyle, LAYER_CONGRUENCE, LAYER_MUNICIPALITY_SELECTED, SOURCE_BORDER_COUNT } from './layers';
import type { MapMarks } from '../export/svg';
import { addBaseLayers, syncRegionLayers } from './setup';
import { applyCongruence, applyLayerVisibility, applyMunicipalityFlag, applySelection, showLayer } from './controller';
import { assignLineStyles } from '../scales/line-style';

/** What `exportPng` draws. */
export interface PngInput {
  geometry: MapGeometry;
  /** Metadata of the visible layers, in drawing order (their borders get offsets in this order). */
  layers: readonly LayerMeta[];
  /** The filled layer (drawn only if among `layers`), or null. */
  filled: LayerId | null;
  /** The view to show, [west, south, east, north]. */
  bbox: Bbox;
  /** Size of the composition in CSS pixels; the PNG is this times `pixelRatio`, rounded. */
  size: { width: number; height: number };
  /** Device pixels per CSS pixel (1 screen, 2 double, 300/96 print). */
  pixelRatio: number;
  lang: Lang;
  /** Title, legend, sources and link (see `compositionText`). */
  text: CompositionText;
  /** Give up waiting for the off-screen map after this many milliseconds (default 60 000). */
  timeoutMs?: number;
  /** Congruence per gemeente (0–1) to colour them by, as on the map; none: no colouring. */
  congruence?: ReadonlyMap<string, number>;
  /** The selection and border mode, drawn as on screen. */
  marks?: MapMarks;
}

const font = (sizePx: number, weight: FontWeight) => `${weight === 'bold' ? 'bold ' : ''}${sizePx}px ${FONT_FAMILY}`;

/** Text widths measured with a 2D canvas in the composition font (for the PNG and the SVG layout alike). */
export function canvasMeasure(): MeasureText {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas.');
  return (text, sizePx, weight) => {
    context.font = font(sizePx, weight);
    return context.measureText(text).width;
  };
}

/** Resolve on the map's first `idle` after its layers are set, reject on an error or after `timeoutMs`. */
function renderOffscreen(map: maplibregl.Map, input: PngInput, timeoutMs: number): Promise<HTMLCanvasElement> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the export map did not finish within ${timeoutMs} ms`)),
      timeoutMs,
    );
    map.on('error', (e) => {
      clearTimeout(timer);
      reject(e.error instanceof Error ? e.error : new Error(String(e.error)));
    });
    map.once('load', () => {
      const ids = input.layers.map((l) => l.id);
      const marks = input.marks ?? {};
      addBaseLayers(map, input.geometry);
      syncRegionLayers(map, input.layers, input.geometry, new Map());
      applyLayerVisibility(map, {
        all: ids,
        visible: ids,
        filled: input.filled,
        partial: new Set(input.layers.filter((l) => !l.coverage.isComplete).map((l) => l.id)),
        isBorderMode: Boolean(marks.borderCounts),
        highlighted: marks.highlighted?.layerId ?? null,
        styles: assignLineStyles(input.layers),
      });
      if (marks.borderCounts) {
        (map.getSource(SOURCE_BORDER_COUNT) as maplibregl.GeoJSONSource | undefined)?.setData(marks.borderCounts);
      }
      applySelection(map, null, marks.highlighted ?? null);
      const selected = new Set(marks.selected ? [marks.selected] : []);
      applyMunicipalityFlag(map, 'selected', LAYER_MUNICIPALITY_SELECTED, new Set(), selected);
      const congruence = input.congruence ?? new Map<string, number>();
      applyCongruence(map, new Map(), congruence);
      showLayer(map, LAYER_CONGRUENCE, congruence.size > 0);
      map.once('idle', () => {
        clearTimeout(timer);
        resolve(map.getCanvas());
      });
    });
  });
}

function drawText(context: CanvasRenderingContext2D, span: TextSpan): void {
  context.font = font(span.sizePx, span.weight);
  context.fillStyle = span.colour;
  context.textAlign = 'left';
  context.textBaseline = 'alphabetic';
  context.fillText(span.text, span.x, span.y);
}

function hatchFill(context: CanvasRenderingContext2D): CanvasPattern | string {
  const tile = hatchPattern(10, EXPORT_COLOURS.noDataHatch);
  const canvas = document.createElement('canvas');
  canvas.width = tile.width;
  canvas.height = tile.height;
  canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(tile.data), tile.width), 0, 0);
  return context.createPattern(canvas, 'repeat') ?? EXPORT_COLOURS.swatchBorder;
}

function drawSwatch(context: CanvasRenderingContext2D, row: LegendRow): void {
  const { x, y, width, height } = row.swatch;
  const s = row.entry.swatch;
  const midY = y + height / 2;
  context.save();
  const line = (colour: string, lineWidth: number, dash: readonly number[] = []) => {
    context.strokeStyle = colour;
    context.lineWidth = lineWidth;
    // MapLibre dash arrays count line widths.
    context.setLineDash(dash.map((d) => d * lineWidth));
    context.beginPath();
    context.moveTo(x + 1, midY);
    context.lineTo(x + width - 1, midY);
    context.stroke();
  };
  switch (s.kind) {
    case 'line':
      line(s.colour, 3, s.dash);
      break;
    case 'fills':
      context.globalAlpha = FILL_OPACITY;
      s.colours.forEach((colour, i) => {
        context.fillStyle = colour;
        context.fillRect(x + (i * width) / s.colours.length, y, width / s.colours.length, height);
      });
      break;
    case 'hatch':
      context.fillStyle = EXPORT_COLOURS.page;
      context.fillRect(x, y, width, height);
      context.fillStyle = hatchFill(context);
      context.fillRect(x, y, width, height);
      context.strokeStyle = EXPORT_COLOURS.swatchBorder;
      context.lineWidth = 1;
      context.strokeRect(x + 0.5, y + 0.5, width - 1, height - 1);
      break;
    case 'municipality':
      line(EXPORT_COLOURS.municipalityLine, 1);
      break;
    case 'ramp':
      s.colours.forEach((colour, i) => {
        context.fillStyle = colour;
        context.fillRect(x + (i * width) / s.colours.length, y, width / s.colours.length, height);
      });
      break;
    case 'number':
      drawLabel(context, [s.text], x + width / 2, [midY + NUMBER_SIZE_PX * 0.35], NUMBER_SIZE_PX);
      break;
  }
  context.restore();
}

/** Lines of bold text centred on `x`, each on its baseline, with a white halo. */
function drawLabel(
  context: CanvasRenderingContext2D,
  lines: readonly string[],
  x: number,
  baselines: readonly number[],
  sizePx: number,
): void {
  context.save();
  context.font = font(sizePx, 'bold');
  context.textAlign = 'center';
  context.textBaseline = 'alphabetic';
  context.lineJoin = 'round';
  context.lineWidth = 3;
  context.setLineDash([]);
  context.strokeStyle = EXPORT_COLOURS.page;
  context.fillStyle = LABEL_COLOUR;
  lines.forEach((line, i) => {
    context.strokeText(line, x, baselines[i]!);
    context.fillText(line, x, baselines[i]!);
  });
  context.restore();
}

/** Everything of the composition around the map image, drawn over it. */
function drawComposition(context: CanvasRenderingContext2D, layout: CompositionLayout): void {
  const { map, scaleBar } = layout;
  if (layout.mapLabels.length > 0) {
    context.save();
    context.beginPath();
    context.rect(map.x, map.y, map.width, map.height);
    context.clip();
    for (const label of layout.mapLabels) drawLabel(context, label.lines, label.x, labelBaselines(label), label.sizePx);
    context.restore();
  }
  context.strokeStyle = EXPORT_COLOURS.swatchBorder;
  context.lineWidth = 1;
  context.strokeRect(map.x, map.y, map.width, map.height);

  context.globalAlpha = 0.85;
  context.fillStyle = EXPORT_COLOURS.page;
  context.fillRect(scaleBar.box.x, scaleBar.box.y, scaleBar.box.width, scaleBar.box.height);
  context.globalAlpha = 1;
  context.strokeStyle = '#1d232a';
  context.lineWidth = 1.5;
  context.setLineDash([]);
  context.beginPath();
  context.moveTo(scaleBar.x, scaleBar.y - 5);
  context.lineTo(scaleBar.x, scaleBar.y);
  context.lineTo(scaleBar.x + scaleBar.widthPx, scaleBar.y);
  context.lineTo(scaleBar.x + scaleBar.widthPx, scaleBar.y - 5);
  context.stroke();
  drawText(context, scaleBar.label);

  for (const span of layout.title) drawText(context, span);
  drawText(context, layout.legendHeading);
  for (const row of layout.legend) {
    drawSwatch(context, row);
    for (const span of row.lines) drawText(context, span);
  }
  for (const span of [...layout.sources, ...layout.link]) drawText(context, span);
}

/**
 * Draw the composition as a PNG: `round(size × pixelRatio)` device pixels, with the title, the view's
 * link, the export date and the sources also in the file's text chunks (Title, URL, Creation Time, Comment).
 * The off-screen map is removed afterwards, also when drawing fails.
 */
export async function exportPng(input: PngInput): Promise<Blob> {
  const measure = canvasMeasure();
  const layout = layoutComposition(input.text, input.size, input.bbox, input.lang, measure, labelInput(input));
  const { map: rect } = layout;

  const container = document.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  // Off screen but laid out: MapLibre sizes its canvas from the container's client size.
  Object.assign(container.style, {
    position: 'fixed',
    left: '-100000px',
    top: '0',
    width: `${rect.width}px`,
    height: `${rect.height}px`,
    pointerEvents: 'none',
  });
  document.body.append(container);
  maplibregl.setWorkerUrl(workerUrl);
  let map: maplibregl.Map | null = null;
  try {
    map = new maplibregl.Map({
      container,
      style: baseStyle(),
      bounds: input.bbox,
      fitBoundsOptions: { padding: 0 },
      interactive: false,
      pixelRatio: input.pixelRatio,
      fadeDuration: 0,
      attributionControl: false,
      renderWorldCopies: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    const mapCanvas = await renderOffscreen(map, input, input.timeoutMs ?? 60_000);

    const canvas = document.createElement('canvas');
    canvas.width = Math.round(input.size.width * input.pixelRatio);
    canvas.height = Math.round(input.size.height * input.pixelRatio);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on a canvas.');
    context.scale(canvas.width / input.size.width, canvas.height / input.size.height);
    context.fillStyle = EXPORT_COLOURS.page;
    context.fillRect(0, 0, input.size.width, input.size.height);
    context.drawImage(mapCanvas, rect.x, rect.y, rect.width, rect.height);
    drawComposition(context, layout);

    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The browser could not encode the PNG.'))), 'image/png'),
    );
    const bytes = addPngText(new Uint8Array(await blob.arrayBuffer()), [
      { keyword: 'Title', text: input.text.title },
      { keyword: 'URL', text: input.text.link },
      // PNG's registered keyword for the date; its text is free, ISO 8601 is the specification's suggestion.
      { keyword: 'Creation Time', text: input.text.exportDate },
      { keyword: 'Comment', text: `${input.text.madeOn}. ${input.text.sourceLine}` },
    ]);
    return new Blob([bytes], { type: 'image/png' });
  } finally {
    map?.remove();
    container.remove();
  }
}
