import { expect, test, type Page } from '@playwright/test';
import { feature, neighbors } from 'topojson-client';
import type { LineString } from 'geojson';
import {
  changedShare,
  colourDistance,
  featureState,
  guardPage,
  mapColoursAt,
  mapPixels,
  openApp,
  readData,
  saveScreenshot,
  seriousA11yViolations,
} from './helpers';
import { builtAtlas, builtData, pointInside } from './data-points';
import type { LayerFile, MunicipalityProps, MunicipalityTopology } from '../../src/lib/types';
import { compareLayers, metricValue } from '../../src/lib/stats/pair';
import { describeComparison } from '../../src/lib/stats/describe';

const nl = (v: number) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 3 }).format(v);

async function openMatrix(page: Page) {
  // The four mission layers, the partial CJG layer among them (off by default).
  await openApp(page, '?layers=jeugdregio-2025,veiligthuis-2025,cjg-2025,politie-eenheid-2025&fill=jeugdregio-2025');
  await page.getByRole('button', { name: 'Vergelijk lagen' }).click();
  await expect(page.locator('.matrix table')).toBeVisible();
}

test('the matrix shows every visible layer against every other, with the module’s numbers', async ({ page }) => {
  const guard = guardPage(page);
  await openMatrix(page);
  const atlas = builtAtlas();
  const visible = ['jeugdregio-2025', 'veiligthuis-2025', 'cjg-2025', 'politie-eenheid-2025'];
  await expect(page.locator('.matrix tbody tr')).toHaveCount(visible.length);
  const cmp = compareLayers(atlas, 'jeugdregio-2025', 'veiligthuis-2025');
  const cell = page.locator('.matrix [data-cell="0-1"]');
  await expect(cell).toHaveText(nl(metricValue(cmp, 'congruence')!));
  await page.getByLabel(/Maat|Metric/).selectOption('nested');
  // Nestedness is directional: row A in column B.
  await expect(cell).toHaveText(nl(metricValue(cmp, 'nested', 'a')!));
  await expect(page.locator('.matrix [data-cell="1-0"]')).toHaveText(nl(metricValue(cmp, 'nested', 'b')!));
  await expect(page).toHaveURL(/panel=matrix/);
  await expect(page).toHaveURL(/metric=nested/);
  await saveScreenshot(page, 'matrix-nested');
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(guard.errors).toEqual([]);
});

test('a large matrix (all 34 layouts of 2016) comes a few rows per frame, busy until the last, and keeps them on a new metric', async ({
  page,
}) => {
  const guard = guardPage(page);
  // What the table held when it first entered the document, and when it first stopped being busy.
  await page.addInitScript(() => {
    type Seen = { rows: number; busy: string | null };
    const w = window as Window & { __firstMatrix?: Seen; __doneMatrix?: Seen };
    const observer = new MutationObserver(() => {
      const table = document.querySelector('.matrix table');
      if (!table) return;
      const seen = { rows: table.querySelectorAll('tbody tr').length, busy: table.getAttribute('aria-busy') };
      w.__firstMatrix ??= seen;
      if (seen.busy === 'false') {
        w.__doneMatrix = seen;
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
  });
  /** A cell showing exactly this figure (then a "*", its count, its hidden text or nothing; nl-NL has no "."). */
  const figure = (value: number) => new RegExp(`^${nl(value).replace(/[.-]/g, '\\$&')}(\\*|n=|,|$)`);
  const atlas = builtAtlas(2016);
  const ids = atlas.layers.map((l) => l.meta.id);
  expect(ids.length).toBe(34);
  await openApp(page, `?year=2016&layers=${ids.join(',')}`);
  await page.getByRole('button', { name: 'Vergelijk lagen' }).click();
  const table = page.locator('.matrix table');
  await expect(table).toHaveAttribute('aria-busy', 'false');
  const rows = page.locator('.matrix tbody tr');
  await expect(rows).toHaveCount(ids.length);
  // 100 cells a frame: 2 rows of 34 first, the table marked busy until the last has come.
  const seen = await page.evaluate(() => {
    const w = window as Window & { __firstMatrix?: unknown; __doneMatrix?: unknown };
    return [w.__firstMatrix, w.__doneMatrix];
  });
  expect(seen).toEqual([
    { rows: 2, busy: 'true' },
    { rows: ids.length, busy: 'false' },
  ]);
  // The last row to come has the worker's numbers: against the first column where congruence and ARI are both
  // defined and differ (a layout with multi-membership has no ARI).
  const names = await page.locator('.matrix tbody th').allTextContents();
  const idOf = (name: string) => atlas.layers.find((l) => l.meta.name.nl === name.trim())!.meta.id;
  const last = idOf(names[names.length - 1]!);
  const figuresOf = (column: number) => {
    const comparison = compareLayers(atlas, last, idOf(names[column]!));
    return { congruence: metricValue(comparison, 'congruence'), ari: metricValue(comparison, 'ari') };
  };
  const column = names.findIndex((_, j) => {
    const { congruence, ari } = figuresOf(j);
    return j < names.length - 1 && congruence !== null && ari !== null && nl(congruence) !== nl(ari);
  });
  expect(column).toBeGreaterThanOrEqual(0);
  const { congruence: value, ari } = figuresOf(column);
  const lastCell = page.locator(`.matrix [data-cell="${ids.length - 1}-${column}"]`);
  await expect(lastCell).toHaveText(figure(value!));
  // Another metric changes the numbers in place: every row is still there at once.
  await page.getByLabel(/Maat|Metric/).selectOption('ari');
  expect(await rows.count()).toBe(ids.length);
  await expect(table).toHaveAttribute('aria-busy', 'false');
  await expect(lastCell).toHaveText(figure(ari!));
  expect(guard.errors).toEqual([]);
});

test('a matrix cell opens the pair: plain-language reading, crosswalk, and the map in disagreement mode', async ({
  page,
}) => {
  const guard = guardPage(page);
  await openMatrix(page);
  const before = await mapPixels(page);
  await page.locator('.matrix [data-cell="0-1"]').click();
  const pair = page.locator('.pair');
  const cmp = compareLayers(builtAtlas(), 'jeugdregio-2025', 'veiligthuis-2025');
  const sentences = describeComparison(cmp, 'nl');
  await expect(pair.locator('.reading')).toContainText(sentences[sentences.length - 1]!);
  await expect(pair.locator('.crosswalk tbody tr')).toHaveCount(cmp.a.regionCount);
  // Only the two layers are drawn, with gemeenten coloured by congruence.
  const disagreement = await mapPixels(page);
  expect(changedShare(before, disagreement)).toBeGreaterThan(0.05);
  await expect(page.locator('.legend [data-legend]')).toHaveCount(2);
  await saveScreenshot(page, 'pair-jeugdregio-veiligthuis');

  // Sorting by Jaccard (count), lowest first after a second click.
  const header = pair.getByRole('columnheader', { name: /Jaccard \(aantal\)/ });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const lowest = Math.min(...cmp.crosswalk.fromA.map((r) => r.bestMatch?.jaccard ?? 1));
  await expect(pair.locator('.crosswalk tbody tr').first()).toContainText(nl(lowest));

  // Hovering a mismatching gemeente highlights it (and only it) on the map.
  const item = pair.locator('.mismatches button').first();
  const { topology } = builtData();
  const name = (await item.locator('.name').textContent())!.trim();
  const hoveredCode = String(
    topology.objects.municipalities.geometries.find((g) => (g.properties as MunicipalityProps).name === name)!.id,
  );
  // Every other gemeente in view is a control: its colour stays. (The highlight is a shade and an outline.) Its
  // neighbours are left out: at this scale some are a few pixels wide, and the outline along the shared border
  // can cover the point sampled in them.
  const geometries = topology.objects.municipalities.geometries;
  const hoveredIndex = geometries.findIndex((g) => String(g.id) === hoveredCode);
  const adjacent = new Set(neighbors(geometries as never)[hoveredIndex]!.map((i) => String(geometries[i]!.id)));
  const others = geometries.map((g) => String(g.id)).filter((c) => c !== hoveredCode && !adjacent.has(c));
  const points = [hoveredCode, ...others].map((c) => pointInside(topology, c));
  const beforeHover = await mapColoursAt(page, points);
  await item.hover();
  await expect(item).toHaveAttribute('aria-current', 'true');
  expect(await featureState(page, 'municipalities', hoveredCode)).toMatchObject({ hover: true });
  const afterHover = await mapColoursAt(page, points);
  expect(beforeHover[0]!.length, `${name} is in view`).toBe(1);
  expect(colourDistance(beforeHover[0]![0]!, afterHover[0]![0]!), `${name} is highlighted`).toBeGreaterThan(15);
  const inView = others.filter((_, i) => beforeHover[i + 1]!.length > 0);
  expect(inView.length).toBeGreaterThan(20);
  const changed = others.filter(
    (_, i) => beforeHover[i + 1]!.length > 0 && colourDistance(beforeHover[i + 1]![0]!, afterHover[i + 1]![0]!) > 5,
  );
  expect(changed).toEqual([]);
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(guard.errors).toEqual([]);

  // Back to the matrix restores the layers on the map.
  await pair.getByRole('button', { name: /Terug|Back/ }).click();
  await expect(page.locator('.matrix')).toBeVisible();
  await expect(page.locator('.legend [data-legend]')).toHaveCount(4);
});

test('border mode draws each border by how many visible layers share it', async ({ page }) => {
  await openApp(page);
  const { manifest, topology } = builtData();
  // The visible layers at the start, in registry order (the order the app counts them in).
  const visible = manifest.layers.map((l) => readData<LayerFile>(l.file)).filter((f) => f.meta.isDefaultVisible);
  expect(visible.length).toBeGreaterThan(2);
  const ids = visible.map((f) => f.meta.id);
  const before = await mapPixels(page);
  await page.getByRole('button', { name: 'Gedeelde grenzen' }).click();
  await expect(page.getByRole('button', { name: 'Gedeelde grenzen' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.legend .border-count')).toHaveText(
    `Grens gedeeld door 1 laag … door alle ${visible.length} zichtbare lagen`,
  );
  // One weighted line instead of a line per layer.
  expect(await layerVisibility(page, ['border-count-line', ...ids.map((id) => `region-line:${id}`)])).toEqual([
    'visible',
    ...ids.map(() => 'none'),
  ]);
  // Which borders it draws, and with what count: computed here from the topology and the layer files.
  const arcs = internalArcs(topology);
  const regionKey = visible.map((f) => {
    const keys = new Map<string, string[]>();
    for (const r of f.regions) for (const m of r.members) keys.set(m, [...(keys.get(m) ?? []), r.code]);
    return (code: string) => (keys.get(code) ?? []).sort().join('|');
  });
  const expected = new Map<number, string[]>();
  for (const [arc, [a, b]] of arcs) {
    const on = ids.filter((_, i) => regionKey[i]!(a) !== regionKey[i]!(b));
    if (on.length > 0) expected.set(arc, on);
  }
  const drawn = await page.evaluate(async () => {
    const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
    const source = map.getSource('border-count') as import('maplibre-gl').GeoJSONSource;
    const data = (await source.getData()) as GeoJSON.FeatureCollection;
    return data.features.map((f) => f.properties as { count: number; share: number; layerIds: string });
  });
  const tally = (list: string[]) => list.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
  expect(tally(drawn.map((p) => p.layerIds))).toEqual(tally([...expected.values()].map((on) => on.join(','))));
  for (const p of drawn) {
    expect(p.count).toBe(p.layerIds.split(',').length);
    expect(p.share).toBeCloseTo(p.count / visible.length, 10);
  }
  // On the map: the more visible layers share a border, the darker and wider its line. Measured around the
  // middle of every border with a given count: the darkest pixel (luminance 0–255) and the pixels of line
  // (luminance under 170; land, fills and gemeente borders are lighter) in a 7×7 window; medians per count.
  const middles = (count: number) =>
    [...expected]
      .filter(([, on]) => on.length === count)
      .map(([arc]) => {
        const line = feature(topology, { type: 'LineString', arcs: [arc] } as never) as unknown as {
          geometry: LineString;
        };
        const c = line.geometry.coordinates;
        return c[Math.floor(c.length / 2)] as [number, number];
      });
  const luminance = ([r, g, b]: [number, number, number]) => 0.299 * r + 0.587 * g + 0.114 * b;
  const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  const counts = [...new Set([...expected.values()].map((on) => on.length))].sort((x, y) => x - y);
  const measured: { count: number; darkest: number; linePixels: number }[] = [];
  for (const count of counts) {
    const points = middles(count);
    if (points.length < 20) continue;
    const windows = (await mapColoursAt(page, points, 3)).filter((w) => w.length > 0);
    expect(windows.length).toBeGreaterThan(points.length / 2);
    measured.push({
      count,
      darkest: median(windows.map((w) => Math.min(...w.map(luminance)))),
      linePixels: median(windows.map((w) => w.filter((c) => luminance(c) < 170).length)),
    });
  }
  // Borders of one layer, and borders of all but one (or all) of them, are both common enough to compare.
  expect(measured[0]!.count).toBe(1);
  expect(measured.at(-1)!.count).toBeGreaterThanOrEqual(visible.length - 1);
  expect(measured[0]!.darkest).toBeGreaterThan(110);
  expect(measured.at(-1)!.darkest).toBeLessThan(80);
  for (let i = 1; i < measured.length; i++) {
    expect(measured[i]!.darkest, `count ${measured[i]!.count} darker than ${measured[i - 1]!.count}`).toBeLessThan(
      measured[i - 1]!.darkest - 15,
    );
    expect(measured[i]!.linePixels, `count ${measured[i]!.count} wider than ${measured[i - 1]!.count}`).toBeGreaterThan(
      measured[i - 1]!.linePixels + 3,
    );
  }
  // The weighted lines replace the layers' own lines over a good part of the map.
  const after = await mapPixels(page);
  expect(changedShare(before, after)).toBeGreaterThan(0.02);
  await saveScreenshot(page, 'border-mode');

  await page.getByRole('button', { name: 'Gedeelde grenzen' }).click();
  await expect(page.getByRole('button', { name: 'Gedeelde grenzen' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('.legend .border-count')).toHaveCount(0);
  expect(await layerVisibility(page, ['border-count-line', ...ids.map((id) => `region-line:${id}`)])).toEqual([
    'none',
    ...ids.map(() => 'visible'),
  ]);
  const restored = await mapPixels(page);
  expect(changedShare(before, restored)).toBeLessThan(0.002);
});

/** The layout visibility of map layers (MapLibre reports an unset one as undefined: shown). */
async function layerVisibility(page: Page, layerIds: string[]): Promise<string[]> {
  return page.evaluate((list) => {
    const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
    return list.map((id) => {
      if (!map.getLayer(id)) return 'missing';
      return (map.getLayoutProperty(id, 'visibility') as string | undefined) ?? 'visible';
    });
  }, layerIds);
}

/** Every arc of the topology between two different gemeenten, with their codes. */
function internalArcs(topology: MunicipalityTopology): Map<number, [string, string]> {
  const sides = new Map<number, Set<string>>();
  for (const g of topology.objects.municipalities.geometries) {
    const polygons = (g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : []) as number[][][];
    for (const ring of polygons.flat()) {
      for (const a of ring) {
        const arc = a < 0 ? ~a : a;
        sides.set(arc, (sides.get(arc) ?? new Set()).add(String(g.id)));
      }
    }
  }
  const arcs = new Map<number, [string, string]>();
  for (const [arc, codes] of sides) if (codes.size === 2) arcs.set(arc, [...codes] as [string, string]);
  return arcs;
}
