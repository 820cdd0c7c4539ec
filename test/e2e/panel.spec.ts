import { expect, test } from '@playwright/test';
import { guardPage, openApp } from './helpers';
import { builtData } from './data-points';

test('a loading state shows while the data is on its way', async ({ page }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/data/manifest.json', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./');
  await expect(page.getByRole('status')).toContainText('laden');
  release();
  await expect(page.locator('.map[data-map-ready="true"]')).toBeVisible({ timeout: 30_000 });
});

test('a layer’s about panel gives its description, source, reference date and 2011 attributes', async ({ page }) => {
  await openApp(page);
  const { layer } = builtData();
  const meta = layer('veiligthuis-2025').meta;
  const row = page.locator('[data-layer="veiligthuis-2025"]');
  await row.getByRole('button', { name: /Over deze laag/ }).click();
  const info = row.locator('.info');
  await expect(info).toContainText(meta.description.nl);
  await expect(info).toContainText(meta.source.citation);
  await expect(info).toContainText('1 januari 2025');
  await expect(info).toContainText(meta.layout2011!.layoutName);
  await row.getByRole('button', { name: /Over deze laag/ }).click();
  await expect(info).toHaveCount(0);
});

test('the language switch puts layer names and the interface in English', async ({ page }) => {
  const guard = guardPage(page);
  await openApp(page);
  const { layer } = builtData();
  const meta = layer('jeugdregio-2025').meta;
  await page.getByRole('button', { name: 'Language: English' }).click();
  await expect(page.locator('[data-layer="jeugdregio-2025"]')).toContainText(meta.name.en);
  await expect(page.locator('#layers-heading')).toHaveText('Layers');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.legend .sources')).toContainText('1 January 2025');
  await page.getByRole('button', { name: 'Taal: Nederlands' }).click();
  await expect(page.locator('[data-layer="jeugdregio-2025"]')).toContainText(meta.name.nl);
  expect(guard.errors).toEqual([]);
});
