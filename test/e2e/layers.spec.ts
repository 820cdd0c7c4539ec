import { expect, test } from '@playwright/test';
import { changedShare, guardPage, mapPixels, openApp, saveScreenshot } from './helpers';
import { builtData } from './data-points';

const MISSION_LAYERS = ['jeugdregio-2025', 'veiligthuis-2025', 'politie-eenheid-2025', 'cjg-2025'];

for (const id of MISSION_LAYERS) {
  test(`toggling ${id} changes the rendered map, and toggling back restores it`, async ({ page }) => {
    const guard = guardPage(page);
    await openApp(page);
    const checkbox = page.locator(`[data-layer="${id}"] input[type="checkbox"]`);
    const wasChecked = await checkbox.isChecked();
    const before = await mapPixels(page);
    await checkbox.click();
    await expect(checkbox).toBeChecked({ checked: !wasChecked });
    const after = await mapPixels(page);
    // Borders of a layer cover a few percent of the grid at national scale; 0.5% is far above noise.
    expect(changedShare(before, after)).toBeGreaterThan(0.005);
    await saveScreenshot(page, `toggle-${id}`);
    await checkbox.click();
    const restored = await mapPixels(page);
    expect(changedShare(before, restored)).toBeLessThan(0.002);
    expect(guard.errors).toEqual([]);
  });
}

test('the legend lists exactly the visible layers with their coverage', async ({ page }) => {
  await openApp(page);
  const { layer, geometry } = builtData();
  const cjg = layer('cjg-2025');
  const covered = new Set(cjg.regions.flatMap((r) => r.members)).size;
  const legend = page.locator('.legend');
  await expect(legend.locator('[data-legend="cjg-2025"]')).toContainText(
    `${covered} van ${geometry.municipalityCount} gemeenten bekend`,
  );
  await page.locator('[data-layer="cjg-2025"] input[type="checkbox"]').click();
  await expect(legend.locator('[data-legend="cjg-2025"]')).toHaveCount(0);
  await page.locator('[data-layer="ggd-2025"] input[type="checkbox"]').click();
  await expect(legend.locator('[data-legend="ggd-2025"]')).toBeVisible();
  // The source line names each visible layer's reference date.
  await expect(legend.locator('.sources')).toContainText('1 januari 2025');
});

test('choosing another filled layer recolours the map and moves the labels', async ({ page }) => {
  await openApp(page);
  const before = await mapPixels(page);
  const labelsBefore = await page.locator('.labels .label').allTextContents();
  await page.locator('[data-layer="politie-eenheid-2025"] button.fill').click();
  const after = await mapPixels(page);
  expect(changedShare(before, after)).toBeGreaterThan(0.05);
  const { layer } = builtData();
  const names = new Set(layer('politie-eenheid-2025').regions.map((r) => r.name));
  const labelsAfter = await page.locator('.labels .label').allTextContents();
  expect(labelsAfter).not.toEqual(labelsBefore);
  expect(labelsAfter.length).toBeGreaterThan(0);
  for (const text of labelsAfter) expect(names.has(text)).toBe(true);
});
