/**
 * Start-up with every year registered against today's single year, in headless Chromium (issue 10: "the extra
 * years must not slow the first map; an inactive year is built on demand"). The bench writes a data folder that
 * holds only the newest year (`writeNewestYearData`): the files of `public/data` that its gemeente geometry, its
 * former gemeenten and its layers need, copied byte for byte, and a manifest that lists only that geometry and
 * its layers (the real manifest's entries unchanged, so every sha256 holds). `checkNewestYearData` reads the
 * folder back with the app's parser and assembly and compares it with the real one.
 *
 * The app (dist/) is served twice, with `public/data` and with that folder as its data/, and `measureBrowser`
 * loads both paired (alternating, a fresh context per load): first map idle, the end of the last data response
 * and the JS heap after a forced GC, each side's median (min–max) and the median (min–max) of the per-round
 * ratios. Every load records the files under data/ it requested before its first idle; with every year
 * registered none may belong to another year (`filesOfOtherYears`): the other years are read when chosen.
 *
 * `tsx test/bench/years-browser.ts` runs this part alone against the current dist/ (build first);
 * `npm run bench` runs it as its part 6.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { measureBrowser, type BrowserTimingResult, type ByteSummary } from './browser-timing';
import { formatMegabytes, formatMs, formatRatio, table, type RatioSummary, type Summary } from './stats';
import { startServer } from '../static-server';
import { assembleYear, readManifest, type DataSource, type LoadedAtlas } from '../../src/lib/data/assemble';
import { parseManifest } from '../../src/lib/data/parse';
import type { GeometryEntry, Manifest } from '../../src/lib/types';
import { runAlone } from './run-alone';

const MANIFEST_FILE = 'manifest.json';

/** What the newest-year folder holds, and what the full data holds, for the report. */
export interface NewestYearDataSummary {
  folder: string;
  year: number;
  geometryId: string;
  municipalityCount: number;
  /** The newest year's layers, in manifest order. */
  layerIds: string[];
  /** The files copied (topology, former gemeenten, layers), without the manifest, and their bytes. */
  fileCount: number;
  totalBytes: number;
  /** The full data: its years (oldest first), layers of every year, files listed and their bytes. */
  allYears: { years: number[]; layerCount: number; fileCount: number; totalBytes: number };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The geometry of the newest year: what the app loads first. */
export function newestGeometry(manifest: Manifest): GeometryEntry {
  const geometry = [...manifest.geometries].sort((a, b) => b.year - a.year)[0];
  if (!geometry) throw new Error('the manifest lists no geometry');
  return geometry;
}

/** The files the manifest lists for the geometries `isWanted` accepts: topology, former gemeenten, layers. */
function listedFiles(manifest: Manifest, isWanted: (g: GeometryEntry) => boolean): { file: string; sha256: string }[] {
  const wanted = manifest.geometries.filter(isWanted);
  const ids = new Set(wanted.map((g) => g.id));
  return [
    ...wanted.flatMap((g) => [
      { file: g.file, sha256: g.sha256 },
      ...(g.former ? [{ file: g.former.file, sha256: g.former.sha256 }] : []),
    ]),
    ...manifest.layers.filter((l) => ids.has(l.geometryId)).map((l) => ({ file: l.file, sha256: l.sha256 })),
  ];
}

/**
 * Write the newest year of `sourceDir` (`public/data`) to `outDir` (emptied first): its files copied byte for byte
 * and a manifest with only its geometry and layers, the entries as the real manifest has them.
 */
export function writeNewestYearData(sourceDir: string, outDir: string): NewestYearDataSummary {
  const raw = readJson(join(sourceDir, MANIFEST_FILE)) as { geometries: unknown[]; layers: unknown[] };
  const full = parseManifest(raw, MANIFEST_FILE);
  const newest = newestGeometry(full);
  // The parsed lists keep the order of the raw ones, so an index picks the same entry in both.
  const single = {
    ...raw,
    geometries: raw.geometries.filter((_, i) => full.geometries[i]!.id === newest.id),
    layers: raw.layers.filter((_, i) => full.layers[i]!.geometryId === newest.id),
  };
  const files = listedFiles(full, (g) => g.id === newest.id);

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  let totalBytes = 0;
  for (const { file } of files) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    copyFileSync(join(sourceDir, file), join(outDir, file));
    totalBytes += readFileSync(join(outDir, file)).length;
  }
  writeFileSync(join(outDir, MANIFEST_FILE), `${JSON.stringify(single, null, 2)}\n`);

  const allFiles = listedFiles(full, () => true);
  return {
    folder: outDir,
    year: newest.year,
    geometryId: newest.id,
    municipalityCount: newest.municipalityCount,
    layerIds: full.layers.filter((l) => l.geometryId === newest.id).map((l) => l.id),
    fileCount: files.length,
    totalBytes,
    allYears: {
      years: [...new Set(full.geometries.map((g) => g.year))].sort((a, b) => a - b),
      layerCount: full.layers.length,
      fileCount: new Set(allFiles.map((f) => f.file)).size,
      totalBytes: [...new Set(allFiles.map((f) => f.file))].reduce(
        (sum, file) => sum + readFileSync(join(sourceDir, file)).length,
        0,
      ),
    },
  };
}

/** The data folder as a source for the app's assembly, read from disk. */
function folderSource(folder: string): DataSource {
  return {
    nameOf: (file) => join(folder, file),
    readText: async (file) => await readFile(join(folder, file), 'utf8'),
  };
}

/**
 * Problems of the newest-year folder (none expected): its manifest does not parse with the app's parser, lists
 * another geometry or other entries than the real manifest has for the newest year, a file differs from
 * `public/data` or from its sha256, or the app's assembly (`readManifest` and `assembleYear`, as the CLI reads a
 * folder) leaves a file out or builds another number of layers.
 */
export async function checkNewestYearData(sourceDir: string, folder: string): Promise<string[]> {
  const problems: string[] = [];
  try {
    const full = parseManifest(readJson(join(sourceDir, MANIFEST_FILE)), MANIFEST_FILE);
    const single = parseManifest(readJson(join(folder, MANIFEST_FILE)), MANIFEST_FILE);
    const newest = newestGeometry(full);
    const layers = full.layers.filter((l) => l.geometryId === newest.id);
    if (single.geometries.length !== 1 || !isDeepStrictEqual(single.geometries[0], newest))
      problems.push(`the manifest lists ${single.geometries.map((g) => g.id).join(', ')}, not ${newest.id} alone`);
    if (!isDeepStrictEqual(single.layers, layers))
      problems.push(`the manifest's layers are not the ${layers.length} entries of ${newest.id} in the real manifest`);
    for (const { file, sha256: expected } of listedFiles(single, () => true)) {
      const bytes = readFileSync(join(folder, file));
      if (!bytes.equals(readFileSync(join(sourceDir, file)))) problems.push(`${file}: differs from ${sourceDir}`);
      if (sha256(bytes) !== expected) problems.push(`${file}: sha256 does not match`);
    }
    const loaded = await loadNewestYear(folderSource(folder));
    for (const e of loaded.fileErrors) problems.push(`${e.file}: ${e.message}`);
    if (loaded.atlas.geometry.id !== newest.id) problems.push(`the app assembles ${loaded.atlas.geometry.id}`);
    if (loaded.atlas.layers.length !== layers.length)
      problems.push(`${loaded.atlas.layers.length} layers assembled, ${layers.length} expected`);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  return problems;
}

/**
 * Of the files requested (paths under data/), those of a year other than the newest: a file the manifest lists
 * for another geometry, or one named for another year (`municipalities-2016…`, `former-municipalities-2016…`,
 * `layers/…-2016.json`), unless the manifest lists it for the newest year.
 */
export function filesOfOtherYears(manifest: Manifest, requested: readonly string[]): string[] {
  const newest = newestGeometry(manifest);
  const own = new Set(listedFiles(manifest, (g) => g.id === newest.id).map((f) => f.file));
  const others = new Set(listedFiles(manifest, (g) => g.id !== newest.id).map((f) => f.file));
  const namedYear = (file: string): number | null => {
    const match = /(?:^|\/)(?:former-)?municipalities-(\d{4})\b/.exec(file) ?? /^layers\/.+-(\d{4})\.json$/.exec(file);
    return match ? Number(match[1]) : null;
  };
  return requested.filter((file) => {
    if (own.has(file)) return false;
    const year = namedYear(file);
    return others.has(file) || (year !== null && year !== newest.year);
  });
}

/** Everything part 6 of the bench measures. */
export interface YearsInBrowserReport {
  data: NewestYearDataSummary & { problems: string[] };
  /** First target: every year registered (`public/data`); second: the newest year only. Server failures in `errors`. */
  firstIdle: BrowserTimingResult;
  /** The files under data/ requested before the first idle in any load (warm-up included), per side. */
  requestedBeforeIdle: { allYears: string[]; newestOnly: string[] };
  /** Of the files requested with every year registered, those of another year (none expected). */
  otherYearFiles: string[];
}

export interface YearsInBrowserOptions {
  distDir: string;
  /** The built data (public/data, every year) and where to write the newest-year folder. */
  sourceDataDir: string;
  newestYearDataDir: string;
  rounds: number;
  warmupRounds: number;
  log: (line: string) => void;
}

/**
 * Write and check the newest-year folder, serve dist/ twice (with `public/data` and with that folder as its
 * data/), and time the first idle of both paired.
 */
export async function measureYearsInBrowser(options: YearsInBrowserOptions): Promise<YearsInBrowserReport> {
  const { log } = options;
  log('  writing the newest-year data folder');
  const data = writeNewestYearData(options.sourceDataDir, options.newestYearDataDir);
  const problems = await checkNewestYearData(options.sourceDataDir, options.newestYearDataDir);
  const server = await startServer([
    { prefix: '/all/', folder: options.distDir },
    { prefix: '/all/data/', folder: options.sourceDataDir },
    { prefix: '/newest/', folder: options.distDir },
    { prefix: '/newest/data/', folder: options.newestYearDataDir },
  ]);
  const names = allYearsNames(data);
  try {
    log(`  first map idle: ${names.allYears} / ${names.newestOnly} (default view), paired`);
    const firstIdle = await measureBrowser(
      [
        { name: names.allYears, url: `${server.origin}/all/` },
        { name: names.newestOnly, url: `${server.origin}/newest/` },
      ],
      options.rounds,
      options.warmupRounds,
      log,
    );
    firstIdle.errors.push(...server.failures.map((f) => `server: ${f}`));
    const full = parseManifest(readJson(join(options.sourceDataDir, MANIFEST_FILE)), MANIFEST_FILE);
    const [allYears, newestOnly] = firstIdle.pages.map((p) => p.dataFilesBeforeIdle) as [string[], string[]];
    return {
      data: { ...data, problems },
      firstIdle,
      requestedBeforeIdle: { allYears, newestOnly },
      otherYearFiles: filesOfOtherYears(full, allYears),
    };
  } finally {
    await server.close();
  }
}

/** The two sides' names, e.g. `every year (2015–2025)` and `2025 only`. */
function allYearsNames(data: NewestYearDataSummary): { allYears: string; newestOnly: string } {
  const years = data.allYears.years;
  return {
    allYears: `every year (${years[0]}–${years[years.length - 1]})`,
    newestOnly: `${data.year} only`,
  };
}

/** The newest-year folder's summary as a line. */
export function formatNewestYearData(data: YearsInBrowserReport['data']): string {
  const all = data.allYears;
  return (
    `${data.year} only: ${data.geometryId} (${data.municipalityCount} gemeenten) and its ${data.layerIds.length} layers, ` +
    `${data.fileCount} files and a manifest of that year alone, ${(data.totalBytes / 1000).toFixed(0)} kB, copied ` +
    `byte for byte; every year: ${all.years.length} years (${all.years[0]}–${all.years[all.years.length - 1]}), ` +
    `${all.layerCount} layers, ` +
    `${all.fileCount} files, ${(all.totalBytes / 1000).toFixed(0)} kB` +
    (data.problems.length > 0 ? `; PROBLEMS: ${data.problems.join('; ')}` : '')
  );
}

/** First idle, data loaded and JS heap of both sides with the per-round ratios, and the files requested. */
export function formatFirstIdleByYears(r: YearsInBrowserReport): string {
  const { pages } = r.firstIdle;
  const [all, newest] = pages as [(typeof pages)[0], (typeof pages)[0]];
  const ms = (s: Summary): string => `${formatMs(s.medianMs)} (${formatMs(s.minMs)}–${formatMs(s.maxMs)})`;
  const mb = (b: ByteSummary): string =>
    `${formatMegabytes(b.medianBytes)} (${formatMegabytes(b.minBytes)}–${formatMegabytes(b.maxBytes)})`;
  const ratio = (q: RatioSummary): string => `${formatRatio(q.median)} (${formatRatio(q.min)}–${formatRatio(q.max)})`;
  const same =
    r.requestedBeforeIdle.allYears.length === r.requestedBeforeIdle.newestOnly.length &&
    r.requestedBeforeIdle.allYears.every((f, i) => f === r.requestedBeforeIdle.newestOnly[i]);
  return [
    table(
      ['measure', all.name, newest.name, `${all.name} / ${newest.name}, per round`],
      [
        ['first map idle', ms(all.firstIdle), ms(newest.firstIdle), ratio(r.firstIdle.firstIdleRatio)],
        ['data loaded', ms(all.dataLoaded), ms(newest.dataLoaded), ratio(r.firstIdle.dataLoadedRatio)],
        ['JS heap (main + workers)', mb(all.totalHeap), mb(newest.totalHeap), ratio(r.firstIdle.heapRatio)],
      ],
    ),
    `median (min–max) over ${r.firstIdle.runs} rounds; first map idle and data loaded (the last data/ response ` +
      'ended) from navigation start; JS heap right after first idle, after a forced GC.',
    `data/ files requested before first idle in any load, ${all.name}: ` +
      `${r.requestedBeforeIdle.allYears.length} (${r.requestedBeforeIdle.allYears.join(', ')})`,
    `${newest.name}: ${same ? 'the same files' : r.requestedBeforeIdle.newestOnly.join(', ')}`,
    `files of another year among them: ${r.otherYearFiles.length === 0 ? 'none' : r.otherYearFiles.join(', ')}`,
  ].join('\n');
}

/** The problems this part found (each fails the bench): the folder, the files of other years, page errors. */
export function yearsProblems(r: YearsInBrowserReport): string[] {
  return [
    ...r.data.problems.map((p) => `${r.data.year}-only data: ${p}`),
    ...r.otherYearFiles.map((f) => `requested before first idle with every year registered: ${f}`),
    ...r.firstIdle.errors,
  ];
}

// Run alone: `tsx test/bench/years-browser.ts` (against the current dist/).
runAlone(import.meta.url, async (root, log) => {
  const r = await measureYearsInBrowser({
    distDir: join(root, 'dist'),
    sourceDataDir: join(root, 'public', 'data'),
    newestYearDataDir: join(root, 'node_modules', '.cache', 'samenwerkingsatlas-bench', 'data-newest-year'),
    rounds: Number(process.env.BENCH_FIRST_IDLE_ROUNDS ?? 7),
    warmupRounds: 1,
    log,
  });
  const problems = yearsProblems(r);
  const text = [
    `Data: ${formatNewestYearData(r.data)}; in ${r.data.folder}`,
    '',
    formatFirstIdleByYears(r),
    ...problems.map((p) => `ERROR ${p}`),
    '',
  ].join('\n');
  return { text, isOk: problems.length === 0 };
});

/** The newest year of a data source, as the app opens it: the manifest, then that year's files. */
async function loadNewestYear(source: DataSource): Promise<LoadedAtlas> {
  return assembleYear(source, await readManifest(source), null);
}
