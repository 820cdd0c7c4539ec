/**
 * The benchmark (`npm run bench`, which builds first): payload sizes, decode and dissolve time in
 * Node against a naive Turf union, and time to the first map in headless Chromium against a bare
 * MapLibre page. Prints a report, writes it as JSON to test-results/bench.json, and exits non-zero
 * when a check fails (dissolved areas disagree, a page errors or a request fails).
 * Progress goes to stderr, the report to stdout.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBarePage, measureBrowser, VIEWPORT, type BrowserTimingResult } from './browser-timing';
import { decodeAtlas, measureNode, type NodeRuns, type NodeTimingResult } from './node-timing';
import { benchMatrix, formatMatrixBench, type MatrixBenchReport } from './matrix-bench';
import { isBundleFile, measureFolder, type FolderSizes } from './payload';
import { startServer } from '../static-server';
import { formatBytes, formatMs, table, type Summary } from './stats';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA_DIR = join(ROOT, 'public', 'data');
const DIST_DIR = join(ROOT, 'dist');
const BARE_ROOT = join(ROOT, 'test', 'bench', 'bare');
const BARE_OUT = join(ROOT, 'node_modules', '.cache', 'samenwerkingsatlas-bench', 'bare');
const REPORT_FILE = join(ROOT, 'test-results', 'bench.json');

// The naive dissolve takes seconds per pass on two cores, so it runs three times after one warm-up.
const NODE_RUNS: NodeRuns = { oursWarmup: 3, ours: 15, naiveWarmup: 1, naive: 3 };
const BROWSER_RUNS = 7;
const BROWSER_WARMUP_RUNS = 1;
/** Largest accepted relative difference between the areas of a region dissolved both ways. */
const AREA_TOLERANCE = 0.01;

interface Check {
  name: string;
  isOk: boolean;
  detail: string;
}

interface Report {
  generatedAt: string;
  environment: {
    node: string;
    cpu: string;
    cpuCount: number;
    chromium: string;
    /** One-minute load average before and after the bench: other work on the machine skews timings. */
    loadAverage: { atStart: number; atEnd: number };
  };
  payload: { data: FolderSizes; app: FolderSizes; bare: FolderSizes };
  node: NodeTimingResult;
  matrix: MatrixBenchReport;
  browser: BrowserTimingResult & { viewport: typeof VIEWPORT; appOverBare: number };
  checks: Check[];
  totalSeconds: number;
}

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<number> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  progress('Payload sizes');
  const data = measureFolder(DATA_DIR);
  const app = measureFolder(DIST_DIR, isBundleFile);

  progress('Decode and dissolve in Node');
  const node = measureNode(DATA_DIR, NODE_RUNS, progress);

  progress('Overlap matrix (all layers, every metric) and the naive geometric baseline');
  const matrix = await benchMatrix(decodeAtlas(DATA_DIR), { log: progress });

  progress('Building the bare MapLibre page');
  await buildBarePage(BARE_ROOT, BARE_OUT);
  const bare = measureFolder(BARE_OUT, isBundleFile);

  progress('First map idle in Chromium');
  const manifest = JSON.parse(readFileSync(join(DATA_DIR, 'manifest.json'), 'utf8')) as {
    geometries: { file: string; year: number }[];
  };
  const topologyFile = [...manifest.geometries].sort((a, b) => b.year - a.year)[0]?.file;
  if (!topologyFile) throw new Error('public/data/manifest.json lists no geometry');
  const server = await startServer([
    { prefix: '/app/', folder: DIST_DIR },
    { prefix: '/bare/data/', folder: DATA_DIR },
    { prefix: '/bare/', folder: BARE_OUT },
  ]);
  let browser: BrowserTimingResult;
  try {
    browser = await measureBrowser(
      [
        { name: 'app', url: `${server.origin}/app/` },
        { name: 'bare', url: `${server.origin}/bare/?topology=data/${encodeURIComponent(topologyFile)}` },
      ],
      BROWSER_RUNS,
      BROWSER_WARMUP_RUNS,
      progress,
    );
  } finally {
    await server.close();
  }
  const appIdle = browser.pages.find((p) => p.name === 'app')!.firstIdle;
  const bareIdle = browser.pages.find((p) => p.name === 'bare')!.firstIdle;

  const { worstArea } = node;
  const checks: Check[] = [
    ...matrix.checks,
    {
      name: `dissolved areas agree within ${AREA_TOLERANCE * 100}%`,
      isOk: worstArea.relativeDifference <= AREA_TOLERANCE,
      detail:
        `max relative difference ${worstArea.relativeDifference.toExponential(2)} ` +
        `(${worstArea.layerId} ${worstArea.code}: ${worstArea.oursKm2.toFixed(3)} vs ${worstArea.naiveKm2.toFixed(3)} km²)`,
    },
    {
      name: 'no page errors or failed requests in Chromium',
      isOk: browser.errors.length === 0 && server.failures.length === 0,
      detail:
        browser.errors.length + server.failures.length === 0
          ? 'none'
          : [...browser.errors, ...server.failures.map((f) => `server: ${f}`)].join('; '),
    },
  ];

  const report: Report = {
    generatedAt: new Date().toISOString(),
    environment: {
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cpuCount: cpus().length,
      chromium: browser.chromium,
      loadAverage: { atStart: loadAtStart, atEnd: loadavg()[0]! },
    },
    payload: { data: relativeTo(ROOT, data), app: relativeTo(ROOT, app), bare: relativeTo(ROOT, bare) },
    node,
    matrix,
    browser: { ...browser, viewport: VIEWPORT, appOverBare: appIdle.medianMs / bareIdle.medianMs },
    checks,
    totalSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  process.stdout.write(formatReport(report));
  mkdirSync(dirname(REPORT_FILE), { recursive: true });
  writeFileSync(REPORT_FILE, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nJSON: ${relative(ROOT, REPORT_FILE)}\n`);
  return checks.every((c) => c.isOk) ? 0 : 1;
}

/** The sizes with the folder relative to `root`, so the JSON does not depend on the checkout's location. */
function relativeTo(root: string, sizes: FolderSizes): FolderSizes {
  return { ...sizes, folder: relative(root, sizes.folder) };
}

function formatReport(r: Report): string {
  const { node, browser } = r;
  const sizeRows = (sizes: FolderSizes): string[][] => [
    ...sizes.files.map((f) => [f.path, formatBytes(f.rawBytes), formatBytes(f.gzipBytes)]),
    ['total', formatBytes(sizes.totalRawBytes), formatBytes(sizes.totalGzipBytes)],
  ];
  const timeRow = (label: string, s: Summary): string[] => [
    label,
    String(s.runs),
    formatMs(s.medianMs),
    formatMs(s.minMs),
    formatMs(s.maxMs),
  ];
  const worst = node.worstArea;
  return [
    `Samenwerkingsatlas benchmark, ${r.generatedAt}`,
    `Node ${r.environment.node}, ${r.environment.cpuCount} × ${r.environment.cpu}, Chromium ${r.environment.chromium}`,
    `Load average (1 min): ${r.environment.loadAverage.atStart.toFixed(2)} at start, ` +
      `${r.environment.loadAverage.atEnd.toFixed(2)} at end`,
    '',
    `1. Payload (gzip: zlib level 9, each file on its own)`,
    '',
    `public/data (${r.payload.data.files.length} files)`,
    table(['file', 'raw', 'gzip'], sizeRows(r.payload.data)),
    '',
    'dist/ JS and CSS (app)',
    table(['file', 'raw', 'gzip'], sizeRows(r.payload.app)),
    '',
    `2. Decode and dissolve in Node (${node.layerCount} layers, ${node.regionCount} regions; ` +
      `after ${node.runs.oursWarmup} / ${node.runs.naiveWarmup} warm-up runs)`,
    '',
    table(
      ['step', 'runs', 'median', 'min', 'max'],
      [
        timeRow('ours: read + JSON.parse + parse* + buildAtlas', node.decode),
        timeRow('ours: buildMapGeometry (all layers)', node.mapGeometry),
        timeRow('ours: total', node.ours),
        timeRow('ours: dissolveRegions only (all layers)', node.dissolve),
        timeRow('naive: feature + @turf/union one by one', node.naive),
      ],
    ),
    '',
    `naive / ours total:          ${node.naiveOverOurs.toFixed(1)}× (medians)`,
    `naive / ours dissolve only:  ${node.naiveOverDissolve.toFixed(1)}× (medians)`,
    `area per region, ours vs naive: max relative difference ${worst.relativeDifference.toExponential(2)} ` +
      `(${worst.layerId} ${worst.code})`,
    '',
    formatMatrixBench(r.matrix),
    '',
    `3. Navigation to first map idle, headless Chromium ${browser.viewport.width}×${browser.viewport.height}, ` +
      `fresh context per load, ${browser.warmupRuns} warm-up load each, interleaved`,
    '',
    table(
      ['page', 'runs', 'median', 'min', 'max', 'DOMContentLoaded', 'data loaded', 'map created'],
      browser.pages.map((p) => [
        ...timeRow(p.name, p.firstIdle),
        formatMs(p.domContentLoaded.medianMs),
        formatMs(p.dataLoaded.medianMs),
        formatMs(p.mapCreated.medianMs),
      ]),
    ),
    'median, min, max: first idle. The last three columns are medians of when, since navigation start,',
    'DOMContentLoaded ended, the last data/ response ended, and the MapLibre canvas entered the document.',
    '',
    `app / bare: ${browser.appOverBare.toFixed(2)}× (medians)`,
    '',
    'bare page JS and CSS',
    table(['file', 'raw', 'gzip'], sizeRows(r.payload.bare)),
    '',
    'Checks',
    ...r.checks.map((c) => `${c.isOk ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`),
    '',
    `Total bench time ${r.totalSeconds.toFixed(1)} s (without npm run build)`,
    '',
  ].join('\n');
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
