/**
 * The history state on the built data: every year read once through the given loader, the kinds and their
 * histories from lib/history, and a layer of another year drawn on a year's gemeenten (named and dotted so it is
 * told apart). And the app state's part: a step put on the map of its year, after that year is loaded.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleYear, readManifest, yearsOf, type LoadedAtlas } from '../../src/lib/data/assemble';
import { HistoryState } from '../../src/lib/state/history.svelte';
import { AppState } from '../../src/lib/state/app-state.svelte';

const DATA = join(import.meta.dirname, '..', '..', 'public', 'data');
const source = { nameOf: (f: string) => join(DATA, f), readText: (f: string) => readFile(join(DATA, f), 'utf8') };

async function allYears(): Promise<LoadedAtlas[]> {
  const manifest = await readManifest(source);
  return Promise.all(yearsOf(manifest).map((y) => assembleYear(source, manifest, y.year)));
}

/** Wait until the history has read its years. */
async function ready(history: HistoryState): Promise<void> {
  for (let i = 0; i < 200 && history.load.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 10));
  expect(history.load.status).toBe('ready');
}

describe('HistoryState', () => {
  it('reads every year once, and answers from lib/history', async () => {
    let calls = 0;
    const years = await allYears();
    const history = new HistoryState(async () => {
      calls++;
      return years;
    });
    expect(history.kinds).toEqual([]);
    history.ensure();
    history.ensure();
    await ready(history);
    expect(calls).toBe(1);
    const veiligThuis = history.kinds.find((k) => k.kind === 'veiligthuis')!;
    expect(veiligThuis.years).toEqual([2016, 2020, 2021, 2022, 2023, 2024, 2025]);
    const steps = history.kindHistory('veiligthuis')!.steps.map((s) => [s.fromYear, s.toYear]);
    expect(steps[0]).toEqual([2016, 2020]);
    expect(history.kindHistory('no-such-kind')).toBeNull();
    expect(history.trend('jeugdregio', 'veiligthuis')!.points.map((p) => p.year)).toEqual(veiligThuis.years);
  });

  it('puts the years of one kind side by side: each pair on the earlier year’s gemeenten', async () => {
    const years = await allYears();
    const history = new HistoryState(async () => years);
    history.ensure();
    await ready(history);
    const matrix = history.yearsMatrix('veiligthuis', 'ari')!;
    expect(matrix.years).toEqual([2016, 2020, 2021, 2022, 2023, 2024, 2025]);
    const at = (a: number, b: number) => matrix.values[matrix.years.indexOf(a)]![matrix.years.indexOf(b)]!;
    // A layer against itself, and 2023 against 2024 (the same table, SOURCES.md §12), agree completely.
    for (const year of matrix.years) expect(at(year, year)).toBeCloseTo(1, 12);
    expect(at(2023, 2024)).toBeCloseTo(1, 12);
    // 2022 → 2023 merged two regions: less than full agreement, the same from both sides (ARI is symmetric).
    expect(at(2022, 2023)).toBeLessThan(1);
    expect(at(2023, 2022)).toBeCloseTo(at(2022, 2023), 12);
    expect(history.yearsMatrix('no-such-kind', 'ari')).toBeNull();
  });

  it('draws a layer of another year on a year’s gemeenten, named for its year and dotted', async () => {
    const years = await allYears();
    const history = new HistoryState(async () => years);
    history.ensure();
    await ready(history);
    const overlay = history.projection('veiligthuis', 2022, 2023)!;
    expect(overlay.meta.id).toBe('veiligthuis-2022~2023');
    expect(overlay.meta.geometryId).toBe('gemeenten-2023');
    expect(overlay.meta.name.nl).toBe("Veilig Thuis-regio's 2022 (op de gemeenten van 2023)");
    expect(overlay.meta.name.en).toContain('2022 (on the municipalities of 2023)');
    expect(overlay.meta.dash).toBeDefined();
    // Every gemeente of 2023 is in a region of the projected layer: Veilig Thuis covered everything in 2022.
    const members = new Set(overlay.regions.flatMap((r) => r.members));
    const gemeenten2023 = years.find((y) => y.atlas.geometry.year === 2023)!.atlas.municipalities;
    expect(members.size).toBe(gemeenten2023.length);
    expect(history.projection('veiligthuis', 2019, 2023)).toBeNull();
  });
});

describe('AppState: actions waiting for a year', () => {
  it('an action for a year is dropped when another year is chosen, and one for the year on screen cancels a pending choice', async () => {
    const years = await allYears();
    const of = (year: number) => years.find((y) => y.atlas.geometry.year === year)!;
    const app = new AppState();
    app.setLoaded({ status: 'ready', ...of(2025) });
    app.pairInYear(2016, 'jeugdregio-2016', 'ggd-2016', []);
    app.chooseYear(2020);
    app.setLoaded({ status: 'ready', ...of(2020) });
    app.setLoaded({ status: 'ready', ...of(2016) });
    expect(app.panel).toBeNull();
    // A pair in the year on screen while 2025 is asked for: 2025 is no longer asked for.
    app.chooseYear(2025);
    app.pairInYear(2016, 'jeugdregio-2016', 'ggd-2016', []);
    expect(app.requestedYear).toBe(2016);
    expect(app.panel).toEqual({ kind: 'pair', a: 'jeugdregio-2016', b: 'ggd-2016' });
  });

  it('replacing the overlays forgets the old ones from the view', async () => {
    const years = await allYears();
    const history = new HistoryState(async () => years);
    await history.ensure();
    const app = new AppState();
    app.setLoaded({ status: 'ready', ...years.find((y) => y.atlas.geometry.year === 2023)! });
    const overlay = history.projection('veiligthuis', 2022, 2023)!;
    app.showThroughTime(2023, ['veiligthuis-2023'], [overlay], []);
    expect(app.visible).toContain(overlay.meta.id);
    app.setOverlays([]);
    expect(app.visible).toEqual(['veiligthuis-2023']);
  });
});

describe('AppState: a history step on the map', () => {
  it('applies the step once its year is on screen, with the overlay shown only in that year', async () => {
    const years = await allYears();
    const of = (year: number) => years.find((y) => y.atlas.geometry.year === year)!;
    const history = new HistoryState(async () => years);
    history.ensure();
    await ready(history);
    const app = new AppState();
    app.setLoaded({ status: 'ready', ...of(2025) });
    app.panel = { kind: 'history' };
    const overlay = history.projection('veiligthuis', 2022, 2023)!;
    app.showThroughTime(2023, ['veiligthuis-2023'], [overlay], ['GM0744']);
    // Not yet: 2023 is asked for, 2025 stays on screen without the overlay.
    expect(app.requestedYear).toBe(2023);
    expect(app.atlas?.layersById.has(overlay.meta.id)).toBe(false);
    app.setLoaded({ status: 'ready', ...of(2023) });
    expect(app.visible.sort()).toEqual(['veiligthuis-2022~2023', 'veiligthuis-2023']);
    expect(app.marked).toEqual(['GM0744']);
    expect(app.atlas?.layersById.has(overlay.meta.id)).toBe(true);
    expect(app.panel).toEqual({ kind: 'history' });
    // Another year: the overlay is not carried over as if it were that year's Veilig Thuis layer.
    app.panel = null;
    app.setLoaded({ status: 'ready', ...of(2024) });
    expect(app.visible).toEqual(['veiligthuis-2024']);
    expect(app.overlays).toEqual([]);
  });
});
