import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { changedShare, guardPage, mapPixels, openApp, saveScreenshot, seriousA11yViolations } from './helpers';
import { buildAtlas } from '../../src/lib/data/atlas';
import { parseLayerFile, parseManifest, parseMunicipalityTopology } from '../../src/lib/data/parse';
import { compareLayers, metricValue } from '../../src/lib/stats/pair';
import { describeComparison } from '../../src/lib/stats/describe';

/** The atlas from the built data, through the same parsers as the app: the numbers the app must show. */
function builtAtlas() {
  const dir = join(import.meta.dirname, '../../public/data');
  const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown;
  const manifest = parseManifest(read('manifest.json'), 'manifest.json');
  const geometry = manifest.geometries[0]!;
  return buildAtlas(
    geometry,
    parseMunicipalityTopology(read(geometry.file), geometry.file),
    manifest.layers.map((l) => parseLayerFile(read(l.file), l.file)),
  );
}

const nl = (v: number) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 3 }).format(v);

async function openMatrix(page: Page) {
  await openApp(page);
  await page.getByRole('button', { name: 'Vergelijk lagen' }).click();
  await expect(page.locator('.matrix table')).toBeVisible();
}

test('the matrix shows every visible layer against every other, with the module’s numbers', async ({ page }) => {
  const guard = guardPage(page);
  await openMatrix(page);
  const atlas = builtAtlas();
  const visible = ['jeugdregio-2025', 'veiligthuis-2025', 'cjg-2025', 'politie-eenheid-2025'];
  await expect(page.locator('.matrix tbody tr')).toHaveCount(visible.length);
  const cmp = compareLayers(atlas, 'jeugdregio-2025', 'veiligthuis-2025');
  const cell = page.locator('.matrix [data-cell="0-1"]');
  await expect(cell).toHaveText(nl(metricValue(cmp, 'congruence')!));
  await page.getByLabel(/Maat|Metric/).selectOption('nested');
  // Nestedness is directional: row A in column B.
  await expect(cell).toHaveText(nl(metricValue(cmp, 'nested', 'a')!));
  await expect(page.locator('.matrix [data-cell="1-0"]')).toHaveText(nl(metricValue(cmp, 'nested', 'b')!));
  await expect(page).toHaveURL(/panel=matrix/);
  await expect(page).toHaveURL(/metric=nested/);
  await saveScreenshot(page, 'matrix-nested');
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(guard.errors).toEqual([]);
});

test('a matrix cell opens the pair: plain-language reading, crosswalk, and the map in disagreement mode', async ({
  page,
}) => {
  const guard = guardPage(page);
  await openMatrix(page);
  const before = await mapPixels(page);
  await page.locator('.matrix [data-cell="0-1"]').click();
  const pair = page.locator('.pair');
  const cmp = compareLayers(builtAtlas(), 'jeugdregio-2025', 'veiligthuis-2025');
  const sentences = describeComparison(cmp, 'nl');
  await expect(pair.locator('.reading')).toContainText(sentences[sentences.length - 1]!);
  await expect(pair.locator('.crosswalk tbody tr')).toHaveCount(cmp.a.regionCount);
  // Only the two layers are drawn, with gemeenten coloured by congruence.
  const disagreement = await mapPixels(page);
  expect(changedShare(before, disagreement)).toBeGreaterThan(0.05);
  await expect(page.locator('.legend [data-legend]')).toHaveCount(2);
  await saveScreenshot(page, 'pair-jeugdregio-veiligthuis');

  // Sorting by Jaccard (count), lowest first after a second click.
  const header = pair.getByRole('columnheader', { name: /Jaccard \(aantal\)/ });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const lowest = Math.min(...cmp.crosswalk.fromA.map((r) => r.bestMatch?.jaccard ?? 1));
  await expect(pair.locator('.crosswalk tbody tr').first()).toContainText(nl(lowest));

  // Hovering a mismatching gemeente highlights it on the map.
  const item = pair.locator('.mismatches button').first();
  await item.hover();
  await expect(item).toHaveAttribute('aria-current', 'true');
  const hovered = await mapPixels(page);
  expect(changedShare(disagreement, hovered)).toBeGreaterThan(0);
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(guard.errors).toEqual([]);

  // Back to the matrix restores the layers on the map.
  await pair.getByRole('button', { name: /Terug|Back/ }).click();
  await expect(page.locator('.matrix')).toBeVisible();
  await expect(page.locator('.legend [data-legend]')).toHaveCount(4);
});

test('border mode draws each border by how many visible layers share it', async ({ page }) => {
  await openApp(page);
  const before = await mapPixels(page);
  await page.getByRole('button', { name: 'Gedeelde grenzen' }).click();
  await expect(page.getByRole('button', { name: 'Gedeelde grenzen' })).toHaveAttribute('aria-pressed', 'true');
  const after = await mapPixels(page);
  expect(changedShare(before, after)).toBeGreaterThan(0.005);
  await expect(page.locator('.legend .border-count')).toContainText('4');
  await saveScreenshot(page, 'border-mode');
  await page.getByRole('button', { name: 'Gedeelde grenzen' }).click();
  const restored = await mapPixels(page);
  expect(changedShare(before, restored)).toBeLessThan(0.002);
});
