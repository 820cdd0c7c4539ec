import { expect, test, type Page } from '@playwright/test';
import type { MunicipalityProps } from '../../src/lib/types';
import {
  changedCells,
  changedShare,
  colourDistance,
  guardPage,
  mapColoursAt,
  mapPixels,
  openApp,
  saveScreenshot,
  waitForIdle,
} from './helpers';
import { builtData, pointInside } from './data-points';
import { feature } from 'topojson-client';
import bbox from '@turf/bbox';

/** The window of the app, with its MapLibre map (the dev and test handle). */
type WithMap = { __map: import('maplibre-gl').Map };

test('typing a gemeente without accents finds it; Enter opens its profile and zooms the map to it', async ({
  page,
}) => {
  const guard = guardPage(page);
  await openApp(page);
  const { layer } = builtData();
  const before = await page.evaluate(() => (window as unknown as { __map: import('maplibre-gl').Map }).__map.getZoom());
  const box = page.getByRole('combobox');
  await box.fill('sudwest fryslan');
  await expect(page.getByRole('option').first()).toContainText('Súdwest-Fryslân');
  await box.press('Enter');
  const profile = page.locator('.profile');
  await expect(profile.locator('h2')).toHaveText('Súdwest-Fryslân');
  // Every layer's region of the gemeente is in the profile.
  for (const id of ['jeugdregio-2025', 'veiligthuis-2025', 'politie-eenheid-2025', 'ggd-2025']) {
    const region = layer(id).regions.find((r) => r.members.includes('GM1900'))!;
    await expect(profile).toContainText(region.name);
  }
  const after = await page.evaluate(() => (window as unknown as { __map: import('maplibre-gl').Map }).__map.getZoom());
  expect(after).toBeGreaterThan(before + 1);
  // Regression: the map centres on the gemeente (the desktop map beside two panels is not a phone).
  const { topology } = builtData();
  const geometry = topology.objects.municipalities.geometries.find((g) => g.id === 'GM1900')!;
  const [west, south, east, north] = bbox(feature(topology, geometry));
  const centre = await page.evaluate(() =>
    (window as unknown as { __map: import('maplibre-gl').Map }).__map.getCenter(),
  );
  expect(centre.lng).toBeGreaterThan(west);
  expect(centre.lng).toBeLessThan(east);
  expect(centre.lat).toBeGreaterThan(south);
  expect(centre.lat).toBeLessThan(north);
  await expect(page).toHaveURL(/gm=GM1900/);
  await expect(page).toHaveTitle(/Súdwest-Fryslân/);
  await saveScreenshot(page, 'profile-sudwest-fryslan');
  expect(guard.errors).toEqual([]);
});

test('keyboard: arrows move through results, Escape closes the list', async ({ page }) => {
  await openApp(page);
  const box = page.getByRole('combobox');
  await box.fill('den');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  const active = await box.getAttribute('aria-activedescendant');
  expect(active).toBeTruthy();
  await expect(page.locator(`[id="${active}"]`)).toHaveAttribute('aria-selected', 'true');
  await box.press('Escape');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
});

test('an alias and a former gemeente are found and explained', async ({ page }) => {
  await openApp(page);
  const box = page.getByRole('combobox');
  await box.fill('den bosch');
  await expect(page.getByRole('option').first()).toContainText("'s-Hertogenbosch");
  await box.fill('Nuth');
  const option = page.getByRole('option').first();
  await expect(option).toContainText('Beekdaelen');
  await expect(option).toContainText('2019');
  await box.fill('Amsterdm');
  await expect(page.locator('.search')).toContainText('Amsterdam');
});

test('from the profile, "show on map" highlights a region and "always together" marks gemeenten', async ({ page }) => {
  await openApp(page);
  const { manifest, topology, layer } = builtData();
  const code = 'GM0281'; // Tiel
  const gemeenten = topology.objects.municipalities.geometries.map((g) => String(g.id));
  const nameOf = new Map(
    topology.objects.municipalities.geometries.map((g) => [String(g.id), (g.properties as MunicipalityProps).name]),
  );
  expect(nameOf.get(code)).toBe('Tiel');
  await page.getByRole('combobox').fill('Tiel');
  await page.getByRole('combobox').press('Enter');
  const profile = page.locator('.profile');
  await expect(profile.locator('h2')).toHaveText('Tiel');

  // "Always together", from the data: the gemeenten sharing a region with Tiel in the most layers, by name on ties,
  // counted over the layers that give every gemeente a region (issue 12: one denominator per profile).
  const shared = new Map<string, number>();
  const isComplete = (id: string) => new Set(layer(id).regions.flatMap((r) => r.members)).size === gemeenten.length;
  for (const { id } of manifest.layers.filter((l) => isComplete(l.id))) {
    const partners = new Set(
      layer(id)
        .regions.filter((r) => r.members.includes(code))
        .flatMap((r) => r.members),
    );
    partners.delete(code);
    for (const p of partners) shared.set(p, (shared.get(p) ?? 0) + 1);
  }
  const ranked = [...shared].sort(([a, n], [b, m]) => m - n || nameOf.get(a)!.localeCompare(nameOf.get(b)!, 'nl'));
  const closest = ranked.filter(([, n]) => n === ranked[0]![1]).length;
  // The list is the head of that ranking and holds at least the whole closest group.
  const listed = await profile.locator('.together li .link').allTextContents();
  expect(listed.length).toBeGreaterThanOrEqual(closest);
  expect(listed).toEqual(ranked.slice(0, listed.length).map(([c]) => nameOf.get(c)));
  const together = ranked.slice(0, listed.length).map(([c]) => c);

  // Marking them: exactly these gemeenten get the "marked" feature-state, and each one in view turns colour.
  const others = gemeenten.filter((c) => !together.includes(c));
  const points = (codes: string[]) => codes.map((c) => pointInside(topology, c));
  const before = {
    marked: await mapColoursAt(page, points(together)),
    others: await mapColoursAt(page, points(others)),
  };
  const mark = profile.getByRole('button', { name: 'Markeer op de kaart' });
  await mark.click();
  await expect(mark).toHaveAttribute('aria-pressed', 'true');
  expect((await flagged(page, 'municipalities', gemeenten, 'marked')).sort()).toEqual([...together].sort());
  const after = {
    marked: await mapColoursAt(page, points(together)),
    others: await mapColoursAt(page, points(others)),
  };
  const inView = together.filter((_, i) => before.marked[i]!.length > 0);
  expect(inView.length).toBeGreaterThanOrEqual(Math.ceil(together.length / 2));
  for (const [i, c] of together.entries()) {
    if (before.marked[i]!.length === 0) continue;
    expect(colourDistance(before.marked[i]![0]!, after.marked[i]![0]!), `${nameOf.get(c)} is marked`).toBeGreaterThan(
      60,
    );
  }
  const othersInView = others.filter((_, i) => before.others[i]!.length > 0);
  expect(othersInView.length).toBeGreaterThan(5);
  for (const [i, c] of others.entries()) {
    if (before.others[i]!.length === 0) continue;
    expect(colourDistance(before.others[i]![0]!, after.others[i]![0]!), `${nameOf.get(c)} is not marked`).toBeLessThan(
      10,
    );
  }
  await saveScreenshot(page, 'profile-tiel-together');

  // "Show on map" for Tiel's police unit: the map shows the whole unit with that region (only) highlighted.
  const politie = layer('politie-eenheid-2025');
  const region = politie.regions.find((r) => r.members.includes(code))!;
  const show = profile.getByRole('button', { name: `Toon op kaart: ${region.name} (${politie.meta.name.nl})` });
  await show.click();
  await expect(page).toHaveURL(/via=politie-eenheid-2025/);
  await expect(show).toHaveAttribute('aria-pressed', 'true');
  const source = `region:${politie.meta.id}`;
  const highlight = `region-highlight:${politie.meta.id}`;
  expect(
    await flagged(
      page,
      source,
      politie.regions.map((r) => r.code),
      'selected',
    ),
  ).toEqual([region.code]);
  expect(
    await page.evaluate((id) => (window as unknown as WithMap).__map.getLayoutProperty(id, 'visibility'), highlight),
  ).toBe('visible');
  // The map is zoomed to the region: its bounding box is in view and fills a good part of it.
  const boxes = region.members.map((m) =>
    bbox(
      feature(
        topology,
        topology.objects.municipalities.geometries.find((g) => g.id === m)!,
      ),
    ),
  );
  const west = Math.min(...boxes.map((b) => b[0]));
  const south = Math.min(...boxes.map((b) => b[1]));
  const east = Math.max(...boxes.map((b) => b[2]));
  const north = Math.max(...boxes.map((b) => b[3]));
  await waitForIdle(page);
  const view = await page.evaluate(() => (window as unknown as WithMap).__map.getBounds().toArray().flat());
  expect(view[0]!).toBeLessThanOrEqual(west);
  expect(view[1]!).toBeLessThanOrEqual(south);
  expect(view[2]!).toBeGreaterThanOrEqual(east);
  expect(view[3]!).toBeGreaterThanOrEqual(north);
  expect(Math.max((east - west) / (view[2]! - view[0]!), (north - south) / (view[3]! - view[1]!))).toBeGreaterThan(0.5);
  // The highlight is drawn: taking the region's "selected" state away changes the map along the region's
  // edge only (inside its bounding box), and putting it back restores it.
  const setSelected = (selected: boolean) =>
    page.evaluate(
      ({ s, id, on }) => (window as unknown as WithMap).__map.setFeatureState({ source: s, id }, { selected: on }),
      {
        s: source,
        id: region.code,
        on: selected,
      },
    );
  const SIZE = 160;
  const shown = await mapPixels(page, SIZE);
  await setSelected(false);
  const hidden = await mapPixels(page, SIZE);
  await setSelected(true);
  expect(changedShare(shown, await mapPixels(page, SIZE))).toBeLessThan(0.001);
  expect(changedShare(hidden, shown)).toBeGreaterThan(0.005);
  const box = await page.evaluate(
    ({ w, s, e, n }) => {
      const map = (window as unknown as WithMap).__map;
      const a = map.project([w, n]);
      const b = map.project([e, s]);
      const canvas = map.getCanvas();
      return {
        x0: a.x / canvas.clientWidth,
        y0: a.y / canvas.clientHeight,
        x1: b.x / canvas.clientWidth,
        y1: b.y / canvas.clientHeight,
      };
    },
    { w: west, s: south, e: east, n: north },
  );
  const margin = 2; // grid cells: the 4-pixel line and the averaging of the downsampled grid
  const cells = changedCells(hidden, shown, SIZE);
  const inside = cells.filter(
    ({ x, y }) =>
      x >= box.x0 * SIZE - margin &&
      x <= box.x1 * SIZE + margin &&
      y >= box.y0 * SIZE - margin &&
      y <= box.y1 * SIZE + margin,
  );
  expect(inside.length / cells.length).toBeGreaterThan(0.98);
  await saveScreenshot(page, 'profile-tiel-show-region');
});

/** Of the features `ids` of `source`, those whose boolean feature-state `key` is true. */
async function flagged(page: Page, source: string, ids: readonly string[], key: string): Promise<string[]> {
  return page.evaluate(
    ({ s, list, k }) => {
      const map = (window as unknown as WithMap).__map;
      return list.filter((id) => map.getFeatureState({ source: s, id })?.[k] === true);
    },
    { s: source, list: ids, k: key },
  );
}
