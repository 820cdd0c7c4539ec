/**
 * The statistics colour scales: lightness runs one way (colour-blind safe), the text colour chosen for
 * a matrix cell has WCAG AA contrast on every colour of the ramp, and lower-is-better metrics run reversed.
 */
import { describe, expect, it } from 'vitest';
import {
  AGREEMENT_RAMP,
  congruenceColour,
  congruenceColourStops,
  contrastRatio,
  cssGradient,
  legendStops,
  metricColour,
  metricDomain,
  MIN_TEXT_CONTRAST,
  parseColour,
  relativeLuminance,
  TEXT_DARK,
  TEXT_LIGHT,
  textColourOn,
} from '../../src/lib/scales/stat-scale';
import { findMetric, METRICS, type MetricInfo } from '../../src/lib/stats/pair';

const metric = (id: string): MetricInfo => {
  const info = findMetric(id);
  if (!info) throw new Error(`no metric ${id}`);
  return info;
};

/** `count + 1` evenly spaced values from `min` to `max`. */
const samples = (min: number, max: number, count = 200): number[] =>
  Array.from({ length: count + 1 }, (_, i) => min + ((max - min) * i) / count);

describe('colour arithmetic', () => {
  it('parses hex and rgb() colours', () => {
    expect(parseColour('#1d232a')).toEqual({ r: 29, g: 35, b: 42 });
    expect(parseColour('#fff')).toEqual({ r: 255, g: 255, b: 255 });
    expect(parseColour('rgb(44, 159, 196)')).toEqual({ r: 44, g: 159, b: 196 });
    expect(() => parseColour('hsl(0, 0%, 0%)')).toThrow("unsupported colour 'hsl(0, 0%, 0%)'");
  });

  it('computes WCAG luminance and contrast', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(contrastRatio('#ffffff', '#000000')).toBe(21);
    expect(contrastRatio('#000000', '#ffffff')).toBe(21);
    // The WCAG example: #777 on white is about 4.48:1, just below AA.
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('chooses the text colour with more contrast', () => {
    expect(textColourOn('#ffffff')).toBe(TEXT_DARK);
    expect(textColourOn('#1f4e79')).toBe(TEXT_LIGHT);
    expect(textColourOn('#54278f')).toBe(TEXT_LIGHT);
  });
});

describe('metricColour', () => {
  it('gets darker as agreement grows, for every higher-is-better metric', () => {
    for (const info of METRICS.filter((m) => m.isHigherBetter)) {
      const [min, max] = metricDomain(info, [2]);
      const colour = metricColour(info, [min, max]);
      const luminances = samples(min, max).map((v) => relativeLuminance(colour(v)));
      for (let i = 1; i < luminances.length; i++) expect(luminances[i]).toBeLessThanOrEqual(luminances[i - 1]!);
      expect(luminances[0]).toBeGreaterThan(luminances.at(-1)! + 0.5);
    }
  });

  it('runs reversed for VI, where lower is better', () => {
    const vi = metric('vi');
    expect(vi.isHigherBetter).toBe(false);
    const colour = metricColour(vi, [0, 3]);
    const congruence = metricColour(metric('congruence'), [0, 1]);
    expect(colour(0)).toBe(congruence(1));
    expect(colour(3)).toBe(congruence(0));
    const luminances = samples(0, 3).map((v) => relativeLuminance(colour(v)));
    for (let i = 1; i < luminances.length; i++) expect(luminances[i]).toBeGreaterThanOrEqual(luminances[i - 1]!);
  });

  it('spans the whole ramp over the domain and clamps outside it', () => {
    const colour = metricColour(metric('ari'), [-0.5, 1]);
    const [first, last] = [parseColour(AGREEMENT_RAMP[0]!), parseColour(AGREEMENT_RAMP.at(-1)!)];
    expect(parseColour(colour(-0.5))).toEqual(first);
    expect(parseColour(colour(1))).toEqual(last);
    expect(colour(-2)).toBe(colour(-0.5));
    expect(colour(5)).toBe(colour(1));
  });

  it('rejects an empty domain', () => {
    expect(() => metricColour(metric('vi'), [0, 0])).toThrow('empty colour domain [0, 0] for metric vi');
  });

  it('gives TEXT_DARK with at least 4.5:1 on every colour of the ramp', () => {
    const colour = metricColour(metric('congruence'), [0, 1]);
    for (const bg of [...AGREEMENT_RAMP, ...samples(0, 1, 500).map(colour)]) {
      expect(textColourOn(bg)).toBe(TEXT_DARK);
      expect(contrastRatio(bg, textColourOn(bg))).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
  });
});

describe('metricDomain', () => {
  it('uses the metric range where it is fixed', () => {
    expect(metricDomain(metric('ari'), [0.2, 1])).toEqual([-0.5, 1]);
    expect(metricDomain(metric('nested'), [])).toEqual([0, 1]);
  });

  it('takes the largest shown value where the maximum depends on the data', () => {
    expect(metricDomain(metric('vi'), [0, 0.75, null, 2.5, Number.NaN])).toEqual([0, 2.5]);
    expect(metricDomain(metric('vi'), [0, null])).toEqual([0, 1]);
  });
});

describe('legendStops', () => {
  it('runs from minimum to maximum with the scale’s colours', () => {
    const info = metric('nmi');
    const stops = legendStops(info, [0, 1], 3);
    const colour = metricColour(info, [0, 1]);
    expect(stops).toEqual([
      { value: 0, offsetPct: 0, colour: colour(0) },
      { value: 0.5, offsetPct: 50, colour: colour(0.5) },
      { value: 1, offsetPct: 100, colour: colour(1) },
    ]);
    expect(() => legendStops(info, [0, 1], 1)).toThrow('at least 2 stops');
  });

  it('has TEXT_DARK contrast on every default stop of every metric', () => {
    for (const info of METRICS) {
      for (const stop of legendStops(info, metricDomain(info, [4]))) {
        expect(contrastRatio(stop.colour, textColourOn(stop.colour))).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      }
    }
  });

  it('writes a CSS gradient', () => {
    expect(
      cssGradient([
        { offsetPct: 0, colour: '#fff' },
        { offsetPct: 100, colour: 'rgb(0, 0, 0)' },
      ]),
    ).toBe('linear-gradient(to right, #fff 0%, rgb(0, 0, 0) 100%)');
  });
});

describe('congruence colours (the map in the pair view and the congruence map)', () => {
  it('run the same way as the matrix: light at 0, darker as congruence grows, ascending stops', () => {
    const stops = congruenceColourStops();
    expect(stops[0]![0]).toBe(0);
    expect(stops.at(-1)![0]).toBe(1);
    for (let i = 1; i < stops.length; i++) {
      expect(stops[i]![0]).toBeGreaterThan(stops[i - 1]![0]);
      expect(relativeLuminance(stops[i]![1])).toBeLessThan(relativeLuminance(stops[i - 1]![1]));
    }
  });

  // Issue 12: identical regions were drawn near white, which reads as "no data".
  it('draw full agreement in a clear green, not white, and no congruence not white either', () => {
    const agrees = parseColour(congruenceColour(1));
    expect(relativeLuminance(congruenceColour(1))).toBeLessThan(0.4);
    expect(agrees.g).toBeGreaterThan(agrees.r + 40);
    expect(agrees.g).toBeGreaterThan(agrees.b + 40);
    expect(contrastRatio(congruenceColour(0), '#ffffff')).toBeGreaterThan(1.05);
  });

  it('are the matrix’s colours for congruence, value for value', () => {
    const matrix = metricColour(metric('congruence'), [0, 1]);
    for (const value of samples(0, 1, 40))
      expect(parseColour(congruenceColour(value))).toEqual(parseColour(matrix(value)));
  });

  it('keep dark text readable wherever a value is written on them', () => {
    for (const value of samples(0, 1, 200)) {
      expect(contrastRatio(congruenceColour(value), TEXT_DARK)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
  });

  it('interpolate like the map expression, through every stop', () => {
    for (const [value, colour] of congruenceColourStops()) {
      expect(parseColour(congruenceColour(value))).toEqual(parseColour(colour));
    }
    // Channels are whole numbers, so close neighbours may round to the same colour.
    const luminances = samples(0, 1).map((v) => relativeLuminance(congruenceColour(v)));
    for (let i = 1; i < luminances.length; i++) expect(luminances[i]).toBeLessThanOrEqual(luminances[i - 1]!);
    expect(luminances[0]! - luminances.at(-1)!).toBeGreaterThan(0.5);
  });

  it('are a fresh copy each time, so a caller cannot change the map’s colours', () => {
    const stops = congruenceColourStops();
    stops[0]![1] = '#000000';
    expect(congruenceColourStops()[0]![1]).toBe(AGREEMENT_RAMP[0]);
  });
});
