/**
 * Reading the statistics right (issue 12), done as a person does it: a pair on few gemeenten in the matrix and the
 * pair view, one colour direction from matrix to map, the crosswalk's difference column in view at 1280 px and on
 * a phone, a divided former gemeente's successors in search, a large gemeente fitted on the map, one denominator
 * in "always together", and the hover card out of the way of a panel. Expectations come from the built data files.
 */
import { expect, test, type Page } from '@playwright/test';
import { feature } from 'topojson-client';
import bbox from '@turf/bbox';
import type { FormerMunicipalitiesFile, LayerFile, MunicipalityProps } from '../../src/lib/types';
import { compareLayers } from '../../src/lib/stats/pair';
import { FEW_MUNICIPALITIES } from '../../src/lib/stats/multi-congruence';
import {
  guardPage,
  mapColoursAt,
  openApp,
  readData,
  saveScreenshot,
  screenPoint,
  seriousA11yViolations,
} from './helpers';
import { builtAtlas, builtData, pointInside } from './data-points';

type WithMap = { __map: import('maplibre-gl').Map };

const PAIR = ['jeugdregio-2025', 'veiligthuis-2025'] as const;
const MATRIX_LAYERS = ['jeugdregio-2025', 'veiligthuis-2025', 'cjg-2025', 'politie-eenheid-2025'];

/** Gemeenten a layer file gives a region. */
const coveredBy = (file: LayerFile) => new Set(file.regions.flatMap((r) => r.members));

const luminance = ([r, g, b]: readonly number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;

/** The page's map as a box on the page. */
const mapBox = async (page: Page) => (await page.locator('.map').boundingBox())!;

test('a pair on few gemeenten says on how many, in the matrix and the pair view, and is marked not meaningful', async ({
  page,
}) => {
  const guard = guardPage(page);
  await openApp(page, `?layers=${MATRIX_LAYERS.join(',')}&panel=matrix`);
  const matrix = page.locator('.matrix');
  await expect(matrix.locator('table')).toBeVisible();
  const { layer, topology } = builtData();
  const total = topology.objects.municipalities.geometries.length;
  const known = coveredBy(layer('cjg-2025')).size;
  expect(known).toBeLessThan(FEW_MUNICIPALITIES);

  // Jeugdzorgregio's (row 0) against CJG (column 2), and back: the count is on the cell, in full in its name.
  for (const id of ['0-2', '2-0']) {
    const cell = matrix.locator(`[data-cell="${id}"]`);
    await expect(cell).toContainText(`n=${known}`);
    await expect(cell).toContainText('*');
    await expect(cell).toHaveAccessibleName(
      new RegExp(`berekend op ${known} van ${total} gemeenten: te weinig gemeenten voor een zinvol getal`),
    );
    await expect(cell).toHaveAttribute('title', new RegExp(`berekend op ${known} van ${total} gemeenten`));
    // Hatched, not a colour of the scale.
    expect(await cell.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain('repeating-linear-gradient');
  }
  // A pair on every gemeente shows its figure alone, on the scale's colour.
  const whole = matrix.locator('[data-cell="0-1"]');
  await expect(whole).not.toContainText('n=');
  expect(await whole.evaluate((el) => getComputedStyle(el).backgroundImage)).toBe('none');
  await expect(matrix.locator('.legend')).toContainText(
    `minder dan ${FEW_MUNICIPALITIES} gemeenten: het getal is niet zinvol`,
  );
  await expect(matrix).toContainText(`n = het aantal gemeenten waarop het getal rust`);
  await saveScreenshot(page, 'reading-matrix-few');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The pair view says the same, and that its figures are not meaningful.
  await matrix.locator('[data-cell="0-2"]').click();
  const pair = page.locator('.pair');
  const restsOn = pair.locator('.figures dd').first();
  await expect(pair.locator('.figures dt').first()).toHaveText('Gemeenten waarop dit rust');
  await expect(restsOn).toContainText(`${known} van ${total}`);
  await expect(pair.locator('.few-warning')).toContainText(
    `Deze cijfers rusten op maar ${known} gemeenten, minder dan ${FEW_MUNICIPALITIES}: ze zijn niet zinvol`,
  );
  await saveScreenshot(page, 'reading-pair-few');
  // A pair on every gemeente: the count, no warning.
  await pair.getByRole('button', { name: /Terug/ }).click();
  await matrix.locator('[data-cell="0-1"]').click();
  await expect(pair.locator('.figures dd').first()).toHaveText(`${total} van ${total}`);
  await expect(pair.locator('.few-warning')).toHaveCount(0);
  expect(guard.errors).toEqual([]);
});

test('one colour direction: darker is more alike in the matrix, its legend and the map; the same partners are green', async ({
  page,
}) => {
  const guard = guardPage(page);
  await openApp(page, `?layers=${MATRIX_LAYERS.join(',')}&panel=matrix`);
  const matrix = page.locator('.matrix');
  const background = (id: string) =>
    matrix
      .locator(`[data-cell="${id}"]`)
      .evaluate((el) => getComputedStyle(el).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number));
  const atlas = builtAtlas();
  const [high, low] = [
    compareLayers(atlas, 'jeugdregio-2025', 'veiligthuis-2025').congruence.mean!,
    compareLayers(atlas, 'jeugdregio-2025', 'politie-eenheid-2025').congruence.mean!,
  ];
  expect(high).toBeGreaterThan(low);
  expect(luminance(await background('0-1'))).toBeLessThan(luminance(await background('0-3')) - 20);
  // Both ends of the ramp are named.
  const ends = matrix.locator('.legend .ends span');
  await expect(ends).toHaveText(['0 (minder overeenstemming)', '1 (meer overeenstemming)']);

  // The pair's map: a gemeente with the same partners in both layers is drawn darker than one with the fewest
  // partners in common, in a clear green (not white, which reads as "no data").
  await matrix.locator('[data-cell="0-1"]').click();
  const pair = page.locator('.pair');
  await expect(pair.locator('.mismatches')).toBeVisible();
  const cmp = compareLayers(atlas, ...PAIR);
  const { topology } = builtData();
  const sorted = [...cmp.congruence.perMunicipality].sort((x, y) => x.congruence - y.congruence);
  const same = sorted.filter((m) => m.congruence === 1);
  const least = sorted[0]!;
  expect(same.length).toBeGreaterThan(10);
  expect(least.congruence).toBeLessThan(0.3);
  const sameColours = (
    await mapColoursAt(
      page,
      same.map((m) => pointInside(topology, m.code)),
    )
  ).flatMap((w) => w.slice(0, 1));
  const leastColour = (await mapColoursAt(page, [pointInside(topology, least.code)]))[0]![0]!;
  expect(sameColours.length).toBeGreaterThan(10);
  // (At this scale some points fall on a gemeente or region border line.)
  const green = sameColours.filter((c) => c[1]! > c[0]! + 30 && c[1]! > c[2]! + 30 && luminance(c) < 200);
  expect(green.length).toBeGreaterThan(sameColours.length * 0.7);
  for (const c of green) expect(luminance(c)).toBeLessThan(luminance(leastColour) - 40);
  // The map's key in the panel and in the legend: both ends named.
  await expect(pair.locator('.map-key .ends span')).toHaveText(['0 (geen partner gemeen)', '1 (dezelfde partners)']);
  await expect(page.locator('.legend .congruence .ends span')).toHaveText(['andere partners', 'dezelfde partners']);
  await saveScreenshot(page, 'reading-pair-colours');
  expect(guard.errors).toEqual([]);
});

for (const viewport of [
  { width: 1280, height: 800, name: 'at 1280 px' },
  { width: 390, height: 844, name: 'on a phone' },
]) {
  test(`the crosswalk keeps region, best match, Jaccard and the difference in view ${viewport.name}; the rest opens per row`, async ({
    page,
  }) => {
    const guard = guardPage(page);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await openApp(page, `?layers=${PAIR.join(',')}&panel=pair&pair=${PAIR.join(',')}`);
    const pair = page.locator('.pair');
    const table = pair.locator('.crosswalk');
    await expect(table).toBeVisible();
    await table.scrollIntoViewIfNeeded();
    const panel = (await page.locator('.details').boundingBox())!;
    const right = Math.min(panel.x + panel.width, viewport.width) + 1;
    const headers = table.locator('thead th');
    await expect(headers).toHaveText([/^Regio/, /^Beste match/, /Jaccard \(aantal\)/, /^Verschil met de match/]);
    for (const header of await headers.all()) {
      const box = (await header.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(panel.x - 1);
      expect(box.x + box.width, `${await header.textContent()} in view`).toBeLessThanOrEqual(right);
    }
    // Nothing to scroll sideways.
    const scroll = pair.locator('.scroll');
    expect(await scroll.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    // A row whose region differs from its match shows the difference, in view.
    const differing = table.locator('tbody tr').filter({ hasText: 'alleen in de match' }).first();
    const difference = differing.locator('td.breaking');
    await difference.scrollIntoViewIfNeeded();
    const box = (await difference.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(right);

    // Its details: gemeenten, the Jaccard index by every weight, regions touched, relation.
    const code = (await differing.locator('th .code').textContent())!.trim();
    const region = readData<LayerFile>('layers/jeugdregio-2025.json').regions.find((r) => r.code === code)!;
    const toggle = differing.getByRole('button', { name: `Meer over ${region.name}` });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const details = table.locator(`[id="${await toggle.getAttribute('aria-controls')}"]`);
    await expect(details).toBeVisible();
    await expect(details.locator('dt')).toHaveText([
      'Gemeenten',
      'Jaccard (aantal)',
      'Jaccard (oppervlakte)',
      'Jaccard (inwoners)',
      'Raakt',
      'Verhouding',
    ]);
    await expect(details.locator('dd').first()).toHaveText(String(region.members.length));
    const detailsBox = (await details.boundingBox())!;
    expect(detailsBox.x + detailsBox.width).toBeLessThanOrEqual(right);
    await saveScreenshot(page, `reading-crosswalk-${viewport.width}`);
    await toggle.click();
    await expect(details).toHaveCount(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(guard.errors).toEqual([]);
  });
}

test('searching Haaren offers its four successors, largest share first, and opens the one chosen', async ({ page }) => {
  const guard = guardPage(page);
  await openApp(page);
  const { topology } = builtData();
  const names = new Map(
    topology.objects.municipalities.geometries.map((g) => [String(g.id), (g.properties as MunicipalityProps).name]),
  );
  const haaren = readData<FormerMunicipalitiesFile>('former-municipalities-2025.json').municipalities.find(
    (m) => m.name === 'Haaren',
  )!;
  const successors = [...haaren.transfers].sort((a, b) => b.areaShare - a.areaShare);
  expect(successors.map((t) => names.get(t.code)).sort()).toEqual(['Boxtel', 'Oisterwijk', 'Tilburg', 'Vught']);

  const box = page.getByRole('combobox');
  await box.fill('Haaren');
  const group = page.getByRole('group', { name: /Haaren/ });
  await expect(group).toContainText('Opgedeeld: kies een van de 4 gemeenten');
  const options = group.getByRole('option');
  await expect(options).toHaveText(
    successors.map((t) => new RegExp(`${names.get(t.code)}.*${Math.round(t.areaShare * 100)}% van Haaren`)),
  );
  await expect(page.getByRole('status').filter({ hasText: /resultaten/ })).toContainText('4 resultaten');
  await saveScreenshot(page, 'reading-search-haaren');
  // A listbox of options and one group of options, as ARIA allows.
  expect(await seriousA11yViolations(page)).toEqual([]);
  // By keyboard: the third successor.
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  const third = successors[2]!;
  await expect(page.locator(`[id="${await box.getAttribute('aria-activedescendant')}"]`)).toContainText(
    names.get(third.code)!,
  );
  await box.press('Enter');
  await expect(page.locator('.profile h2')).toHaveText(names.get(third.code)!);
  await expect(page).toHaveURL(new RegExp(`gm=${third.code}`));
  await expect(box).toHaveValue(names.get(third.code)!);
  // The sentence about Haaren stays below the field.
  await expect(page.locator('.search .note')).toContainText('Haaren');
  expect(guard.errors).toEqual([]);
});

for (const viewport of [
  { width: 1280, height: 800, name: 'beside the panel' },
  { width: 390, height: 844, name: 'above the phone’s sheet' },
]) {
  test(`a large gemeente chosen in search fits on the map ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await openApp(page);
    const { topology } = builtData();
    // The gemeente with the widest extent, east to west.
    const extents = topology.objects.municipalities.geometries.map((g) => {
      const [west, south, east, north] = bbox(feature(topology, g));
      return { code: String(g.id), name: (g.properties as MunicipalityProps).name, west, south, east, north };
    });
    const large = extents.sort((a, b) => b.east - b.west - (a.east - a.west))[0]!;
    await page.getByRole('combobox').fill(large.name);
    await page.getByRole('combobox').press('Enter');
    await expect(page.locator('.profile h2')).toHaveText(large.name);
    await expect(page).toHaveURL(new RegExp(`gm=${large.code}`));
    const map = await mapBox(page);
    // What the map shows: above the sheet on a phone, beside the panel on a desktop.
    const sheet = (await page.locator('.details').boundingBox())!;
    const bottom = viewport.width < 760 ? sheet.y - map.y : map.height;
    const corners = await page.evaluate(
      (points) => points.map((p) => (window as unknown as WithMap).__map.project(p as [number, number])),
      [
        [large.west, large.north],
        [large.east, large.south],
      ],
    );
    for (const c of corners) {
      expect(c.x).toBeGreaterThanOrEqual(0);
      expect(c.x).toBeLessThanOrEqual(map.width);
      expect(c.y).toBeGreaterThanOrEqual(0);
      expect(c.y).toBeLessThanOrEqual(bottom);
    }
    await saveScreenshot(page, `reading-fit-${viewport.width}`);
  });
}

test('"always together" counts every partner out of the same layers, and says which', async ({ page }) => {
  const guard = guardPage(page);
  await openApp(page);
  const { manifest, topology, layer } = builtData();
  const total = topology.objects.municipalities.geometries.length;
  const files = manifest.layers.map((l) => layer(l.id));
  const counted = files.filter((f) => coveredBy(f).size === total);
  const leftOut = files.filter((f) => coveredBy(f).size < total);
  expect(leftOut.map((f) => f.meta.id)).toContain('cjg-2025');
  // Middelburg is one of the gemeenten the CJG layer knows: before, its CJG partners were counted out of one
  // layer more than the others.
  const code = 'GM0687';
  expect(coveredBy(layer('cjg-2025')).has(code)).toBe(true);
  const box = page.getByRole('combobox');
  await box.fill('Middelburg');
  await box.press('Enter');
  const profile = page.locator('.profile');
  await expect(profile.locator('h2')).toHaveText(/^Middelburg/);
  const counts = await profile.locator('.together .count').allTextContents();
  expect(counts.length).toBeGreaterThan(2);
  for (const count of counts) expect(count).toMatch(new RegExp(` van ${counted.length} lagen$`));
  await expect(profile.locator('.counted')).toContainText(
    `Geteld over de ${counted.length} lagen die elke gemeente in een regio indelen.`,
  );
  await expect(profile.locator('.counted')).toContainText(
    `Niet meegeteld, want niet elke gemeente is bekend: ${leftOut
      .map((f) => `${f.meta.name.nl} (${coveredBy(f).size} van ${total} gemeenten bekend)`)
      .join(', ')}.`,
  );
  await profile.getByText('Welke lagen tellen mee?').click();
  await expect(profile.locator('.which li')).toHaveText(counted.map((f) => f.meta.name.nl));
  expect(guard.errors).toEqual([]);
});

test('the hover card gives way to a panel opened by a click, and stays on the map', async ({ page }) => {
  const guard = guardPage(page);
  await openApp(page);
  const { topology } = builtData();
  const card = page.locator('.hover-card');
  const utrecht = await screenPoint(page, pointInside(topology, 'GM0344'));
  await page.mouse.move(utrecht.x, utrecht.y);
  await expect(card.locator('strong')).toHaveText('Utrecht');
  // A click opens the region panel: the card goes, although the pointer has not moved.
  await page.mouse.click(utrecht.x, utrecht.y);
  await expect(page.locator('.details')).toBeVisible();
  await expect(card).toHaveCount(0);
  await saveScreenshot(page, 'reading-hover-after-click');
  // Moving on over the map brings it back.
  const again = await screenPoint(page, pointInside(topology, 'GM0344'));
  await page.mouse.move(again.x + 2, again.y + 2);
  await expect(card.locator('strong')).toHaveText('Utrecht');

  // Near the map's right edge, beside the open panel, the card turns to the pointer's left: it never covers the panel.
  const map = await mapBox(page);
  const panel = (await page.locator('.details').boundingBox())!;
  const points = topology.objects.municipalities.geometries.map((g) => pointInside(topology, String(g.id)));
  const screen = await Promise.all(points.map((p) => screenPoint(page, p)));
  const nearEdge = screen.find((p) => p.x > map.x + map.width - 60 && p.x < map.x + map.width - 5 && p.y > map.y + 40);
  expect(nearEdge, 'a gemeente near the right edge of the map').toBeDefined();
  await page.mouse.move(nearEdge!.x, nearEdge!.y);
  await expect(card).toBeVisible();
  const cardBox = (await card.boundingBox())!;
  expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(panel.x + 1);
  expect(cardBox.x).toBeGreaterThanOrEqual(map.x - 1);

  // Leaving the map for the panel hides it.
  await page.mouse.move(panel.x + panel.width / 2, panel.y + panel.height / 2, { steps: 5 });
  await expect(card).toHaveCount(0);
  expect(guard.errors).toEqual([]);
});
