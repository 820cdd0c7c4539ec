import { expect, test, type Page } from '@playwright/test';
import { guardPage, openApp, saveScreenshot, screenPoint, waitForIdle } from './helpers';
import { builtData, pointInside } from './data-points';

/** The map's geographic bounds [west, south, east, north]. */
async function mapBounds(page: Page): Promise<[number, number, number, number]> {
  await waitForIdle(page);
  return page.evaluate(() => {
    const b = (window as unknown as { __map: import('maplibre-gl').Map }).__map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as [number, number, number, number];
  });
}

/** The country's extent from the built topology's gemeenten (its bbox), not from the app's constant. */
function countryBox(): [number, number, number, number] {
  const { topology } = builtData();
  const { transform, arcs } = topology as unknown as {
    transform?: { scale: [number, number]; translate: [number, number] };
    arcs: [number, number][][];
  };
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const arc of arcs) {
    let x = 0;
    let y = 0;
    for (const [dx, dy] of arc) {
      // Quantized arcs are delta-encoded; plain ones are absolute.
      const [px, py] = transform
        ? [
            (x += dx) * transform.scale[0] + transform.translate[0],
            (y += dy) * transform.scale[1] + transform.translate[1],
          ]
        : [dx, dy];
      [w, s, e, n] = [Math.min(w, px), Math.min(s, py), Math.max(e, px), Math.max(n, py)];
    }
  }
  return [w, s, e, n];
}

const holds = (outer: number[], inner: number[], slack = 0.02) =>
  outer[0]! <= inner[0]! + slack &&
  outer[1]! <= inner[1]! + slack &&
  outer[2]! >= inner[2]! - slack &&
  outer[3]! >= inner[3]! - slack;

test('a panel that opens beside the map keeps the whole country in view', async ({ page }) => {
  await openApp(page);
  const country = countryBox();
  expect(holds(await mapBounds(page), country)).toBe(true);
  await page.getByRole('button', { name: 'Vergelijk lagen' }).click();
  await expect(page.locator('.matrix table')).toBeVisible();
  // The wide panel narrows the map by about a third; the map refits instead of hiding the west and east.
  expect(holds(await mapBounds(page), country)).toBe(true);
  // Once the user has zoomed in, a panel leaves the view alone.
  await page.keyboard.press('Escape');
  await expect(page.locator('.matrix')).toHaveCount(0);
  await page.evaluate(() => (window as unknown as { __map: import('maplibre-gl').Map }).__map.jumpTo({ zoom: 10 }));
  const zoomed = await mapBounds(page);
  await page.getByRole('button', { name: 'Vergelijk lagen' }).click();
  await expect(page.locator('.matrix table')).toBeVisible();
  const after = await mapBounds(page);
  expect(holds(after, country)).toBe(false);
  expect(after[2]! - after[0]!).toBeLessThan(zoomed[2]! - zoomed[0]!);
});

test('the clean view shows only the map with its title, legend and sources, at any size', async ({ page }) => {
  const guard = guardPage(page);
  for (const size of [
    { width: 1280, height: 800 },
    { width: 600, height: 450 },
  ]) {
    await page.setViewportSize(size);
    await openApp(page, '?view=clean&layers=jeugdregio-2025,veiligthuis-2025');
    await expect(page.locator('header')).toBeHidden();
    await expect(page.locator('.sidebar')).toBeHidden();
    // The map and its caption fill the window (beside it, or under it when narrow), and the whole country is in view.
    const map = (await page.locator('.map').boundingBox())!;
    const caption = page.locator('.clean-caption');
    const box = (await caption.boundingBox())!;
    const isBeside = size.width > 700;
    expect(isBeside ? map.width + box.width : map.height + box.height).toBeGreaterThanOrEqual(
      (isBeside ? size.width : size.height) - 2,
    );
    expect(holds(await mapBounds(page), countryBox())).toBe(true);
    await expect(caption.locator('h1')).toContainText('Jeugdzorgregio');
    await expect(caption.locator('[data-legend]')).toHaveCount(2);
    await expect(caption).toContainText('Bron');
  }
  await saveScreenshot(page, 'clean-view-small');
  // The way back to the whole atlas, and the link says so.
  await page.getByRole('button', { name: 'Naar de hele atlas' }).click();
  await expect(page.locator('header')).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBeNull();
  expect(guard.errors).toEqual([]);
});

test('the export offers the clean view of what is on screen, as a link and as code to embed', async ({ page }) => {
  await openApp(page, '?layers=ggd-2025&fill=ggd-2025');
  await page.getByRole('button', { name: 'Exporteren', exact: true }).click();
  const link = page.getByRole('link', { name: /schone weergave/i });
  const href = (await link.getAttribute('href'))!;
  expect(new URL(href).searchParams.get('view')).toBe('clean');
  expect(new URL(href).searchParams.get('layers')).toBe('ggd-2025');
  await expect(page.getByLabel('Code om in te bedden')).toHaveValue(
    new RegExp(`^<iframe src="${href.replace(/[?.]/g, '\\$&')}"`),
  );
  await page.goto(href);
  await expect(page.locator('.clean-caption [data-legend="ggd-2025"]')).toBeVisible();
  await expect(page.locator('header')).toBeHidden();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a link made on a desktop shows its gemeente above the sheet, not behind it', async ({ page }) => {
    const { topology } = builtData();
    // A desktop link centred on Amsterdam at zoom 11: on a phone that centre would be behind the profile's sheet.
    await openApp(page, '?gm=GM0363&panel=profile&map=4.9000,52.3700,11.00');
    await expect(page.locator('.profile')).toBeVisible();
    await waitForIdle(page);
    const sheet = (await page.locator('.details').boundingBox())!;
    const point = await screenPoint(page, pointInside(topology, 'GM0363'));
    expect(point.y).toBeLessThan(sheet.y);
    expect(point.y).toBeGreaterThan(0);
    await saveScreenshot(page, 'phone-link-profile');
  });

  test('one sheet at a time: a panel closes the layer sheet', async ({ page }) => {
    await openApp(page);
    await page.locator('.sheet-handle').click();
    await expect(page.locator('.sheet-handle')).toHaveAttribute('aria-expanded', 'true');
    await page.getByRole('button', { name: 'Vergelijk lagen' }).click();
    await expect(page.locator('.matrix')).toBeVisible();
    await expect(page.locator('.sheet-handle')).toHaveAttribute('aria-expanded', 'false');
    // The map stays visible above the panel's sheet.
    const sheet = (await page.locator('.details').boundingBox())!;
    expect(sheet.y).toBeGreaterThan(150);
    // The matrix's rotated column headers are readable: each lies inside the sheet once scrolled into view.
    for (const header of await page.locator('.matrix th.column').all()) {
      await header.scrollIntoViewIfNeeded();
      const box = (await header.boundingBox())!;
      const panel = (await page.locator('.details').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(panel.x - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width + 1);
      expect(box.y).toBeGreaterThanOrEqual(panel.y - 1);
    }
    // The layer sheet's handle stays reachable under the panel, and pulling it up puts the layers on top.
    await page.locator('.sheet-handle').click();
    await expect(page.locator('.sheet-handle')).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('button', { name: 'Exporteren', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Exporteren', exact: true }).click();
    await expect(page.locator('section.export')).toBeVisible();
  });
});
