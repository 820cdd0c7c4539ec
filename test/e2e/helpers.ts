import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SCREENSHOT_DIR = join(here, 'screenshots');
const DATA_DIR = join(here, '../../public/data');

/** Read a built data file (the same bytes the app loads), to derive expectations from the data itself. */
export function readData<T>(file: string): T {
  return JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as T;
}

/** Fail the test on any page error, console error, or request that leaves localhost. */
export function guardPage(page: Page): { errors: string[]; foreignRequests: string[] } {
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) {
      foreignRequests.push(r.url());
    }
  });
  return { errors, foreignRequests };
}

/** Open the app and wait until the map has drawn once. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.locator('.map[data-map-ready="true"]')).toBeVisible({ timeout: 30_000 });
}

/** The year control's chosen year (the pair view has a radio group of its own). */
export function checkedYear(page: Page): Locator {
  return page.getByRole('radiogroup', { name: 'Jaar' }).getByRole('radio', { checked: true });
}

/** Wait until MapLibre has finished drawing the current state. */
export async function waitForIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

type WithMapCopy = { __map: import('maplibre-gl').Map; __mapCopy?: HTMLCanvasElement };

/**
 * Copy the map canvas (scaled to `width`×`height`, 0 for its own size) into `window.__mapCopy`, in the task
 * that renders the next frame. The on-screen map does not keep its drawing buffer (only the off-screen
 * export map does), so its pixels can be read only right after a frame is drawn.
 */
async function copyMapCanvas(page: Page, width = 0, height = 0): Promise<void> {
  await waitForIdle(page);
  await page.evaluate(
    ([w, h]) =>
      new Promise<void>((resolve) => {
        const win = window as unknown as WithMapCopy;
        win.__map.once('render', () => {
          const source = win.__map.getCanvas();
          const canvas = document.createElement('canvas');
          canvas.width = w || source.width;
          canvas.height = h || source.height;
          canvas.getContext('2d')!.drawImage(source, 0, 0, canvas.width, canvas.height);
          win.__mapCopy = canvas;
          resolve();
        });
        win.__map.triggerRepaint();
      }),
    [width, height],
  );
}

/** The map canvas's pixels, downsampled to a `size`×`size` grid of RGB values, read through a 2D canvas. */
export async function mapPixels(page: Page, size = 160): Promise<number[]> {
  await copyMapCanvas(page, size, size);
  return page.evaluate((n) => {
    const ctx = (window as unknown as WithMapCopy).__mapCopy!.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    const data = ctx.getImageData(0, 0, n, n).data;
    const rgb: number[] = [];
    for (let i = 0; i < data.length; i += 4) rgb.push(data[i]!, data[i + 1]!, data[i + 2]!);
    return rgb;
  }, size);
}

/** Share of grid cells whose colour differs by more than `threshold` (sum of channel differences). */
export function changedShare(a: number[], b: number[], threshold = 30): number {
  let changed = 0;
  for (let i = 0; i < a.length; i += 3) {
    const d = Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
    if (d > threshold) changed++;
  }
  return changed / (a.length / 3);
}

/** Number of distinct colours (a blank canvas has one or two). */
export function distinctColours(rgb: number[]): number {
  const seen = new Set<number>();
  for (let i = 0; i < rgb.length; i += 3) seen.add((rgb[i]! << 16) | (rgb[i + 1]! << 8) | rgb[i + 2]!);
  return seen.size;
}

/** Save a screenshot for people to look at (test/e2e/screenshots, git-ignored). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Screen position of a longitude/latitude on the map, relative to the page. */
export async function screenPoint(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const box = await page.locator('.map').boundingBox();
  if (!box) throw new Error('map has no box');
  const p = await page.evaluate((ll) => {
    const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
    const pt = map.project(ll);
    return { x: pt.x, y: pt.y };
  }, lngLat);
  return { x: box.x + p.x, y: box.y + p.y };
}

/** Serious and critical axe-core violations on the page, as readable lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const axePath = join(here, '../../node_modules/axe-core/axe.min.js');
  // Evaluated over the DevTools protocol, not added as a <script>: the page's Content-Security-Policy refuses
  // inline scripts, and it is the page under that policy that is checked.
  await page.evaluate(readFileSync(axePath, 'utf8'));
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    }
    // The map canvas is a drawing; its text alternative is checked separately.
    return axe.run({ exclude: [['.maplibregl-canvas']] }, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The map canvas's colours around longitude/latitude points, after the map has finished drawing: for each
 * point the RGB of every canvas pixel in the (2·radius+1)² window centred on it, or an empty list when the
 * point is outside the map's view.
 */
export async function mapColoursAt(
  page: Page,
  lngLats: readonly [number, number][],
  radius = 0,
): Promise<[number, number, number][][]> {
  await copyMapCanvas(page);
  return page.evaluate(
    ({ points, r }) => {
      const { __map: map, __mapCopy: copy } = window as unknown as WithMapCopy;
      const source = map.getCanvas();
      const canvas = copy!;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      // Canvas pixels per CSS pixel.
      const scale = source.width / source.clientWidth;
      return points.map((ll) => {
        const p = map.project(ll);
        const cx = Math.round(p.x * scale);
        const cy = Math.round(p.y * scale);
        if (cx - r < 0 || cy - r < 0 || cx + r >= canvas.width || cy + r >= canvas.height) return [];
        const window: [number, number, number][] = [];
        for (let y = cy - r; y <= cy + r; y++) {
          for (let x = cx - r; x <= cx + r; x++) {
            const i = (y * canvas.width + x) * 4;
            window.push([data[i]!, data[i + 1]!, data[i + 2]!]);
          }
        }
        return window;
      });
    },
    { points: lngLats, r: radius },
  );
}

/** Sum of the channel differences of two RGB colours. */
export function colourDistance(a: readonly number[], b: readonly number[]): number {
  return Math.abs(a[0]! - b[0]!) + Math.abs(a[1]! - b[1]!) + Math.abs(a[2]! - b[2]!);
}

/** Grid cells (x, y in `size`×`size` grid units, as from `mapPixels(page, size)`) whose colour changed by more than `threshold`. */
export function changedCells(a: number[], b: number[], size = 160, threshold = 30): { x: number; y: number }[] {
  const cells: { x: number; y: number }[] = [];
  for (let i = 0; i < a.length; i += 3) {
    if (colourDistance(a.slice(i, i + 3), b.slice(i, i + 3)) > threshold) {
      const cell = i / 3;
      cells.push({ x: cell % size, y: Math.floor(cell / size) });
    }
  }
  return cells;
}

/** The MapLibre feature-state of feature `id` in `source` (an empty object when none was set). */
export async function featureState(page: Page, source: string, id: string): Promise<Record<string, unknown>> {
  return page.evaluate(
    ({ s, i }) =>
      (window as unknown as { __map: import('maplibre-gl').Map }).__map.getFeatureState({ source: s, id: i }) ?? {},
    { s: source, i: id },
  );
}
