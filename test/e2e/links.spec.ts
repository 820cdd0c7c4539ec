import { expect, test } from '@playwright/test';
import { guardPage, openApp, saveScreenshot } from './helpers';

test('a link restores layers, fill, selection, map position and language', async ({ page }) => {
  const guard = guardPage(page);
  await openApp(
    page,
    '?lang=en&layers=ggd-2025,veiligheidsregio-2025&fill=ggd-2025&gm=GM0363&via=ggd-2025&map=4.9000,52.3700,9.00',
  );
  await expect(page.locator('[data-layer="ggd-2025"] input')).toBeChecked();
  await expect(page.locator('[data-layer="jeugdregio-2025"] input')).not.toBeChecked();
  await expect(page.locator('.region-panel h2')).toHaveText('GGD Amsterdam');
  await expect(page.locator('#layers-heading')).toHaveText('Layers');
  const camera = await page.evaluate(() => {
    const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
    return { ...map.getCenter(), zoom: map.getZoom() };
  });
  expect(camera.lng).toBeCloseTo(4.9, 2);
  expect(camera.lat).toBeCloseTo(52.37, 2);
  expect(camera.zoom).toBeCloseTo(9, 1);
  expect(guard.errors).toEqual([]);
});

test('back and forward move through selections', async ({ page }) => {
  await openApp(page);
  const box = page.getByRole('combobox');
  await box.fill('Utrecht');
  await box.press('Enter');
  await expect(page.locator('.profile h2')).toHaveText('Utrecht');
  await box.fill('Groningen');
  await box.press('Enter');
  await expect(page.locator('.profile h2')).toHaveText('Groningen');
  await page.goBack();
  await expect(page.locator('.profile h2')).toHaveText('Utrecht');
  await page.goForward();
  await expect(page.locator('.profile h2')).toHaveText('Groningen');
});

test('outdated or invalid parameters are ignored with a notice, never a broken page', async ({ page }) => {
  const guard = guardPage(page);
  await openApp(page, '?layers=jeugdregio-2016,veiligthuis-2025&gm=GM9999&map=abc&x=<b>1</b>');
  const notice = page.locator('.notice');
  await expect(notice).toContainText('jeugdregio-2016');
  await expect(notice).toContainText('GM9999');
  // Hostile text stays text.
  await expect(notice).toContainText('<b>1</b>');
  await expect(page.locator('.notice b')).toHaveCount(0);
  await expect(page.locator('[data-layer="veiligthuis-2025"] input')).toBeChecked();
  await expect(page.locator('[data-layer="jeugdregio-2025"] input')).not.toBeChecked();
  await saveScreenshot(page, 'link-with-bad-params');
  expect(guard.errors).toEqual([]);
});

test('a link with hundreds of unknown parameters, or of 96 kB, opens the map at full size with a one-line notice', async ({
  page,
}) => {
  const guard = guardPage(page);
  const junk = Array.from({ length: 600 }, (_, i) => `unknown${i}=${'v'.repeat(20)}`).join('&');
  const huge = `layers=${Array.from({ length: 4000 }, (_, i) => `nope-${i}-layer-id-xx`).join(',')}`;
  for (const query of [`?${junk}&lang=en`, `?${huge}`]) {
    await openApp(page, query);
    const notice = page.locator('.notice');
    await expect(notice).toHaveCount(1);
    // One line or two, not hundreds.
    expect((await notice.boundingBox())!.height).toBeLessThan(60);
    await expect(notice).toContainText(/more|nog/);
    const map = (await page.locator('.map').boundingBox())!;
    expect(map.height).toBeGreaterThan(500);
  }
  // The default layers, not an empty map, when a link names no layer this atlas has.
  await expect(page.locator('[data-layer="jeugdregio-2025"] input')).toBeChecked();
  expect(guard.errors).toEqual([]);
});
