/**
 * Colour scales of the statistics views (issue #3): the layer matrix, its legend, and the map's
 * congruence colouring (pair view and congruence map). Pure.
 *
 * One ramp and one direction everywhere (issue #12): light is less alike, dark is more alike, and full
 * agreement (identical regions, the same partners) is the ramp's green end, never white, which would read
 * as "no data". The ramp is sequential with lightness changing monotonically, so it reads the same with
 * every kind of colour-vision deficiency (ColorBrewer's colour-blind-safe YlGn: https://colorbrewer2.org);
 * green keeps clear of the blue and vermillion border lines of the layers compared most. It is cut before
 * its dark end so that the value written on a matrix cell in TEXT_DARK has at least 4.5:1 contrast
 * everywhere on it (WCAG 2.x AA, https://www.w3.org/TR/WCAG21/#contrast-minimum): no colour can offer
 * 4.5:1 to both dark and white text when its relative luminance lies between about 0.18 and 0.25, and a
 * continuous ramp from light to dark would have to cross that band. The same cut keeps the border lines
 * drawn over the map's colouring visible.
 */
import { scaleLinear } from 'd3-scale';
import type { MetricInfo } from '../stats/pair';

/** Body text colour of the app (the dark choice of `textColourOn`). */
export const TEXT_DARK = '#1d232a';
/** The light choice of `textColourOn`. */
export const TEXT_LIGHT = '#ffffff';

/** WCAG AA minimum contrast for normal text. */
export const MIN_TEXT_CONTRAST = 4.5;

/**
 * The ramp from least to most agreement, for the matrix and the map (ColorBrewer YlGn from its second
 * class up to its middle green, which has a relative luminance of about 0.31, i.e. 5.4:1 against TEXT_DARK;
 * its light end, about 0.93, is a pale yellow rather than white).
 */
export const AGREEMENT_RAMP: readonly string[] = ['#f7fcb9', '#d9f0a3', '#addd8e', '#78c679', '#41ab5d'];

/**
 * The map's colours by congruence: AGREEMENT_RAMP spread evenly over 0 (no partner in common: light) to
 * 1 (the same partners: the "agrees" green), as the matrix colours congruence over its domain [0, 1].
 */
const CONGRUENCE_STOPS: readonly (readonly [number, string])[] = AGREEMENT_RAMP.map(
  (colour, i) => [i / (AGREEMENT_RAMP.length - 1), colour] as const,
);

/** An sRGB colour with channels 0–255. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/**
 * Parse `#rgb`, `#rrggbb` or `rgb(r, g, b)` (what d3-interpolate returns). Throws Error for anything
 * else: colours here come from this module, never from user input.
 * @example parseColour('#1d232a') // { r: 29, g: 35, b: 42 }
 */
export function parseColour(css: string): Rgb {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(css.trim());
  if (hex) {
    const digits = hex[1]!;
    const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
    return {
      r: parseInt(full.slice(0, 2), 16),
      g: parseInt(full.slice(2, 4), 16),
      b: parseInt(full.slice(4, 6), 16),
    };
  }
  const rgb = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(css.trim());
  if (rgb) return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]) };
  throw new Error(`unsupported colour '${css}'`);
}

/**
 * Relative luminance of a CSS colour, in [0, 1] (WCAG 2.x definition, sRGB).
 * @example relativeLuminance('#ffffff') // 1
 */
export function relativeLuminance(css: string): number {
  const { r, g, b } = parseColour(css);
  const linear = (channel: number): number => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/**
 * WCAG contrast ratio of two colours, in [1, 21] (order does not matter).
 * @example contrastRatio('#000000', '#ffffff') // 21
 */
export function contrastRatio(x: string, y: string): number {
  const [light, dark] = [relativeLuminance(x), relativeLuminance(y)].sort((p, q) => q - p) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The text colour (TEXT_DARK or TEXT_LIGHT) with the higher contrast on background `bg`. On every colour
 * of AGREEMENT_RAMP (and between its stops) this is TEXT_DARK with at least 4.5:1 (tested).
 * @example textColourOn('#f7fcb9') // '#1d232a'
 * @example textColourOn('#54278f') // '#ffffff'
 */
export function textColourOn(bg: string): string {
  return contrastRatio(bg, TEXT_DARK) >= contrastRatio(bg, TEXT_LIGHT) ? TEXT_DARK : TEXT_LIGHT;
}

/**
 * The value range a metric's colours span: the metric's own bounds, and where its maximum depends on
 * the data (VI, at most log₂ n) the largest value shown (1 when there is none above the minimum).
 * @example metricDomain(findMetric('ari')!, [0.2, 1]) // [-0.5, 1]
 * @example metricDomain(findMetric('vi')!, [0, 0.75, null, 2.5]) // [0, 2.5]
 */
export function metricDomain(metric: MetricInfo, values: Iterable<number | null>): [number, number] {
  const { min, max } = metric.range;
  if (max !== null) return [min, max];
  let largest = min;
  for (const value of values) if (value !== null && Number.isFinite(value) && value > largest) largest = value;
  return [min, largest > min ? largest : min + 1];
}

/**
 * The colour of a metric value: a light-to-dark sequential ramp where darker means more agreement, so
 * it runs the other way for a metric where lower is better (VI). Values outside `domain` are clamped.
 * Returns `rgb(r, g, b)` strings. Throws Error when the domain is empty or not finite.
 * @example metricColour(findMetric('congruence')!, [0, 1])(1) // 'rgb(65, 171, 93)' (the darkest stop)
 * @example metricColour(findMetric('vi')!, [0, 3])(0) // 'rgb(65, 171, 93)': VI 0 is full agreement
 */
export function metricColour(metric: MetricInfo, domain: readonly [number, number]): (value: number) => string {
  const [min, max] = domain;
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(max > min)) {
    throw new Error(`empty colour domain [${min}, ${max}] for metric ${metric.id}`);
  }
  const last = AGREEMENT_RAMP.length - 1;
  const range = metric.isHigherBetter ? [...AGREEMENT_RAMP] : [...AGREEMENT_RAMP].reverse();
  const scale = scaleLinear<string>()
    .domain(AGREEMENT_RAMP.map((_, i) => min + ((max - min) * i) / last))
    .range(range)
    .clamp(true);
  return (value) => scale(value);
}

/** One stop of a gradient legend. */
export interface LegendStop {
  value: number;
  /** Position along the legend from its minimum end, 0–100. */
  offsetPct: number;
  colour: string;
}

/**
 * `count` (≥ 2) evenly spaced stops of a metric's colour scale over `domain`, from minimum to maximum,
 * for a CSS gradient legend (`cssGradient`).
 * @example legendStops(findMetric('nmi')!, [0, 1], 3).map((s) => s.value) // [0, 0.5, 1]
 */
export function legendStops(metric: MetricInfo, domain: readonly [number, number], count = 9): LegendStop[] {
  if (!Number.isInteger(count) || count < 2) throw new Error(`a legend needs at least 2 stops, not ${count}`);
  const colour = metricColour(metric, domain);
  const [min, max] = domain;
  return Array.from({ length: count }, (_, i) => {
    const value = min + ((max - min) * i) / (count - 1);
    return { value, offsetPct: (100 * i) / (count - 1), colour: colour(value) };
  });
}

/**
 * A CSS `linear-gradient` through legend stops, left to right.
 * @example cssGradient([{ value: 0, offsetPct: 0, colour: '#fff' }, { value: 1, offsetPct: 100, colour: '#000' }])
 * // 'linear-gradient(to right, #fff 0%, #000 100%)'
 */
export function cssGradient(stops: readonly Pick<LegendStop, 'offsetPct' | 'colour'>[]): string {
  return `linear-gradient(to right, ${stops.map((s) => `${s.colour} ${s.offsetPct}%`).join(', ')})`;
}

/**
 * The map's congruence colours as [congruence, CSS hex colour] pairs, ascending from 0 (light) to 1
 * (the darkest, "agrees" green), for a MapLibre expression:
 * `['interpolate', ['linear'], ['feature-state', 'congruence'], ...congruenceColourStops().flat()]`.
 */
export function congruenceColourStops(): [number, string][] {
  return CONGRUENCE_STOPS.map(([value, colour]) => [value, colour]);
}

const congruenceScale = scaleLinear<string>()
  .domain(CONGRUENCE_STOPS.map(([value]) => value))
  .range(CONGRUENCE_STOPS.map(([, colour]) => colour))
  .clamp(true);

/**
 * The map's colour for a gemeente's congruence in [0, 1] (as the MapLibre expression interpolates it),
 * for swatches next to the map.
 * @example congruenceColour(1) // 'rgb(65, 171, 93)'
 */
export function congruenceColour(congruence: number): string {
  return congruenceScale(congruence);
}

/** The map's congruence colours as a CSS gradient, for legends (0 on the left, 1 on the right). */
export function congruenceGradient(): string {
  return cssGradient(congruenceColourStops().map(([value, colour]) => ({ offsetPct: value * 100, colour })));
}
