/**
 * Benchmark of the layer matrix (issue #3): the full matrix for all layers and every metric with the
 * set-based statistics of src/lib/stats, against a naive baseline that dissolves every layer and
 * intersects every region pair of every layer pair with Turf (`@turf/intersect` + `@turf/area`), in
 * the same run. Reports the ratio and checks that both paths give the same Jaccard index by area.
 * Called from bench.ts; `formatMatrixBench` prints the report.
 */
import type { Atlas } from '../../src/lib/data/atlas';
import { buildAtlas } from '../../src/lib/data/atlas';
import { dissolveRegions } from '../../src/lib/geo/dissolve';
import { measureOverlapsGeometrically } from '../../src/lib/stats/geometric';
import { computeMatrices } from '../../src/lib/stats/matrix';
import { compareLayers, METRICS } from '../../src/lib/stats/pair';
import type { LayerFile, LayerId, RegionCode } from '../../src/lib/types';
import { formatMs, summarize, timed, type Summary } from './stats';

/** How often to run each side. */
export interface MatrixBenchOptions {
  /** Timed runs of the set-based matrix (after `warmupRuns` untimed ones). Default 15. */
  runs?: number;
  warmupRuns?: number;
  /** Timed runs of the naive baseline: each takes tens of seconds on two cores. Default 1. */
  baselineRuns?: number;
  /** Largest accepted absolute difference between the two Jaccard indices by area. Default 0.005. */
  tolerance?: number;
  /** Progress lines (stderr in bench.ts). */
  log?: (line: string) => void;
}

/** The region pair where the two paths differ most. */
export interface WorstJaccard {
  layerA: LayerId;
  layerB: LayerId;
  codeA: RegionCode;
  codeB: RegionCode;
  /** Jaccard by area of the set path (sums of gemeente areas); 0 when it finds no overlap. */
  sets: number;
  /** … of the geometric path (Turf on the dissolved polygons); 0 when it finds no overlap. */
  geometric: number;
}

/** The report of `benchMatrix`. */
export interface MatrixBenchReport {
  layerCount: number;
  /** Pairs of distinct layers (the baseline's work; the matrix also fills the diagonal). */
  layerPairCount: number;
  metricCount: number;
  /** Region pairs the baseline intersects: Σ over layer pairs of |A|·|B|. */
  regionPairCount: number;
  /**
   * The full matrix, every metric, on a freshly built atlas each run (so the per-layer indices and the
   * arc lengths are computed inside the timing, as when the app loads the data).
   */
  matrix: Summary;
  /** The same with the indices and arc lengths already cached (what switching metric in the app costs). */
  matrixCached: Summary;
  /** Dissolve every layer and intersect every region pair of every layer pair with Turf. */
  baseline: Summary;
  /** baseline median / matrix median. */
  baselineOverMatrix: number;
  jaccardByArea: {
    /** Region pairs overlapping in either path. */
    comparedPairCount: number;
    /** Pairs only one path finds (e.g. a sliver of float noise in the geometric path). */
    onlyInOnePathCount: number;
    maxAbsDifference: number;
    worst: WorstJaccard | null;
    tolerance: number;
  };
  /** The same shape as bench.ts's checks. */
  checks: { name: string; isOk: boolean; detail: string }[];
}

/**
 * Time the matrix of every metric over all layers of `atlas` against the naive geometric baseline,
 * and check that both give the same Jaccard by area for every region pair of every layer pair.
 */
export async function benchMatrix(atlas: Atlas, options: MatrixBenchOptions = {}): Promise<MatrixBenchReport> {
  const runs = options.runs ?? 15;
  const warmupRuns = options.warmupRuns ?? 3;
  const baselineRuns = options.baselineRuns ?? 1;
  const tolerance = options.tolerance ?? 0.005;
  const log = options.log ?? (() => {});
  const ids = atlas.layers.map((l) => l.meta.id);
  const metrics = METRICS.map((m) => m.id);
  const layerFiles: LayerFile[] = atlas.layers.map((l) => ({
    format: 'samenwerkingsatlas/layer@1',
    meta: l.meta,
    regions: l.regions,
  }));

  const matrixMs: number[] = [];
  const cachedMs: number[] = [];
  for (let i = 0; i < warmupRuns + runs; i++) {
    // A fresh atlas (and a copy of the topology, which keys the arc-length cache) so nothing is cached;
    // building it is not timed.
    const fresh = buildAtlas(atlas.geometry, structuredClone(atlas.topology), layerFiles);
    const cold = timed(() => computeMatrices(fresh, ids, metrics));
    const warm = timed(() => computeMatrices(fresh, ids, metrics));
    if (i < warmupRuns) continue;
    matrixMs.push(cold.ms);
    cachedMs.push(warm.ms);
  }
  const matrix = summarize(matrixMs);
  log(`  matrix: ${runs} runs, median ${formatMs(matrix.medianMs)}`);

  const pairs: [number, number][] = [];
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.push([i, j]);
  const baselineMs: number[] = [];
  let geometric: Map<string, number> | null = null;
  for (let run = 0; run < baselineRuns; run++) {
    const { value, ms } = timed(() => {
      const dissolved = atlas.layers.map((l) => dissolveRegions(atlas.topology, l.regions, l.meta.id));
      const jaccards = new Map<string, number>();
      for (const [i, j] of pairs) {
        // Every region pair, no bounding-box filter: the naive way.
        for (const o of measureOverlapsGeometrically(dissolved[i]!, dissolved[j]!, { isBboxFiltered: false })) {
          jaccards.set(pairKey(ids[i]!, ids[j]!, o.codeA, o.codeB), o.jaccardByArea ?? 0);
        }
      }
      return jaccards;
    });
    baselineMs.push(ms);
    geometric ??= value;
    log(`  baseline: run ${run + 1}/${baselineRuns} took ${formatMs(ms)}`);
  }
  if (!geometric) throw new Error('unreachable: the baseline never ran');
  const baseline = summarize(baselineMs);

  // The set path's Jaccard by area, outside the timing.
  const sets = new Map<string, number>();
  for (const [i, j] of pairs) {
    for (const p of compareLayers(atlas, ids[i]!, ids[j]!).crosswalk.pairs) {
      sets.set(pairKey(ids[i]!, ids[j]!, p.codeA, p.codeB), p.jaccardByArea ?? 0);
    }
  }
  let worst: WorstJaccard | null = null;
  let maxAbsDifference = 0;
  let onlyInOnePathCount = 0;
  const keys = new Set([...sets.keys(), ...geometric.keys()]);
  for (const key of keys) {
    const s = sets.get(key);
    const g = geometric.get(key);
    if (s === undefined || g === undefined) onlyInOnePathCount++;
    const difference = Math.abs((s ?? 0) - (g ?? 0));
    if (!worst || difference > maxAbsDifference) {
      const [layerA, layerB, codeA, codeB] = key.split(' ') as [string, string, string, string];
      worst = { layerA, layerB, codeA, codeB, sets: s ?? 0, geometric: g ?? 0 };
      maxAbsDifference = difference;
    }
  }

  const regionPairCount = pairs.reduce(
    (sum, [i, j]) => sum + atlas.layers[i]!.regions.length * atlas.layers[j]!.regions.length,
    0,
  );
  return {
    layerCount: ids.length,
    layerPairCount: pairs.length,
    metricCount: metrics.length,
    regionPairCount,
    matrix,
    matrixCached: summarize(cachedMs),
    baseline,
    baselineOverMatrix: baseline.medianMs / matrix.medianMs,
    jaccardByArea: { comparedPairCount: keys.size, onlyInOnePathCount, maxAbsDifference, worst, tolerance },
    checks: [
      {
        name: `Jaccard by area of the set and geometric paths agree within ${tolerance}`,
        isOk: maxAbsDifference <= tolerance,
        detail: worst
          ? `max abs difference ${maxAbsDifference.toExponential(2)} over ${keys.size} region pairs ` +
            `(${worst.layerA} ${worst.codeA} × ${worst.layerB} ${worst.codeB}: ${worst.sets.toFixed(6)} vs ${worst.geometric.toFixed(6)}); ` +
            `${onlyInOnePathCount} pairs found by one path only`
          : 'no region pairs',
      },
    ],
  };
}

function pairKey(layerA: LayerId, layerB: LayerId, codeA: RegionCode, codeB: RegionCode): string {
  return `${layerA} ${layerB} ${codeA} ${codeB}`;
}

/** The report as text lines for the bench's output. */
export function formatMatrixBench(report: MatrixBenchReport): string {
  const { matrix, matrixCached, baseline } = report;
  return [
    `Layer matrix: ${report.layerCount} layers (${report.layerPairCount} pairs), ${report.metricCount} metrics`,
    `  set-based, fresh atlas   median ${formatMs(matrix.medianMs)} (min ${formatMs(matrix.minMs)}, max ${formatMs(matrix.maxMs)}, ${matrix.runs} runs)`,
    `  set-based, cached index  median ${formatMs(matrixCached.medianMs)}`,
    `  naive Turf baseline      median ${formatMs(baseline.medianMs)} (${baseline.runs} run(s), ${report.regionPairCount} region pairs intersected)`,
    `  baseline / matrix        ${report.baselineOverMatrix.toFixed(0)}×`,
    ...report.checks.map((c) => `  ${c.isOk ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
  ].join('\n');
}
