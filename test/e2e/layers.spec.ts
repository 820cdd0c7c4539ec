import { expect, test } from '@playwright/test';
import { changedShare, guardPage, mapPixels, openApp, readData, saveScreenshot } from './helpers';
import type { LayerFile } from '../../src/lib/types';
import { builtData } from './data-points';

const MISSION_LAYERS = ['jeugdregio-2025', 'veiligthuis-2025', 'politie-eenheid-2025', 'cjg-2025'];

for (const id of MISSION_LAYERS) {
  test(`toggling ${id} changes the rendered map, and toggling back restores it`, async ({ page }) => {
    const guard = guardPage(page);
    await openApp(page);
    const checkbox = page.locator(`[data-layer="${id}"] input[type="checkbox"]`);
    const wasChecked = await checkbox.isChecked();
    const before = await mapPixels(page);
    await checkbox.click();
    await expect(checkbox).toBeChecked({ checked: !wasChecked });
    const after = await mapPixels(page);
    // Borders of a layer cover a few percent of the grid at national scale; 0.5% is far above noise.
    expect(changedShare(before, after)).toBeGreaterThan(0.005);
    await saveScreenshot(page, `toggle-${id}`);
    await checkbox.click();
    const restored = await mapPixels(page);
    expect(changedShare(before, restored)).toBeLessThan(0.002);
    expect(guard.errors).toEqual([]);
  });
}

test('the legend lists exactly the visible layers with their coverage', async ({ page }) => {
  await openApp(page);
  const { manifest, geometry } = builtData();
  const total = geometry.municipalityCount;
  // Every built-in layer, in registry (manifest) order: the order of the legend.
  const files = manifest.layers.map((l) => readData<LayerFile>(l.file));
  const date = (iso: string) =>
    new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  const entry = (f: LayerFile) => {
    const covered = new Set(f.regions.flatMap((r) => r.members)).size;
    const coverage = covered === total ? `alle ${total} gemeenten` : `${covered} van ${total} gemeenten bekend`;
    return `${f.meta.name.nl} (${f.regions.length} regio’s; ${coverage})`;
  };
  const legend = page.locator('.legend');
  /** The layers whose checkbox is ticked in the layer panel. */
  const checked = () =>
    page
      .locator('[data-layer]')
      .filter({ has: page.locator('input[type="checkbox"]:checked') })
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.layer!));
  /** The legend lists the layers `ids` (and no other), in registry order, each with its regions and coverage. */
  async function expectLegendOf(ids: readonly string[]): Promise<void> {
    const shown = files.filter((f) => ids.includes(f.meta.id));
    expect(shown.map((f) => f.meta.id).sort()).toEqual([...ids].sort());
    await expect(legend.locator('[data-legend]')).toHaveText(shown.map(entry));
    expect(
      await legend.locator('[data-legend]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.legend)),
    ).toEqual(shown.map((f) => f.meta.id));
    // The source line names each visible layer's source and reference date, in the same order.
    await expect(legend.locator('.sources')).toHaveText(
      `Bronnen: ${shown.map((f) => `${f.meta.name.nl}: ${f.meta.source.citation} (peildatum ${date(f.meta.source.referenceDate)})`).join('; ')}.`,
    );
  }

  // At the start: the layers marked visible by default, which are the ones ticked in the panel.
  const defaults = files.filter((f) => f.meta.isDefaultVisible).map((f) => f.meta.id);
  expect(defaults.length).toBeGreaterThan(1);
  // The CJG layer knows five gemeenten: off by default, so it does not hatch the whole country at the start.
  expect(defaults).not.toContain('cjg-2025');
  expect(defaults).not.toContain('ggd-2025');
  expect((await checked()).sort()).toEqual([...defaults].sort());
  await expectLegendOf(defaults);

  // Shown, a partial layer says how many gemeenten it covers.
  await page.locator('[data-layer="cjg-2025"] input[type="checkbox"]').click();
  const withCjg = [...defaults, 'cjg-2025'];
  await expect.poll(async () => (await checked()).sort()).toEqual([...withCjg].sort());
  const cjg = files.find((f) => f.meta.id === 'cjg-2025')!;
  const cjgCovered = new Set(cjg.regions.flatMap((r) => r.members)).size;
  expect(cjgCovered).toBeLessThan(total);
  await expect(legend.locator('[data-legend="cjg-2025"]')).toContainText(`${cjgCovered} van ${total} gemeenten bekend`);
  await expect(page.locator('[data-layer="cjg-2025"]')).toContainText(`${cjgCovered} van ${total} gemeenten bekend`);

  // Hiding one and showing another: the legend follows the ticked boxes, still in registry order.
  await page.locator('[data-layer="cjg-2025"] input[type="checkbox"]').click();
  await page.locator('[data-layer="ggd-2025"] input[type="checkbox"]').click();
  const now = [...defaults, 'ggd-2025'];
  await expect.poll(async () => (await checked()).sort()).toEqual([...now].sort());
  await expectLegendOf(files.filter((f) => now.includes(f.meta.id)).map((f) => f.meta.id));
});

test('choosing another filled layer recolours the map and moves the labels', async ({ page }) => {
  await openApp(page);
  const before = await mapPixels(page);
  const { layer } = builtData();
  const namesOf = (id: string) => new Set(layer(id).regions.map((r) => r.name));
  // Labels are placed when the main thread is free, at most 200 ms after the map: wait for them.
  const labels = page.locator('.labels .label');
  const allIn = async (names: Set<string>) => {
    const texts = await labels.allTextContents();
    return texts.length > 0 && texts.every((text) => names.has(text));
  };
  await expect.poll(() => allIn(namesOf('jeugdregio-2025'))).toBe(true);
  const labelsBefore = await labels.allTextContents();
  await page.locator('[data-layer="politie-eenheid-2025"] button.fill').click();
  const after = await mapPixels(page);
  expect(changedShare(before, after)).toBeGreaterThan(0.05);
  await expect.poll(() => allIn(namesOf('politie-eenheid-2025'))).toBe(true);
  expect(await labels.allTextContents()).not.toEqual(labelsBefore);
});
