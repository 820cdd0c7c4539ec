import { expect, test, type Download, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { changedShare, guardPage, mapPixels, openApp, readData } from './helpers';
import { pngSize, readPngText } from '../../src/lib/export/png-text';
import { METRICS } from '../../src/lib/stats/pair';
import type { LayerFile, Manifest } from '../../src/lib/types';

const OUT = join(import.meta.dirname, '../../test-results/export');
const HOSTILE = '<img src=x onerror=alert(1)>';
/** The browser's clock in these tests: every export is dated 3 December 2026. */
const TODAY = new Date('2026-12-03T10:00:00+01:00');
const FORMULA = '=HYPERLINK("http://evil.example","klik")';

async function openExport(page: Page, query = ''): Promise<void> {
  await page.clock.setFixedTime(TODAY);
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
      labels: [...doc.querySelectorAll('g.labels text')].map((t) => t.getAttribute('data-region')),
      labelNumbers: [...doc.querySelectorAll('g.label-numbers text')].map((t) => ({
        code: t.getAttribute('data-region'),
        number: t.textContent ?? '',
      })),
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
  expect(png.file.suggestedFilename()).toMatch(/^samenwerkingsatlas-.*-scherm\.png$/);
  expect(pngSize(png.bytes)).toEqual(size);
  expect(png.bytes.length).toBeGreaterThan(20_000);
  expect(await pngColourCount(page, png.bytes)).toBeGreaterThan(20);
  const pngText = Object.fromEntries(readPngText(png.bytes).map((e) => [e.keyword, e.text]));
  expectViewLink(page, pngText.URL, visible);
  expect(pngText.Comment).toMatch(/^Gemaakt op 3 december 2026\. Bronnen: /);
  expect(pngText.Comment).toContain('peildatum');
  expect(pngText['Creation Time']).toBe('2026-12-03');

  // Double size: its own name, so it does not overwrite the screen-size file.
  await page.getByLabel(/Dubbel \(2×/).check();
  const double = await download(page, 'Download PNG');
  expect(double.file.suggestedFilename()).toBe(png.file.suggestedFilename().replace(/-scherm\.png$/, '-2x.png'));
  expect(pngSize(double.bytes)).toEqual({ width: size.width * 2, height: size.height * 2 });

  const svgFile = await download(page, 'Download SVG');
  expect(svgFile.file.suggestedFilename()).toMatch(/-scherm\.svg$/);
  const svg = svgFile.bytes.toString('utf8');
  const doc = await inspectSvg(page, svg);
  expect(doc.parseErrors).toBe(0);
  expect(doc.rootName).toBe('svg');
  expect([Number(doc.width), Number(doc.height)]).toEqual([size.width, size.height]);
  expect(doc.regionLines.sort()).toEqual([...visible].sort());
  expect(doc.pathCount).toBeGreaterThan(100);
  for (const id of visible) expect(doc.legend).toContain(layerName(id));
  expect(doc.sources).toMatch(/^Gemaakt op 3 december 2026\. Bronnen: Gemeentegrenzen/);
  expect(doc.sources).toContain('peildatum');
  // Each source once, cited with its web address, nothing that only this repository holds.
  expect(doc.sources).not.toMatch(/SOURCES|§/);
  expect(doc.sources.replace(/\s+/g, '')).toContain('https://github.com/cartomap/nl');
  const cbs = doc.sources.split('CBS Gebiedsindelingen 2025 (PDOK), vereenvoudigd door cartomap/nl; lidmaatschap');
  expect(cbs.length).toBeLessThanOrEqual(2);
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
  expect(print.file.suggestedFilename()).toMatch(/^samenwerkingsatlas-.*-a4-300dpi\.png$/);
  expect(pngSize(print.bytes)).toEqual({ width: 3508, height: 2480 });
  const text = Object.fromEntries(readPngText(print.bytes).map((e) => [e.keyword, e.text]));
  expectViewLink(page, text.URL, visible);
  // A real map, not a blank page with a legend: many colours across the sheet.
  expect(await pngColourCount(page, print.bytes)).toBeGreaterThan(20);
  expect(changedShare(before, await mapPixels(page))).toBe(0);
  expect(guard.errors).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});

test('labels every jeugdregio on the exported map, by name or by a number the legend lists', async ({ page }) => {
  const guard = guardPage(page);
  await openExport(page, '?layers=jeugdregio-2025&fill=jeugdregio-2025');
  const regions = readData<LayerFile>('layers/jeugdregio-2025.json').regions;
  const svg = (await download(page, 'Download SVG')).bytes.toString('utf8');
  const doc = await inspectSvg(page, svg);
  expect(doc.parseErrors).toBe(0);
  // The whole country is in view: every region once, by name or by number.
  const numbered = doc.labelNumbers.map((n) => n.code);
  expect([...doc.labels, ...numbered].sort()).toEqual(regions.map((r) => r.code).sort());
  expect(doc.labels.length).toBeGreaterThanOrEqual(24);
  // Numbers run 1, 2, … and the legend says which region each is.
  expect(doc.labelNumbers.map((n) => n.number)).toEqual(doc.labelNumbers.map((_, i) => String(i + 1)));
  const legend = doc.legend.replace(/\s+/g, ' ');
  if (numbered.length > 0) expect(legend).toContain('Genummerd op de kaart');
  for (const { code, number } of doc.labelNumbers) {
    const name = regions.find((r) => r.code === code)!.name;
    expect(legend).toContain(`${number} ${name}`);
  }
  expect(guard.errors).toEqual([]);
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
  const hasGaps = visible.some((id) => manifest.layers.find((l) => l.id === id)!.coveredCount < total);

  await expect(page.getByLabel(/puntkomma/)).toBeChecked();
  await expect(page.getByLabel(/Bronregels toevoegen/)).toBeChecked();
  const memberships = await download(page, 'Download CSV (lidmaatschappen)');
  // Named after the map's title (its layers), so a one-layer file still says which layer it holds.
  expect(memberships.file.suggestedFilename()).toMatch(/^samenwerkingsatlas-.+-lidmaatschappen\.csv$/);
  const semicolon = memberships.bytes;
  expect([...semicolon.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = semicolon.toString('utf8').slice(1);
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.split('\r\n').slice(0, -1);
  // The header first, in Dutch; a column for the layer (several are visible), status only where a layer has gaps.
  const header = lines[0]!;
  expect(header).toBe(
    'laag_id;laag;regiocode;regionaam;gemeentecode;gemeentenaam;inwoners;oppervlakte_km2' + (hasGaps ? ';status' : ''),
  );
  const blank = lines.indexOf('');
  const rows = lines.slice(1, blank);
  expect(rows).toHaveLength(expectedRows);
  // After the table and an empty row: title, link, date and the sources, as # rows.
  const notes = lines.slice(blank + 1);
  expect(notes.every((l) => l.startsWith('# '))).toBe(true);
  const link = notes.find((l) => l.startsWith('# link;'))!;
  expectViewLink(page, link.slice('# link;'.length), visible);
  expect(notes).toContain('# gemaakt op;2026-12-03');
  expect(notes.filter((l) => l.startsWith('# bron;')).join('\n')).not.toMatch(/SOURCES|§/);
  // Areas have decimals, at most 4: written with a comma, never a point, never grouped.
  const areaColumn = header.split(';').indexOf('oppervlakte_km2');
  const areas = rows.map((r) => r.split(';')[areaColumn]!);
  expect(areas.some((a) => /^\d+,\d+$/.test(a))).toBe(true);
  expect(areas.every((a) => /^\d+(,\d{1,4})?$/.test(a))).toBe(true);

  await page.getByLabel(/komma \(,\)/).check();
  const comma = (await download(page, 'Download CSV (lidmaatschappen)')).bytes.toString('utf8');
  const commaRows = comma.split('\r\n').filter((l) => l.startsWith(visible[0]!));
  expect(commaRows.some((r) => /^\d+\.\d{1,4}$/.test(r.split(',')[areaColumn]!))).toBe(true);

  // Without source rows: the table alone.
  await page.getByLabel(/Bronregels toevoegen/).uncheck();
  const bare = (await download(page, 'Download CSV (lidmaatschappen)')).bytes.toString('utf8');
  expect(bare).not.toContain('#');
  expect(bare.split('\r\n')).toHaveLength(1 + expectedRows + 1);
  await page.getByLabel(/Bronregels toevoegen/).check();

  // Every statistics table the app offers downloads with the same dialect. The pair's tables are offered
  // once a pair has been compared: compare the first two visible layers, then come back to the export.
  await page.getByRole('button', { name: 'Vergelijk lagen' }).click();
  await page.locator('.matrix [data-cell="0-1"]').click();
  await expect(page.locator('.pair')).toBeVisible();
  await page.getByRole('button', { name: 'Exporteren' }).click();
  await expect(page.locator('section.export')).toBeVisible();
  await page.getByLabel(/komma \(,\)/).check();
  const [nameA, nameB] = [layerName(visible[0]!), layerName(visible[1]!)];
  const tableButtons = page
    .locator('section.export')
    .getByRole('button', { name: /^Download CSV \((?!lidmaatschappen)/ });
  await expect(tableButtons).toHaveText([
    /^Download CSV \(Lagen vergeleken: (?!alle maten)/,
    'Download CSV (Lagen vergeleken: alle maten)',
    `Download CSV (Kerncijfers: ${nameA} ↔ ${nameB})`,
    `Download CSV (Kruistabel: ${nameA} ↔ ${nameB})`,
    `Download CSV (Kruistabel: ${nameB} ↔ ${nameA})`,
    `Download CSV (Gemeenten met andere partners: ${nameA} ↔ ${nameB})`,
  ]);
  const files = new Map<string, string>();
  const fileNames: string[] = [];
  for (const label of await tableButtons.allTextContents()) {
    const { file, bytes } = await download(page, label.trim());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    // The header first, then the rows; the link holds commas, so with `,` as separator it is quoted.
    expect(csv.slice(1)).not.toMatch(/^#/);
    expect(csv).toMatch(/\r\n\r\n# titel,/);
    expect(csv).toMatch(/\r\n# link,"http[^"]+"\r\n/);
    // Statistics to at most 4 decimals.
    expect(csv).not.toMatch(/[,\n]-?\d+\.\d{5,}[,\r]/);
    files.set(label.trim(), csv);
    fileNames.push(file.suggestedFilename());
  }
  expect(new Set(fileNames).size).toBe(fileNames.length);
  const crosswalk = files.get(`Download CSV (Kruistabel: ${nameA} ↔ ${nameB})`)!;
  expect(crosswalk.slice(1).split('\r\n')[0]).toMatch(
    /^regiocode,regionaam,aantal_gemeenten,beste_match_code,beste_match_naam,jaccard_aantal,/,
  );
  const everyMetric = files.get('Download CSV (Lagen vergeleken: alle maten)')!.slice(1).split('\r\n');
  expect(everyMetric[0]).toBe('laag_a_id,laag_a,laag_b_id,laag_b,maat_id,maat,waarde');
  const tableRows = everyMetric.slice(1, everyMetric.indexOf(''));
  expect(tableRows).toHaveLength(visible.length ** 2 * METRICS.length);
  expect(new Set(tableRows.map((r) => r.split(',')[4]))).toEqual(new Set(METRICS.map((m) => m.id)));
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
  expect(await page.locator('section.export input[id$="-title"]').inputValue()).toContain(HOSTILE);
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

test('the export draws exactly the view: the profile’s gemeente outlined, and border mode', async ({ page }) => {
  await openApp(page);
  await page.getByRole('combobox').fill('Tiel');
  await page.getByRole('combobox').press('Enter');
  await expect(page.locator('.profile')).toBeVisible();
  await page.getByRole('button', { name: 'Exporteren', exact: true }).click();
  await expect(page.locator('section.export')).toBeVisible();
  // The profile stays open under the export, in the link too.
  expect(new URL(page.url()).searchParams.get('gm')).toBe('GM0281');
  const selected = (await download(page, 'Download SVG')).bytes.toString('utf8');
  expect(selected.match(/class="selected"/g)).toHaveLength(1);
  expect(selected).not.toContain('class="border-count"');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Gedeelde grenzen' }).click();
  await page.getByRole('button', { name: 'Exporteren', exact: true }).click();
  const shared = (await download(page, 'Download SVG')).bytes.toString('utf8');
  expect((shared.match(/class="border-count"/g) ?? []).length).toBeGreaterThan(100);
  expect(shared).not.toContain('class="region-line"');
});
