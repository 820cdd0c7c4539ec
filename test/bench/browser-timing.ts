/**
 * Time from navigation to the first map `idle` in headless Chromium: the app (dist/) against a bare
 * MapLibre page that only draws the gemeenten (test/bench/bare). Both pages set
 * `data-map-ready="true"` on their map container after the first `idle`; an init script observes the
 * attribute and records `performance.now()`, which counts from the start of the navigation.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { summarize, type Summary } from './stats';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

export const VIEWPORT = { width: 1280, height: 800 };
const READY_TIMEOUT_MS = 60_000;

/** A page to time, by name and URL. */
export interface PageTarget {
  name: string;
  url: string;
}

/** What one page load reports, in ms since navigation start. */
export interface PageSample {
  firstIdleMs: number;
  /** When the MapLibre canvas entered the document (the app creates its map once data and geometry are ready). */
  mapCreatedMs: number;
  /** When the last response from a `data/` URL ended (the app loads manifest, topology and layers). */
  dataLoadedMs: number;
  domContentLoadedMs: number;
}

export interface PageTiming {
  name: string;
  url: string;
  firstIdle: Summary;
  mapCreated: Summary;
  dataLoaded: Summary;
  domContentLoaded: Summary;
}

export interface BrowserTimingResult {
  chromium: string;
  runs: number;
  warmupRuns: number;
  pages: PageTiming[];
  /** Page errors, console errors and failed requests of any run (each one fails the bench). */
  errors: string[];
}

/** Build the bare page with Vite into `outDir` (relative asset paths, like the app). */
export async function buildBarePage(root: string, outDir: string): Promise<void> {
  await build({
    root,
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 1300 },
  });
}

/**
 * Load each target `runs` times (after `warmupRuns` untimed loads), each load in a fresh browser
 * context, alternating which page goes first in each round so neither profits from going second.
 */
export async function measureBrowser(
  targets: readonly PageTarget[],
  runs: number,
  warmupRuns: number,
  log: (line: string) => void,
): Promise<BrowserTimingResult> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  try {
    const errors: string[] = [];
    const samples = new Map<string, PageSample[]>(targets.map((t) => [t.name, []]));
    for (let round = 0; round < warmupRuns + runs; round++) {
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      const isWarmup = round < warmupRuns;
      const line: string[] = [];
      for (const target of order) {
        const sample = await loadOnce(browser, target, errors);
        if (!isWarmup) samples.get(target.name)!.push(sample);
        line.push(`${target.name} ${sample.firstIdleMs.toFixed(0)} ms`);
      }
      log(`  ${isWarmup ? 'warm-up' : `run ${round - warmupRuns + 1}/${runs}`}: ${line.join(', ')}`);
    }
    return {
      chromium: browser.version(),
      runs,
      warmupRuns,
      pages: targets.map((t) => {
        const list = samples.get(t.name)!;
        return {
          name: t.name,
          url: t.url,
          firstIdle: summarize(list.map((s) => s.firstIdleMs)),
          mapCreated: summarize(list.map((s) => s.mapCreatedMs)),
          dataLoaded: summarize(list.map((s) => s.dataLoadedMs)),
          domContentLoaded: summarize(list.map((s) => s.domContentLoadedMs)),
        };
      }),
      errors,
    };
  } finally {
    await browser.close();
  }
}

async function loadOnce(browser: Browser, target: PageTarget, errors: string[]): Promise<PageSample> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
  try {
    await context.addInitScript(recordMapTimes);
    const page = await context.newPage();
    watchErrors(page, target.name, errors);
    await page.goto(target.url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as BenchWindow).__benchFirstIdleMs !== undefined, null, {
      timeout: READY_TIMEOUT_MS,
      polling: 100,
    });
    const sample = await page.evaluate((): PageSample => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const data = performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.includes('/data/')) as PerformanceResourceTiming[];
      const w = window as BenchWindow;
      return {
        firstIdleMs: w.__benchFirstIdleMs!,
        mapCreatedMs: w.__benchMapCreatedMs ?? Number.NaN,
        dataLoadedMs: Math.max(0, ...data.map((e) => e.responseEnd)),
        domContentLoadedMs: navigation?.domContentLoadedEventEnd ?? Number.NaN,
      };
    });
    for (const [key, ms] of Object.entries(sample)) {
      if (!Number.isFinite(ms)) errors.push(`${target.name}: no ${key} recorded`);
    }
    return sample;
  } finally {
    await context.close();
  }
}

/** The page's window with what the init script records (performance.now() values). */
type BenchWindow = Window & {
  /** When the first MapLibre canvas entered the document: the map object exists. */
  __benchMapCreatedMs?: number;
  /** When an element first got `data-map-ready="true"`: the first `idle`. */
  __benchFirstIdleMs?: number;
};

/**
 * Runs in the page before its scripts: record when the map canvas appears and when an element first
 * gets `data-map-ready="true"`. Mutation callbacks run as microtasks at the end of the task that made
 * the change, so the times are those of the change itself.
 */
function recordMapTimes(): void {
  const w = window as BenchWindow;
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes' && m.target instanceof Element) {
        if (m.target.getAttribute('data-map-ready') === 'true') w.__benchFirstIdleMs ??= performance.now();
      }
      for (const node of m.addedNodes) {
        if (
          node instanceof Element &&
          (node.matches('.maplibregl-canvas') || node.querySelector('.maplibregl-canvas'))
        ) {
          w.__benchMapCreatedMs ??= performance.now();
        }
      }
    }
    if (w.__benchFirstIdleMs !== undefined) observer.disconnect();
  });
  // The document itself exists before any element does, so observe it and its whole subtree.
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-map-ready'] });
}

function watchErrors(page: Page, name: string, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`${name}: page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${name}: console error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => errors.push(`${name}: request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${name}: HTTP ${r.status()} ${r.url()}`);
  });
}
