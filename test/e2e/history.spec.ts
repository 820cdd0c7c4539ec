import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { LayerFile, Manifest, MunicipalityTopology } from '../../src/lib/types';
import { checkedYear, guardPage, openApp, readData, saveScreenshot } from './helpers';

/** The window of the app, with its MapLibre map (the dev and test handle). */
type WithMap = { __map: import('maplibre-gl').Map };

/** Veilig Thuis 2022 → 2023 (../shared/geo-sources/SOURCES.md §12): two regions merged, two gemeenten moved. */
const codeOf2023 = (name: string): string =>
  String(
    readData<MunicipalityTopology>('municipalities-2023.topo.json').objects.municipalities.geometries.find(
      (g) => (g.properties as { name?: string } | undefined)?.name === name,
    )!.id,
  );
const region = (year: number, code: string) =>
  readData<LayerFile>(`layers/veiligthuis-${year}.json`).regions.find((r) => r.code === code)!;

test('through time: what changed in Veilig Thuis from 2022 to 2023, on the map and as a pair', async ({ page }) => {
  const guard = guardPage(page);
  await openApp(page);
  await page.getByRole('button', { name: 'Door de tijd' }).click();
  const panel = page.locator('.history');
  await panel.getByRole('combobox', { name: 'Indeling' }).selectOption('veiligthuis');
  // Years side by side: one row and column per year with a Veilig Thuis layer (from the manifest).
  const vtYears = readData<Manifest>('manifest.json').layers.filter((l) => l.kind === 'veiligthuis').length;
  await expect(panel.locator('.years-matrix tbody tr')).toHaveCount(vtYears);
  await expect(panel.locator('.years-matrix thead th')).toHaveCount(vtYears);
  await panel.getByRole('button', { name: /^2022 → 2023/ }).click();
  const changes = panel.locator('.changes');
  // Regions VT16 and VT26 went into VT27; Baarle-Nassau and Alphen-Chaam moved from VT21 to VT15.
  await expect(changes).toContainText(
    `${region(2022, 'VT16').name} en ${region(2022, 'VT26').name} gingen samen op in ${region(2023, 'VT27').name}`,
  );
  await expect(changes).toContainText(
    `Baarle-Nassau en Alphen-Chaam gingen van Veilig Thuis-regio ${region(2022, 'VT21').name} naar ${region(2023, 'VT15').name}`,
  );
  await expect(panel.locator('.method')).toContainText('345 gemeenten');
  // The gemeenten the matching divides are named, not coded.
  await expect(panel.locator('.method')).not.toContainText('GM0');
  // The change list as CSV, saying which matching it rests on.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download de veranderingen 2022–2023 (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('veiligthuis-2022-2023.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toMatch(/^\uFEFF?# matching;/m);
  expect(csv).toContain('Baarle-Nassau');
  // Provenance rows: the title, the link, and the sources of both years' layers with their reference dates.
  expect(csv).toMatch(/^\uFEFF?# titel;Van 2022 naar 2023/m);
  expect(csv).toMatch(/^# link;http/m);
  expect(csv).toContain('Gemeentegrenzen 2022');
  expect(csv).toContain('Gemeentegrenzen 2023');
  expect(csv).toContain('peildatum 1 januari 2023');

  // On the map: 2023, its Veilig Thuis layer and 2022's beside it, the two moved gemeenten marked.
  await panel.getByRole('button', { name: 'Toon op de kaart van 2023' }).click();
  await expect(page).toHaveURL(/[?&]year=2023(&|$)/);
  const layers = new URL(page.url()).searchParams.get('layers')!.split(',');
  expect(layers.sort()).toEqual(['veiligthuis-2022~2023', 'veiligthuis-2023']);
  await expect(page.locator('.legend')).toContainText("Veilig Thuis-regio's 2022 (op de gemeenten van 2023)");
  const codes = ['Baarle-Nassau', 'Alphen-Chaam', 'Breda'].map((name) => codeOf2023(name));
  const marked = await page.evaluate((ids) => {
    const map = (window as unknown as WithMap).__map;
    return ids.map((id) => map.getFeatureState({ source: 'municipalities', id }).marked === true);
  }, codes);
  // Baarle-Nassau and Alphen-Chaam marked, Breda (which stayed) not.
  expect(marked).toEqual([true, true, false]);
  await saveScreenshot(page, 'history-map');

  // As a pair on the gemeenten of 2022: the pair view of 2022's layer against 2023's projected onto 2022.
  await panel.getByRole('button', { name: 'Vergelijk als paar op de gemeenten van 2022' }).click();
  await expect(page).toHaveURL(/[?&]year=2022(&|$)/);
  await expect(page).toHaveURL(/pair=veiligthuis-2022,veiligthuis-2023~2022/);
  await expect(page.locator('.pair h2')).toContainText('Veilig Thuis');
  await expect(page.locator('.pair')).toContainText('op de gemeenten van 2022');
  // The link reopens the cross-year pair: the 2023 layer is drawn on the gemeenten of 2022 again.
  const link = page.url();
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.locator('.pair')).toContainText('op de gemeenten van 2022', { timeout: 30_000 });
  await expect(checkedYear(page)).toHaveAccessibleName(/^2022:/);
  await expect(page.locator('.notice')).toHaveCount(0);
  expect(guard.errors).toEqual([]);
});

test('through time: the trend of two layouts, each point of the chart and each year in its list opening that year’s pair', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Door de tijd' }).click();
  const panel = page.locator('.history');
  await panel.getByRole('combobox', { name: 'Indeling' }).selectOption('jeugdregio');
  await panel.getByRole('combobox', { name: 'Vergeleken met' }).selectOption('veiligthuis');
  // Every year with both a jeugd and a Veilig Thuis layer: 2016 and 2020-2025.
  const points = panel.locator('.points button');
  await expect(points).toHaveCount(7);
  await expect(points.first()).toContainText('2016:');
  await expect(panel.locator('.chart circle')).toHaveCount(7);
  // A point of the chart opens its year's pair (here 2020's, by keyboard).
  await panel.locator('.chart circle').nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]year=2020(&|$)/);
  await expect(page).toHaveURL(/pair=jeugdregio-2020,veiligthuis-2020/);
  // So does the year in the list below it.
  await page.getByRole('button', { name: 'Door de tijd' }).click();
  await panel.getByRole('combobox', { name: 'Indeling' }).selectOption('jeugdregio');
  await panel.getByRole('combobox', { name: 'Vergeleken met' }).selectOption('veiligthuis');
  await points.first().click();
  await expect(page).toHaveURL(/[?&]year=2016(&|$)/);
  await expect(page).toHaveURL(/pair=jeugdregio-2016,veiligthuis-2016/);
});

test('a gemeente’s history: Haaren’s regions year by year and its split in 2021', async ({ page }) => {
  const guard = guardPage(page);
  await openApp(page, '?year=2016&gm=GM0788&panel=profile');
  await page.getByRole('button', { name: 'Geschiedenis van Haaren' }).click();
  const history = page.locator('.profile-history');
  // Haaren existed from 2015 to 2020 (split on 1 January 2021): its jeugdregio in each of those years, from the layer
  // files; where they are all the same region the history shows them as one run.
  const names = [2015, 2016, 2017, 2018, 2019, 2020].map(
    (year) =>
      readData<LayerFile>(`layers/jeugdregio-${year}.json`).regions.find((r) => r.members.includes('GM0788'))!.name,
  );
  expect(new Set(names).size).toBe(1);
  await expect(history.locator('dd').first()).toContainText(`2015–2020: ${names[0]}`);
  // Split on 1 January 2021 over Boxtel, Oisterwijk, Tilburg and Vught (the boundary-change table).
  const changes = history.locator('ul').last();
  for (const receiver of ['Boxtel', 'Oisterwijk', 'Tilburg', 'Vught']) await expect(changes).toContainText(receiver);
  await expect(changes).toContainText('2021');
  expect(guard.errors).toEqual([]);
});

test('any two layers of different years: jeugd 2016 against Veilig Thuis 2025 on the gemeenten of 2016', async ({
  page,
}) => {
  const guard = guardPage(page);
  await openApp(page);
  await page.getByRole('button', { name: 'Door de tijd' }).click();
  const panel = page.locator('.history');
  await panel.getByRole('combobox', { name: 'Laag A' }).selectOption('jeugdregio-2016');
  await panel.getByRole('combobox', { name: 'Laag B' }).selectOption('veiligthuis-2025');
  await panel.getByRole('button', { name: 'Vergelijk de twee lagen' }).click();
  await expect(page).toHaveURL(/[?&]year=2016(&|$)/);
  await expect(page).toHaveURL(/pair=jeugdregio-2016,veiligthuis-2025~2016/);
  await expect(page.locator('.pair')).toContainText('op de gemeenten van 2016');
  expect(guard.errors).toEqual([]);
});
