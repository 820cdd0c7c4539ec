import { expect, test, type Download, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { changedShare, guardPage, mapPixels, openApp, readData } from './helpers';
import { pngSize, readPngText } from '../../src/lib/export/png-text';
import type { LayerFile, Manifest } from '../../src/lib/types';

const OUT = join(import.meta.dirname, '../../test-results/export');
const HOSTILE = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://evil.example","klik")';

async function openExport(page: Page, query = ''): Promise<void> {
  await openApp(page, query);
  await page.getByRole('button', { name: 'Exporteren' }).click();
  await expect(page.locator('section.export')).toBeVisible();
}

/** Click a button of the export panel and save what it downloads; returns the path and the bytes. */
async function download(page: Page, button: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([
    // 0: no limit of its own; the test's timeout bounds it (the A4 print takes long).
    page.waitForEvent('download', { timeout: 0 }),
    page.locator('section.export').getByRole('button', { name: button, exact: true }).click(),
  ]);
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, file.suggestedFilename());
  await file.saveAs(path);
  await expect(page.locator('section.export [role="status"]')).toContainText(file.suggestedFilename());
  return { file, bytes: readFileSync(path) };
}

/** The on-screen map's size in CSS pixels (the "screen" export size). */
async function mapSize(page: Page): Promise<{ width: number; height: number }> {
  return page.locator('.map').evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
}

/** Decode a PNG in the browser and count distinct colours on a 64×64 grid over it. */
async function pngColourCount(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 64;
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0, 64, 64);
    const data = context.getImageData(0, 0, 64, 64).data;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return colours.size;
  }, png.toString('base64'));
}

/** Parse an SVG in the browser: parse errors, element counts and the text of its groups. */
async function inspectSvg(page: Page, svg: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    // Lines of a group joined by spaces (a wrapped name reads as one).
    const group = (name: string) =>
      [...doc.querySelectorAll(`g.${name} text`)].map((t) => t.textContent ?? '').join(' ');
    return {
      parseErrors: doc.getElementsByTagName('parsererror').length,
      rootName: root.nodeName,
      width: root.getAttribute('width'),
      height: root.getAttribute('height'),
      imgCount: doc.getElementsByTagName('img').length,
      scriptCount: doc.getElementsByTagName('script').length,
      regionLines: [...doc.querySelectorAll('path.region-line')].map((p) => p.getAttribute('data-layer')),
      pathCount: doc.getElementsByTagName('path').length,
      title: doc.querySelector('svg > title')?.textContent ?? '',
      legend: group('legend'),
      sources: group('sources'),
      linkText: group('link'),
      href: doc.querySelector('g.link a')?.getAttribute('href') ?? null,
    };
  }, svg);
}

/** The layers the legend lists now. */
async function legendLayers(page: Page): Promise<string[]> {
  return page.locator('.legend [data-legend]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.legend!));
}

/** A link back to this page's view: same page, the same visible layers. */
function expectViewLink(page: Page, link: string | null | undefined, visible: readonly string[]): void {
  expect(link).toBeTruthy();
  const url = new URL(link!);
  const here = new URL(page.url());
  expect(url.origin + url.pathname).toBe(here.origin + here.pathname);
  expect(url.searchParams.get('layers')?.split(',').sort()).toEqual([...visible].sort());
}

const layerName = (id: string): string => readData<LayerFile>(`layers/${id}.json`).meta.name.nl;

test('exports the map as PNG and SVG with legend, sources and link, without changing the map on screen', async ({
  page,
}) => {
  const guard = guardPage(page);
  await openExport(page);
  const before = await mapPixels(page);
  const size = await mapSize(page);
  const visible = await legendLayers(page);
  expect(visible.length).toBeGreaterThan(1);

  const png = await download(page, 'Download PNG');
  expect(png.file.suggestedFilename()).toMatch(/^samenwerkingsatlas-.*\.png$/);
  expect(pngSize(png.bytes)).toEqual(size);
  expect(png.bytes.length).toBeGreaterThan(20_000);
  expect(await pngColourCount(page, png.bytes)).toBeGreaterThan(20);
  const pngText = Object.fromEntries(readPngText(png.bytes).map((e) => [e.keyword, e.text]));
  expectViewLink(page, pngText.URL, visible);
  expect(pngText.Comment).toContain('peildatum');

  const svg = (await download(page, 'Download SVG')).bytes.toString('utf8');
  const doc = await inspectSvg(page, svg);
  expect(doc.parseErrors).toBe(0);
  expect(doc.rootName).toBe('svg');
  expect([Number(doc.width), Number(doc.height)]).toEqual([size.width, size.height]);
  expect(doc.regionLines.sort()).toEqual([...visible].sort());
  expect(doc.pathCount).toBeGreaterThan(100);
  for (const id of visible) expect(doc.legend).toContain(layerName(id));
  expect(doc.sources).toContain('Bronnen: Gemeentegrenzen');
  expect(doc.sources).toContain('peildatum');
  expectViewLink(page, doc.href, visible);
  expect(doc.linkText.replace(/\s+/g, '')).toContain(doc.href);

  // The map on screen is exactly as before.
  const after = await mapPixels(page);
  expect(changedShare(before, after)).toBe(0);
  expect(await mapSize(page)).toEqual(size);
  expect(guard.errors).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});

test('exports an A4 landscape print at 300 dpi, with its link, leaving the map on screen as it was', async ({
  page,
}) => {
  // 3508×2480 pixels drawn by MapLibre in software WebGL: about 10 s on a quiet 2-core machine, several times
  // that on a busy one. So this test has its own budget (replacing the global 60 s for this test only), and
  // the download waits as long as the test may run.
  test.setTimeout(240_000);
  const guard = guardPage(page);
  await openExport(page);
  const before = await mapPixels(page);
  const visible = await legendLayers(page);
  await page.getByLabel(/Afdruk A4 liggend/).check();
  const print = await download(page, 'Download PNG');
  expect(pngSize(print.bytes)).toEqual({ width: 3508, height: 2480 });
  const text = Object.fromEntries(readPngText(print.bytes).map((e) => [e.keyword, e.text]));
  expectViewLink(page, text.URL, visible);
  // A real map, not a blank page with a legend: many colours across the sheet.
  expect(await pngColourCount(page, print.bytes)).toBeGreaterThan(20);
  expect(changedShare(before, await mapPixels(page))).toBe(0);
  expect(guard.errors).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});

test('exports memberships as CSV for Dutch Excel (;, decimal comma) and with commas', async ({ page }) => {
  const guard = guardPage(page);
  await openExport(page);
  const visible = await legendLayers(page);
  const manifest = readData<Manifest>('manifest.json');
  const total = manifest.geometries[0]!.municipalityCount;
  // One row per membership, plus one per gemeente the layer does not cover.
  const expectedRows = visible
    .map((id) => {
      const file = readData<LayerFile>(`layers/${id}.json`);
      const covered = manifest.layers.find((l) => l.id === id)!.coveredCount;
      return file.regions.reduce((sum, r) => sum + r.members.length, 0) + total - covered;
    })
    .reduce((a, b) => a + b, 0);

  await expect(page.getByLabel(/puntkomma/)).toBeChecked();
  const semicolon = (await download(page, 'Download CSV (lidmaatschappen)')).bytes;
  expect([...semicolon.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = semicolon.toString('utf8').slice(1);
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.split('\r\n').slice(0, -1);
  expect(lines[1]).toMatch(/^# link;/);
  expectViewLink(page, lines[1]!.slice('# link;'.length), visible);
  const header = lines.find((l) => !l.startsWith('#'))!;
  expect(header).toBe(
    'layer_id;layer_name;region_code;region_name;municipality_code;municipality_name;inhabitants;area_km2;status',
  );
  const rows = lines.slice(lines.indexOf(header) + 1);
  expect(rows).toHaveLength(expectedRows);
  // Areas have decimals: written with a comma, never a point, never grouped.
  const areas = rows.map((r) => r.split(';').at(-2)!);
  expect(areas.some((a) => /^\d+,\d+$/.test(a))).toBe(true);
  expect(areas.every((a) => /^\d+(,\d+)?$/.test(a))).toBe(true);

  await page.getByLabel(/komma \(,\)/).check();
  const comma = (await download(page, 'Download CSV (lidmaatschappen)')).bytes.toString('utf8');
  const commaRows = comma.split('\r\n').filter((l) => l.startsWith(visible[0]!));
  expect(commaRows.some((r) => /,\d+\.\d+,(member|no-data)$/.test(r))).toBe(true);

  // Every statistics table the app offers downloads with the same dialect. The pair's tables are offered
  // once a pair has been compared: compare the first two visible layers, then come back to the export.
  await page.getByRole('button', { name: 'Vergelijk lagen' }).click();
  await page.locator('.matrix [data-cell="0-1"]').click();
  await expect(page.locator('.pair')).toBeVisible();
  await page.getByRole('button', { name: 'Exporteren' }).click();
  await expect(page.locator('section.export')).toBeVisible();
  await page.getByLabel(/komma \(,\)/).check();
  const pairNames = `${layerName(visible[0]!)} ↔ ${layerName(visible[1]!)}`;
  const tableButtons = page
    .locator('section.export')
    .getByRole('button', { name: /^Download CSV \((?!lidmaatschappen)/ });
  await expect(tableButtons).toHaveText([
    'Download CSV (Lagen vergeleken)',
    `Download CSV (Kerncijfers: ${pairNames})`,
    `Download CSV (Kruistabel: ${pairNames})`,
    `Download CSV (Gemeenten met andere partners: ${pairNames})`,
  ]);
  for (const label of await tableButtons.allTextContents()) {
    const bytes = (await download(page, label.trim())).bytes;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // The link holds commas, so with `,` as separator it is quoted.
    expect(bytes.toString('utf8')).toMatch(/\r\n# link,"http[^"]+"\r\n/);
  }
  expect(guard.errors).toEqual([]);
});

test('hostile layer and region names stay text on screen and in every export', async ({ page }) => {
  const guard = guardPage(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const file = readData<LayerFile>('layers/cjg-2025.json');
  file.meta.name = { nl: HOSTILE, en: HOSTILE };
  file.regions = file.regions.map((r, i) =>
    i === 0 ? { ...r, name: HOSTILE } : i === 1 ? { ...r, name: FORMULA } : r,
  );
  await page.route('**/data/layers/cjg-2025.json', (route) => route.fulfill({ json: file }));

  await openExport(page, '?layers=cjg-2025,jeugdregio-2025&fill=cjg-2025');
  await expect(page.locator('.legend')).toContainText(HOSTILE);
  expect(await page.locator('section.export input[type="text"]').inputValue()).toContain(HOSTILE);
  expect(await page.locator('img[onerror], img[src="x"]').count()).toBe(0);

  const svg = (await download(page, 'Download SVG')).bytes.toString('utf8');
  expect(svg).not.toMatch(/<img|<script/i);
  expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  const doc = await inspectSvg(page, svg);
  expect(doc.parseErrors).toBe(0);
  expect(doc.imgCount).toBe(0);
  expect(doc.title).toContain(HOSTILE);
  expect(doc.legend.replace(/\s+/g, ' ')).toContain('onerror=alert(1)>');

  const csv = (await download(page, 'Download CSV (lidmaatschappen)')).bytes.toString('utf8');
  expect(csv).toContain(`;${HOSTILE};`);
  // A formula-like name is prefixed with ' and quoted, so spreadsheets show it as text.
  expect(csv).toContain(`;"'=HYPERLINK(""http://evil.example"",""klik"")";`);
  expect(csv).not.toMatch(/[;\n]=HYPERLINK/);

  const png = await download(page, 'Download PNG');
  expect(pngSize(png.bytes).width).toBeGreaterThan(0);
  expect(readPngText(png.bytes).find((e) => e.keyword === 'Title')?.text).toContain(HOSTILE);

  expect(await page.locator('img[onerror], img[src="x"]').count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(guard.errors).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});
