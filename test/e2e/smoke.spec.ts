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
