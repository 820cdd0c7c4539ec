/**
 * Every layer of an older year against the newest year's layers (issue 11: "`npm run bench` reports first map
 * idle and the full matrix with all 2016 layers, as ratios against today's 11-layer figures measured in the
 * same run"). No target: the figures are information, and only the correctness checks fail the bench.
 *
 * Node, paired as `paired.ts` pairs (alternating, per-round ratios), each measurement a batch of matrices on
 * fresh atlases as `matrix-bench.ts` times them (layer models built inside the timing):
 * - the full matrix (`computeMatrices`, every metric, every layer pair) of the year with all its layers against
 *   that of the newest year with its layers;
 * - each of the two against its own contingency floor (`contingency-floor.ts`), so the reader sees whether
 *   the cost per layer pair stays in line; the floor's tables must give the library's ARI (checked);
 * - where the year has layers with multi-membership, its other layers alone against their floor: the library
 *   counts a pair of layers without multi-membership in one pass and compares the others region by region.
 *
 * Chromium, paired as `browser-timing.ts` pairs (one browser per comparison, a fresh context per load,
 * alternating which goes first): first map idle, data loaded and JS heap of `?year=<year>&layers=<every layer
 * of that year>` against the default view (`/`, the newest year with its default layers), and of `?year=<year>`
 * (its default layers) against the same. Every load must be without page errors or failed requests, and its
 * legend (`[data-legend]`) must list exactly the layers the URL asks for, of the right year (checked).
 *
 * `tsx test/bench/year-layers.ts` runs this part alone against the current dist/ (build first);
 * `npm run bench` runs it as its part 7.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { measureBrowser, type BrowserTimingResult, type ByteSummary } from './browser-timing';
import { contingencyFloor } from './contingency-floor';
import { compareAri, freshFloorSide, freshMatrixSide, fullMatrix, type Check } from './matrix-bench';
import { decodeAtlas } from './node-timing';
import { runPaired, type PairedResult } from './paired';
import { formatMegabytes, formatMs, formatRatio, table, type RatioSummary, type Summary } from './stats';
import { startServer } from '../static-server';
import { parseManifest } from '../../src/lib/data/parse';
import { buildAtlas, type Atlas, type AtlasLayer } from '../../src/lib/data/atlas';
import type { LayerFile, Manifest } from '../../src/lib/types';
import { runAlone } from './run-alone';

/** The year issue 11 asks about: every RegioAtlas 2016 layout is a layer of 2016. */
export const ALL_LAYERS_YEAR = 2016;

export interface YearLayersOptions {
  distDir: string;
  /** The built data (public/data, every year). */
  dataDir: string;
  /** The year whose every layer is shown. */
  year: number;
  /** The matrix comparisons: timed rounds after warm-up, matrices (or floors) per measurement. */
  matrixRuns: { rounds: number; warmupRounds: number; batchSize: number };
  /** The first-idle comparisons in Chromium. */
  browserRuns: { rounds: number; warmupRounds: number };
  log: (line: string) => void;
}

/** One year's atlas as both sides of the comparison see it. */
export interface YearSide {
  year: number;
  municipalityCount: number;
  layerIds: string[];
  /** Layer pairs the matrix and the floor compute: i ≤ j, the diagonal included. */
  comparedPairCount: number;
  /** How many of its layers allow multi-membership (the floor counts those pairs another way). */
  multiMembershipCount: number;
}

export interface YearLayersReport {
  /** The year with all its layers, and the newest year with its layers. */
  year: YearSide;
  newest: YearSide;
  matrix: {
    batchSize: number;
    /** Matrix of the year, all layers (first) / matrix of the newest year (second). */
    years: PairedResult;
    /** Each year's matrix (first) / its own floor (second). */
    yearFloor: PairedResult;
    newestFloor: PairedResult;
    /** The year's layers without multi-membership: matrix / their floor; null when it has no layer to leave out. */
    singleMembership: { side: YearSide; matrixFloor: PairedResult } | null;
    /** Largest |ARI of the floor's table − the library's ARI|, per year. */
    ariMaxAbsDifference: { year: number; newest: number };
  };
  browser: {
    /** `?year=…&layers=<all>` (first) / `/` (second). */
    allLayers: BrowserTimingResult;
    /** `?year=…` with its default layers (first) / `/` (second). */
    defaultLayers: BrowserTimingResult;
    /** Per page name: how many layers its legend listed in each load (warm-up included). */
    legendCounts: Record<string, number[]>;
  };
  /** Each fails the bench: the floor's ARI, page errors and failed requests, a legend that is not the URL's. */
  checks: Check[];
}

function yearSide(atlas: Atlas): YearSide {
  const count = atlas.layers.length;
  return {
    year: atlas.geometry.year,
    municipalityCount: atlas.municipalities.length,
    layerIds: atlas.layers.map((l) => l.meta.id),
    comparedPairCount: (count * (count + 1)) / 2,
    multiMembershipCount: atlas.layers.filter((l) => l.meta.coverage.allowsMultiMembership).length,
  };
}

/** A new atlas over the same gemeenten with only the layers `keep` accepts. */
function withLayers(atlas: Atlas, keep: (layer: AtlasLayer) => boolean): Atlas {
  const files: LayerFile[] = atlas.layers
    .filter(keep)
    .map((l) => ({ format: 'samenwerkingsatlas/layer@1', meta: l.meta, regions: l.regions }));
  return buildAtlas(atlas.geometry, atlas.topology, files);
}

/** The manifest's layer ids of a year, in manifest order. */
export function layerIdsOfYear(manifest: Manifest, year: number): string[] {
  const geometry = manifest.geometries.find((g) => g.year === year);
  if (!geometry) throw new Error(`the manifest has no gemeenten of ${year}`);
  return manifest.layers.filter((l) => l.geometryId === geometry.id).map((l) => l.id);
}

/**
 * What is wrong with a legend that lists `shown` (the `data-legend` ids, in order): a layer not of the year's
 * `ofYear`, and when `exactly` is given, a layer of it missing or one listed twice. Empty when it is right.
 * @example legendProblems(['a-2016'], new Set(['a-2016', 'b-2016']), ['a-2016', 'b-2016']) // ['missing: b-2016']
 */
export function legendProblems(
  shown: readonly string[],
  ofYear: ReadonlySet<string>,
  exactly?: readonly string[],
): string[] {
  const problems: string[] = [];
  const foreign = shown.filter((id) => !ofYear.has(id));
  if (foreign.length > 0) problems.push(`not of the year: ${foreign.join(', ')}`);
  if (shown.length === 0) problems.push('no layer');
  if (new Set(shown).size !== shown.length) problems.push('a layer listed twice');
  if (exactly) {
    const listed = new Set(shown);
    const missing = exactly.filter((id) => !listed.has(id));
    if (missing.length > 0) problems.push(`missing: ${missing.join(', ')}`);
  }
  return problems;
}

/**
 * A check for `measureBrowser`: the legend of the loaded page against the year's layers (see `legendProblems`),
 * and no layer that failed to load; records how many layers each load's legend listed in `counts`.
 */
function legendCheck(
  ofYear: readonly string[],
  exactly: readonly string[] | undefined,
  counts: number[],
): (page: Page) => Promise<string[]> {
  const year = new Set(ofYear);
  return async (page) => {
    const shown = await page
      .locator('[data-legend]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-legend') ?? ''));
    counts.push(shown.length);
    const failed = await page.locator('.layer-error').allTextContents();
    return [
      ...legendProblems(shown, year, exactly).map((p) => `legend (${shown.length} layers): ${p}`),
      ...failed.map((text) => `layer failed to load: ${text}`),
    ];
  };
}

/** Time the matrices in Node, then first map idle in Chromium; see the module comment. */
export async function measureYearLayers(options: YearLayersOptions): Promise<YearLayersReport> {
  const { log, matrixRuns } = options;
  const manifest = parseManifest(
    JSON.parse(readFileSync(join(options.dataDir, 'manifest.json'), 'utf8')),
    'manifest.json',
  );
  const yearAtlas = decodeAtlas(options.dataDir, options.year);
  const newestAtlas = decodeAtlas(options.dataDir);
  const year = yearSide(yearAtlas);
  const newest = yearSide(newestAtlas);
  const yearName = sideName(year);
  const newestName = sideName(newest);

  const runs = { rounds: matrixRuns.rounds, warmupRounds: matrixRuns.warmupRounds, log };
  const { batchSize } = matrixRuns;
  log(`  full matrix: ${yearName} / ${newestName} (fresh atlases, ${batchSize} per measurement)`);
  const years = await runPaired(
    freshMatrixSide(`matrix ${yearName}`, yearAtlas, batchSize),
    freshMatrixSide(`matrix ${newestName}`, newestAtlas, batchSize),
    runs,
  );
  log(`  full matrix / floor, ${yearName}`);
  const yearFloor = await runPaired(
    freshMatrixSide(`matrix ${yearName}`, yearAtlas, batchSize),
    freshFloorSide(`floor ${yearName}`, yearAtlas, batchSize),
    runs,
  );
  let singleMembership: YearLayersReport['matrix']['singleMembership'] = null;
  if (year.multiMembershipCount > 0) {
    const singleAtlas = withLayers(yearAtlas, (l) => !l.meta.coverage.allowsMultiMembership);
    const side = yearSide(singleAtlas);
    const singleName = `${sideName(side)} without multi-membership`;
    log(`  full matrix / floor, ${singleName}`);
    const matrixFloor = await runPaired(
      freshMatrixSide(`matrix ${singleName}`, singleAtlas, batchSize),
      freshFloorSide(`floor ${singleName}`, singleAtlas, batchSize),
      runs,
    );
    singleMembership = { side, matrixFloor };
  }
  log(`  full matrix / floor, ${newestName}`);
  const newestFloor = await runPaired(
    freshMatrixSide(`matrix ${newestName}`, newestAtlas, batchSize),
    freshFloorSide(`floor ${newestName}`, newestAtlas, batchSize),
    runs,
  );
  const ariMaxAbsDifference = {
    year: compareAri(yearAtlas, contingencyFloor(yearAtlas), fullMatrix(yearAtlas)),
    newest: compareAri(newestAtlas, contingencyFloor(newestAtlas), fullMatrix(newestAtlas)),
  };

  const yearIds = layerIdsOfYear(manifest, options.year);
  const newestIds = layerIdsOfYear(manifest, newest.year);
  const pages = {
    all: `${year.year}, all ${yearIds.length} layers`,
    yearDefault: `${year.year}, default layers`,
    newestDefault: `${newest.year}, default layers (/)`,
  };
  const legendCounts: Record<string, number[]> = {
    [pages.all]: [],
    [pages.yearDefault]: [],
    [pages.newestDefault]: [],
  };
  const server = await startServer([
    { prefix: '/app/', folder: options.distDir },
    { prefix: '/app/data/', folder: options.dataDir },
  ]);
  const app = `${server.origin}/app/`;
  const newestDefault = {
    name: pages.newestDefault,
    url: app,
    check: legendCheck(newestIds, undefined, legendCounts[pages.newestDefault]!),
  };
  const { rounds, warmupRounds } = options.browserRuns;
  try {
    log(`  first map idle: ${pages.all} / ${pages.newestDefault}, paired`);
    const allLayers = await measureBrowser(
      [
        {
          name: pages.all,
          url: `${app}?year=${year.year}&layers=${yearIds.map(encodeURIComponent).join(',')}`,
          check: legendCheck(yearIds, yearIds, legendCounts[pages.all]!),
        },
        newestDefault,
      ],
      rounds,
      warmupRounds,
      log,
    );
    log(`  first map idle: ${pages.yearDefault} / ${pages.newestDefault}, paired`);
    const defaultLayers = await measureBrowser(
      [
        {
          name: pages.yearDefault,
          url: `${app}?year=${year.year}`,
          check: legendCheck(yearIds, undefined, legendCounts[pages.yearDefault]!),
        },
        newestDefault,
      ],
      rounds,
      warmupRounds,
      log,
    );
    const serverErrors = server.failures.map((f) => `server: ${f}`);
    const browserErrors = [...allLayers.errors, ...defaultLayers.errors, ...serverErrors];
    const checks: Check[] = [
      {
        name: `the floor counts what the library counts for ${yearName} and ${newestName} (ARI within 1e-9)`,
        isOk: ariMaxAbsDifference.year <= 1e-9 && ariMaxAbsDifference.newest <= 1e-9,
        detail:
          `max abs difference ${ariMaxAbsDifference.year.toExponential(2)} (${year.year}), ` +
          `${ariMaxAbsDifference.newest.toExponential(2)} (${newest.year})`,
      },
      {
        name:
          `${year.year} and ${newest.year} in Chromium: no page errors or failed requests, each legend lists the ` +
          `layers the URL asks for (${yearIds.length} with all of ${year.year})`,
        isOk: browserErrors.length === 0,
        detail:
          browserErrors.length === 0
            ? Object.entries(legendCounts)
                .map(([name, counts]) => `${name}: ${countsText(counts)}`)
                .join('; ')
            : browserErrors.join('; '),
      },
    ];
    return {
      year,
      newest,
      matrix: { batchSize, years, yearFloor, newestFloor, singleMembership, ariMaxAbsDifference },
      browser: { allLayers, defaultLayers, legendCounts },
      checks,
    };
  } finally {
    await server.close();
  }
}

/** `34 layers in every load`, or the counts when they differ. */
function countsText(counts: readonly number[]): string {
  const distinct = [...new Set(counts)];
  return distinct.length === 1
    ? `${distinct[0]} layers in the legend in every load`
    : `legends of ${counts.join(', ')}`;
}

const ms = (s: Summary): string => `${formatMs(s.medianMs)} (${formatMs(s.minMs)}–${formatMs(s.maxMs)})`;
const mb = (b: ByteSummary): string =>
  `${formatMegabytes(b.medianBytes)} (${formatMegabytes(b.minBytes)}–${formatMegabytes(b.maxBytes)})`;
const ratio = (q: RatioSummary): string => `${formatRatio(q.median)} (${formatRatio(q.min)}–${formatRatio(q.max)})`;

/** Time per layer pair of a paired side, e.g. `18.2 µs`. */
function perPair(s: Summary, side: YearSide): string {
  return `${((s.medianMs / side.comparedPairCount) * 1000).toFixed(1)} µs`;
}

/** `2016, 34 layers`. */
function sideName(side: YearSide): string {
  return `${side.year}, ${side.layerIds.length} layers`;
}

/** A paired matrix comparison as a table row, with each side's median per layer pair. */
function matrixRow(label: string, p: PairedResult, first: YearSide, second: YearSide): string[] {
  return [
    label,
    ms(p.first.timing),
    ms(p.second.timing),
    ratio(p.ratio),
    perPair(p.first.timing, first),
    perPair(p.second.timing, second),
  ];
}

/** The part as text for the bench's report. */
export function formatYearLayers(r: YearLayersReport): string {
  const { year, newest, matrix } = r;
  const single = matrix.singleMembership;
  const side = (s: YearSide): string =>
    `${s.year}: ${s.layerIds.length} layers (${s.multiMembershipCount} with multi-membership), ` +
    `${s.comparedPairCount} layer pairs, ${s.municipalityCount} gemeenten`;
  const pagesOf = (b: BrowserTimingResult): [BrowserTimingResult['pages'][0], BrowserTimingResult['pages'][0]] =>
    b.pages as [BrowserTimingResult['pages'][0], BrowserTimingResult['pages'][0]];
  const browserRows = (b: BrowserTimingResult): string[][] => {
    const [first, second] = pagesOf(b);
    const label = `${first.name} / ${second.name}`;
    return [
      [`first map idle: ${label}`, ms(first.firstIdle), ms(second.firstIdle), ratio(b.firstIdleRatio)],
      [`data loaded: ${label}`, ms(first.dataLoaded), ms(second.dataLoaded), ratio(b.dataLoadedRatio)],
      [`JS heap (main + workers): ${label}`, mb(first.totalHeap), mb(second.totalHeap), ratio(b.heapRatio)],
    ];
  };
  const { allLayers, defaultLayers } = r.browser;
  return [
    `${side(year)}; ${side(newest)}`,
    '',
    `Full matrix (computeMatrices, every metric) on fresh atlases, against each other and each against its own ` +
      `floor; times per matrix over batches of ${matrix.batchSize}, ${matrix.years.rounds} rounds after ` +
      `${matrix.years.warmupRounds} warm-up, alternating`,
    table(
      ['comparison (A / B)', 'A', 'B', 'A / B per round', 'per layer pair: A', 'B'],
      [
        matrixRow(`matrix: ${sideName(year)} / ${sideName(newest)}`, matrix.years, year, newest),
        matrixRow(`${sideName(year)}: matrix / floor`, matrix.yearFloor, year, year),
        ...(single
          ? [
              matrixRow(
                `${sideName(single.side)} without multi-membership: matrix / floor`,
                single.matrixFloor,
                single.side,
                single.side,
              ),
            ]
          : []),
        matrixRow(`${sideName(newest)}: matrix / floor`, matrix.newestFloor, newest, newest),
      ],
    ),
    "median (min–max) per matrix; per layer pair: the median divided by that side's layer pairs (i ≤ j).",
    '',
    `Headless Chromium, a fresh context per load, ${allLayers.runs} rounds after ${allLayers.warmupRuns} warm-up, ` +
      'alternating; one browser per comparison',
    table(
      ['comparison (A / B)', 'A', 'B', 'A / B per round'],
      [...browserRows(allLayers), ...browserRows(defaultLayers)],
    ),
    'median (min–max); first map idle and data loaded (the last data/ response ended) from navigation start; JS',
    'heap right after first idle, after a forced GC.',
    `legends: ${Object.entries(r.browser.legendCounts)
      .map(([name, counts]) => `${name}: ${countsText(counts)}`)
      .join('; ')}`,
    ...r.checks.map((c) => `${c.isOk ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`),
  ].join('\n');
}

// Run alone: `tsx test/bench/year-layers.ts` (against the current dist/).
runAlone(import.meta.url, async (root, log) => {
  const r = await measureYearLayers({
    distDir: join(root, 'dist'),
    dataDir: join(root, 'public', 'data'),
    year: ALL_LAYERS_YEAR,
    matrixRuns: { rounds: 15, warmupRounds: 3, batchSize: 20 },
    browserRuns: { rounds: Number(process.env.BENCH_FIRST_IDLE_ROUNDS ?? 7), warmupRounds: 1 },
    log,
  });
  return { text: `${formatYearLayers(r)}\n`, isOk: r.checks.every((c) => c.isOk) };
});
