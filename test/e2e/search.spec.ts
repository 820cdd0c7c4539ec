import { expect, test } from '@playwright/test';
import { changedShare, guardPage, mapPixels, openApp, saveScreenshot } from './helpers';
import { builtData } from './data-points';
import { feature } from 'topojson-client';
import bbox from '@turf/bbox';

test('typing a gemeente without accents finds it; Enter opens its profile and zooms the map to it', async ({
  page,
}) => {
  const guard = guardPage(page);
  await openApp(page);
  const { layer } = builtData();
  const before = await page.evaluate(() => (window as unknown as { __map: import('maplibre-gl').Map }).__map.getZoom());
  const box = page.getByRole('combobox');
  await box.fill('sudwest fryslan');
  await expect(page.getByRole('option').first()).toContainText('Súdwest-Fryslân');
  await box.press('Enter');
  const profile = page.locator('.profile');
  await expect(profile.locator('h2')).toHaveText('Súdwest-Fryslân');
  // Every layer's region of the gemeente is in the profile.
  for (const id of ['jeugdregio-2025', 'veiligthuis-2025', 'politie-eenheid-2025', 'ggd-2025']) {
    const region = layer(id).regions.find((r) => r.members.includes('GM1900'))!;
    await expect(profile).toContainText(region.name);
  }
  const after = await page.evaluate(() => (window as unknown as { __map: import('maplibre-gl').Map }).__map.getZoom());
  expect(after).toBeGreaterThan(before + 1);
  // Regression: the map centres on the gemeente (the desktop map beside two panels is not a phone).
  const { topology } = builtData();
  const geometry = topology.objects.municipalities.geometries.find((g) => g.id === 'GM1900')!;
  const [west, south, east, north] = bbox(feature(topology, geometry));
  const centre = await page.evaluate(() =>
    (window as unknown as { __map: import('maplibre-gl').Map }).__map.getCenter(),
  );
  expect(centre.lng).toBeGreaterThan(west);
  expect(centre.lng).toBeLessThan(east);
  expect(centre.lat).toBeGreaterThan(south);
  expect(centre.lat).toBeLessThan(north);
  await expect(page).toHaveURL(/gm=GM1900/);
  await expect(page).toHaveTitle(/Súdwest-Fryslân/);
  await saveScreenshot(page, 'profile-sudwest-fryslan');
  expect(guard.errors).toEqual([]);
});

test('keyboard: arrows move through results, Escape closes the list', async ({ page }) => {
  await openApp(page);
  const box = page.getByRole('combobox');
  await box.fill('den');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  const active = await box.getAttribute('aria-activedescendant');
  expect(active).toBeTruthy();
  await expect(page.locator(`[id="${active}"]`)).toHaveAttribute('aria-selected', 'true');
  await box.press('Escape');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
});

test('an alias and a former gemeente are found and explained', async ({ page }) => {
  await openApp(page);
  const box = page.getByRole('combobox');
  await box.fill('den bosch');
  await expect(page.getByRole('option').first()).toContainText("'s-Hertogenbosch");
  await box.fill('Nuth');
  const option = page.getByRole('option').first();
  await expect(option).toContainText('Beekdaelen');
  await expect(option).toContainText('2019');
  await box.fill('Amsterdm');
  await expect(page.locator('.search')).toContainText('Amsterdam');
});

test('from the profile, "show on map" highlights a region and "always together" marks gemeenten', async ({ page }) => {
  await openApp(page);
  await page.getByRole('combobox').fill('Tiel');
  await page.getByRole('combobox').press('Enter');
  const profile = page.locator('.profile');
  await expect(profile.locator('h2')).toHaveText('Tiel');
  const before = await mapPixels(page);
  await profile.getByRole('button', { name: 'Markeer op de kaart' }).click();
  const marked = await mapPixels(page);
  expect(changedShare(before, marked)).toBeGreaterThan(0.01);
  await profile.getByRole('button', { name: /Toon op kaart: .*Politie/ }).click();
  await expect(page).toHaveURL(/via=politie-eenheid-2025/);
  await saveScreenshot(page, 'profile-tiel-together');
});
