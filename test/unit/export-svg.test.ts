import { describe, expect, it } from 'vitest';
import { buildAtlas } from '../../src/lib/data/atlas';
import { buildMapGeometry } from '../../src/lib/geo/map-geometry';
import {
  breakName,
  compositionText,
  CONGRUENCE_RAMP_STEPS,
  defaultTitle,
  EARTH_RADIUS_M,
  exportSize,
  layoutComposition,
  mapProjection,
  niceDistance,
  type MapLabel,
  wrapText,
  type Bbox,
  type Rect,
} from '../../src/lib/export/layout';
import { borderCountStroke, composeSvg, escapeXml, offsetPolyline, type SvgInput } from '../../src/lib/export/svg';
import { countBorders } from '../../src/lib/stats/border-count';
import { gridAtlas } from '../fixtures/grid-atlas';
import { congruenceColour } from '../../src/lib/scales/stat-scale';
import { GRID, GRID_GEOMETRY, gridLayerFile } from '../fixtures/grid';

const HOSTILE = '<img src=x onerror=alert(1)>';
const LINK = 'https://example.org/atlas/?layers=rows-2025,partial-2025&fill=rows-2025';
const BBOX: Bbox = [4.95, 51.95, 5.35, 52.35];
const DATE = '2026-12-03';

/** Great-circle distance in metres (haversine), independent of the module's Mercator formula. */
function haversineM([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/**
 * A DOM-less well-formedness check: every tag closes in order, attributes are quoted, and text holds no
 * raw `<` and no `&` outside an entity. Returns the element names in document order.
 */
function checkWellFormed(svg: string): string[] {
  const names: string[] = [];
  const open: string[] = [];
  const token = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = token.exec(svg))) {
    end = token.lastIndex;
    const [, closing, name, , selfClosing, textContent] = match;
    if (textContent !== undefined) {
      expect(textContent).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
      continue;
    }
    if (closing) expect(open.pop()).toBe(name);
    else {
      names.push(name!);
      if (!selfClosing) open.push(name!);
    }
  }
  expect(end).toBe(svg.length);
  expect(open).toEqual([]);
  return names;
}

function gridInput(overrides: Partial<SvgInput> = {}): SvgInput {
  const atlas = gridAtlas();
  const visible = ['rows-2025', 'partial-2025'];
  return {
    geometry: buildMapGeometry(atlas),
    layers: visible.map((id) => atlas.layersById.get(id)!.meta),
    filled: 'rows-2025',
    bbox: BBOX,
    size: { width: 800, height: 600 },
    lang: 'nl',
    text: compositionText(atlas, {
      visible,
      filled: 'rows-2025',
      lang: 'nl',
      title: 'Rijen en deel',
      link: LINK,
      exportDate: DATE,
    }),
    ...overrides,
  };
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('escapeXml', () => {
  it('turns markup into text and drops characters XML cannot hold', () => {
    expect(escapeXml(HOSTILE)).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeXml(`"a" & 'b'`)).toBe('&quot;a&quot; &amp; &apos;b&apos;');
    expect(escapeXml('a\u0000b\u0007c\uD800d\tℓ😀')).toBe('abcd\tℓ😀');
  });
});

describe('composeSvg', () => {
  const svg = composeSvg(gridInput());

  it('is a well-formed SVG of the requested size', () => {
    const names = checkWellFormed(svg.trim());
    expect(names[0]).toBe('svg');
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* width="800" height="600" viewBox="0 0 800 600"/,
    );
  });

  it('draws land, the filled layer’s regions, the no-data hatch and each visible layer’s borders as paths', () => {
    const land = svg.match(/<g class="land"[^>]*>(.*?)<\/g>/)?.[1] ?? '';
    expect(count(land, '<path')).toBe(9);
    const fills = svg.match(/<g class="region-fill" data-layer="rows-2025"[^>]*>(.*?)<\/g>/)?.[1] ?? '';
    expect(count(fills, '<path')).toBe(3);
    expect(count(svg, 'class="region-line"')).toBe(2);
    expect(svg).toMatch(/class="region-line" data-layer="rows-2025" d="M[^"]+" fill="none" stroke="#0072b2"/);
    expect(count(svg, 'class="no-data" data-layer="partial-2025"')).toBe(1);
    expect(svg).toContain('fill="url(#sa-nodata-hatch)"');
    expect(count(svg, 'class="outline"')).toBe(1);
    expect(count(svg, 'class="municipality-line"')).toBe(1);
  });

  it('gives two visible layers with the same registry colour different lines', () => {
    // The grid's layers all have #0072b2: the second gets the first free colour (assignLineStyles).
    const strokes = [...svg.matchAll(/class="region-line" data-layer="[^"]+" d="[^"]+" fill="none" stroke="([^"]+)"/g)];
    expect(new Set(strokes.map((m) => m[1])).size).toBe(2);
  });

  it('colours the gemeenten by congruence as the map does, with the ramp in the legend', () => {
    const atlas = gridAtlas();
    const congruence = new Map([
      ['GM0001', 0],
      ['GM0005', 1],
    ]);
    const visible = ['rows-2025'];
    const out = composeSvg(
      gridInput({
        congruence,
        text: compositionText(atlas, {
          visible,
          filled: null,
          lang: 'nl',
          title: 'T',
          link: LINK,
          congruenceLegend: 'Congruentie per gemeente (0 = geen gemeenschappelijke partners, 1 = dezelfde partners)',
          exportDate: DATE,
        }),
      }),
    );
    const group = out.match(/<g class="congruence"[^>]*>(.*?)<\/g>/)?.[1] ?? '';
    // One path per gemeente with a value, in the map's colours for 0 and 1; the others stay clear.
    expect(count(group, '<path')).toBe(2);
    expect(group).toContain(`fill="${congruenceColour(0)}" data-code="GM0001"`);
    expect(group).toContain(`fill="${congruenceColour(1)}" data-code="GM0005"`);
    expect(out).toContain('Congruentie per gemeente');
    for (const step of CONGRUENCE_RAMP_STEPS) expect(out).toContain(`fill="${congruenceColour(step)}"`);
    expect(svg).not.toContain('class="congruence"');
  });

  it('draws the selected gemeente, the highlighted region and border mode as the map does', () => {
    const atlas = gridAtlas();
    const plain = composeSvg(gridInput());
    expect(plain).not.toMatch(/class="(selected|highlighted-region|border-count)"/);
    const marked = composeSvg(
      gridInput({
        marks: {
          selected: 'GM0005',
          highlighted: { layerId: 'rows-2025', code: 'R2' },
          borderCounts: countBorders(atlas, ['rows-2025', 'partial-2025']),
        },
      }),
    );
    expect(count(marked, 'class="selected"')).toBe(1);
    expect(count(marked, 'class="highlighted-region"')).toBe(1);
    // Border mode: a line per shared border segment, none per layer.
    expect(count(marked, 'class="border-count"')).toBe(
      countBorders(atlas, ['rows-2025', 'partial-2025']).features.length,
    );
    expect(count(marked, 'class="region-line"')).toBe(0);
    // The heaviest line where both layers have a border, the lightest where one does, as the map's expression.
    expect(borderCountStroke(1)).toEqual({ colour: 'rgb(11, 31, 51)', width: 5 });
    expect(borderCountStroke(0)).toEqual({ colour: 'rgb(154, 165, 177)', width: 0.75 });
  });

  it('offsets each visible layer’s borders as MapLibre’s line-offset does', () => {
    const start = (out: string) => {
      const m = out.match(/class="region-line" data-layer="rows-2025" d="M([\d.]+) ([\d.]+)/);
      return [Number(m?.[1]), Number(m?.[2])] as const;
    };
    const alone = composeSvg(gridInput({ layers: [gridAtlas().layersById.get('rows-2025')!.meta] }));
    const [x0, y0] = start(alone);
    const [x1, y1] = start(svg);
    // Two visible layers: offsets −1.25 and +1.25 px (lineOffsets(2)); coordinates are rounded to 0.1 px.
    expect(Math.hypot(x1 - x0, y1 - y0)).toBeCloseTo(1.25, 0);
    expect(Math.hypot(x1 - x0, y1 - y0)).toBeGreaterThan(1.1);
  });

  it('has the legend, the source line and the link as text', () => {
    for (const text of [
      'Legenda',
      'Indeling rows',
      'Indeling partial',
      '3 regio’s; alle 9 gemeenten',
      '1 regio’s; 4 van 9 gemeenten',
      'Vlakkleur: Indeling rows',
      'gemeente zonder gegevens',
      'gemeentegrens',
      'Rijen en deel',
    ]) {
      expect(svg).toContain(`>${text}`);
    }
    expect(svg).toContain('Bronnen: Gemeentegrenzen 2025: Hand-made test grid');
    expect(svg).toContain('peildatum 1 januari 2025');
    expect(svg).toContain(`<a href="${escapeXml(LINK)}" xlink:href="${escapeXml(LINK)}"`);
    // The link text may wrap; joined it is the whole link.
    const linkText = [...(svg.match(/<g class="link">(.*?)<\/g>/)?.[1] ?? '').matchAll(/>([^<]+)</g)]
      .map((m) => m[1])
      .join(' ');
    expect(linkText.replace(/\s+/g, '')).toContain(escapeXml(LINK));
  });

  it('labels the filled layer’s regions', () => {
    const labels = svg.match(/<g class="labels"[^>]*>(.*?)<\/g>/)?.[1] ?? '';
    expect([...labels.matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1]).sort()).toEqual([
      'Middenrij',
      'Noordrij',
      'Zuidrij',
    ]);
  });

  it('dates the export in the sources block', () => {
    const sources = svg.match(/<g class="sources">(.*?)<\/g>/)?.[1] ?? '';
    const words = [...sources.matchAll(/>([^<]+)</g)].map((m) => m[1]).join(' ');
    expect(words).toMatch(/^Gemaakt op 3 december 2026\. Bronnen: Gemeentegrenzen 2025/);
    const english = composeSvg(
      gridInput({
        lang: 'en',
        text: compositionText(gridAtlas(), {
          visible: ['rows-2025'],
          filled: null,
          lang: 'en',
          title: 'T',
          link: LINK,
          exportDate: DATE,
        }),
      }),
    );
    expect(english).toContain('>Made on 3 December 2026. Sources: Municipal borders 2025');
  });

  it('keeps hostile names as text everywhere', () => {
    const file = gridLayerFile('rows', true);
    file.meta.name = { nl: HOSTILE, en: HOSTILE };
    file.meta.source = { ...file.meta.source, citation: HOSTILE };
    file.regions = file.regions.map((r, i) => (i === 0 ? { ...r, name: HOSTILE } : r));
    const atlas = buildAtlas(GRID_GEOMETRY, GRID, [file]);
    const text = compositionText(atlas, {
      visible: ['rows-2025'],
      filled: 'rows-2025',
      lang: 'nl',
      title: HOSTILE,
      link: `${LINK}&x="><script>alert(1)</script>`,
      exportDate: DATE,
    });
    const hostile = composeSvg({
      ...gridInput(),
      geometry: buildMapGeometry(atlas),
      layers: [file.meta],
      text,
    });
    checkWellFormed(hostile.trim());
    expect(hostile).not.toMatch(/<img|<script/i);
    expect(hostile).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const escaped = escapeXml(HOSTILE);
    const group = (name: string) => hostile.match(new RegExp(`<g class="${name}"[^>]*>(.*?)</g>`))?.[1] ?? '';
    expect(hostile).toContain(`<title>${escaped}</title>`);
    expect(group('labels')).toContain(`>${escaped}</text>`);
    // The legend column is narrow: the name may wrap at its spaces.
    expect(group('legend')).toContain('&lt;img src=x');
    expect(group('legend')).toContain('onerror=alert(1)&gt;');
    expect(group('sources')).toContain(escaped);
    expect(group('link')).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('writes a non-web link as text only', () => {
    const input = gridInput();
    const hostile = composeSvg({ ...input, text: { ...input.text, link: 'javascript:alert(1)' } });
    expect(hostile).not.toContain('<a ');
    expect(hostile).toContain('javascript:alert(1)');
  });

  it('draws a scale bar as long as its distance at the centre latitude (within 1%, by haversine)', () => {
    for (const [size, bbox] of [
      [{ width: 800, height: 600 }, BBOX],
      [{ width: 1122.56, height: 793.6 }, [3.3, 50.75, 7.23, 53.56] as Bbox],
      [{ width: 420, height: 700 }, [4.7, 52.2, 5.1, 52.5] as Bbox],
    ] as const) {
      const out = composeSvg(gridInput({ size, bbox }));
      const widthPx = Number(out.match(/data-width-px="([\d.]+)"/)?.[1]);
      const distanceM = Number(out.match(/data-distance-m="([\d.]+)"/)?.[1]);
      const input = gridInput({ size, bbox });
      const filled = input.geometry.layers.get('rows-2025')!;
      const labels = { labels: filled.labels, regions: filled.regions };
      const layout = layoutComposition(input.text, size, bbox, 'nl', undefined, labels);
      const projection = mapProjection(bbox, layout.map);
      const cx = layout.map.x + layout.map.width / 2;
      const cy = layout.map.y + layout.map.height / 2;
      const west = projection.invert!([cx - widthPx / 2, cy])!;
      const east = projection.invert!([cx + widthPx / 2, cy])!;
      const measured = haversineM(west, east);
      expect(Math.abs(measured - distanceM) / distanceM).toBeLessThan(0.01);
      expect(widthPx).toBeLessThanOrEqual(Math.min(160, layout.map.width / 4) + 0.01);
      expect(out).toContain(`>${distanceM >= 1000 ? `${distanceM / 1000} km` : `${distanceM} m`}</text>`);
    }
  });

  it('writes a physical size for print', () => {
    const out = composeSvg(gridInput({ physicalSize: { width: '297mm', height: '210mm' } }));
    expect(out).toMatch(/^<svg[^>]* width="297mm" height="210mm" viewBox="0 0 800 600"/);
  });
});

describe('layout', () => {
  const atlas = gridAtlas();
  const text = compositionText(atlas, {
    visible: ['rows-2025', 'columns-2025'],
    filled: null,
    lang: 'en',
    title: defaultTitle(atlas, ['rows-2025', 'columns-2025'], 'en'),
    link: LINK,
    exportDate: DATE,
  });

  const overlaps = (a: Rect, b: Rect) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('titles a view by its layers and the year of its gemeenten', () => {
    expect(text.title).toBe('Layout rows and Layout columns (2025)');
    expect(defaultTitle(atlas, ['rows-2025', 'columns-2025', 'ell-2025'], 'nl')).toBe(
      'Indeling rows, Indeling columns en Indeling ell (2025)',
    );
    expect(defaultTitle(atlas, [], 'nl')).toBe('Samenwerkingsatlas (2025)');
    const of2016 = { ...atlas, geometry: { ...atlas.geometry, year: 2016 } };
    expect(defaultTitle(of2016, ['rows-2025'], 'nl')).toBe('Indeling rows (2016)');
  });

  it('leaves out fill and no-data rows when nothing is filled or partial', () => {
    expect(text.legend.map((e) => e.swatch.kind)).toEqual(['line', 'line', 'municipality']);
  });

  it.each([
    ['wide', 'beside', { width: 1000, height: 700 }],
    ['narrow', 'below', { width: 400, height: 700 }],
  ] as const)('%s page: the legend %s the map, nothing overlapping, all inside the page', (_, where, size) => {
    const layout = layoutComposition(text, size, BBOX, 'en');
    expect(inside(layout.map, size)).toBe(true);
    const spans = [...layout.title, layout.legendHeading, ...layout.legend.flatMap((r) => r.lines)];
    for (const span of [...spans, ...layout.sources, ...layout.link]) {
      expect(span.y).toBeLessThanOrEqual(size.height);
      expect(span.x).toBeGreaterThanOrEqual(0);
    }
    const legendTop = layout.legendHeading.y - layout.legendHeading.sizePx;
    if (where === 'beside') expect(layout.legendHeading.x).toBeGreaterThanOrEqual(layout.map.x + layout.map.width);
    else expect(legendTop).toBeGreaterThanOrEqual(layout.map.y + layout.map.height);
    for (const row of layout.legend) expect(overlaps(row.swatch, layout.map)).toBe(false);
    const footTop = Math.min(...layout.sources.map((s) => s.y - s.sizePx));
    expect(footTop).toBeGreaterThanOrEqual(layout.map.y + layout.map.height);
    expect(inside(layout.scaleBar.box, size)).toBe(true);
  });

  it('sizes print as A4 at 300 dpi and screen as the map', () => {
    const print = exportSize('print', { width: 900, height: 700 });
    expect(Math.round(print.width * print.pixelRatio)).toBe(3508);
    expect(Math.round(print.height * print.pixelRatio)).toBe(2480);
    expect(exportSize('2x', { width: 900, height: 700 })).toEqual({ width: 900, height: 700, pixelRatio: 2 });
    expect(exportSize('screen', { width: 900, height: 700 })).toEqual({ width: 900, height: 700, pixelRatio: 1 });
  });

  it('wraps at spaces, cuts words longer than a line, and ends a cut text with an ellipsis', () => {
    const width = (s: string) => s.length;
    expect(wrapText('aa bb cc', 5, width)).toEqual(['aa bb', 'cc']);
    expect(wrapText('abcdefghij', 4, width)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('aa bb cc dd', 5, width, 1)).toEqual(['aa b…']);
  });

  it('rounds scale distances down to 1, 2 or 5 times a power of ten', () => {
    expect([0.7, 1, 1.9, 2, 4.99, 5, 73_000, 100].map(niceDistance)).toEqual([0.5, 1, 1, 2, 2, 5, 50_000, 100]);
  });
});

describe('region labels', () => {
  const atlas = gridAtlas();
  const geometry = buildMapGeometry(atlas);
  const cells = geometry.layers.get('cells-2025')!;
  const labels = { labels: cells.labels, regions: cells.regions };
  const text = (lang: 'nl' | 'en' = 'nl') =>
    compositionText(atlas, {
      visible: ['cells-2025'],
      filled: 'cells-2025',
      lang,
      title: 'Cellen',
      link: LINK,
      exportDate: DATE,
    });
  /** Zoomed out so far that the middle column's names no longer fit between their neighbours. */
  const FAR: Bbox = [4.4, 51.6, 5.9, 52.7];
  const NEAR: Bbox = [4.7, 51.8, 5.6, 52.5];
  const box = (l: MapLabel) => {
    const width = Math.max(...l.lines.map((line) => [...line].length * l.sizePx * 0.62)) + 8;
    const height = l.lines.length * l.lineHeightPx;
    return { x: l.x - width / 2, y: l.y - height / 2, width, height };
  };
  const apart = (a: Rect, b: Rect) =>
    a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;

  it('breaks a name at the space or hyphen that balances its lines', () => {
    const width = (s: string) => s.length;
    expect(breakName('Holland Rijnland', width)).toEqual(['Holland', 'Rijnland']);
    expect(breakName('Zuid-Limburg', width)).toEqual(['Zuid-', 'Limburg']);
    expect(breakName('Midden-Limburg West', width)).toEqual(['Midden-', 'Limburg West']);
    expect(breakName('Twente', width)).toBeNull();
    expect(breakName('-a', width)).toBeNull();
  });

  it('names a region on two lines where one does not fit', () => {
    const layout = layoutComposition(text(), { width: 800, height: 600 }, NEAR, 'nl', undefined, labels);
    const broken = layout.mapLabels.filter((l) => l.lines.length === 2);
    expect(broken.length).toBeGreaterThan(0);
    for (const l of broken) expect(l.lines).toEqual(['Cel', l.text.slice(4)]);
    const out = composeSvg({
      ...gridInput(),
      filled: 'cells-2025',
      layers: [atlas.layersById.get('cells-2025')!.meta],
      bbox: NEAR,
      text: text(),
    });
    const { code, lines } = broken[0]!;
    expect(out).toMatch(
      new RegExp(
        `<text [^>]*data-region="${code}"><tspan [^>]*>${lines[0]}</tspan><tspan [^>]*>${lines[1]}</tspan></text>`,
      ),
    );
  });

  it('numbers the regions without room for their name, north to south, and lists them in the legend', () => {
    const layout = layoutComposition(text(), { width: 800, height: 600 }, FAR, 'nl', undefined, labels);
    const numbers = layout.mapLabels.filter((l) => l.kind === 'number');
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.map((l) => l.text)).toEqual(numbers.map((_, i) => String(i + 1)));
    // Numbered in reading order of their label points: north to south, then west to east.
    const points = numbers.map((l) =>
      mapProjection(FAR, layout.map)(cells.labels.find((c) => c.code === l.code)!.lngLat)!,
    );
    points.slice(1).forEach(([x, y], i) => {
      const [px, py] = points[i]!;
      expect(y > py || (y === py && x >= px)).toBe(true);
    });
    const row = layout.legend.find((r) => r.entry.swatch.kind === 'number')!;
    expect(row.entry.label).toBe('Genummerd op de kaart');
    const list = numbers.map((l) => `${l.text} ${l.name}`).join(', ');
    expect(row.entry.detail).toBe(list);
    expect(list).toMatch(/^1 Cel \d, 2 Cel \d/);
    // Before "gemeentegrens", after the fill.
    expect(layout.legend.map((r) => r.entry.swatch.kind)).toEqual(['line', 'fills', 'number', 'municipality']);
    const english = layoutComposition(text('en'), { width: 800, height: 600 }, FAR, 'en', undefined, labels);
    expect(english.legend.find((r) => r.entry.swatch.kind === 'number')?.entry.label).toBe('Numbered on the map');

    const out = composeSvg({
      ...gridInput(),
      filled: 'cells-2025',
      layers: [atlas.layersById.get('cells-2025')!.meta],
      bbox: FAR,
      text: text(),
    });
    const group = (name: string) =>
      [...(out.match(new RegExp(`<g class="${name}"[^>]*>(.*?)</g>`))?.[1] ?? '').matchAll(/>([^<]+)<\/text>/g)].map(
        (m) => m[1],
      );
    const names = layout.mapLabels.filter((l) => l.kind === 'name').map((l) => l.text);
    expect(group('labels').sort()).toEqual(names.sort());
    expect(group('label-numbers')).toEqual(numbers.map((l) => l.text));
    expect(names.length + numbers.length).toBe(9);
    const legend = [...(out.match(/<g class="legend">(.*?)<\/g>/)?.[1] ?? '').matchAll(/>([^<]+)<\/text>/g)]
      .map((m) => m[1])
      .join(' ');
    expect(legend).toContain(list);
  });

  it.each([
    ['wide, near', { width: 800, height: 600 }, NEAR],
    ['wide, far', { width: 800, height: 600 }, FAR],
    ['narrow, far', { width: 380, height: 560 }, FAR],
    ['small, far', { width: 300, height: 300 }, [3.5, 51, 6.8, 53.3] as Bbox],
    ['zoomed in on a corner', { width: 800, height: 600 }, [5.0, 52.15, 5.15, 52.3] as Bbox],
  ] as const)('%s: every region in view once, by name or number; names apart and on the map', (_, size, bbox) => {
    const layout = layoutComposition(text(), size, bbox, 'nl', undefined, labels);
    const projection = mapProjection(bbox, layout.map);
    const { map } = layout;
    const inView = cells.labels
      .filter((l) => {
        const [x, y] = projection(l.lngLat)!;
        return x >= map.x && x <= map.x + map.width && y >= map.y && y <= map.y + map.height;
      })
      .map((l) => l.code)
      .sort();
    expect(layout.mapLabels.map((l) => l.code).sort()).toEqual(inView);
    const names = layout.mapLabels.filter((l) => l.kind === 'name');
    for (const [i, a] of names.entries()) {
      expect(inside(box(a), { width: map.x + map.width, height: map.y + map.height })).toBe(true);
      for (const b of names.slice(i + 1)) expect(apart(box(a), box(b))).toBe(true);
    }
    const numbers = layout.mapLabels.filter((l) => l.kind === 'number');
    const listed = layout.legend.find((r) => r.entry.swatch.kind === 'number')?.entry.detail ?? '';
    expect(listed).toBe(numbers.map((l) => `${l.text} ${l.name}`).join(', '));
    // Under a narrow map the list fits above the foot where the page has room for it (not on a 300 px square),
    // and the map keeps at least 45 % of the body.
    const legendBottom = Math.max(...layout.legend.flatMap((r) => r.lines.map((l) => l.y)));
    const footTop = Math.min(...layout.sources.map((l) => l.y - l.sizePx));
    const bodyHeight = footTop - 12 - map.y;
    const withoutList = layoutComposition(text(), size, bbox, 'nl').map.height;
    expect(map.height).toBeGreaterThanOrEqual(Math.min(bodyHeight * 0.45, withoutList) - 1e-9);
    if (size.width < 560 && size.height > 500) expect(legendBottom).toBeLessThanOrEqual(footTop);
  });
});

const inside = (r: Rect, size: { width: number; height: number }) =>
  r.x >= 0 && r.y >= 0 && r.x + r.width <= size.width + 1e-9 && r.y + r.height <= size.height + 1e-9;

describe('offsetPolyline', () => {
  it('moves a line to the right of its direction (y down), corners by their miter', () => {
    expect(
      offsetPolyline(
        [
          [0, 0],
          [10, 0],
        ],
        2,
      ),
    ).toEqual([
      [0, 2],
      [10, 2],
    ]);
    const corner = offsetPolyline(
      [
        [0, 0],
        [10, 0],
        [10, 10],
      ],
      -2,
    );
    expect(corner[1]![0]).toBeCloseTo(12, 9);
    expect(corner[1]![1]).toBeCloseTo(-2, 9);
  });

  it('keeps a closed ring closed', () => {
    const ring = offsetPolyline(
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
      1,
    );
    expect(ring[0]).toEqual(ring[4]);
    // Right of the direction (y down) is inside this ring.
    expect(ring[0]![0]).toBeCloseTo(1, 9);
    expect(ring[0]![1]).toBeCloseTo(1, 9);
  });
});
