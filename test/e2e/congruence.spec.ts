import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { layerMatches } from '../../src/lib/data/catalogue';
import { DOMAIN_NAMES } from '../../src/lib/i18n/messages';
import { computeBuildingBlocks } from '../../src/lib/stats/blocks';
import { computeMultiCongruence } from '../../src/lib/stats/multi-congruence';
import { builtAtlas, pointInside } from './data-points';
import { changedShare, guardPage, mapPixels, openApp, readData, saveScreenshot, screenPoint } from './helpers';

const OUT = join(import.meta.dirname, '../../test-results/congruence');

/** The 2016 atlas with every layer of that year, and its topology for points inside gemeenten. */
function data2016() {
  const atlas = builtAtlas(2016);
  return { atlas, topology: readData<Parameters<typeof pointInside>[0]>(atlas.geometry.file) };
}

/** The catalogue rows shown now (not in a closed group). */
async function shownRows(page: Page): Promise<string[]> {
  return page
    .locator('section.domain [data-layer]')
    .evaluateAll((rows) =>
      rows.filter((r) => (r as HTMLElement).offsetParent !== null).map((r) => r.getAttribute('data-layer')!),
    );
}

test('the catalogue finds layouts by what one types, and shows a 2016 layout with its source and date', async ({
  page,
}) => {
  const guard = guardPage(page);
  const { atlas } = data2016();
  await openApp(page, '?year=2016');
  const filter = page.getByLabel('Zoek een laag');
  for (const query of ['onderwijs', 'veilig']) {
    await filter.fill(query);
    const expected = atlas.layers
      .filter((l) => layerMatches(l, query, DOMAIN_NAMES))
      .map((l) => l.meta.id)
      .sort();
    expect((await shownRows(page)).sort()).toEqual(expected);
    await expect(
      page.getByRole('status').filter({ hasText: `${expected.length} van ${atlas.layers.length}` }),
    ).toHaveCount(1);
  }
  // Independently of the filter's own rule: what a person typing these words expects to find.
  await filter.fill('onderwijs');
  expect(await shownRows(page)).toEqual(
    expect.arrayContaining(['passend-onderwijs-po-2016', 'passend-onderwijs-vo-2016']),
  );
  expect(await shownRows(page)).not.toContain('jeugdregio-2016');
  await filter.fill('veilig');
  expect(await shownRows(page)).toEqual(
    expect.arrayContaining(['veiligthuis-2016', 'veiligheidsregio-2016', 'veiligheidshuis-2016']),
  );
  await filter.fill('geen laag heet zo');
  await expect(page.getByText('Geen laag gevonden')).toBeVisible();

  // Show the Wmo regions: the map changes, the legend and the row say what it is and for which date.
  await filter.fill('wmo');
  const before = await mapPixels(page);
  const row = page.locator('section.domain [data-layer="wmo-2016"]');
  await row.getByRole('checkbox').check();
  await expect(page.locator('[data-on-map="wmo-2016"]')).toBeVisible();
  expect(changedShare(before, await mapPixels(page))).toBeGreaterThan(0.005);
  const wmo = atlas.layersById.get('wmo-2016')!;
  await expect(page.locator('[data-legend="wmo-2016"]')).toContainText(`${wmo.regions.length} regio’s`);
  await expect(row).toContainText('peildatum 21 maart 2016');
  await row.getByRole('button', { name: /Over deze laag/ }).click();
  await expect(row).toContainText('RegioAtlas');
  // By keyboard: hiding a layer from "Op de kaart" keeps the focus in that list, on the next layer's button.
  const hideButtons = page.locator('[data-on-map] button.remove');
  const count = await hideButtons.count();
  const position = await page
    .locator('[data-on-map]')
    .evaluateAll((items) => items.findIndex((li) => li.getAttribute('data-on-map') === 'wmo-2016'));
  await hideButtons.nth(position).focus();
  await page.keyboard.press('Enter');
  await expect(hideButtons).toHaveCount(count - 1);
  const focused = await page.evaluate(() =>
    document.activeElement?.closest('[data-on-map]')?.getAttribute('data-on-map'),
  );
  expect(focused).toBeTruthy();
  await row.getByRole('checkbox').check();
  // Hiding the only visible layer of a domain leaves that domain open, with the focus on its checkbox.
  await filter.fill('');
  const police = page.locator('section.domain [data-layer="politie-eenheid-2016"] input[type="checkbox"]');
  await police.focus();
  await page.keyboard.press('Space');
  await expect(police).not.toBeChecked();
  await expect(police).toBeVisible();
  expect(await police.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('Space');
  // Reset: the default layers of 2016 again, the Wmo regions off.
  await page.getByRole('button', { name: 'Standaardlagen' }).click();
  await expect(page.locator('[data-on-map="wmo-2016"]')).toHaveCount(0);
  await saveScreenshot(page, 'catalogue-2016');
  expect(guard.errors).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});

test('the congruence map of three layouts: the figures, a clicked gemeente’s partners, the building blocks and their export', async ({
  page,
}) => {
  const guard = guardPage(page);
  const { atlas, topology } = data2016();
  const ids = ['jeugdregio-2016', 'veiligthuis-2016', 'veiligheidshuis-2016'];
  const layers = ids.map((id) => atlas.layersById.get(id)!);
  const expected = computeMultiCongruence(atlas, layers);
  const blocks = computeBuildingBlocks(atlas, layers);
  const pct = (share: number) => `${Math.round(share * 100)}%`;

  await openApp(page, '?year=2016');
  const before = await mapPixels(page);
  await page.getByRole('button', { name: 'Congruentiekaart' }).click();
  const panel = page.locator('section.congruence');
  await expect(panel.locator('[data-chosen]')).toHaveCount(3);
  expect(
    await panel.locator('[data-chosen]').evaluateAll((els) => els.map((e) => e.getAttribute('data-chosen'))),
  ).toEqual(ids);
  await expect(panel.locator('.means')).toContainText(
    `Landelijk gemiddelde ${pct(expected.mean!)}; naar inwoners ${pct(expected.meanByInhabitants!)}`,
  );
  await expect(panel.locator('.means')).toContainText(`over ${expected.commonCount} van ${expected.totalCount}`);
  // The map colours every gemeente by its score.
  expect(changedShare(before, await mapPixels(page))).toBeGreaterThan(0.2);
  await expect(panel.locator('ol.ranking li').first()).toContainText(
    atlas.municipalitiesByCode.get(expected.ranking[0]!)!.name,
  );

  // Click the least congruent gemeente on the map: its partners per layout.
  const code = expected.ranking[0]!;
  const name = atlas.municipalitiesByCode.get(code)!.name;
  const score = expected.perMunicipality.find((m) => m.code === code)!.score;
  const p = await screenPoint(page, pointInside(topology, code));
  await page.mouse.click(p.x, p.y);
  await expect(panel.locator('#partners-heading')).toHaveText(`Partners van ${name}: ${pct(score)}`);
  await expect(panel.locator('.partners dt')).toHaveCount(3);
  expect(new URL(page.url()).searchParams.get('gm')).toBe(code);
  await saveScreenshot(page, 'congruence-2016');

  // The building blocks on the map and in the list.
  await panel.getByRole('radio', { name: /Bouwstenen/ }).check();
  await expect(panel.locator('ol.blocks > li')).toHaveCount(blocks.blockCount);
  await expect(page.locator('[data-legend="bouwstenen-2016"]')).toContainText(`${blocks.blockCount} regio’s`);
  expect(new URL(page.url()).searchParams.get('show')).toBe('blocks');

  // Export keeps the panel and the map as they are: the SVG has the blocks filled, the CSV a row per gemeente.
  await page.getByRole('button', { name: 'Exporteren' }).click();
  await expect(page.locator('section.export')).toBeVisible();
  expect(new URL(page.url()).searchParams.get('panel')).toBe('congruence');
  mkdirSync(OUT, { recursive: true });
  const save = async (button: string): Promise<string> => {
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 0 }),
      page.locator('section.export').getByRole('button', { name: button, exact: true }).click(),
    ]);
    const path = join(OUT, file.suggestedFilename());
    await file.saveAs(path);
    return readFileSync(path, 'utf8');
  };
  const svg = await save('Download SVG');
  expect(svg).toContain('class="region-fill" data-layer="bouwstenen-2016"');
  for (const id of ids) expect(svg).toContain(`class="region-line" data-layer="${id}"`);
  const csv = await save('Download CSV (Bouwstenen en gemeenschappelijke groepen)');
  const rows = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '' && !line.startsWith('#'));
  // A header, then a row per gemeente of 2016.
  expect(rows).toHaveLength(1 + atlas.municipalities.length);

  // Back to the score: the export's SVG colours the gemeenten by it, with the ramp in the legend.
  await page.locator('section.export').getByRole('button', { name: 'Sluiten' }).click();
  await panel.getByRole('radio', { name: /Congruentie per gemeente/ }).check();
  await page.getByRole('button', { name: 'Exporteren' }).click();
  const scored = await save('Download SVG');
  expect((scored.match(/data-code="GM\d{4}"/g) ?? []).length).toBe(expected.commonCount);
  expect(scored).toContain('Congruentie over 3 indelingen');
  expect(guard.errors).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});
