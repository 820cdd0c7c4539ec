import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';
import { builtData } from './data-points';

/** What has the keyboard focus: its tag, class, accessible-ish name and the panel it is in. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      text: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim(),
      role: el?.getAttribute('role') ?? '',
      inDetails: Boolean(el?.closest('aside.details')),
      cell: el?.getAttribute('data-cell') ?? null,
      isBody: el === document.body,
    };
  });
}

/** Press Tab until `matches` holds for the focused element, at most `max` times; returns the number of presses. */
async function tabTo(
  page: Page,
  matches: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  max = 60,
): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (matches(await focused(page))) return i;
  }
  throw new Error(`not reached in ${max} tabs; focus is on ${JSON.stringify(await focused(page))}`);
}

/** WCAG relative luminance of a CSS rgb()/rgba() colour. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

test('by keyboard only: search a gemeente, its profile gets the focus, Escape closes it and returns to the search', async ({
  page,
}) => {
  await openApp(page);
  await tabTo(page, (f) => f.role === 'combobox');
  await page.keyboard.type('Tiel');
  await page.keyboard.press('Enter');
  await expect(page.locator('.profile')).toBeVisible();
  await expect.poll(async () => (await focused(page)).inDetails).toBe(true);
  expect((await focused(page)).tag).toBe('h2');
  expect((await focused(page)).text).toContain('Tiel');
  await page.keyboard.press('Escape');
  await expect(page.locator('.profile')).toHaveCount(0);
  expect((await focused(page)).role).toBe('combobox');
});

test('by keyboard only: a matrix cell opens the pair, the export opens over it and downloads in a few tabs', async ({
  page,
}) => {
  await openApp(page);
  await tabTo(page, (f) => f.text === 'Vergelijk lagen');
  await page.keyboard.press('Enter');
  await expect(page.locator('.matrix table')).toBeVisible();
  await expect.poll(async () => (await focused(page)).inDetails).toBe(true);
  // The first cell that opens a pair (not the diagonal).
  await tabTo(page, (f) => f.cell !== null && f.inDetails);
  await page.keyboard.press('Enter');
  await expect(page.locator('section.pair')).toBeVisible();
  await expect.poll(async () => (await focused(page)).tag).toBe('h2');
  expect((await focused(page)).inDetails).toBe(true);

  // The export from the sidebar: the pair stays open under it (the link keeps it), focus moves into the export.
  await page.getByRole('button', { name: 'Exporteren' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('section.export')).toBeVisible();
  await expect.poll(async () => (await focused(page)).inDetails).toBe(true);
  expect(new URL(page.url()).searchParams.get('panel')).toBe('pair');
  const tabs = await tabTo(page, (f) => f.text === 'Download PNG', 15);
  expect(tabs).toBeLessThanOrEqual(15);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 0 }), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  // Escape closes the export first: the pair view is back, then Escape closes the pair too.
  await page.keyboard.press('Escape');
  await expect(page.locator('section.export')).toHaveCount(0);
  await expect(page.locator('section.pair')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('section.pair')).toHaveCount(0);
});

test('every control shows a focus ring that stands out from what is behind it, in the header too', async ({ page }) => {
  await openApp(page);
  const seen = new Set<string>();
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      // The colour behind the ring: the first ancestor with a background of its own.
      let node: HTMLElement | null = el.parentElement;
      let behind = 'rgb(255, 255, 255)';
      while (node) {
        const bg = getComputedStyle(node).backgroundColor;
        if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') {
          behind = bg;
          break;
        }
        node = node.parentElement;
      }
      return {
        name: `${el.tagName}.${el.className}`,
        outline: style.outlineColor,
        width: parseFloat(style.outlineWidth),
        styleName: style.outlineStyle,
        behind,
      };
    });
    seen.add(ring.name);
    expect(ring.styleName, ring.name).not.toBe('none');
    expect(ring.width, ring.name).toBeGreaterThanOrEqual(2);
    expect(
      contrast(ring.outline, ring.behind),
      `${ring.name}: ${ring.outline} on ${ring.behind}`,
    ).toBeGreaterThanOrEqual(3);
  }
  // The walk went through the header's controls and into the sidebar.
  expect([...seen].some((n) => n.startsWith('INPUT'))).toBe(true);
  expect(seen.size).toBeGreaterThan(5);
});

test('Escape closes an about box back onto its button; the map as text lists every visible layer’s regions', async ({
  page,
}) => {
  await openApp(page);
  const about = page.locator('[data-layer="jeugdregio-2025"] button.about');
  await about.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-layer="jeugdregio-2025"] .info')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-layer="jeugdregio-2025"] .info')).toHaveCount(0);
  expect(await about.evaluate((el) => el === document.activeElement)).toBe(true);

  const { manifest, layer } = builtData();
  const visible = manifest.layers.map((l) => layer(l.id).meta).filter((meta) => meta.isDefaultVisible);
  await page.locator('.text-alternative summary').focus();
  await page.keyboard.press('Enter');
  const alternative = page.locator('.text-alternative');
  await expect(alternative.locator('h3')).toHaveText(visible.map((l) => l.name.nl));
  const jeugd = layer('jeugdregio-2025');
  const items = alternative.locator('h3:has-text("Jeugdzorgregio") + ul > li');
  await expect(items).toHaveCount(jeugd.regions.length);
  const first = [...jeugd.regions].sort((a, b) => a.name.localeCompare(b.name, 'nl'))[0]!;
  await expect(alternative).toContainText(`${first.name} (${first.members.length})`);
});
