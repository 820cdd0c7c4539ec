/**
 * Time from navigation to the first map `idle` in headless Chromium, and the JS heap after it: the app
 * (dist/) against a bare MapLibre page that only draws the gemeenten (test/bench/bare), in paired rounds
 * in one browser (each round loads both, in alternating order, each in a fresh context). Both pages set
 * `data-map-ready="true"` on their map container after the first `idle`; an init script observes the
 * attribute and records `performance.now()`, which counts from the start of the navigation.
 *
 * The heap is measured over the Chrome DevTools Protocol right after the first idle: a forced GC
 * (`HeapProfiler.collectGarbage`) and `Runtime.getHeapUsage`, on the page's main thread and on each of its
 * workers (MapLibre's, and any the page started), so it is the JS heap the page keeps, not its garbage.
 * Each load also records which files under `data/` it requested before the first idle (resource timing).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page, type Request } from 'playwright-core';
import { build } from 'vite';
import { newestYear } from '../../src/lib/data/assemble';
import { parseManifest } from '../../src/lib/data/parse';
import { summarize, summarizeRatios, type RatioSummary, type Summary } from './stats';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

export const VIEWPORT = { width: 1280, height: 800 };
export const READY_TIMEOUT_MS = 60_000;

/** A page to time, by name and URL. */
export interface PageTarget {
  name: string;
  url: string;
  /**
   * Looks at the page after each load (after the first idle and the heap, outside the timing) and returns what
   * is wrong with it, e.g. not the layers the URL asks for; each problem is one of the run's errors.
   */
  check?: (page: Page) => Promise<string[]>;
}

/** What one page load reports, in ms since navigation start. */
export interface PageSample {
  firstIdleMs: number;
  /** When the MapLibre canvas entered the document (the app creates its map once data and geometry are ready). */
  mapCreatedMs: number;
  /** When the last response from a `data/` URL ended (the app loads manifest, topology and layers). */
  dataLoadedMs: number;
  domContentLoadedMs: number;
  /** Main thread JS heap used after a forced GC, bytes. */
  mainHeapBytes: number;
  /** The same summed over the page's workers, bytes. */
  workerHeapBytes: number;
  workerCount: number;
  /**
   * The files under `data/` whose request started before the first idle (path after `data/`, e.g.
   * `layers/ggd-2025.json`), in the order they started; read after the heap, once no data request is pending.
   */
  dataFiles: string[];
}

/** Median, minimum and maximum of byte counts. */
export interface ByteSummary {
  medianBytes: number;
  minBytes: number;
  maxBytes: number;
  samplesBytes: number[];
}

export interface PageTiming {
  name: string;
  url: string;
  firstIdle: Summary;
  mapCreated: Summary;
  dataLoaded: Summary;
  domContentLoaded: Summary;
  /** JS heap after a forced GC: main thread, workers, and both together. */
  mainHeap: ByteSummary;
  workerHeap: ByteSummary;
  totalHeap: ByteSummary;
  /** Workers of the page at measurement time (median). */
  workerCount: number;
  /** Every file under `data/` requested before the first idle in any load, warm-up included; sorted. */
  dataFilesBeforeIdle: string[];
}

export interface BrowserTimingResult {
  chromium: string;
  runs: number;
  warmupRuns: number;
  pages: PageTiming[];
  /** Per round, first target over second target (app / bare): first idle, data loaded and total JS heap. */
  firstIdleRatio: RatioSummary;
  dataLoadedRatio: RatioSummary;
  heapRatio: RatioSummary;
  /** Page errors, console errors and failed requests of any run (each one fails the bench). */
  errors: string[];
}

/**
 * The bare page's query for a data folder: `?topology=data/<the newest year's gemeente topology>`, with the
 * folder served as the page's `data/`.
 */
export function bareTopologyQuery(dataDir: string): string {
  const file = join(dataDir, 'manifest.json');
  const manifest = parseManifest(JSON.parse(readFileSync(file, 'utf8')), file);
  const newest = manifest.geometries.find((g) => g.year === newestYear(manifest));
  if (!newest) throw new Error(`${file} lists no geometry`);
  return `?topology=data/${encodeURIComponent(newest.file)}`;
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
 * Load both targets `runs` times (after `warmupRuns` untimed rounds), each load in a fresh browser
 * context, alternating which page goes first in each round so neither profits from going second.
 * Ratios are per round, first target over second.
 */
export async function measureBrowser(
  targets: readonly [PageTarget, PageTarget],
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
    const dataFiles = new Map<string, Set<string>>(targets.map((t) => [t.name, new Set()]));
    for (let round = 0; round < warmupRuns + runs; round++) {
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      const isWarmup = round < warmupRuns;
      const line: string[] = [];
      for (const target of order) {
        const sample = await loadOnce(browser, target, errors);
        if (!isWarmup) samples.get(target.name)!.push(sample);
        for (const file of sample.dataFiles) dataFiles.get(target.name)!.add(file);
        line.push(
          `${target.name} ${sample.firstIdleMs.toFixed(0)} ms, ` +
            `heap ${((sample.mainHeapBytes + sample.workerHeapBytes) / 1e6).toFixed(1)} MB`,
        );
      }
      log(`  ${isWarmup ? 'warm-up' : `round ${round - warmupRuns + 1}/${runs}`}: ${line.join('; ')}`);
    }
    const [first, second] = targets.map((t) => samples.get(t.name)!) as [PageSample[], PageSample[]];
    const totalHeap = (s: PageSample): number => s.mainHeapBytes + s.workerHeapBytes;
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
          mainHeap: summarizeBytes(list.map((s) => s.mainHeapBytes)),
          workerHeap: summarizeBytes(list.map((s) => s.workerHeapBytes)),
          totalHeap: summarizeBytes(list.map(totalHeap)),
          workerCount: summarizeBytes(list.map((s) => s.workerCount)).medianBytes,
          dataFilesBeforeIdle: [...dataFiles.get(t.name)!].sort(),
        };
      }),
      firstIdleRatio: summarizeRatios(first.map((s, i) => s.firstIdleMs / second[i]!.firstIdleMs)),
      dataLoadedRatio: summarizeRatios(first.map((s, i) => s.dataLoadedMs / second[i]!.dataLoadedMs)),
      heapRatio: summarizeRatios(first.map((s, i) => totalHeap(s) / totalHeap(second[i]!))),
      errors,
    };
  } finally {
    await browser.close();
  }
}

async function loadOnce(browser: Browser, target: PageTarget, errors: string[]): Promise<PageSample> {
  const context = await newBenchContext(browser);
  try {
    await context.addInitScript(recordMapTimes);
    const page = await context.newPage();
    watchErrors(page, target.name, errors);
    const pending = pendingDataRequests(page);
    await page.goto(target.url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as BenchWindow).__benchFirstIdleMs !== undefined, null, {
      timeout: READY_TIMEOUT_MS,
      polling: 100,
    });
    type Times = Omit<PageSample, 'mainHeapBytes' | 'workerHeapBytes' | 'workerCount' | 'dataFiles'>;
    const times = await page.evaluate((): Times => {
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
    for (const [key, ms] of Object.entries(times)) {
      if (!Number.isFinite(ms)) errors.push(`${target.name}: no ${key} recorded`);
    }
    const heap = await measureHeap(browser, context, page);
    const dataFiles = await dataFilesBefore(page, pending, times.firstIdleMs);
    for (const problem of (await target.check?.(page)) ?? []) errors.push(`${target.name}: ${problem}`);
    return { ...times, ...heap, dataFiles };
  } finally {
    await context.close();
  }
}

const isDataUrl = (url: string): boolean => new URL(url).pathname.includes('/data/');

/** The page's requests for `data/` URLs that have not finished (or failed) yet. */
function pendingDataRequests(page: Page): Set<Request> {
  const pending = new Set<Request>();
  page.on('request', (r) => {
    if (isDataUrl(r.url())) pending.add(r);
  });
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('requestfailed', (r) => pending.delete(r));
  return pending;
}

/**
 * The files under `data/` whose request started before `beforeMs` (performance.now() of the page), in the
 * order they started: from the page's resource timing, which has an entry only once a response ended, so this
 * first waits (up to READY_TIMEOUT_MS) until no data request is pending.
 */
async function dataFilesBefore(page: Page, pending: ReadonlySet<Request>, beforeMs: number): Promise<string[]> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (pending.size > 0 && Date.now() < deadline) await page.waitForTimeout(50);
  return await page.evaluate((before) => {
    const marker = '/data/';
    return performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime <= before && new URL(e.name).pathname.includes(marker))
      .sort((a, b) => a.startTime - b.startTime)
      .map((e) => {
        const path = new URL(e.name).pathname;
        return decodeURIComponent(path.slice(path.indexOf(marker) + marker.length));
      });
  }, beforeMs);
}

/** A fresh browser context as every bench load gets: the viewport, device scale 1, Dutch locale and time zone. */
export async function newBenchContext(browser: Browser): Promise<BrowserContext> {
  return await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
}

/** Used JS heap after a forced GC on the page's main thread and, summed, on its workers. */
async function measureHeap(
  browser: Browser,
  context: BrowserContext,
  page: Page,
): Promise<Pick<PageSample, 'mainHeapBytes' | 'workerHeapBytes' | 'workerCount'>> {
  const session = await context.newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    const main = await session.send('Runtime.getHeapUsage');
    const { targetInfo } = await session.send('Target.getTargetInfo');
    const workerHeaps = await measureWorkerHeaps(browser, targetInfo.browserContextId);
    return {
      mainHeapBytes: main.usedSize,
      workerHeapBytes: workerHeaps.reduce((sum, bytes) => sum + bytes, 0),
      workerCount: workerHeaps.length,
    };
  } finally {
    await session.detach();
  }
}

/**
 * The used heap after a forced GC of every worker in the browser context. Playwright opens CDP sessions
 * on pages only, so this attaches to each worker target from a browser session (the protocol's
 * non-flattened mode, messages wrapped in `Target.sendMessageToTarget`).
 */
async function measureWorkerHeaps(browser: Browser, browserContextId: string | undefined): Promise<number[]> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await session.send('Target.getTargets');
    const workers = targetInfos.filter(
      (t) => (t.type === 'worker' || t.type === 'shared_worker') && t.browserContextId === browserContextId,
    );
    const heaps: number[] = [];
    for (const worker of workers) {
      const { sessionId } = await session.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
      try {
        await sendToTarget(session, sessionId, 'HeapProfiler.collectGarbage');
        const usage = (await sendToTarget(session, sessionId, 'Runtime.getHeapUsage')) as { usedSize: number };
        heaps.push(usage.usedSize);
      } finally {
        await session.send('Target.detachFromTarget', { sessionId });
      }
    }
    return heaps;
  } finally {
    await session.detach();
  }
}

let nextMessageId = 1;

/** Send a protocol command to an attached (non-flattened) target and wait for its answer. */
async function sendToTarget(session: CDPSession, sessionId: string, method: string): Promise<unknown> {
  const id = nextMessageId++;
  return await new Promise((resolve, reject) => {
    const onMessage = (event: { sessionId: string; message: string }): void => {
      if (event.sessionId !== sessionId) return;
      const answer = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (answer.id !== id) return;
      session.off('Target.receivedMessageFromTarget', onMessage);
      if (answer.error) reject(new Error(`${method} in a worker: ${answer.error.message}`));
      else resolve(answer.result);
    };
    session.on('Target.receivedMessageFromTarget', onMessage);
    session
      .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
      .catch((error: unknown) => {
        session.off('Target.receivedMessageFromTarget', onMessage);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
  });
}

function summarizeBytes(samples: readonly number[]): ByteSummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return {
    medianBytes: sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2),
    minBytes: sorted[0]!,
    maxBytes: sorted[sorted.length - 1]!,
    samplesBytes: [...samples],
  };
}

/** The page's window with what the init script records (performance.now() values). */
export type BenchWindow = Window & {
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
export function recordMapTimes(): void {
  const w = window as BenchWindow;
  // Room for every file of the load in the resource timing (the default keeps 250 entries).
  performance.setResourceTimingBufferSize(2000);
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

export function watchErrors(page: Page, name: string, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`${name}: page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${name}: console error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => errors.push(`${name}: request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${name}: HTTP ${r.status()} ${r.url()}`);
  });
}
