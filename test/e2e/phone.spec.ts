import { expect, test } from '@playwright/test';
import { distinctColours, mapPixels, openApp, saveScreenshot, seriousA11yViolations } from './helpers';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('on a phone the map fills the screen and the layers are a bottom sheet', async ({ page }) => {
  await openApp(page);
  const mapBox = (await page.locator('.map').boundingBox())!;
  expect(mapBox.width).toBeGreaterThanOrEqual(389);
  expect(mapBox.height).toBeGreaterThan(500);
  expect(distinctColours(await mapPixels(page))).toBeGreaterThan(20);
  await saveScreenshot(page, 'phone-default');
  // The first screen says what this is, and the search field's hint fits in it.
  await expect(page.locator('.tagline')).toBeVisible();
  const fit = await page.getByRole('combobox').evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { text: context.measureText(input.placeholder).width, room };
  });
  expect(fit.text).toBeLessThanOrEqual(fit.room);
  const handle = page.locator('.sheet-handle');
  await expect(handle).toHaveAttribute('aria-expanded', 'false');
  await handle.click();
  const toggle = page.locator('[data-layer="ggd-2025"] input');
  await expect(toggle).toBeVisible();
  await toggle.click();
  await expect(toggle).toBeChecked();
  await saveScreenshot(page, 'phone-layers-sheet');
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('on a phone, search opens the profile as a sheet over the map', async ({ page }) => {
  await openApp(page);
  await page.getByRole('combobox').fill('Utrecht');
  await page.getByRole('combobox').press('Enter');
  const profile = page.locator('.profile');
  await expect(profile).toBeVisible();
  const box = (await page.locator('.details').boundingBox())!;
  // The profile's sheet ends just above the layer sheet's handle, which stays there to be pulled up.
  const handle = (await page.locator('.sheet-handle').boundingBox())!;
  expect(Math.abs(box.y + box.height - handle.y)).toBeLessThanOrEqual(2);
  expect(handle.y + handle.height).toBeCloseTo(844, -1);
  await saveScreenshot(page, 'phone-profile');
});
