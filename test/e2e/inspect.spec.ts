import { expect, test } from '@playwright/test';
import type { MunicipalityProps } from '../../src/lib/types';
import { guardPage, openApp, saveScreenshot, screenPoint } from './helpers';
import { builtData, pointInside } from './data-points';

test('hovering a gemeente shows its name and its region in every visible layer', async ({ page }) => {
  const guard = guardPage(page);
  await openApp(page);
  const { topology, layer } = builtData();
  const code = 'GM0344'; // Utrecht
  const p = await screenPoint(page, pointInside(topology, code));
  await page.mouse.move(p.x, p.y);
  const card = page.locator('.hover-card');
  await expect(card).toContainText('Utrecht');
  for (const id of ['jeugdregio-2025', 'veiligthuis-2025', 'politie-eenheid-2025']) {
    const region = layer(id).regions.find((r) => r.members.includes(code))!;
    await expect(card).toContainText(region.name);
  }
  // CJG: Utrecht is not among the documented gemeenten, so the card says so instead of inventing a region.
  await expect(card).toContainText('geen gegevens');
  await saveScreenshot(page, 'hover-utrecht');
  expect(guard.errors).toEqual([]);
});

test('clicking a gemeente opens the region panel with its gemeenten, inhabitants and overlaps', async ({ page }) => {
  await openApp(page);
  const { topology, layer, manifest } = builtData();
  const code = 'GM0014'; // Groningen
  const p = await screenPoint(page, pointInside(topology, code));
  await page.mouse.click(p.x, p.y);
  const panel = page.locator('.region-panel');
  const region = layer('jeugdregio-2025').regions.find((r) => r.members.includes(code))!;
  await expect(panel.locator('h2')).toHaveText(region.name);
  await expect(panel.locator('.members li')).toHaveCount(region.members.length);
  // Inhabitants: the sum of the members' figures in the built topology.
  const byCode = new Map(
    topology.objects.municipalities.geometries.map((g) => [g.id, (g.properties as MunicipalityProps).inhabitants]),
  );
  const sum = region.members.reduce((s, m) => s + (byCode.get(m) ?? 0), 0);
  await expect(panel.locator('.figures')).toContainText(new Intl.NumberFormat('nl-NL').format(sum));
  // Overlaps: every other visible layer appears with its regions.
  const vt = layer('veiligthuis-2025').regions.filter((r) => r.members.some((m) => region.members.includes(m)));
  for (const r of vt) await expect(panel).toContainText(r.name);
  expect(manifest.layers.length).toBeGreaterThan(4);
  await saveScreenshot(page, 'region-panel-groningen');
  // Switching the tab shows the same gemeente's Veilig Thuis-regio.
  await panel.getByRole('tab', { name: /Veilig Thuis/ }).click();
  const vtRegion = layer('veiligthuis-2025').regions.find((r) => r.members.includes(code))!;
  await expect(panel.locator('h2')).toHaveText(vtRegion.name);
  await panel.getByRole('button', { name: 'Sluiten' }).click();
  await expect(panel).toHaveCount(0);
});
