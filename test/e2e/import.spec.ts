import { expect, test } from '@playwright/test';
import { changedShare, guardPage, mapPixels, openApp, saveScreenshot, screenPoint } from './helpers';
import type { MunicipalityProps } from '../../src/lib/types';
import { builtData, pointInside } from './data-points';

const HOSTILE = '<img src=x onerror=alert(1)>';

test('import a CSV with a hostile region name: it becomes a layer like any other, shown as text, and survives a reload', async ({
  page,
}) => {
  const guard = guardPage(page);
  page.on('dialog', (d) => {
    guard.errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await openApp(page);
  await page.getByRole('button', { name: 'Importeren' }).click();
  // [gemeente as written (code or name), region]
  const rows: [string, string][] = [
    ['GM0363', 'Amstelland'],
    ['Amstelveen', 'Amstelland'],
    ['Haarlem', HOSTILE],
    ['Zandvoort', HOSTILE],
  ];
  const csv = ['gemeente;regio', ...rows.map((r) => r.join(';'))].join('\n');
  await page.getByLabel(/Kies een bestand|bestand/i).setInputFiles({
    name: 'proef-indeling.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  const add = page.getByRole('button', { name: 'Laag toevoegen' });
  await expect(add).toBeEnabled();
  // Partial coverage is said, not refused: the summary and an info line with the numbers from this file.
  const { geometry, topology } = builtData();
  const gemeenten = topology.objects.municipalities.geometries.map((g) => ({
    code: String(g.id),
    name: (g.properties as MunicipalityProps).name,
  }));
  const covered = new Set(rows.map(([m]) => gemeenten.find((g) => g.code === m || g.name === m)!.code));
  expect(covered.size).toBe(4);
  const total = geometry.municipalityCount;
  expect(total).toBe(gemeenten.length);
  const regionCount = new Set(rows.map(([, r]) => r)).size;
  await expect(page.locator('.import .summary')).toContainText(
    `${rows.length} rijen gelezen, ${rows.length} gebruikt; ${regionCount} regio’s; ` +
      `${covered.size} van de ${total} gemeenten ingedeeld.`,
  );
  // The first five gemeenten without a region, alphabetically, are named as examples.
  const key = (name: string) =>
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9 ]/g, '');
  const examples = gemeenten
    .filter((g) => !covered.has(g.code))
    .map((g) => g.name)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .slice(0, 5);
  const partial = page.locator('.import .problems li', { hasText: 'bij geen regio' });
  await expect(partial).toHaveCount(1);
  await expect(partial.locator('.severity')).toHaveText('Ter info');
  await expect(partial.locator('span:not(.severity)')).toHaveText(
    `${total - covered.size} gemeenten horen bij geen regio; op de kaart staat daar ‘geen gegevens’ ` +
      `(zoals ${examples.join(', ')}, …).`,
  );
  const before = await mapPixels(page);
  await add.click();
  const row = page.locator('[data-layer^="eigen-"]');
  await expect(row).toHaveCount(1);
  await expect(row.locator('input[type="checkbox"]')).toBeChecked();
  const after = await mapPixels(page);
  expect(changedShare(before, after)).toBeGreaterThan(0.001);
  // The hostile name is text in the hover card and the legend, never an element.
  const p = await screenPoint(page, pointInside(topology, 'GM0392'));
  await page.mouse.move(p.x, p.y);
  await expect(page.locator('.hover-card')).toContainText(HOSTILE);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await saveScreenshot(page, 'import-user-layer');

  // The layer is kept in this browser: after a reload it is listed again, with its regions.
  await page.reload();
  await expect(page.locator('.map[data-map-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-layer^="eigen-"]')).toHaveCount(1);
  // It can be compared with every built-in layer.
  await page.getByRole('button', { name: 'Vergelijk lagen' }).click();
  await expect(page.locator('.matrix')).toBeVisible();
  await page.locator('[data-layer^="eigen-"] input[type="checkbox"]').check();
  await expect(page.locator('.matrix tbody th', { hasText: 'proef' })).toHaveCount(1);
  expect(guard.errors).toEqual([]);
});

test('a typo in a gemeente name is reported with a suggestion, and nothing is added until it is fixed', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Importeren' }).click();
  await page.getByLabel(/plak een tabel/i).fill('gemeente,regio\nAmsterdm,Noord\nUtrecht,Midden');
  await page.getByRole('button', { name: 'Geplakte tabel lezen' }).click();
  await expect(page.locator('.details')).toContainText('Amsterdm');
  const suggestion = page.getByRole('button', { name: /Amsterdam/ });
  await expect(suggestion).toBeVisible();
  await expect(page.getByRole('button', { name: 'Laag toevoegen' })).toBeDisabled();
  await suggestion.click();
  await expect(page.getByRole('button', { name: 'Laag toevoegen' })).toBeEnabled();
});

test('a binary file gets a clear message and the app stays as it was', async ({ page }) => {
  const guard = guardPage(page);
  await openApp(page);
  await page.getByRole('button', { name: 'Importeren' }).click();
  const bytes = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37) % 256));
  await page
    .getByLabel(/Kies een bestand|bestand/i)
    .setInputFiles({ name: 'foto.jpg', mimeType: 'image/jpeg', buffer: bytes });
  await expect(page.locator('.details')).toContainText(/binair|geen tekst|binary/i);
  await expect(page.getByRole('button', { name: 'Laag toevoegen' })).toBeDisabled();
  await expect(page.locator('[data-layer="jeugdregio-2025"]')).toHaveCount(1);
  expect(guard.errors).toEqual([]);
});

test('what-if: move a gemeente in a copy of a layer, see the comparison change, save it as an own layer', async ({
  page,
}) => {
  await openApp(page);
  const { topology, layer } = builtData();
  const code = 'GM0344'; // Utrecht
  const p = await screenPoint(page, pointInside(topology, code));
  await page.mouse.click(p.x, p.y);
  await page.getByRole('button', { name: /Wat als\?/ }).click();
  const draftRow = page.locator('[data-layer^="eigen-whatif-"]');
  await expect(draftRow).toHaveCount(1);
  // Move Utrecht to another jeugdzorgregio of the copy.
  const own = layer('jeugdregio-2025').regions.find((r) => r.members.includes(code))!;
  // The region of Amersfoort (GM0307), a neighbour.
  const other = layer('jeugdregio-2025').regions.find((r) => r.members.includes('GM0307'))!;
  expect(other.code).not.toBe(own.code);
  await page.getByLabel(/Verplaats Utrecht naar/).selectOption(other.code);
  await expect(page.locator('.region-panel h2')).toHaveText(other.name);
  // Compare with the original: Utrecht and its former partners now disagree.
  await page.getByRole('button', { name: /Vergelijk met Jeugdzorgregio/ }).click();
  await expect(page.locator('.pair .mismatches')).toContainText('Utrecht');
  await saveScreenshot(page, 'what-if-pair');
  // Save it under a name.
  await page.getByRole('button', { name: 'Sluiten' }).click();
  await page.mouse.click(p.x, p.y);
  await page.getByRole('button', { name: 'Naar de kopie' }).click();
  await page.getByLabel('Naam van de nieuwe laag').fill('Utrecht bij Amersfoort');
  await page.getByRole('button', { name: 'Opslaan als eigen laag' }).click();
  await expect(page.locator('[data-layer^="eigen-"]')).toContainText('Utrecht bij Amersfoort');
});
