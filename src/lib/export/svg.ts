/**
 * The exported map as SVG (issue 5): the composition of `layout.ts` with the map as vector paths, drawn
 * in MapLibre's order and colours (land, the filled layer's regions, gemeente borders, "no data" hatch,
 * each visible layer's borders with its colour, dash and line offset, the national outline), region
 * labels (`g.labels`: names; `g.label-numbers`: the numbers the legend lists), legend, scale bar, sources with
 * the export date and the view's link, all text as `<text>`.
 * Pure: returns a string. Every text and attribute value goes through `escapeXml`, so a region or layer
 * named `<img src=x onerror=alert(1)>` stays text.
 *
 * Paths are projected with d3-geo's Mercator and written as straight segments in the projected plane,
 * as MapLibre draws them (d3's `geoPath` would bend them along great circles and expects clockwise
 * rings); fills use `fill-rule="evenodd"`, which reads holes right whatever a ring's winding.
 */
import type { GeoProjection } from 'd3-geo';
import type { FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { BorderCountProps } from '../stats/border-count';
import type { MapGeometry } from '../geo/map-geometry';
import type { Lang } from '../i18n/messages';
import { assignLineStyles, LINE_WIDTH_PX, lineOffsets } from '../scales/line-style';
import { CONGRUENCE_OPACITY, fillColour, FILL_OPACITY } from '../scales/palette';
import { congruenceColour } from '../scales/stat-scale';
import type { LayerId, LayerMeta } from '../types';
import {
  EXPORT_COLOURS,
  FONT_FAMILY,
  labelBaselines,
  layoutComposition,
  mapProjection,
  type Bbox,
  type CompositionLayout,
  type CompositionText,
  LABEL_COLOUR,
  labelInput,
  NUMBER_SIZE_PX,
  type LegendRow,
  type MeasureText,
  type Rect,
  type TextSpan,
} from './layout';

/** What `composeSvg` draws. */
export interface SvgInput {
  geometry: MapGeometry;
  /** Metadata of the visible layers, in drawing order (their borders get offsets in this order). */
  layers: readonly LayerMeta[];
  /** The filled layer (drawn only if among `layers`), or null. */
  filled: LayerId | null;
  /** The view to show, [west, south, east, north]. */
  bbox: Bbox;
  /** Size of the composition in CSS pixels. */
  size: { width: number; height: number };
  /** Physical size written as the SVG's width and height (e.g. A4 for print); default the size in px. */
  physicalSize?: { width: string; height: string };
  lang: Lang;
  /** Title, legend, sources and link (see `compositionText`). */
  text: CompositionText;
  /** Text widths for the layout; default an estimate. */
  measure?: MeasureText;
  /** Congruence per gemeente (0–1) to colour them by, as the map's disagreement mode does; none: no colouring. */
  congruence?: ReadonlyMap<string, number>;
  /** The map's selection, drawn as on screen: see `MapMarks`. */
  marks?: MapMarks;
}

/** What the map shows beyond its layers, which an export of exactly the view must show too (issue 12). */
export interface MapMarks {
  /** The gemeente whose panel is open, outlined. */
  selected?: string | null;
  /** The region shown in the region panel or the profile, outlined in its layer's colour. */
  highlighted?: { layerId: LayerId; code: string } | null;
  /** Border mode: each border segment as heavy as the number of layers sharing it, instead of a line per layer. */
  borderCounts?: FeatureCollection<LineString, BorderCountProps> | null;
}

/** The border-count line of a segment shared by `share` of the layers, as the map draws it (map/layers.ts). */
export function borderCountStroke(share: number): { colour: string; width: number } {
  const mix = (from: number, to: number) => Math.round(from + (to - from) * share);
  const [r, g, b] = [mix(0x9a, 0x0b), mix(0xa5, 0x1f), mix(0xb1, 0x33)];
  return { colour: `rgb(${r}, ${g}, ${b})`, width: 0.75 + (5 - 0.75) * share };
}

/** Ids of the SVG's definitions, prefixed so that an SVG pasted into a page does not clash with others. */
const CLIP_ID = 'sa-map-clip';
const HATCH_ID = 'sa-nodata-hatch';
/** The "no data" hatch tile of MapLibre's `hatchPattern(10, …)`: a 1 px diagonal every 10 px. */
const HATCH_SIZE = 10;

/**
 * Characters XML 1.0 does not allow at all (C0 controls other than tab, LF and CR; lone surrogates;
 * U+FFFE and U+FFFF): they are dropped, since no escape can carry them.
 */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text made safe for XML character data and attribute values: `& < > " '` as entities, characters XML
 * cannot hold dropped.
 * @example escapeXml('<img src=x onerror=alert(1)>') // '&lt;img src=x onerror=alert(1)&gt;'
 */
export function escapeXml(text: string): string {
  return text.replace(XML_INVALID, '').replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** A coordinate in path data: at most one decimal (a tenth of a CSS pixel), no "-0". */
function n(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(rounded === 0 ? 0 : rounded);
}

/** A number in an attribute: at most two decimals (opacities, positions). */
function attributeNumber(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

/** An element with escaped attributes; `content` is inserted as is (already escaped or markup). */
function element(name: string, attributes: Record<string, string | number | undefined>, content?: string): string {
  const attrs = Object.entries(attributes)
    .flatMap(([k, v]) =>
      v === undefined ? [] : [` ${k}="${escapeXml(typeof v === 'number' ? attributeNumber(v) : v)}"`],
    )
    .join('');
  return content === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
}

type Point = [number, number];

/** Project a line to composition pixels, dropping points that land on the previous one (at 0.1 px). */
function projectLine(coordinates: readonly Position[], projection: GeoProjection): Point[] {
  const points: Point[] = [];
  for (const c of coordinates) {
    const p = projection([c[0]!, c[1]!]);
    if (!p) continue;
    const q: Point = [Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10];
    const last = points.at(-1);
    if (!last || last[0] !== q[0] || last[1] !== q[1]) points.push(q);
  }
  return points;
}

/** Whether any point's bounding box meets `rect` grown by `margin`. */
function meets(points: readonly Point[], rect: Rect, margin: number): boolean {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return (
    maxX >= rect.x - margin &&
    minX <= rect.x + rect.width + margin &&
    maxY >= rect.y - margin &&
    minY <= rect.y + rect.height + margin
  );
}

const pathData = (points: readonly Point[], isClosed: boolean): string =>
  `M${points.map(([x, y]) => `${n(x)} ${n(y)}`).join('L')}${isClosed ? 'Z' : ''}`;

/** Path data of a polygon or multipolygon, parts outside the map left out; '' when nothing is in view. */
function polygonData(geometry: Polygon | MultiPolygon, projection: GeoProjection, map: Rect): string {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let data = '';
  for (const polygon of polygons) {
    const rings = polygon.map((ring) => projectLine(ring, projection)).filter((r) => r.length >= 3);
    if (rings.length === 0 || !meets(rings[0]!, map, 2)) continue;
    for (const ring of rings) data += pathData(ring, true);
  }
  return data;
}

/**
 * A polyline moved `offset` pixels to the right of its direction (MapLibre's `line-offset`, y down):
 * each vertex along the bisector of its two segments' normals, the miter capped at twice the offset.
 */
export function offsetPolyline(points: readonly Point[], offset: number): Point[] {
  if (offset === 0 || points.length < 2) return [...points];
  const first = points[0]!;
  const last = points.at(-1)!;
  const isClosed = points.length > 2 && first[0] === last[0] && first[1] === last[1];
  const normals: Point[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [x0, y0] = points[i]!;
    const [x1, y1] = points[i + 1]!;
    const length = Math.hypot(x1 - x0, y1 - y0) || 1;
    normals.push([-(y1 - y0) / length, (x1 - x0) / length]);
  }
  const count = points.length;
  return points.map(([x, y], i): Point => {
    const before = i > 0 ? normals[i - 1] : isClosed ? normals.at(-1) : undefined;
    const after = i < count - 1 ? normals[i] : isClosed ? normals[0] : undefined;
    const a = before ?? after!;
    const b = after ?? before!;
    const mx = a[0] + b[0];
    const my = a[1] + b[1];
    const m = Math.hypot(mx, my);
    if (m < 1e-9) return [x + a[0] * offset, y + a[1] * offset];
    // Distance along the bisector so that each segment moves by `offset`: offset / cos(half angle).
    const scale = Math.min(2, 1 / Math.max(1e-9, (mx * b[0] + my * b[1]) / m)) * offset;
    return [x + (mx / m) * scale, y + (my / m) * scale];
  });
}

/** Path data of a multilinestring, each line moved by `offset`, lines outside the map left out. */
function lineData(geometry: MultiLineString, projection: GeoProjection, map: Rect, offset = 0): string {
  let data = '';
  for (const line of geometry.coordinates) {
    const points = projectLine(line, projection);
    if (points.length < 2 || !meets(points, map, 4)) continue;
    data += pathData(offsetPolyline(points, offset), false);
  }
  return data;
}

function text(span: TextSpan, extra: Record<string, string | number> = {}): string {
  return element(
    'text',
    {
      x: span.x,
      y: span.y,
      'font-size': span.sizePx,
      'font-weight': span.weight === 'bold' ? 'bold' : undefined,
      fill: span.colour,
      ...extra,
    },
    escapeXml(span.text),
  );
}

/** MapLibre dash arrays count line widths; SVG's count pixels. */
const dashArray = (dash: readonly number[] | undefined, width: number): string | undefined =>
  dash ? dash.map((d) => n(d * width)).join(' ') : undefined;

function swatch(row: LegendRow): string {
  const { x, y, width, height } = row.swatch;
  const s = row.entry.swatch;
  const midY = y + height / 2;
  /** A line across the middle of the swatch, 1 px in from each side. */
  const line = (stroke: string, strokeWidth: number, dash?: readonly number[]): string =>
    element('line', {
      x1: x + 1,
      y1: midY,
      x2: x + width - 1,
      y2: midY,
      stroke,
      'stroke-width': strokeWidth,
      'stroke-dasharray': dashArray(dash, strokeWidth),
    });
  switch (s.kind) {
    case 'line':
      return line(s.colour, 3, s.dash);
    case 'fills': {
      const w = width / s.colours.length;
      return s.colours
        .map((colour, i) =>
          element('rect', { x: x + i * w, y, width: w, height, fill: colour, 'fill-opacity': FILL_OPACITY }),
        )
        .join('');
    }
    case 'hatch':
      return (
        element('rect', { x, y, width, height, fill: EXPORT_COLOURS.page }) +
        element('rect', { x, y, width, height, fill: `url(#${HATCH_ID})`, stroke: EXPORT_COLOURS.swatchBorder })
      );
    case 'municipality':
      return line(EXPORT_COLOURS.municipalityLine, 1);
    case 'ramp': {
      const w = width / s.colours.length;
      return s.colours
        .map((colour, i) => element('rect', { x: x + i * w, y, width: w, height, fill: colour }))
        .join('');
    }
    case 'number':
      return element(
        'text',
        {
          x: x + width / 2,
          y: midY + NUMBER_SIZE_PX * 0.35,
          'font-size': NUMBER_SIZE_PX,
          'font-weight': 'bold',
          'text-anchor': 'middle',
          fill: LABEL_COLOUR,
          ...LABEL_HALO,
        },
        escapeXml(s.text),
      );
  }
}

/** Region labels on the map: the halo around LABEL_COLOUR's text (as on screen). */
const LABEL_HALO = {
  stroke: EXPORT_COLOURS.page,
  'stroke-width': 3,
  'stroke-linejoin': 'round',
  'paint-order': 'stroke',
} as const;

/** One region label: a `<text>`, with a `<tspan>` per line when the name is broken. */
function labelText(label: CompositionLayout['mapLabels'][number]): string {
  const baselines = labelBaselines(label);
  const attributes = { x: label.x, y: baselines[0]!, 'font-size': label.sizePx, 'data-region': label.code };
  if (label.lines.length === 1) return element('text', attributes, escapeXml(label.text));
  const spans = label.lines.map((line, i) => element('tspan', { x: label.x, y: baselines[i]! }, escapeXml(line)));
  return element('text', attributes, spans.join(''));
}

/** The map's paths, in MapLibre's drawing order, clipped to the map rectangle. */
function mapGroup(input: SvgInput, layout: CompositionLayout, projection: GeoProjection): string {
  const { geometry, layers, filled } = input;
  const { map } = layout;
  const parts: string[] = [
    element('rect', { x: map.x, y: map.y, width: map.width, height: map.height, fill: EXPORT_COLOURS.background }),
  ];
  const land = geometry.municipalities.features
    .map((f) => polygonData(f.geometry, projection, map))
    .filter((d) => d !== '')
    .map((d) => element('path', { d }));
  parts.push(element('g', { class: 'land', fill: EXPORT_COLOURS.land, 'fill-rule': 'evenodd' }, land.join('')));
  const congruence = input.congruence;
  if (congruence && congruence.size > 0) {
    const coloured = geometry.municipalities.features.flatMap((f) => {
      const value = congruence.get(f.properties.code);
      const d = value === undefined ? '' : polygonData(f.geometry, projection, map);
      return d ? [element('path', { d, fill: congruenceColour(value!), 'data-code': f.properties.code })] : [];
    });
    parts.push(
      element(
        'g',
        { class: 'congruence', 'fill-opacity': CONGRUENCE_OPACITY, 'fill-rule': 'evenodd' },
        coloured.join(''),
      ),
    );
  }

  const filledGeometry = layers.some((l) => l.id === filled) && filled ? geometry.layers.get(filled) : undefined;
  if (filledGeometry) {
    const fills = filledGeometry.regions.features.flatMap((f) => {
      const d = polygonData(f.geometry, projection, map);
      const colour = fillColour(filledGeometry.colourIndex.get(f.properties.code) ?? 0);
      return d ? [element('path', { d, fill: colour })] : [];
    });
    parts.push(
      element(
        'g',
        {
          class: 'region-fill',
          'data-layer': filledGeometry.layerId,
          'fill-opacity': FILL_OPACITY,
          'fill-rule': 'evenodd',
        },
        fills.join(''),
      ),
    );
  }
  parts.push(
    element('path', {
      class: 'municipality-line',
      d: lineData(geometry.municipalityBorders, projection, map),
      fill: 'none',
      stroke: EXPORT_COLOURS.municipalityLine,
      'stroke-width': 0.5,
    }),
  );
  for (const meta of layers) {
    const noData = geometry.layers.get(meta.id)?.noData;
    if (meta.coverage.isComplete || !noData) continue;
    const d = polygonData(noData.geometry, projection, map);
    if (d)
      parts.push(
        element('path', {
          class: 'no-data',
          'data-layer': meta.id,
          d,
          fill: `url(#${HATCH_ID})`,
          'fill-rule': 'evenodd',
        }),
      );
  }
  const offsets = lineOffsets(layers.length);
  const styles = assignLineStyles(layers);
  const marks = input.marks ?? {};
  for (const f of marks.borderCounts?.features ?? []) {
    const { colour, width } = borderCountStroke(f.properties.share);
    const d = lineData({ type: 'MultiLineString', coordinates: [f.geometry.coordinates] }, projection, map);
    parts.push(element('path', { class: 'border-count', d, fill: 'none', stroke: colour, 'stroke-width': n(width) }));
  }
  layers.forEach((meta, i) => {
    // Border mode draws the shared borders instead of a line per layer, as the map does.
    if (marks.borderCounts) return;
    const style = styles.get(meta.id) ?? meta;
    const borders = geometry.layers.get(meta.id)?.borders;
    if (!borders) return;
    parts.push(
      element('path', {
        class: 'region-line',
        'data-layer': meta.id,
        d: lineData(borders, projection, map, offsets[i] ?? 0),
        fill: 'none',
        stroke: style.color,
        'stroke-width': LINE_WIDTH_PX,
        'stroke-linejoin': 'round',
        'stroke-linecap': style.dash ? 'butt' : 'round',
        'stroke-dasharray': dashArray(style.dash, LINE_WIDTH_PX),
      }),
    );
  });
  const region = marks.highlighted
    ? geometry.layers
        .get(marks.highlighted.layerId)
        ?.regions.features.find((f) => f.properties.code === marks.highlighted!.code)
    : undefined;
  if (region && marks.highlighted) {
    const colour = styles.get(marks.highlighted.layerId)?.color ?? EXPORT_COLOURS.selected;
    const d = polygonData(region.geometry, projection, map);
    if (d)
      parts.push(element('path', { class: 'highlighted-region', d, fill: 'none', stroke: colour, 'stroke-width': 4 }));
  }
  const selected = marks.selected
    ? geometry.municipalities.features.find((f) => f.properties.code === marks.selected)
    : undefined;
  if (selected) {
    const d = polygonData(selected.geometry, projection, map);
    if (d) {
      parts.push(
        element('path', { class: 'selected', d, fill: 'none', stroke: EXPORT_COLOURS.selected, 'stroke-width': 3 }),
      );
    }
  }
  parts.push(
    element('path', {
      class: 'outline',
      d: lineData(geometry.outline, projection, map),
      fill: 'none',
      stroke: EXPORT_COLOURS.outline,
      'stroke-width': 1,
    }),
  );
  const group = (kind: 'name' | 'number', className: string) => {
    const labels = layout.mapLabels.filter((l) => l.kind === kind);
    if (labels.length === 0) return;
    parts.push(
      element(
        'g',
        { class: className, 'text-anchor': 'middle', 'font-weight': 'bold', fill: LABEL_COLOUR, ...LABEL_HALO },
        labels.map(labelText).join(''),
      ),
    );
  };
  group('name', 'labels');
  group('number', 'label-numbers');
  return element('g', { class: 'map', 'clip-path': `url(#${CLIP_ID})` }, parts.join(''));
}

function scaleBarGroup(layout: CompositionLayout): string {
  const bar = layout.scaleBar;
  const { box, x, y, widthPx } = bar;
  const tick = 5;
  return element(
    'g',
    { class: 'scale-bar', 'data-distance-m': bar.distanceM, 'data-width-px': widthPx },
    element('rect', {
      x: box.x,
      y: box.y,
      width: box.width,
      height: box.height,
      fill: EXPORT_COLOURS.page,
      'fill-opacity': 0.85,
    }) +
      element('path', {
        d: `M${n(x)} ${n(y - tick)}V${n(y)}H${n(x + widthPx)}V${n(y - tick)}`,
        fill: 'none',
        stroke: '#1d232a',
        'stroke-width': 1.5,
      }) +
      text(bar.label),
  );
}

/** An http(s) link may be an `<a>`; anything else (a `javascript:` URL) stays plain text. */
const isWebLink = (link: string): boolean => /^https?:\/\//i.test(link);

/**
 * The composition as an SVG document (UTF-8 text, no XML declaration needed).
 * The map shows `bbox` as large as fits, as the PNG export does; see the module comment.
 */
export function composeSvg(input: SvgInput): string {
  const { size, text: words, measure } = input;
  const layout = layoutComposition(words, size, input.bbox, input.lang, measure, labelInput(input));
  const projection = mapProjection(input.bbox, layout.map);
  const { map } = layout;
  const defs =
    element(
      'clipPath',
      { id: CLIP_ID },
      element('rect', { x: map.x, y: map.y, width: map.width, height: map.height }),
    ) +
    element(
      'pattern',
      { id: HATCH_ID, width: HATCH_SIZE, height: HATCH_SIZE, patternUnits: 'userSpaceOnUse' },
      element('path', {
        d: `M0 ${HATCH_SIZE}L${HATCH_SIZE} 0M-1 1L1 -1M${HATCH_SIZE - 1} ${HATCH_SIZE + 1}L${HATCH_SIZE + 1} ${HATCH_SIZE - 1}`,
        stroke: `rgb(${EXPORT_COLOURS.noDataHatch.slice(0, 3).join(',')})`,
        'stroke-opacity': EXPORT_COLOURS.noDataHatch[3] / 255,
        'stroke-width': 1,
      }),
    );
  const legend =
    text(layout.legendHeading) +
    layout.legend.map((row) => swatch(row) + row.lines.map((span) => text(span)).join('')).join('');
  const linkText = layout.link.map((span) => text(span)).join('');
  const link = isWebLink(words.link)
    ? element('a', { href: words.link, 'xlink:href': words.link, target: '_blank' }, linkText)
    : linkText;
  const body =
    element('title', {}, escapeXml(words.title)) +
    element('desc', {}, escapeXml(`${words.linkLabel} ${words.link}`)) +
    element('defs', {}, defs) +
    element('rect', { width: size.width, height: size.height, fill: EXPORT_COLOURS.page }) +
    mapGroup(input, layout, projection) +
    element('rect', {
      x: map.x,
      y: map.y,
      width: map.width,
      height: map.height,
      fill: 'none',
      stroke: EXPORT_COLOURS.swatchBorder,
    }) +
    scaleBarGroup(layout) +
    element('g', { class: 'title' }, layout.title.map((span) => text(span)).join('')) +
    element('g', { class: 'legend' }, legend) +
    element('g', { class: 'sources' }, layout.sources.map((span) => text(span)).join('')) +
    element('g', { class: 'link' }, link);
  return (
    element(
      'svg',
      {
        xmlns: 'http://www.w3.org/2000/svg',
        'xmlns:xlink': 'http://www.w3.org/1999/xlink',
        width: input.physicalSize?.width ?? size.width,
        height: input.physicalSize?.height ?? size.height,
        viewBox: `0 0 ${attributeNumber(size.width)} ${attributeNumber(size.height)}`,
        'font-family': FONT_FAMILY,
      },
      body,
    ) + '\n'
  );
}
