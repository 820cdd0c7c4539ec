/**
 * The composition of an exported map (issue 5), shared by the SVG and the PNG export: what it says
 * (title, legend of the visible layers, source line with the export date, link) and where everything goes
 * (title on top, map, legend beside or below it, scale bar in the map's lower left corner, sources and link
 * at the foot), and the filled layer's region labels on the map: a name where it has room, else a number
 * that the legend resolves ("1 Zuid-Limburg, 2 …"), so every region in view can be found.
 * Pure: positions in CSS pixels of the composition; the PNG export multiplies them by its pixel ratio.
 * Text widths come from a `MeasureText` (the browser's canvas, or an estimate in Node).
 */
import { geoMercator, type GeoProjection } from 'd3-geo';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { Atlas } from '../data/atlas';
import type { MapGeometry, RegionLabel } from '../geo/map-geometry';
import { translate, type Lang } from '../i18n/messages';
import { formatNumber } from '../i18n/format';
import { assignLineStyles } from '../scales/line-style';
import { congruenceColour } from '../scales/stat-scale';
import { FILL_PALETTE, MAP_COLOURS } from '../scales/palette';
import type { LayerId } from '../types';
import { madeOn, sourceLine, sourcesOf } from './provenance';

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
  | { kind: 'ramp'; colours: string[] }
  /** A number as the map writes it for a region without room for its name. */
  | { kind: 'number'; text: string };

/** The congruence values a legend ramp shows, left to right. */
export const CONGRUENCE_RAMP_STEPS: readonly number[] = [0, 0.2, 0.4, 0.6, 0.8, 1];

/** One row of the legend. */
export interface LegendEntry {
  swatch: LegendSwatch;
  label: string;
  /** Smaller second line (region count and coverage), or null. */
  detail: string | null;
  /** Most lines of the detail (default 2; the list of numbered regions is never cut). */
  detailMaxLines?: number;
}

/** Everything the composition says in words. */
export interface CompositionText {
  title: string;
  legendTitle: string;
  legend: LegendEntry[];
  /** "Bronnen: …" with every distinct source and its reference date. */
  sourceLine: string;
  /** "Gemaakt op 3 december 2026": the day of the export. */
  madeOn: string;
  /** The day of the export, ISO `YYYY-MM-DD`. */
  exportDate: string;
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

/**
 * A region's label on the map, centred on (x, y) in composition pixels: its name (on one or two lines), or
 * its number in the legend's list when the name has no room.
 */
export interface MapLabel {
  /** The region's code and name. */
  code: string;
  name: string;
  kind: 'name' | 'number';
  /** What the label says: the whole name, or the number. */
  text: string;
  /** The lines drawn, top to bottom (the name may be broken at a space or hyphen). */
  lines: string[];
  x: number;
  y: number;
  sizePx: number;
  /** Distance between the lines' baselines, px. */
  lineHeightPx: number;
}

/** What the map's region labels are made from: the filled layer's label points and its regions. */
export interface LabelInput {
  labels: readonly RegionLabel[];
  /** The regions, so that a label moved off its point stays inside its own region. */
  regions?: FeatureCollection<MultiPolygon, { code: string }>;
}

/** The filled layer's label points and regions, when a visible layer is filled (both exports label that layer). */
export function labelInput(input: {
  filled: LayerId | null;
  layers: readonly { id: LayerId }[];
  geometry: MapGeometry;
}): LabelInput | null {
  const { filled, layers, geometry } = input;
  const layer = filled && layers.some((l) => l.id === filled) ? geometry.layers.get(filled) : undefined;
  return layer ? { labels: layer.labels, regions: layer.regions } : null;
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
  /** The region labels on the map (none without a `LabelInput`). */
  mapLabels: MapLabel[];
}

/** The font of every text of the composition (SVG `font-family` and canvas `font`). */
export const FONT_FAMILY = 'Helvetica, Arial, sans-serif';
/** Text colours. */
const TEXT_COLOURS = { main: '#1d232a', muted: '#59626d', link: '#1f4e79' };
/** Colours the exports draw besides the layers' own: the map's, the page and the swatch borders. */
export const EXPORT_COLOURS = { ...MAP_COLOURS, page: '#ffffff', swatchBorder: '#c9d0d7' };
/** Width and height of a legend swatch, px. */
const SWATCH_SIZE = { width: 28, height: 10 };
/** Font size of region labels on the map, px (as on screen); a name without room at that size tries the small one. */
const LABEL_SIZE_PX = 12;
const SMALL_LABEL_SIZE_PX = 10;
/** Font size of a region's number on the map and in the legend's swatch, px. */
export const NUMBER_SIZE_PX = 11;
/** Region labels and the legend's numbers: dark bold text with a white halo (as on screen), in both exports. */
export const LABEL_COLOUR = '#1d232a';

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
    /**
     * What the congruence colouring of the gemeenten means (pair view or congruence map), when the map has one:
     * the legend gets its ramp with this text.
     */
    congruenceLegend?: string;
    /** The day of the export, ISO `YYYY-MM-DD` (the caller's today). */
    exportDate: string;
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
  if (options.congruenceLegend) {
    legend.push({
      swatch: { kind: 'ramp', colours: CONGRUENCE_RAMP_STEPS.map(congruenceColour) },
      label: options.congruenceLegend,
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
    madeOn: madeOn(options.exportDate, lang),
    exportDate: options.exportDate,
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
          wrapText(entry.detail, textWidth, (s) => measure(s, DETAIL_SIZE, 'normal'), entry.detailMaxLines ?? 2),
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
 * With `labels` (the filled layer's), the map gets its region labels (`placeMapLabels`, clear of the scale bar)
 * and the legend the list of the regions numbered on the map.
 */
export function layoutComposition(
  text: CompositionText,
  size: { width: number; height: number },
  bbox: Bbox,
  lang: Lang,
  measure: MeasureText = estimateTextWidth,
  labels?: LabelInput | null,
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
  // The date first, so that a long list of sources cut short never loses it.
  const sourceLines = wrapText(`${text.madeOn}. ${text.sourceLine}`, inner, footMeasure, 6);
  const linkLines = wrapText(`${text.linkLabel} ${text.link}`, inner, footMeasure, 3);
  const footHeight = (sourceLines.length + linkLines.length) * FOOT_SIZE * LINE_HEIGHT;
  const footTop = height - MARGIN - footHeight;
  const bodyTop = MARGIN + title.height + GAP;
  const bodyBottom = footTop - GAP;

  const isNarrow = width < NARROW_WIDTH;
  const legendWidth = isNarrow ? inner : Math.min(320, Math.max(200, Math.round(width * 0.28)));
  const headingHeight = HEADING_SIZE * LINE_HEIGHT + 4;
  const bodyHeight = bodyBottom - bodyTop;
  const legendHeight = (entries: readonly LegendEntry[]) =>
    headingHeight + layoutLegend(entries, 0, 0, legendWidth, measure).bottom;
  /** The map's rectangle and the legend's corner, the map `mapHeight` high (narrow) or beside the legend (wide). */
  const frameOf = (mapHeight: number): { map: Rect; legendX: number; legendTop: number } => {
    if (isNarrow) {
      const map = { x: MARGIN, y: bodyTop, width: inner, height: Math.max(40, mapHeight) };
      return { map, legendX: MARGIN, legendTop: map.y + map.height + GAP };
    }
    const map = { x: MARGIN, y: bodyTop, width: inner - legendWidth - GAP, height: Math.max(40, bodyHeight) };
    return { map, legendX: map.x + map.width + GAP, legendTop: bodyTop };
  };
  /** The frame with a map `mapHeight` high, its labels, and the legend listing the numbered regions. */
  const attempt = (mapHeight: number) => {
    const frame = frameOf(mapHeight);
    let mapLabels: MapLabel[] = [];
    if (labels) {
      const projection = mapProjection(bbox, frame.map);
      const scaleBar = layoutScaleBar(projection, frame.map, lang, measure);
      mapLabels = placeMapLabels(labels, projection, frame.map, measure, [scaleBar.box]);
    }
    const entries = withNumberedRegions(text.legend, mapLabels, lang);
    const fits = !isNarrow || frame.map.height + GAP + legendHeight(entries) <= bodyHeight + 1e-6;
    return { frame, mapLabels, entries, fits };
  };
  let chosen = attempt(bodyHeight - legendHeight(text.legend) - GAP);
  if (!chosen.fits && labels) {
    // Under the map, the list of numbered regions makes the legend taller and the map smaller, which leaves
    // more names without room: the tallest map whose legend still fits (found by bisection), but never less
    // than 45 % of the body (the legend may then run into the foot rather than lose a region).
    let low = Math.min(bodyHeight * 0.45, chosen.frame.map.height);
    let high = chosen.frame.map.height;
    const lowest = attempt(low);
    chosen = lowest;
    if (lowest.fits) {
      for (let step = 0; step < 7 && high - low > 4; step++) {
        const middle = (low + high) / 2;
        const tried = attempt(middle);
        if (tried.fits) {
          chosen = tried;
          low = middle;
        } else high = middle;
      }
    }
  }
  const { frame, mapLabels, entries } = chosen;
  const { map, legendX, legendTop } = frame;
  const legendHeading: TextSpan = {
    text: text.legendTitle,
    x: legendX,
    y: legendTop + HEADING_SIZE,
    sizePx: HEADING_SIZE,
    weight: 'bold',
    colour: TEXT_COLOURS.main,
  };
  const legend = layoutLegend(entries, legendX, legendTop + headingHeight, legendWidth, measure);
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
    mapLabels,
  };
}

/**
 * The legend with the list of the regions numbered on the map ("1 Zuid-Limburg, 2 Noord-Limburg", never cut
 * short) before the "no data" and gemeente border rows; the legend as it is when every name has room.
 */
function withNumberedRegions(entries: readonly LegendEntry[], labels: readonly MapLabel[], lang: Lang): LegendEntry[] {
  const numbered = labels.filter((l) => l.kind === 'number').sort((a, b) => Number(a.text) - Number(b.text));
  if (numbered.length === 0) return [...entries];
  const entry: LegendEntry = {
    swatch: { kind: 'number', text: numbered[0]!.text },
    label: translate(lang, 'exportNumberedRegions'),
    detail: numbered.map((l) => `${l.text} ${l.name}`).join(', '),
    detailMaxLines: Number.POSITIVE_INFINITY,
  };
  const at = entries.findIndex((e) => e.swatch.kind === 'hatch' || e.swatch.kind === 'municipality');
  return at < 0 ? [...entries, entry] : [...entries.slice(0, at), entry, ...entries.slice(at)];
}

/** A label's box, px. */
interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Space kept clear around every label, px. */
const LABEL_PADDING = 2;
/** Width added to a label's text: its halo (1.5 px each side) and a little air. */
const LABEL_EXTRA_WIDTH = 4;

const overlaps = (a: Box, b: Box): boolean =>
  a.left - LABEL_PADDING < b.right &&
  a.right + LABEL_PADDING > b.left &&
  a.top - LABEL_PADDING < b.bottom &&
  a.bottom + LABEL_PADDING > b.top;

/**
 * A name broken into two lines at the space or after the hyphen that makes the wider line narrowest;
 * null for a name with neither.
 * @example breakName('Holland Rijnland', (s) => s.length) // ['Holland', 'Rijnland']
 * @example breakName('Zuid-Limburg', (s) => s.length) // ['Zuid-', 'Limburg']
 */
export function breakName(name: string, width: (s: string) => number): [string, string] | null {
  let best: [string, string] | null = null;
  let bestWidth = Number.POSITIVE_INFINITY;
  for (let i = 1; i < name.length - 1; i++) {
    const c = name[i];
    if (c !== ' ' && c !== '-') continue;
    const first = c === ' ' ? name.slice(0, i) : name.slice(0, i + 1);
    const second = name.slice(i + 1).trim();
    if (first.trim() === '' || second === '') continue;
    const w = Math.max(width(first), width(second));
    if (w < bestWidth) {
      best = [first.trim(), second];
      bestWidth = w;
    }
  }
  return best;
}

/**
 * The filled layer's region labels on the map, none overlapping another, a label's box or `obstacles`, none
 * leaving the map. Each region whose label point is in view gets its name if it has room anywhere by these
 * tries, every region's first try before any region's next (regions larger on the map first within a try): at its label
 * point; broken over two lines there; moved by one or two lines up or down or a quarter or half of its width
 * sideways, as long as the label's centre stays inside the region; at the smaller size, on one line or two. A region whose name has
 * no room gets a number instead (numbered north to south, then west to east), at its label point or moved
 * up to two of its sizes within the region; where even that has no room it is drawn at the label point anyway, so
 * that every region in the legend's list can be found on the map.
 * @example placeMapLabels({ labels }, projection, map).filter((l) => l.kind === 'number').map((l) => l.text) // ['1', '2']
 */
function placeMapLabels(
  input: LabelInput,
  projection: GeoProjection,
  map: Rect,
  measure: MeasureText = estimateTextWidth,
  obstacles: readonly Rect[] = [],
): MapLabel[] {
  const regions = new Map<string, Feature<MultiPolygon, { code: string }>>(
    (input.regions?.features ?? []).map((f) => [f.properties.code, f]),
  );
  const candidates = input.labels
    .flatMap((label) => {
      const p = projection(label.lngLat);
      if (!p) return [];
      const [x, y] = p;
      const isInView = x >= map.x && x <= map.x + map.width && y >= map.y && y <= map.y + map.height;
      const region = regions.get(label.code);
      // Larger regions on the page first: by drawn area where the regions are given, else by member count.
      // Rounded to whole pixels, so that regions of the same size are taken by code, not by rounding noise.
      const size = region ? Math.round(projectedArea(region.geometry, projection)) : label.memberCount;
      return isInView ? [{ label, x, y, size }] : [];
    })
    .sort((a, b) => b.size - a.size || a.label.code.localeCompare(b.label.code));
  const taken: Box[] = obstacles.map((r) => ({ left: r.x, top: r.y, right: r.x + r.width, bottom: r.y + r.height }));
  const placed = new Map<string, MapLabel>();
  type Candidate = (typeof candidates)[number];
  const isInRegion = (code: string, x: number, y: number): boolean => {
    const region = regions.get(code);
    const lngLat = projection.invert?.([x, y]);
    return region !== undefined && lngLat !== null && lngLat !== undefined && booleanPointInPolygon(lngLat, region);
  };
  /** Place `lines` at the candidate's point moved by a multiple of the box's size; false where it has no room. */
  const tryPlace = (
    c: Candidate,
    kind: MapLabel['kind'],
    lines: string[],
    sizePx: number,
    shift: readonly [number, number] = [0, 0],
    isForced = false,
  ): boolean => {
    const lineHeightPx = sizePx + 2;
    const width = Math.max(...lines.map((line) => measure(line, sizePx, 'bold'))) + LABEL_EXTRA_WIDTH;
    const height = lines.length * lineHeightPx;
    const x = c.x + shift[0] * width;
    const y = c.y + shift[1] * height;
    const box: Box = { left: x - width / 2, right: x + width / 2, top: y - height / 2, bottom: y + height / 2 };
    if (!isForced) {
      const isOnMap =
        box.left >= map.x && box.top >= map.y && box.right <= map.x + map.width && box.bottom <= map.y + map.height;
      if (!isOnMap || taken.some((t) => overlaps(box, t))) return false;
      if ((shift[0] !== 0 || shift[1] !== 0) && !isInRegion(c.label.code, x, y)) return false;
    }
    taken.push(box);
    const text = kind === 'name' ? c.label.name : lines.join(' ');
    placed.set(c.label.code, { code: c.label.code, name: c.label.name, kind, text, lines, x, y, sizePx, lineHeightPx });
    return true;
  };
  const twoLines = (c: Candidate, sizePx: number) => breakName(c.label.name, (s) => measure(s, sizePx, 'bold'));
  const SHIFTS: readonly (readonly [number, number])[] = [
    [0, -1],
    [0, 1],
    [-0.25, 0],
    [0.25, 0],
    [-0.5, 0],
    [0.5, 0],
    [0, -2],
    [0, 2],
  ];
  /** A number is small: it may move up to two of its sizes, in eight directions, to stay in its region. */
  const NUMBER_SHIFTS: readonly (readonly [number, number])[] = [
    [0, 0],
    ...[1, 2].flatMap((d) => [
      [0, -d] as const,
      [0, d] as const,
      [-d, 0] as const,
      [d, 0] as const,
      [-d, -d] as const,
      [d, -d] as const,
      [-d, d] as const,
      [d, d] as const,
    ]),
  ];
  const tries: ((c: Candidate) => boolean)[] = [
    (c) => tryPlace(c, 'name', [c.label.name], LABEL_SIZE_PX),
    (c) => {
      const lines = twoLines(c, LABEL_SIZE_PX);
      return lines !== null && tryPlace(c, 'name', lines, LABEL_SIZE_PX);
    },
    (c) => SHIFTS.some((shift) => tryPlace(c, 'name', [c.label.name], LABEL_SIZE_PX, shift)),
    (c) => {
      const lines = twoLines(c, SMALL_LABEL_SIZE_PX);
      return (
        tryPlace(c, 'name', [c.label.name], SMALL_LABEL_SIZE_PX) ||
        (lines !== null && tryPlace(c, 'name', lines, SMALL_LABEL_SIZE_PX))
      );
    },
  ];
  for (const attempt of tries) for (const c of candidates) if (!placed.has(c.label.code)) attempt(c);
  const rest = candidates.filter((c) => !placed.has(c.label.code)).sort((a, b) => a.y - b.y || a.x - b.x);
  rest.forEach((c, i) => {
    const lines = [String(i + 1)];
    const hasRoom = NUMBER_SHIFTS.some((shift) => tryPlace(c, 'number', lines, NUMBER_SIZE_PX, shift));
    if (!hasRoom) tryPlace(c, 'number', lines, NUMBER_SIZE_PX, [0, 0], true);
  });
  return [...placed.values()];
}

/** The area a region covers on the map, px² (shoelace over its projected rings; holes subtract). */
function projectedArea(geometry: MultiPolygon, projection: GeoProjection): number {
  let area = 0;
  for (const polygon of geometry.coordinates) {
    polygon.forEach((ring, i) => {
      let twice = 0;
      let previous = projection([ring.at(-1)![0]!, ring.at(-1)![1]!]);
      for (const position of ring) {
        const point = projection([position[0]!, position[1]!]);
        if (point && previous) twice += previous[0] * point[1] - point[0] * previous[1];
        previous = point;
      }
      area += (i === 0 ? 1 : -1) * Math.abs(twice / 2);
    });
  }
  return area;
}

/**
 * The baselines of a label's lines, top to bottom, so that the lines are centred on the label's point.
 * @example labelBaselines({ y: 100, sizePx: 12, lineHeightPx: 14, lines: ['a'] }) // [104.2]
 */
export function labelBaselines(label: Pick<MapLabel, 'y' | 'sizePx' | 'lineHeightPx' | 'lines'>): number[] {
  const top = label.y - (label.lines.length * label.lineHeightPx) / 2;
  return label.lines.map((_, i) => top + (i + 0.5) * label.lineHeightPx + label.sizePx * 0.35);
}
