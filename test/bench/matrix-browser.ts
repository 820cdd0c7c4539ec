/**
 * The matrix of 50 layers at 342 gemeenten in headless Chromium (issue 9: "matrix in the worker without
 * any main-thread task over 50 ms while it runs"). Each round opens the built app in a fresh browser
 * context on the 50-layer data folder (`bench-data.ts`) with every layer visible (`?layers=…`), waits for
 * the first map `idle` and then for a quiet main thread (no long task for a second), clicks the button that
 * opens the matrix and waits until the whole table is there. The app puts a large matrix in a few rows per frame
 * and marks the table `aria-busy` until its last row is in; measured from the click until the frame after that
 * ("shown"):
 * - every main-thread task of 50 ms or more, by a PerformanceObserver for `longtask` that an init script
 *   registers before navigation (so it also sees the tasks of the page load, reported apart);
 * - the longest main-thread task of any length, from a Chromium trace of the same interval (category
 *   `toplevel`: every task the renderer's main thread runs, between two `performance.mark`s), since the
 *   Long Tasks API reports nothing under 50 ms;
 * - of the traced tasks over 50 ms, which are frames of the map: at most 50 ms outside their frame's `Commit`
 *   (DevTools timeline), where the main thread waits for the GPU process to draw the map's WebGL canvas in
 *   software; the others spent more than 50 ms on the app's own work;
 * - for the longest long animation frame in the interval (where Chromium has the API), the script that
 *   took longest in it, to say what blocked.
 * The target is met when no round has a long task in that interval. Then, as the least a frame of the map costs
 * on this machine, the bare page (test/bench/bare: the gemeenten only) is resized a few times and each frame that
 * follows is timed from a trace.
 *
 * `tsx test/bench/matrix-browser.ts` runs this part alone against the current dist/ (build first), with the
 * paired first idle of the 50-layer data against the built data; `npm run bench` runs it as its part 5.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { checkBenchData, writeBenchData, type BenchDataSummary } from './bench-data';
import {
  bareTopologyQuery,
  buildBarePage,
  measureBrowser,
  newBenchContext,
  READY_TIMEOUT_MS,
  recordMapTimes,
  watchErrors,
  type BenchWindow,
  type BrowserTimingResult,
} from './browser-timing';
import { formatMs, formatRatioSummary, summarize, table, type Summary } from './stats';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { startServer } from '../static-server';
import { runAlone } from './run-alone';

/** Issue 9: no main-thread task longer than this while the matrix computes. */
export const LONG_TASK_LIMIT_MS = 50;
/** A quiet main thread before the click: this long without a long task. */
const QUIET_MS = 1000;
const QUIET_TIMEOUT_MS = 30_000;
/** The bare page's frames: this many resizes, between the viewport's width and this one, each given this long. */
const BARE_RESIZES = 8;
const BARE_NARROW_WIDTH = 960;
const BARE_SETTLE_MS = 1000;
const BARE_RESIZE_MARK = 'bench-bare-resize';
/** Time for the last long-task entries to be delivered after the matrix is shown. */
const SETTLE_MS = 300;
const CLICK_MARK = 'bench-matrix-click';
/**
 * Every trace of this part, the app's rounds and the bare page's frames alike (tracing costs both the same): every
 * task of the main thread (`toplevel`), the marks, and the DevTools timeline, whose `Commit` events tell the map's
 * frames (`commitMs`) from other tasks.
 */
const TRACE_CATEGORIES = [
  'toplevel',
  'blink.user_timing',
  '__metadata',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
];
/** The bare page's source, built by `measureLayersInBrowser` when its folder has none. */
const BARE_ROOT = join(fileURLToPath(import.meta.url), '..', 'bare');
const SHOWN_MARK = 'bench-matrix-shown';
/** The matrix table with every row in (the app marks it `aria-busy` while it adds rows). */
const COMPLETE_TABLE = '.matrix table[aria-busy="false"]';

export interface MatrixBrowserOptions {
  /** The app's URL (ending in `/`), served with the 50-layer folder as its data/. */
  appUrl: string;
  /** The bare MapLibre page (test/bench/bare) with its `?topology=`: what one frame of the map costs at least. */
  bareUrl: string;
  layerIds: readonly string[];
  rounds: number;
  warmupRounds: number;
  log: (line: string) => void;
}

/** A main-thread task, ms; `startMs` counted from the click. */
export interface TaskTime {
  startMs: number;
  durationMs: number;
}

/** A traced main-thread task. */
export interface TaskSample extends TaskTime {
  /**
   * Of that, the frame's commit (the DevTools timeline's `Commit`). Headless Chromium composites in software, so a
   * commit waits for the GPU process to draw the map's WebGL canvas (SwiftShader): a task that is mostly commit
   * is a frame of the map, not work of the app's scripts or of its page layout.
   */
  commitMs: number;
  /** Detailed trace only: what the task spent its time on, e.g. `Commit 850 ms, FunctionCall index.js:815 12 ms`. */
  parts?: string;
}

/**
 * A task over the limit that is a frame of the map: at most the limit outside its frame's commit (see `commitMs`).
 * A frame that also runs more than the limit of the app's own work (script, style, layout, paint) is not.
 */
export const isMapFrame = (task: TaskSample): boolean =>
  task.durationMs - Math.min(task.commitMs, task.durationMs) <= LONG_TASK_LIMIT_MS;

/** A long animation frame of the interval and the script that took longest in it (what blocked). */
export interface FrameScript {
  /** From the click. */
  startMs: number;
  frameMs: number;
  /** The longest script of that frame: its invoker (e.g. `Window.onmessage`), source and ms. */
  invoker: string;
  source: string;
  scriptMs: number;
}

/** One round, times in ms. */
export interface MatrixRoundSample {
  /** Navigation to the first map idle with every layer visible. */
  firstIdleMs: number;
  /** The longest long task from navigation to the first idle; 0 when there was none. */
  loadLongestTaskMs: number;
  /** How long after the first idle the main thread was quiet (no long task for QUIET_MS), counted from the first idle. */
  quietAfterMs: number;
  /** Click to the whole matrix table in the document (`aria-busy="false"`), and to the frame after it (shown). */
  tableMs: number;
  shownMs: number;
  /** Long tasks (≥ 50 ms, PerformanceObserver) overlapping the click-to-shown interval. */
  longTasks: TaskTime[];
  /** From the trace: the longest main-thread task in the interval, and how many tasks ran in it. */
  longestTaskMs: number;
  traceTaskCount: number;
  /** The traced tasks over the limit: frames of the map (`isMapFrame`) and the others. */
  mapFramesOver50: TaskSample[];
  otherTasksOver50: TaskSample[];
  /** Long animation frames (≥ 50 ms) overlapping the interval, where Chromium has the API. */
  longFrames: FrameScript[];
  /** Rows of the matrix table (one per layer). */
  rowCount: number;
}

export interface MatrixBrowserResult {
  chromium: string;
  layerCount: number;
  rounds: number;
  warmupRounds: number;
  samples: MatrixRoundSample[];
  shown: Summary;
  /** Longest main-thread task per round (trace). */
  longestTask: Summary;
  /** Long tasks over the limit (PerformanceObserver) per round, and in all rounds. */
  longTasksPerRound: number[];
  longTaskTotal: number;
  /** Of the traced tasks over the limit, in all rounds: frames of the map, and the others. */
  mapFrameTotal: number;
  otherLongTaskTotal: number;
  /**
   * One frame of the bare page (the gemeenten only) after its window narrows or widens, longest task per resize:
   * the least a frame of the map costs on this machine.
   */
  bareFrame: Summary;
  firstIdle: Summary;
  loadLongestTask: Summary;
  /**
   * The main-thread tasks over 50 ms of the warm-up round, which is traced in detail (DevTools timeline
   * categories: script, layout, paint, commit), with what each spent its time on; empty without warm-up.
   */
  attribution: TaskSample[];
  /** Page errors, console errors, failed requests, a table without every layer. */
  errors: string[];
}

/** The page's window with what the init scripts record (performance.now() values). */
type MatrixWindow = BenchWindow & {
  __benchLongTasks?: { startMs: number; durationMs: number }[];
  __benchLongFrames?: { startMs: number; durationMs: number; scripts: ScriptEntry[] }[];
  __benchFlushLongTasks?: () => void;
  __benchMatrixClickMs?: number;
  __benchMatrixTableMs?: number;
  __benchMatrixShownMs?: number;
};

interface ScriptEntry {
  invoker: string;
  source: string;
  durationMs: number;
}

/**
 * Runs in the page before its scripts: observe long tasks and long animation frames (buffered, from the
 * navigation on), record the click on the matrix button, and when the whole matrix table is in the document
 * after it (`.matrix table[aria-busy="false"]`), the time then and after the next frame. The two marks bound the trace's interval.
 */
function observeMainThread(): void {
  const w = window as MatrixWindow;
  const tasks: { startMs: number; durationMs: number }[] = [];
  const frames: { startMs: number; durationMs: number; scripts: ScriptEntry[] }[] = [];
  w.__benchLongTasks = tasks;
  w.__benchLongFrames = frames;
  // No named inner functions: tsx would wrap them in a helper (`__name`) that the page does not have.
  const taskObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ startMs: e.startTime, durationMs: e.duration });
  });
  taskObserver.observe({ type: 'longtask', buffered: true });
  w.__benchFlushLongTasks = () => {
    for (const e of taskObserver.takeRecords()) tasks.push({ startMs: e.startTime, durationMs: e.duration });
  };
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    type Script = { invoker?: string; sourceURL?: string; sourceFunctionName?: string; duration: number };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const scripts = ((e as PerformanceEntry & { scripts?: Script[] }).scripts ?? []).map((s) => ({
          invoker: s.invoker ?? '',
          source: `${s.sourceFunctionName || '(anonymous)'} ${(s.sourceURL ?? '').split('/').pop() ?? ''}`.trim(),
          durationMs: s.duration,
        }));
        frames.push({ startMs: e.startTime, durationMs: e.duration, scripts });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  }
  document.addEventListener(
    'click',
    (event) => {
      if (w.__benchMatrixClickMs !== undefined) return;
      if (event.target instanceof Element && event.target.closest('button.compare')) {
        w.__benchMatrixClickMs = performance.now();
        performance.mark('bench-matrix-click');
      }
    },
    { capture: true },
  );
  const tableObserver = new MutationObserver(() => {
    if (w.__benchMatrixClickMs === undefined || w.__benchMatrixTableMs !== undefined) return;
    // The page cannot see this module's constants: the selector is COMPLETE_TABLE, written out.
    if (!document.querySelector('.matrix table[aria-busy="false"]')) return;
    w.__benchMatrixTableMs = performance.now();
    tableObserver.disconnect();
    requestAnimationFrame(() =>
      setTimeout(() => {
        w.__benchMatrixShownMs = performance.now();
        performance.mark('bench-matrix-shown');
      }, 0),
    );
  });
  tableObserver.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
}

/** Run the rounds: each a fresh context, load with every layer visible, open the matrix, measure. */
export async function measureMatrixInBrowser(options: MatrixBrowserOptions): Promise<MatrixBrowserResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const url = `${options.appUrl}?layers=${options.layerIds.map(encodeURIComponent).join(',')}`;
  const errors: string[] = [];
  try {
    const samples: MatrixRoundSample[] = [];
    let attribution: TaskSample[] = [];
    for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
      const isWarmup = round < options.warmupRounds;
      // Every round is traced with the timeline; the first warm-up round's long tasks are told in parts.
      const withParts = isWarmup && round === 0;
      const { sample, detailed } = await matrixRound(browser, url, options.layerIds.length, errors, withParts);
      if (withParts) attribution = detailed;
      if (!isWarmup) samples.push(sample);
      const label = isWarmup ? 'warm-up' : `round ${round - options.warmupRounds + 1}/${options.rounds}`;
      options.log(
        `  ${label}: first idle ${formatMs(sample.firstIdleMs)}, matrix shown after ${formatMs(sample.shownMs)}, ` +
          `longest task ${formatMs(sample.longestTaskMs)}, ${sample.longTasks.length} over ${LONG_TASK_LIMIT_MS} ms` +
          (sample.longTasks.length > 0 ? ` (${sample.longTasks.map((t) => formatMs(t.durationMs)).join(', ')})` : ''),
      );
    }
    const perRound = samples.map((s) => s.longTasks.length);
    options.log('  the bare page: one frame of the gemeenten after a resize');
    const bareFrames = await measureBareFrames(browser, options.bareUrl, BARE_RESIZES, errors);
    return {
      chromium: browser.version(),
      layerCount: options.layerIds.length,
      rounds: options.rounds,
      warmupRounds: options.warmupRounds,
      samples,
      shown: summarize(samples.map((s) => s.shownMs)),
      longestTask: summarize(samples.map((s) => s.longestTaskMs)),
      longTasksPerRound: perRound,
      longTaskTotal: perRound.reduce((a, b) => a + b, 0),
      mapFrameTotal: samples.reduce((sum, s) => sum + s.mapFramesOver50.length, 0),
      otherLongTaskTotal: samples.reduce((sum, s) => sum + s.otherTasksOver50.length, 0),
      bareFrame: summarize(bareFrames),
      firstIdle: summarize(samples.map((s) => s.firstIdleMs)),
      loadLongestTask: summarize(samples.map((s) => s.loadLongestTaskMs)),
      attribution,
      errors,
    };
  } finally {
    await browser.close();
  }
}

/**
 * A page of `context` at `url` that records its first map idle and its long tasks from the navigation on
 * (`observeMainThread`), its errors added to `errors` under `label`; resolves at the first idle.
 */
async function openObserved(context: BrowserContext, url: string, label: string, errors: string[]): Promise<Page> {
  await context.addInitScript(recordMapTimes);
  await context.addInitScript(observeMainThread);
  const page = await context.newPage();
  watchErrors(page, label, errors);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as BenchWindow).__benchFirstIdleMs !== undefined, null, {
    timeout: READY_TIMEOUT_MS,
    polling: 100,
  });
  return page;
}

async function matrixRound(
  browser: Browser,
  url: string,
  layerCount: number,
  errors: string[],
  withParts: boolean,
): Promise<{ sample: MatrixRoundSample; detailed: TaskSample[] }> {
  const context = await newBenchContext(browser);
  try {
    const page = await openObserved(context, url, 'matrix, 50 layers', errors);
    const layerErrors = await page.locator('.layer-error').allTextContents();
    for (const text of layerErrors) errors.push(`matrix, 50 layers: layer failed to load: ${text}`);
    const quietAfterMs = await waitForQuiet(page);

    await browser.startTracing(page, {
      categories: TRACE_CATEGORIES,
    });
    let trace: Buffer;
    try {
      await page.locator('button.compare').click();
      await page.locator(COMPLETE_TABLE).waitFor({ state: 'visible', timeout: READY_TIMEOUT_MS });
      await page.waitForFunction(() => (window as MatrixWindow).__benchMatrixShownMs !== undefined, null, {
        timeout: READY_TIMEOUT_MS,
        polling: 50,
      });
      await page.waitForTimeout(SETTLE_MS);
    } finally {
      trace = await browser.stopTracing();
    }
    const rowCount = await page.locator('.matrix table tbody tr').count();
    if (rowCount !== layerCount) errors.push(`matrix, 50 layers: the table has ${rowCount} rows, not ${layerCount}`);
    const matrixError = await page.locator('.matrix .error').allTextContents();
    for (const text of matrixError) errors.push(`matrix, 50 layers: the matrix failed: ${text}`);

    const inPage = await page.evaluate(() => {
      const w = window as MatrixWindow;
      w.__benchFlushLongTasks!();
      return {
        firstIdleMs: w.__benchFirstIdleMs!,
        clickMs: w.__benchMatrixClickMs!,
        tableMs: w.__benchMatrixTableMs!,
        shownMs: w.__benchMatrixShownMs!,
        tasks: w.__benchLongTasks!,
        frames: w.__benchLongFrames!,
      };
    });
    const { clickMs, shownMs } = inPage;
    const overlaps = (t: { startMs: number; durationMs: number }): boolean =>
      t.startMs < shownMs && t.startMs + t.durationMs > clickMs;
    const traced = mainThreadTasks(trace, withParts);
    const sample: MatrixRoundSample = {
      firstIdleMs: inPage.firstIdleMs,
      loadLongestTaskMs: Math.max(
        0,
        ...inPage.tasks.filter((t) => t.startMs < inPage.firstIdleMs).map((t) => t.durationMs),
      ),
      quietAfterMs,
      tableMs: inPage.tableMs - clickMs,
      shownMs: shownMs - clickMs,
      longTasks: inPage.tasks
        .filter((t) => overlaps(t) && t.durationMs > LONG_TASK_LIMIT_MS)
        .map((t) => ({ startMs: t.startMs - clickMs, durationMs: t.durationMs })),
      longestTaskMs: Math.max(0, ...traced.map((t) => t.durationMs)),
      traceTaskCount: traced.length,
      mapFramesOver50: traced.filter((t) => t.durationMs > LONG_TASK_LIMIT_MS && isMapFrame(t)),
      otherTasksOver50: traced.filter((t) => t.durationMs > LONG_TASK_LIMIT_MS && !isMapFrame(t)),
      longFrames: inPage.frames.filter(overlaps).map((frame) => {
        const script = [...frame.scripts].sort((a, b) => b.durationMs - a.durationMs)[0];
        return {
          startMs: frame.startMs - clickMs,
          frameMs: frame.durationMs,
          invoker: script?.invoker ?? '',
          source: script?.source ?? '',
          scriptMs: script?.durationMs ?? 0,
        };
      }),
      rowCount,
    };
    return {
      sample,
      detailed: withParts ? traced.filter((t) => t.durationMs > LONG_TASK_LIMIT_MS) : [],
    };
  } finally {
    await context.close();
  }
}

/**
 * The bare page's frames: load it, wait for a quiet main thread, then narrow and widen its window in turn
 * (`resizes` times, as a panel opening beside the map does to the app's map) and take the longest main-thread
 * task after each resize from a trace (so a frame under 50 ms is measured too): the frame that draws the gemeenten
 * at the new size.
 */
async function measureBareFrames(browser: Browser, url: string, resizes: number, errors: string[]): Promise<number[]> {
  const context = await newBenchContext(browser);
  try {
    const page = await openObserved(context, url, 'bare page frames', errors);
    await waitForQuiet(page);
    const viewport = page.viewportSize()!;
    const frames: number[] = [];
    for (let i = 0; i < resizes; i++) {
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      let trace: Buffer;
      try {
        await page.evaluate((name) => performance.mark(name), BARE_RESIZE_MARK);
        await page.setViewportSize({ ...viewport, width: i % 2 === 0 ? BARE_NARROW_WIDTH : viewport.width });
        await page.waitForTimeout(BARE_SETTLE_MS);
      } finally {
        trace = await browser.stopTracing();
      }
      frames.push(longestTaskAfter(trace, BARE_RESIZE_MARK));
    }
    return frames;
  } finally {
    await context.close();
  }
}

/**
 * Wait until the main thread has run no long task for QUIET_MS (map work after the first idle, e.g. the
 * label layout of 50 layers, is not the matrix's). Returns ms from the first idle until the quiet began.
 */
async function waitForQuiet(page: Page): Promise<number> {
  return await page.evaluate(
    async ([quietMs, timeoutMs]) => {
      const w = window as MatrixWindow;
      const idle = w.__benchFirstIdleMs!;
      for (;;) {
        w.__benchFlushLongTasks!();
        const lastEnd = Math.max(idle, ...w.__benchLongTasks!.map((t) => t.startMs + t.durationMs));
        const now = performance.now();
        if (now - lastEnd >= quietMs) return lastEnd - idle;
        if (now - idle > timeoutMs)
          throw new Error(`the main thread was not quiet for ${quietMs} ms within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    [QUIET_MS, QUIET_TIMEOUT_MS] as const,
  );
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; lineNumber?: number; functionName?: string } };
}

const end = (e: TraceEvent): number => e.ts + (e.dur ?? 0);

/** The longest top-level task of the main thread (the thread of mark `name`) that ends after that mark, ms. */
export function longestTaskAfter(trace: Buffer, name: string): number {
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
  const mark = traceEvents.find((e) => e.cat.includes('blink.user_timing') && e.name === name);
  if (!mark) throw new Error(`trace: no mark ${name}`);
  const tasks = traceEvents.filter(
    (e) => e.pid === mark.pid && e.tid === mark.tid && e.name === 'ThreadControllerImpl::RunTask' && end(e) > mark.ts,
  );
  return Math.max(0, ...tasks.map((e) => (e.dur ?? 0) / 1000));
}

/**
 * The top-level tasks of the page's main thread (the thread of the two marks) that overlap the interval
 * between the marks, in ms from the click mark; with `withParts`, what each task over 50 ms spent its time
 * on (a trace with the DevTools timeline categories).
 */
export function mainThreadTasks(trace: Buffer, withParts = false): TaskSample[] {
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
  const mark = (name: string): TraceEvent => {
    const event = traceEvents.find((e) => e.cat.includes('blink.user_timing') && e.name === name);
    if (!event) throw new Error(`trace: no mark ${name}`);
    return event;
  };
  const click = mark(CLICK_MARK);
  const shown = mark(SHOWN_MARK);
  const onMain = traceEvents.filter((e) => e.pid === click.pid && e.tid === click.tid && e.ph === 'X');
  const timeline = onMain.filter((e) => e.cat.includes('devtools.timeline'));
  const commits = timeline.filter((e) => e.name === 'Commit');
  return onMain
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ts < shown.ts && e.ts + (e.dur ?? 0) > click.ts)
    .map((e) => {
      const commitUs = commits
        .filter((c) => c.ts >= e.ts && end(c) <= end(e))
        .reduce((sum, c) => sum + (c.dur ?? 0), 0);
      const task: TaskSample = {
        startMs: (e.ts - click.ts) / 1000,
        durationMs: (e.dur ?? 0) / 1000,
        commitMs: Math.min(commitUs, e.dur ?? 0) / 1000,
      };
      if (withParts && task.durationMs > LONG_TASK_LIMIT_MS) task.parts = partsOf(e, timeline);
      return task;
    });
}

/**
 * What a task spent its time on: its outermost timeline events of 5 ms or more, longest first (at most 3),
 * each followed down through the child that takes at least half of it (`HandlePostMessage › RunMicrotasks ›
 * FunctionCall index.js:3`).
 */
function partsOf(task: TraceEvent, timeline: readonly TraceEvent[]): string {
  const inside = timeline.filter(
    (e) => e.name !== task.name && e.ts >= task.ts && end(e) <= end(task) && (e.dur ?? 0) >= 1000,
  );
  const within = (outer: TraceEvent, e: TraceEvent): boolean =>
    e !== outer && e.ts >= outer.ts && end(e) <= end(outer) && (e.dur ?? 0) <= (outer.dur ?? 0);
  const childrenOf = (outer: TraceEvent | null): TraceEvent[] => {
    const pool = outer ? inside.filter((e) => within(outer, e)) : inside;
    return pool.filter((e) => !pool.some((o) => o !== e && within(o, e) && (o.dur ?? 0) > (e.dur ?? 0)));
  };
  const label = (e: TraceEvent): string => {
    const data = e.args?.data;
    if (e.name !== 'FunctionCall' || !data?.url) return e.name;
    return `${e.name} ${data.functionName || ''} ${data.url.split('/').pop()}:${(data.lineNumber ?? 0) + 1}`.replace(
      /  +/g,
      ' ',
    );
  };
  return childrenOf(null)
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
    .filter((e) => (e.dur ?? 0) >= 5000)
    .slice(0, 3)
    .map((top) => {
      const chain = [label(top)];
      let at = top;
      for (;;) {
        const biggest = childrenOf(at).sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
        if (!biggest || (biggest.dur ?? 0) < (at.dur ?? 0) / 2) break;
        chain.push(label(biggest));
        at = biggest;
      }
      return `${chain.join(' › ')} ${formatMs((top.dur ?? 0) / 1000)}`;
    })
    .join(', ');
}
/** The result as text for the bench's report. */
export function formatMatrixInBrowser(r: MatrixBrowserResult): string {
  const range = (s: Summary): string => `${formatMs(s.medianMs)} (${formatMs(s.minMs)}–${formatMs(s.maxMs)})`;
  const rows = r.samples.map((s, i) => [
    String(i + 1),
    formatMs(s.firstIdleMs),
    formatMs(s.quietAfterMs),
    formatMs(s.shownMs),
    formatMs(s.longestTaskMs),
    String(s.traceTaskCount),
    String(s.longTasks.length),
    String(s.mapFramesOver50.length),
    s.otherTasksOver50.map((t) => `${formatMs(t.durationMs)} at +${formatMs(t.startMs)}`).join(', ') || '–',
  ]);
  const parts = r.attribution.map(
    (t) => `  ${formatMs(t.durationMs)} at +${formatMs(t.startMs)}: ${t.parts || '(no timeline events)'}`,
  );
  return [
    table(
      [
        'round',
        'first idle',
        'quiet after',
        'shown after',
        'longest task',
        'tasks',
        '> 50 ms',
        'map frames',
        'others over 50 ms (from click)',
      ],
      rows,
    ),
    'first idle: navigation to the first map idle with all layers visible; quiet after: from then until the main',
    `thread ran no long task for ${formatMs(QUIET_MS)}, before the click; shown after: click to the frame after`,
    'the whole `.matrix table` (every row) was in the document; longest task and tasks: every main-thread task in that interval (trace);',
    `> 50 ms: long tasks in it (PerformanceObserver 'longtask'); map frames: traced tasks over ${LONG_TASK_LIMIT_MS} ms`,
    `with at most ${LONG_TASK_LIMIT_MS} ms outside their frame's commit, which waits for the GPU process to draw the map`,
    `(software WebGL); others: traced tasks with more than ${LONG_TASK_LIMIT_MS} ms outside it (script, style, layout,`,
    'paint). Every round is traced with the DevTools timeline.',
    `matrix shown after: median ${range(r.shown)}; longest main-thread task: median ${range(r.longestTask)}; ` +
      `tasks over ${LONG_TASK_LIMIT_MS} ms: ${r.longTaskTotal} in ${r.rounds} rounds (traced: ${r.mapFrameTotal} map ` +
      `frames, ${r.otherLongTaskTotal} others)`,
    `one frame of the bare page (the gemeenten only) after its window is narrowed or widened, longest task: median ` +
      `${range(r.bareFrame)}, ${r.bareFrame.runs} resizes: the least a frame of the map costs on this machine`,
    `longest task during the load (navigation to first idle, all layers visible): median ${range(r.loadLongestTask)}`,
    r.warmupRounds === 0
      ? ''
      : parts.length > 0
        ? `what the tasks over ${LONG_TASK_LIMIT_MS} ms were, in the warm-up round (traced in detail):\n${parts.join('\n')}`
        : `no task over ${LONG_TASK_LIMIT_MS} ms in the warm-up round (traced in detail)`,
  ].join('\n');
}

/** First idle of the app on the 50-layer data against the built data, as the bench reports it. */
export function formatFirstIdleByLayers(result: BrowserTimingResult): string {
  return [
    table(
      ['data', 'runs', 'median', 'min', 'max', 'data loaded', 'JS heap (main + workers)'],
      result.pages.map((p) => [
        p.name,
        String(p.firstIdle.runs),
        formatMs(p.firstIdle.medianMs),
        formatMs(p.firstIdle.minMs),
        formatMs(p.firstIdle.maxMs),
        formatMs(p.dataLoaded.medianMs),
        `${(p.totalHeap.medianBytes / 1e6).toFixed(1)} MB`,
      ]),
    ),
    `first idle, ${result.pages[0]!.name} / ${result.pages[1]!.name}, per round: ${formatRatioSummary(result.firstIdleRatio)}`,
    `JS heap, per round: ${formatRatioSummary(result.heapRatio)}`,
  ].join('\n');
}

/** Everything part 5 of the bench measures. */
export interface LayersInBrowserReport {
  data: Omit<BenchDataSummary, 'folder'> & { folder: string; problems: string[] };
  matrix: MatrixBrowserResult;
  firstIdle: BrowserTimingResult;
}

export interface LayersInBrowserOptions {
  distDir: string;
  /** The built data (public/data) and where to write the 50-layer folder. */
  sourceDataDir: string;
  benchDataDir: string;
  /** The built bare page (test/bench/bare); built there when it has no index.html. */
  bareDir: string;
  matrixRounds: number;
  matrixWarmupRounds: number;
  firstIdleRounds: number;
  firstIdleWarmupRounds: number;
  log: (line: string) => void;
}

/**
 * Write and check the 50-layer folder, serve dist/ twice (with the built data, and with the 50-layer folder
 * mounted as its data/), run the matrix rounds, then first idle of both paired. Server failures are added to
 * the matrix's errors.
 */
export async function measureLayersInBrowser(options: LayersInBrowserOptions): Promise<LayersInBrowserReport> {
  const { log } = options;
  log('  writing the 50-layer data folder');
  const summary = writeBenchData(options.sourceDataDir, options.benchDataDir);
  const problems = checkBenchData(options.benchDataDir, summary.layerCount);
  if (!existsSync(join(options.bareDir, 'index.html'))) await buildBarePage(BARE_ROOT, options.bareDir);
  const server = await startServer([
    { prefix: '/app/', folder: options.distDir },
    { prefix: '/app50/', folder: options.distDir },
    { prefix: '/app50/data/', folder: options.benchDataDir },
    { prefix: '/bare/', folder: options.bareDir },
    { prefix: '/bare/data/', folder: options.sourceDataDir },
  ]);
  try {
    log(`  matrix of ${summary.layerCount} layers, long tasks (fresh page per round)`);
    const matrix = await measureMatrixInBrowser({
      appUrl: `${server.origin}/app50/`,
      bareUrl: `${server.origin}/bare/${bareTopologyQuery(options.sourceDataDir)}`,
      layerIds: summary.layerIds,
      rounds: options.matrixRounds,
      warmupRounds: options.matrixWarmupRounds,
      log,
    });
    log(`  first map idle: ${summary.layerCount}-layer data / built data (default view), paired`);
    const firstIdle = await measureBrowser(
      [
        { name: `${summary.layerCount} layers`, url: `${server.origin}/app50/` },
        { name: `${summary.builtLayerCount} layers`, url: `${server.origin}/app/` },
      ],
      options.firstIdleRounds,
      options.firstIdleWarmupRounds,
      log,
    );
    matrix.errors.push(...server.failures.map((f) => `server: ${f}`));
    return { data: { ...summary, problems }, matrix, firstIdle };
  } finally {
    await server.close();
  }
}

/** The folder's summary as a line. */
export function formatBenchData(data: LayersInBrowserReport['data']): string {
  return (
    `${data.layerCount} layers (${data.builtLayerCount} built, ${data.generatedLayerCount} generated: grown, nested, ` +
    `groupings of built layers, ${data.partialLayerCount} partial in all, ${data.multiMembershipLayerCount} with ` +
    `multi-membership), ${data.regionCounts.min}–${data.regionCounts.max} regions per layer, ` +
    `${data.regionCounts.total} in all; ${(data.totalBytes / 1000).toFixed(0)} kB of files` +
    (data.problems.length > 0 ? `; PROBLEMS: ${data.problems.join('; ')}` : '')
  );
}

// Run alone: `tsx test/bench/matrix-browser.ts` (against the current dist/); errors are printed, not an exit code.
runAlone(import.meta.url, async (root, log) => {
  const r = await measureLayersInBrowser({
    distDir: join(root, 'dist'),
    sourceDataDir: join(root, 'public', 'data'),
    benchDataDir: join(root, 'node_modules', '.cache', 'samenwerkingsatlas-bench', 'data-50'),
    bareDir: join(root, 'node_modules', '.cache', 'samenwerkingsatlas-bench', 'bare'),
    matrixRounds: Number(process.env.BENCH_MATRIX_ROUNDS ?? 5),
    matrixWarmupRounds: 1,
    firstIdleRounds: Number(process.env.BENCH_FIRST_IDLE_ROUNDS ?? 7),
    firstIdleWarmupRounds: 1,
    log,
  });
  const text = [
    formatBenchData(r.data),
    '',
    formatMatrixInBrowser(r.matrix),
    '',
    formatFirstIdleByLayers(r.firstIdle),
    ...[...r.matrix.errors, ...r.firstIdle.errors].map((e) => `ERROR ${e}`),
    '',
  ].join('\n');
  return { text, isOk: true };
});
