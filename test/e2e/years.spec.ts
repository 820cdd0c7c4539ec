import { expect, test, type Page } from '@playwright/test';
import type { LayerFile, Manifest, MunicipalityTopology } from '../../src/lib/types';
import { checkedYear, guardPage, openApp, readData, saveScreenshot, waitForIdle } from './helpers';

/** The window of the app, with its MapLibre map (the dev and test handle). */
type WithMap = { __map: import('maplibre-gl').Map };

const manifest = readData<Manifest>('manifest.json');
const topologyOf = (year: number): MunicipalityTopology =>
  readData<MunicipalityTopology>(manifest.geometries.find((g) => g.year === year)!.file);
const gemeentenOf = (year: number) => topologyOf(year).objects.municipalities.geometries;
const layerIdsOf = (year: number) =>
  manifest.layers.filter((l) => l.geometryId === manifest.geometries.find((g) => g.year === year)!.id).map((l) => l.id);

/** The gemeenten drawn on the map (the municipalities source), as codes. */
async function mapCodes(page: Page): Promise<string[]> {
  await waitForIdle(page);
  return await page.evaluate(() => {
    const map = (window as unknown as WithMap).__map;
    const features = map.querySourceFeatures('municipalities');
    return [...new Set(features.map((f) => String(f.properties.code)))];
  });
}

test('the year control switches map, layers and legend to that year, and the link keeps it', async ({ page }) => {
  const guard = guardPage(page);
  await openApp(page);
  const years = manifest.geometries.map((g) => g.year).sort((a, b) => a - b);
  const radios = page.getByRole('radiogroup', { name: 'Jaar' }).getByRole('radio');
  await expect(radios).toHaveCount(years.length);
  await expect(checkedYear(page)).toHaveAccessibleName(/^2025: 342 gemeenten/);

  await page.getByRole('radio', { name: /^2016:/ }).click();
  await expect(page).toHaveURL(/[?&]year=2016(&|$)/);
  await expect(checkedYear(page)).toHaveAccessibleName(/^2016: 390 gemeenten/);
  // The layer list is 2016's: every layer of that year, none of another.
  await expect(page.locator('[data-layer]')).toHaveCount(layerIdsOf(2016).length);
  const listed = await page.locator('[data-layer]').evaluateAll((els) => els.map((e) => e.getAttribute('data-layer')));
  expect(listed.sort()).toEqual(layerIdsOf(2016).sort());
  // The mission layers that 2016 has stay visible, now as 2016's.
  const visible = new URL(page.url()).searchParams.get('layers')!.split(',');
  expect(visible).toEqual(['jeugdregio-2016', 'veiligthuis-2016', 'politie-eenheid-2016']);
  await expect(page.locator('.legend')).toContainText('alle 390 gemeenten');
  // The map draws 2016's gemeenten: Haaren is there, Meierijstad (2017) is not.
  const codes = await mapCodes(page);
  expect(codes).toContain('GM0788');
  expect(codes).not.toContain('GM1948');
  expect(codes.every((c) => gemeentenOf(2016).some((g) => g.id === c))).toBe(true);
  await saveScreenshot(page, 'years-2016');

  // Keyboard: the arrow keys move through the years.
  await checkedYear(page).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/[?&]year=2015(&|$)/);
  await expect(checkedYear(page)).toHaveAccessibleName(/^2015: 393 gemeenten/);
  await expect(checkedYear(page)).toBeFocused();
  await expect(page.locator('.legend')).toContainText('alle 393 gemeenten');

  // Back returns to 2016 with its view.
  await page.goBack();
  await expect(page).toHaveURL(/[?&]year=2016(&|$)/);
  await expect(checkedYear(page)).toHaveAccessibleName(/^2016:/);
  await expect(page.locator('.legend')).toContainText('alle 390 gemeenten');

  // The newest year drops the year from the link again.
  await page.getByRole('radio', { name: /^2025:/ }).click();
  await expect(page.locator('.legend')).toContainText('alle 342 gemeenten');
  expect(new URL(page.url()).searchParams.has('year')).toBe(false);
  expect(guard.errors).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});

test('a link restores a 2016 view: Haaren, a gemeente of 2016, with its regions of that year', async ({ page }) => {
  const guard = guardPage(page);
  await openApp(page, '?year=2016&layers=veiligthuis-2016&fill=none&gm=GM0788&panel=profile');
  await expect(checkedYear(page)).toHaveAccessibleName(/^2016:/);
  const profile = page.locator('.profile');
  await expect(profile.locator('h2')).toHaveText('Haaren');
  for (const id of ['jeugdregio-2016', 'veiligthuis-2016', 'politie-eenheid-2016']) {
    const region = readData<LayerFile>(`layers/${id}.json`).regions.find((r) => r.members.includes('GM0788'))!;
    await expect(profile).toContainText(region.name);
  }
  expect(new URL(page.url()).searchParams.get('layers')).toBe('veiligthuis-2016');
  expect(guard.errors).toEqual([]);
});

test('search finds the gemeenten of the year shown; a later gemeente of the same area is not one of them', async ({
  page,
}) => {
  await openApp(page, '?year=2016');
  const box = page.getByRole('combobox');
  await box.fill('Haaren');
  await expect(page.getByRole('option').first()).toContainText('Haaren');
  await box.press('Enter');
  await expect(page.locator('.profile h2')).toHaveText('Haaren');
  // Meierijstad was formed in 2017: not a gemeente of 2016.
  await box.fill('Meierijstad');
  await expect(page.getByRole('option').filter({ hasText: 'Meierijstad' })).toHaveCount(0);
  // Zeevang merged into Edam-Volendam on 1 January 2016: in 2016 it is a former gemeente, and says where it went.
  await box.fill('Zeevang');
  await expect(page.getByRole('option').first()).toContainText('Edam-Volendam');
  // In 2025 Haaren is a former gemeente (split in 2021) and says so.
  await page.getByRole('radio', { name: /^2025:/ }).click();
  await expect(page.locator('.legend')).toContainText('alle 342 gemeenten');
  await box.fill('Haaren');
  await expect(page.getByRole('group', { name: /Haaren/ })).toContainText('Opgedeeld');
  await box.press('Enter');
  // The sentence about Haaren, with the date it was divided, stays below the field.
  await expect(page.locator('.search .note')).toContainText('2021');
});

test('the about panel of a 2016 layer says that RegioAtlas 2016 has the same layout', async ({ page }) => {
  await openApp(page, '?year=2016');
  const meta = readData<LayerFile>('layers/ggd-2016.json').meta;
  expect(meta.alsoIn?.agrees).toBe(true);
  // 2016 has 34 layers, so the groups without a layer on the map start closed: find it by typing.
  await page.getByLabel('Zoek een laag').fill('GGD');
  await page.getByRole('button', { name: `Over deze laag: ${meta.name.nl}` }).click();
  const info = page.locator('.info');
  await expect(info).toContainText('Ook in');
  await expect(info).toContainText(meta.alsoIn!.source.citation);
  await expect(info).toContainText('dezelfde indeling');
  await expect(info).toContainText('1 januari 2016');
});

test('an export of 2016 says 2016 in its title', async ({ page }) => {
  await openApp(page, '?year=2016');
  await page.getByRole('button', { name: 'Exporteren' }).click();
  const title = page.locator('.export input[id$="-title"]');
  await expect(title).toHaveValue(/\(2016\)$/);
});
