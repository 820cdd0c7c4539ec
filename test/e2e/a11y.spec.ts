import { expect, test } from '@playwright/test';
import { openApp, screenPoint, seriousA11yViolations } from './helpers';
import { builtData, pointInside } from './data-points';

test('the main view has no serious accessibility violations', async ({ page }) => {
  await openApp(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('the region panel has no serious accessibility violations', async ({ page }) => {
  await openApp(page);
  const { topology } = builtData();
  const p = await screenPoint(page, pointInside(topology, 'GM0363'));
  await page.mouse.click(p.x, p.y);
  await expect(page.locator('.region-panel')).toBeVisible();
  await page.locator('[data-layer="veiligthuis-2025"] button.about').click();
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('the profile, import and export panels have no serious accessibility violations', async ({ page }) => {
  await openApp(page);
  await page.getByRole('combobox').fill('Tiel');
  await page.getByRole('combobox').press('Enter');
  await expect(page.locator('.profile')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Importeren' }).click();
  await expect(page.getByRole('button', { name: 'Geplakte tabel lezen' })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Exporteren' }).click();
  await expect(page.getByRole('button', { name: /PNG/ }).first()).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
});
