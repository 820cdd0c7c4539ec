import { expect, test } from '@playwright/test';
import { distinctColours, guardPage, mapPixels, openApp, saveScreenshot } from './helpers';
import { builtData } from './data-points';

test('the app loads with no console error, draws the map, and asks nothing of other hosts', async ({ page }) => {
  const guard = guardPage(page);
  await openApp(page);
  const pixels = await mapPixels(page);
  // A blank or failed WebGL canvas has one or two colours; fills, borders and lines give many.
  expect(distinctColours(pixels)).toBeGreaterThan(20);
  // Every layer of the manifest is listed in the layer panel.
  const { manifest } = builtData();
  for (const entry of manifest.layers) {
    await expect(page.locator(`[data-layer="${entry.id}"]`)).toHaveCount(1);
  }
  // Region labels of the filled layer are drawn as text.
  await expect(page.locator('.labels .label').first()).toBeVisible();
  await saveScreenshot(page, 'desktop-default');
  expect(guard.errors).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});

test('the newest year’s files are preloaded and fetched once each, and the page still names its charset in time', async ({
  page,
}) => {
  const guard = guardPage(page);
  const requested = new Map<string, number>();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.includes('/data/')) requested.set(path, (requested.get(path) ?? 0) + 1);
  });
  await openApp(page);
  const { manifest, geometry } = builtData();
  const preloads = await page
    .locator('link[rel="preload"][as="fetch"]')
    .evaluateAll((links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname));
  const files = [
    'manifest.json',
    geometry.file,
    ...manifest.layers.map((l) => l.file),
    ...(geometry.former ? [geometry.former.file] : []),
  ];
  expect(preloads.map((p) => p.replace(/^.*\/data\//, '')).sort()).toEqual([...files].sort());
  // The app's fetch takes the preloaded response: one request per file, none twice.
  for (const path of preloads) expect(requested.get(path), path).toBe(1);
  expect([...requested.values()].every((count) => count === 1)).toBe(true);
  // A server that sends no charset leaves it to <meta charset>, which must come within the first 1024 bytes.
  const html = await (await page.request.get(page.url())).body();
  const at = html.indexOf('<meta charset');
  expect(at).toBeGreaterThanOrEqual(0);
  expect(at).toBeLessThan(1024);
  expect(guard.errors).toEqual([]);
});
