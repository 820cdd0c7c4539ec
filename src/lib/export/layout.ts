/**
 * The composition of an exported map (issue 5), shared by the SVG and the PNG export: what it says
 * (title, legend of the visible layers, source line, link) and where everything goes (title on top, map,
 * legend beside or below it, scale bar in the map's lower left corner, sources and link at the foot).
 * Pure: positions in CSS pixels of the composition; the PNG export multiplies them by its pixel ratio.
 * Text widths come from a `MeasureText` (the browser's canvas, or an estimate in Node).
 */
import { geoMercator, type GeoProjection } from 'd3-geo';
import type { Atlas } from '../data/atlas';
import type { RegionLabel } from '../geo/map-geometry';
import { translate, type Lang } from '../i18n/messages';
import { placeLabels } from '../geo/label-placement';
import { formatNumber } from '../i18n/format';
import { assignLineStyles } from '../scales/line-style';
import { congruenceColour } from '../scales/stat-scale';
import { FILL_PALETTE, MAP_COLOURS } from '../scales/palette';
import type { LayerId } from '../types';
import { sourceLine, sourcesOf } from './provenance';

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

/** A rectangle in composition pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a legend row shows before its text. */
export type LegendSwatch =
  | { kind: 'line'; colour: string; /** MapLibre dash array in line widths. */ dash?: number[] }
  | { kind: 'fills'; colours: string[] }
  | { kind: 'hatch' }
  | { kind: 'municipality' }
  /** A colour ramp in equal steps, low to high (the congruence colouring). */
  | { kind: 'ramp'; colours: string[] };

/** The congruence values a legend ramp shows, left to right. */
export const CONGRUENCE_RAMP_STEPS: readonly number[] = [0, 0.2, 0.4, 0.6, 0.8, 1];

/** One row of the legend. */
export interface LegendEntry {
  swatch: LegendSwatch;
  label: string;
  /** Smaller second line (region count and coverage), or null. */
  detail: string | null;
}

/** Everything the composition says in words. */
export interface CompositionText {
  title: string;
  legendTitle: string;
  legend: LegendEntry[];
  /** "Bronnen: …" with every source and reference date. */
  sourceLine: string;
  /** The view's link, shown as text (and in SVG as a link). */
  link: string;
  /** The label before the link, e.g. "Deze kaart online:". */
  linkLabel: string;
}

/** Font weight of a text span. */
export type FontWeight = 'normal' | 'bold';

/** Width in composition pixels of `text` at `sizePx` in the composition font. */
export type MeasureText = (text: string, sizePx: number, weight: FontWeight) => number;

/** One line of text, positioned by its baseline. */
export interface TextSpan {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  sizePx: number;
  weight: FontWeight;
  colour: string;
}

/** A row of the laid-out legend. */
export interface LegendRow {
  entry: LegendEntry;
  swatch: Rect;
  lines: TextSpan[];
}

/** The scale bar: a bar of `widthPx` pixels standing for `distanceM` metres at the map's centre latitude. */
export interface ScaleBar {
  /** White box behind bar and label. */
  box: Rect;
  /** Left end of the bar and its baseline. */
  x: number;
  y: number;
  widthPx: number;
  distanceM: number;
  label: TextSpan;
}

/** A region name on the map, centred on (x, y) in composition pixels. */
export interface MapLabel {
  text: string;
  x: number;
  y: number;
  sizePx: number;
}

/** The laid-out composition. */
export interface CompositionLayout {
  width: number;
  height: number;
  title: TextSpan[];
  map: Rect;
  legendHeading: TextSpan;
  legend: LegendRow[];
  sources: TextSpan[];
  link: TextSpan[];
  scaleBar: ScaleBar;
}

/** The font of every text of the composition (SVG `font-family` and canvas `font`). */
export const FONT_FAMILY = 'Helvetica, Arial, sans-serif';
/** Text colours. */
const TEXT_COLOURS = { main: '#1d232a', muted: '#59626d', link: '#1f4e79' };
/** Colours the exports draw besides the layers' own: the map's, the page and the swatch borders. */
export const EXPORT_COLOURS = { ...MAP_COLOURS, page: '#ffffff', swatchBorder: '#c9d0d7' };
/** Width and height of a legend swatch, px. */
const SWATCH_SIZE = { width: 28, height: 10 };
/** Font size of region labels on the map, px (as on screen). */
const LABEL_SIZE_PX = 12;

/** Mean Earth radius in metres (as MapLibre's scale control and @turf use). */
export const EARTH_RADIUS_M = 6371008.8;

const MARGIN = 16;
const GAP = 12;
const TITLE_SIZE = 20;
const HEADING_SIZE = 13;
const LABEL_SIZE = 12;
const DETAIL_SIZE = 11;
const FOOT_SIZE = 10;
const LINE_HEIGHT = 1.3;
/** Below this width the legend goes under the map instead of beside it. */
const NARROW_WIDTH = 560;

/** Export resolutions: the on-screen map's size at 1× or 2×, or A4 landscape at 300 dpi. */
export type Resolution = 'screen' | '2x' | 'print';

/** A4 landscape (297 × 210 mm) at 300 dpi, in device pixels. */
const A4_300DPI = { width: 3508, height: 2480 };
/** CSS pixels per inch: print pixels per CSS pixel is dpi / 96. */
const CSS_DPI = 96;

/**
 * The composition's size in CSS pixels and its pixel ratio for a resolution: the PNG is
 * `round(width × pixelRatio)` × `round(height × pixelRatio)` device pixels. Print lays out A4 as a
 * 1123 × 794 CSS-pixel page at 300/96 device pixels each, so text has the same size on paper as on screen.
 * @example exportSize('print', { width: 900, height: 700 }) // { width: 1122.56, height: 793.6, pixelRatio: 3.125 }
 */
export function exportSize(
  resolution: Resolution,
  mapSize: { width: number; height: number },
): { width: number; height: number; pixelRatio: number } {
  if (resolution === 'print') {
    const pixelRatio = 300 / CSS_DPI;
    return { width: A4_300DPI.width / pixelRatio, height: A4_300DPI.height / pixelRatio, pixelRatio };
  }
  return { width: mapSize.width, height: mapSize.height, pixelRatio: resolution === '2x' ? 2 : 1 };
}

/**
 * Text width estimated from the character count, for layouts without a canvas (Node, SVG in tests):
 * Helvetica's mean advance is about 0.55 em (bold 0.6); slightly generous, so text wraps early, not late.
 */
const estimateTextWidth: MeasureText = (text, sizePx, weight) =>
  [...text].length * sizePx * (weight === 'bold' ? 0.62 : 0.56);

/**
 * A title from the visible layers' names: "A", "A en B", "A, B en C"; the app's name when none is visible.
 * @example defaultTitle(grid, ['rows-2025', 'columns-2025'], 'nl') // 'Indeling rows en Indeling columns'
 */
export function defaultTitle(atlas: Atlas, visible: readonly LayerId[], lang: Lang): string {
  const names = visible.flatMap((id) => atlas.layersById.get(id)?.meta.name[lang] ?? []);
  // The year of the gemeenten, so that a figure of an earlier year says which it is.
  const year = ` (${atlas.geometry.year})`;
  if (names.length === 0) return translate(lang, 'appTitle') + year;
  const and = lang === 'nl' ? ' en ' : ' and ';
  return (names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')}${and}${names.at(-1)!}`) + year;
}

/**
 * The words of the composition for the visible layers: the legend as on screen (each layer's line with
 * its region count and coverage, the fill, "no data" when a visible layer is partial, gemeente borders),
 * and the sources of the geometry and every visible layer.
 * Layer ids the atlas does not hold are skipped.
 */
export function compositionText(
  atlas: Atlas,
  options: {
    visible: readonly LayerId[];
    filled: LayerId | null;
    lang: Lang;
    title: string;
    link: string;
    /** The gemeenten are coloured by congruence (pair view or congruence map): the legend gets its ramp. */
    hasCongruence?: boolean;
  },
): CompositionText {
  const { lang } = options;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(lang, key, params);
  const num = (value: number) => formatNumber(value, lang);
  const total = atlas.municipalities.length;
  const layers = options.visible.flatMap((id) => atlas.layersById.get(id) ?? []);
  const styles = assignLineStyles(layers.map((l) => l.meta));
  const legend: LegendEntry[] = layers.map((layer) => {
    const { color, dash } = styles.get(layer.meta.id) ?? layer.meta;
    return {
      swatch: { kind: 'line', colour: color, ...(dash ? { dash } : {}) },
      label: layer.meta.name[lang],
      detail: `${t('regions', { count: num(layer.regions.length) })}; ${
        layer.meta.coverage.isComplete
          ? t('coverageFull', { total: num(total) })
          : t('coveragePartial', { covered: num(layer.coveredCount), total: num(total) })
      }`,
    };
  });
  if (options.hasCongruence) {
    legend.push({
      swatch: { kind: 'ramp', colours: CONGRUENCE_RAMP_STEPS.map(congruenceColour) },
      label: t('congruenceLegend'),
      detail: null,
    });
  }
  const filled = layers.find((l) => l.meta.id === options.filled);
  if (filled) {
    legend.push({
      swatch: { kind: 'fills', colours: FILL_PALETTE.slice(0, 4) },
      label: `${t('fillLayer')}: ${filled.meta.name[lang]}`,
      detail: null,
    });
  }
  if (layers.some((l) => !l.meta.coverage.isComplete)) {
    legend.push({ swatch: { kind: 'hatch' }, label: t('noDataLegend'), detail: null });
  }
  legend.push({ swatch: { kind: 'municipality' }, label: t('municipalityBorders'), detail: null });
  return {
    title: options.title,
    legendTitle: t('legend'),
    legend,
    sourceLine: sourceLine(
      sourcesOf(
        atlas,
        layers.map((l) => l.meta.id),
        lang,
      ),
      lang,
    ),
    link: options.link,
    linkLabel: t('exportLinkLabel'),
  };
}

/**
 * Break `text` into lines no wider than `maxWidth`: at spaces where possible, inside a word (a link)
 * where it is wider than a line. At most `maxLines` lines; the last one ends in "…" if text was cut.
 * @example wrapText('a b c', 3, (s) => s.length, 2) // ['a b', 'c']
 */
export function wrapText(
  text: string,
  maxWidth: number,
  width: (s: string) => number,
  maxLines = Number.POSITIVE_INFINITY,
): string[] {
  const lines: string[] = [];
  let line = '';
  const pushWord = (word: string) => {
    const candidate = line ? `${line} ${word}` : word;
    if (width(candidate) <= maxWidth) {
      line = candidate;
      return;
    }
    if (line) lines.push(line);
    line = '';
    // A word wider than a line is cut by characters.
    let rest = [...word];
    while (rest.length > 0 && width(rest.join('')) > maxWidth) {
      let n = rest.length - 1;
      while (n > 1 && width(rest.slice(0, n).join('')) > maxWidth) n--;
      lines.push(rest.slice(0, n).join(''));
      rest = rest.slice(n);
    }
    line = rest.join('');
  };
  for (const word of text.split(/\s+/).filter((w) => w !== '')) pushWord(word);
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1]!}…`;
  while (width(last) > maxWidth && last.length > 1) last = `${[...last].slice(0, -2).join('')}…`;
  kept[maxLines - 1] = last;
  return kept;
}

/** Lay out lines of one size from baseline position `top + size`; returns spans and the height used. */
function stack(
  lines: readonly string[],
  x: number,
  top: number,
  sizePx: number,
  weight: FontWeight,
  colour: string,
): { spans: TextSpan[]; height: number } {
  const step = sizePx * LINE_HEIGHT;
  return {
    spans: lines.map((text, i) => ({ text, x, y: top + sizePx + i * step, sizePx, weight, colour })),
    height: lines.length * step,
  };
}

/** The legend rows laid out in a column of `width` from `top`; returns rows and the bottom. */
function layoutLegend(
  entries: readonly LegendEntry[],
  x: number,
  top: number,
  width: number,
  measure: MeasureText,
): { rows: LegendRow[]; bottom: number } {
  const textX = x + SWATCH_SIZE.width + 8;
  const textWidth = Math.max(40, width - SWATCH_SIZE.width - 8);
  let y = top;
  const rows = entries.map((entry): LegendRow => {
    const label = stack(
      wrapText(entry.label, textWidth, (s) => measure(s, LABEL_SIZE, 'normal'), 3),
      textX,
      y,
      LABEL_SIZE,
      'normal',
      TEXT_COLOURS.main,
    );
    const detail = entry.detail
      ? stack(
          wrapText(entry.detail, textWidth, (s) => measure(s, DETAIL_SIZE, 'normal'), 2),
          textX,
          y + label.height,
          DETAIL_SIZE,
          'normal',
          TEXT_COLOURS.muted,
        )
      : { spans: [], height: 0 };
    const swatch = {
      x,
      y: y + (LABEL_SIZE * LINE_HEIGHT - SWATCH_SIZE.height) / 2,
      width: SWATCH_SIZE.width,
      height: SWATCH_SIZE.height,
    };
    y += label.height + detail.height + 5;
    return { entry, swatch, lines: [...label.spans, ...detail.spans] };
  });
  return { rows, bottom: y };
}

/**
 * The Mercator projection that shows `bbox` as large as fits in `map`, centred (as MapLibre's `fitBounds`
 * with no padding does, so the PNG's map image and the SVG's paths line up with the scale bar).
 * Fitted to the bbox's corner points, not a polygon: a polygon's edges are great circles in d3-geo and
 * would bulge beyond the parallels.
 */
export function mapProjection(bbox: Bbox, map: Rect): GeoProjection {
  const [west, south, east, north] = bbox;
  return geoMercator().fitExtent(
    [
      [map.x, map.y],
      [map.x + map.width, map.y + map.height],
    ],
    {
      type: 'MultiPoint',
      coordinates: [
        [west, south],
        [east, north],
      ],
    },
  );
}

/**
 * Metres on the ground per composition pixel, east–west at the latitude of the map's centre:
 * Mercator's scale k is pixels per radian of longitude, a radian of longitude is R·cos φ metres there.
 */
function metresPerPixel(projection: GeoProjection, map: Rect): number {
  const centre = projection.invert?.([map.x + map.width / 2, map.y + map.height / 2]);
  if (!centre) throw new Error('unreachable: the Mercator projection has no inverse');
  return (EARTH_RADIUS_M * Math.cos((centre[1] * Math.PI) / 180)) / projection.scale();
}

/**
 * The largest "round" distance (1, 2 or 5 × 10ⁿ metres) not longer than `maxM`.
 * @example niceDistance(73_000) // 50_000
 */
export function niceDistance(maxM: number): number {
  const power = 10 ** Math.floor(Math.log10(maxM));
  const step = [5, 2, 1].find((s) => s * power <= maxM) ?? 1;
  return step * power;
}

/** The scale bar in the lower left corner of `map`: at most a quarter of the map's width and 160 px. */
function layoutScaleBar(
  projection: GeoProjection,
  map: Rect,
  lang: Lang,
  measure: MeasureText = estimateTextWidth,
): ScaleBar {
  const perPx = metresPerPixel(projection, map);
  const maxPx = Math.max(20, Math.min(160, map.width / 4));
  const distanceM = niceDistance(maxPx * perPx);
  const widthPx = distanceM / perPx;
  const text = distanceM >= 1000 ? `${formatNumber(distanceM / 1000, lang)} km` : `${formatNumber(distanceM, lang)} m`;
  const pad = 6;
  const boxWidth = Math.max(widthPx, measure(text, FOOT_SIZE, 'normal')) + 2 * pad;
  const box: Rect = { x: map.x + 8, y: map.y + map.height - 8 - 30, width: boxWidth, height: 30 };
  const x = box.x + pad;
  const y = box.y + box.height - 7;
  return {
    box,
    x,
    y,
    widthPx,
    distanceM,
    label: { text, x, y: box.y + 4 + FOOT_SIZE, sizePx: FOOT_SIZE, weight: 'normal', colour: TEXT_COLOURS.main },
  };
}

/**
 * Lay out the composition in `width` × `height` CSS pixels with the map showing `bbox`.
 * Wide compositions (≥ 560 px) put the legend in a column right of the map, narrow ones under it.
 */
export function layoutComposition(
  text: CompositionText,
  size: { width: number; height: number },
  bbox: Bbox,
  lang: Lang,
  measure: MeasureText = estimateTextWidth,
): CompositionLayout {
  const { width, height } = size;
  const inner = width - 2 * MARGIN;
  const title = stack(
    wrapText(text.title, inner, (s) => measure(s, TITLE_SIZE, 'bold'), 2),
    MARGIN,
    MARGIN - TITLE_SIZE * 0.1,
    TITLE_SIZE,
    'bold',
    TEXT_COLOURS.main,
  );
  const footMeasure = (s: string) => measure(s, FOOT_SIZE, 'normal');
  const sourceLines = wrapText(text.sourceLine, inner, footMeasure, 6);
  const linkLines = wrapText(`${text.linkLabel} ${text.link}`, inner, footMeasure, 3);
  const footHeight = (sourceLines.length + linkLines.length) * FOOT_SIZE * LINE_HEIGHT;
  const footTop = height - MARGIN - footHeight;
  const bodyTop = MARGIN + title.height + GAP;
  const bodyBottom = footTop - GAP;

  const isNarrow = width < NARROW_WIDTH;
  const legendWidth = isNarrow ? inner : Math.min(320, Math.max(200, Math.round(width * 0.28)));
  const headingHeight = HEADING_SIZE * LINE_HEIGHT + 4;
  let map: Rect;
  let legendX: number;
  let legendTop: number;
  if (isNarrow) {
    const probe = layoutLegend(text.legend, 0, 0, legendWidth, measure);
    const legendHeight = headingHeight + probe.bottom;
    map = { x: MARGIN, y: bodyTop, width: inner, height: Math.max(40, bodyBottom - bodyTop - legendHeight - GAP) };
    legendX = MARGIN;
    legendTop = map.y + map.height + GAP;
  } else {
    map = { x: MARGIN, y: bodyTop, width: inner - legendWidth - GAP, height: Math.max(40, bodyBottom - bodyTop) };
    legendX = map.x + map.width + GAP;
    legendTop = bodyTop;
  }
  const legendHeading: TextSpan = {
    text: text.legendTitle,
    x: legendX,
    y: legendTop + HEADING_SIZE,
    sizePx: HEADING_SIZE,
    weight: 'bold',
    colour: TEXT_COLOURS.main,
  };
  const legend = layoutLegend(text.legend, legendX, legendTop + headingHeight, legendWidth, measure);
  const sources = stack(sourceLines, MARGIN, footTop, FOOT_SIZE, 'normal', TEXT_COLOURS.muted);
  const link = stack(linkLines, MARGIN, footTop + sources.height, FOOT_SIZE, 'normal', TEXT_COLOURS.link);
  return {
    width,
    height,
    title: title.spans,
    map,
    legendHeading,
    legend: legend.rows,
    sources: sources.spans,
    link: link.spans,
    scaleBar: layoutScaleBar(mapProjection(bbox, map), map, lang, measure),
  };
}

/**
 * The filled layer's region names placed on the map as on screen: at their label points, larger regions
 * first, none overlapping another or leaving the map.
 */
export function layoutMapLabels(
  labels: readonly RegionLabel[],
  projection: GeoProjection,
  map: Rect,
  measure: MeasureText = estimateTextWidth,
): MapLabel[] {
  const candidates = labels.flatMap((l) => {
    const p = projection(l.lngLat);
    return p ? [{ key: l.code, text: l.name, x: p[0] - map.x, y: p[1] - map.y, priority: l.memberCount }] : [];
  });
  const placed = placeLabels(candidates, (s) => measure(s, LABEL_SIZE_PX, 'bold') + 8, map);
  return placed.map((p) => ({ text: p.text, x: p.x + map.x, y: p.y + map.y, sizePx: LABEL_SIZE_PX }));
}
