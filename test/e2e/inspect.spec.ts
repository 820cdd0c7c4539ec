import { expect, test, type Locator, type Page } from '@playwright/test';
import type { LayerFile, MunicipalityProps } from '../../src/lib/types';
import { guardPage, openApp, readData, saveScreenshot, screenPoint } from './helpers';
import { builtData, pointInside } from './data-points';

const nl = (v: number) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 }).format(v);

/** Everything the panels must show, derived here from the built data files (not from the app's code). */
/** The four mission layers, the partial CJG layer among them (off by default, so the link names them). */
const VISIBLE = ['jeugdregio-2025', 'veiligthuis-2025', 'cjg-2025', 'politie-eenheid-2025'];
const QUERY = `?layers=${VISIBLE.join(',')}&fill=jeugdregio-2025`;

function expectations() {
  const { manifest, geometry, topology } = builtData();
  // Every built-in layer, in registry (manifest) order; the visible ones are those the tests' link names.
  const files = manifest.layers.map((l) => readData<LayerFile>(l.file));
  const visible = files.filter((f) => VISIBLE.includes(f.meta.id));
  const gemeenten = new Map(
    topology.objects.municipalities.geometries.map((g) => [String(g.id), g.properties as MunicipalityProps]),
  );
  const name = (code: string) => gemeenten.get(code)!.name;
  const regionsOf = (file: LayerFile, code: string) => file.regions.filter((r) => r.members.includes(code));
  return { geometry, topology, files, visible, gemeenten, name, regionsOf };
}

/** The layer ids ticked in the layer panel. */
async function checkedLayers(page: Page): Promise<string[]> {
  return page
    .locator('[data-layer]')
    .filter({ has: page.locator('input[type="checkbox"]:checked') })
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.layer!));
}

test('hovering a gemeente shows its name and its region in every visible layer', async ({ page }) => {
  const guard = guardPage(page);
  await openApp(page, QUERY);
  const { topology, visible, name, regionsOf } = expectations();
  // The visible layers are the ones ticked in the panel, and there are several.
  expect(visible.length).toBeGreaterThan(2);
  expect((await checkedLayers(page)).sort()).toEqual(visible.map((f) => f.meta.id).sort());
  const cjg = visible.find((f) => f.meta.id === 'cjg-2025')!;
  const card = page.locator('.hover-card');
  // Utrecht, which the CJG layer does not cover, and Middelburg, which it does.
  for (const code of ['GM0344', 'GM0687']) {
    const p = await screenPoint(page, pointInside(topology, code));
    await page.mouse.move(p.x, p.y);
    await expect(card.locator('strong')).toHaveText(name(code));
    await expect(card.locator('.code')).toHaveText(code);
    // One row per visible layer, in the order of the legend: the layer's name, then the gemeente's region(s).
    await expect(card.locator('dt')).toHaveText(visible.map((f) => f.meta.name.nl));
    const regions = visible.map((f) =>
      regionsOf(f, code)
        .map((r) => r.name)
        .join(', '),
    );
    // A layer without data for it says so instead of inventing a region.
    await expect(card.locator('dd')).toHaveText(regions.map((r) => r || 'geen gegevens'));
    expect(regionsOf(cjg, code).length).toBe(code === 'GM0344' ? 0 : 1);
    if (code === 'GM0344') await saveScreenshot(page, 'hover-utrecht');
  }
  expect(guard.errors).toEqual([]);
});

test('clicking a gemeente opens the region panel with its gemeenten, inhabitants and overlaps', async ({ page }) => {
  await openApp(page, QUERY);
  const { geometry, topology, visible, gemeenten, name, regionsOf } = expectations();
  const code = 'GM0014'; // Groningen
  const p = await screenPoint(page, pointInside(topology, code));
  await page.mouse.click(p.x, p.y);
  const panel = page.locator('.region-panel');
  // One tab per visible layer; the first (the filled layer) is open.
  await expect(panel.getByRole('tab')).toHaveText(visible.map((f) => f.meta.name.nl));
  await expect(panel.getByRole('tab', { selected: true })).toHaveText(visible[0]!.meta.name.nl);
  expect(visible[0]!.meta.id).toBe('jeugdregio-2025');

  /** The panel shows gemeente `code`'s region in `file`, computed from the data files. */
  async function expectRegion(file: LayerFile): Promise<void> {
    const [region, ...more] = regionsOf(file, code);
    expect(region).toBeDefined();
    expect(more).toEqual([]);
    await expect(panel.locator('.panel-kicker')).toHaveText(`${file.meta.regionNoun.nl} · ${region!.code}`);
    await expect(panel.locator('h2')).toHaveText(region!.name);
    // Figures: number of gemeenten, the sum of their inhabitants and of their areas in the built topology.
    const members = region!.members.map((m) => gemeenten.get(m)!);
    expect(members.every((m) => m.inhabitants !== null)).toBe(true);
    const inhabitants = members.reduce((s, m) => s + m.inhabitants!, 0);
    const area = members.reduce((s, m) => s + m.areaKm2, 0);
    const date = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' }).format(
      new Date(`${geometry.inhabitantsDate}T12:00:00Z`),
    );
    await expect(panel.locator('.figures dt')).toHaveText(['gemeenten', `inwoners (${date})`, 'oppervlakte']);
    await expect(panel.locator('.figures dd')).toHaveText([
      nl(region!.members.length),
      nl(inhabitants),
      `${nl(area)} km²`,
    ]);
    // The gemeenten, by name, with the clicked one marked.
    const names = region!.members.map(name).sort((a, b) => a.localeCompare(b, 'nl'));
    await expect(panel.locator('.members li')).toHaveText(names);
    await expect(panel.locator('.members li.current')).toHaveText(name(code));
    // Overlaps: every other visible layer, in order, with the regions sharing gemeenten (most first) and
    // how many gemeenten it has no data for.
    const others = visible.filter((f) => f.meta.id !== file.meta.id);
    const expected = others.map((other) => {
      const shared = new Map<string, { name: string; count: number }>();
      let uncovered = 0;
      for (const m of region!.members) {
        const theirs = regionsOf(other, m);
        if (theirs.length === 0) uncovered++;
        for (const r of theirs) {
          const entry = shared.get(r.code) ?? { name: r.name, count: 0 };
          entry.count++;
          shared.set(r.code, entry);
        }
      }
      const rows = [...shared]
        .sort(([ca, a], [cb, b]) => b.count - a.count || (ca < cb ? -1 : 1))
        .map(([, r]) => `${r.name} ${r.count} van ${region!.members.length} gemeenten gedeeld`);
      if (uncovered > 0) {
        rows.push(`geen gegevens ${uncovered} van ${region!.members.length} gemeenten zonder gegevens`);
      }
      return { layer: other.meta.name.nl, rows };
    });
    expect(expected.length).toBeGreaterThan(1);
    expect(await overlaps(panel)).toEqual(expected);
  }

  await expectRegion(visible[0]!);
  await saveScreenshot(page, 'region-panel-groningen');
  // Switching the tab shows the same gemeente's Veilig Thuis-regio.
  const vt = visible.find((f) => f.meta.id === 'veiligthuis-2025')!;
  await panel.getByRole('tab', { name: /Veilig Thuis/ }).click();
  await expect(panel.getByRole('tab', { selected: true })).toHaveText(vt.meta.name.nl);
  await expectRegion(vt);
  await panel.getByRole('button', { name: 'Sluiten' }).click();
  await expect(panel).toHaveCount(0);
});

/** The overlaps section of the region panel: per layer heading, the texts of its list items. */
async function overlaps(panel: Locator): Promise<{ layer: string; rows: string[] }[]> {
  await expect(panel.locator('h4').first()).toBeVisible();
  return panel.locator('h4').evaluateAll((headings) =>
    headings.map((h) => {
      const text = (e: Element) => (e.textContent ?? '').replace(/\s+/g, ' ').trim();
      const list = h.nextElementSibling;
      return {
        layer: text(h),
        rows: list?.matches('ul.touches') ? [...list.querySelectorAll('li')].map(text) : [],
      };
    }),
  );
}
