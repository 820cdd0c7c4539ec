/**
 * The layer matrix on the real data (issue 9): the full matrix (every metric, every layer pair, through
 * the library's `computeMatrices`) as a paired ratio to the contingency floor (`contingency-floor.ts`),
 * twice:
 * - cold: the matrix on a freshly built atlas (new topology and layer objects, so the library's layer
 *   models are built inside the timing, as when the app has just loaded), against the whole floor
 *   (numbering, labels, tables) from the same kind of atlas. Both start from a loaded atlas, whose topology
 *   index (gemeente numbers, internal arcs and their lengths) is built once per year's topology: that is
 *   outside both timings and timed on its own;
 * - warm: the matrix again on an atlas whose models are cached (what switching metric costs), against the
 *   floor's counting alone (labels prebuilt).
 * At 342 gemeenten one matrix takes well under a millisecond, so each measurement runs a batch
 * (`batchSize`, each on its own fresh atlas made before the clock starts) and reports the time per matrix.
 * Two correctness checks, outside the timing: the floor's tables give the library's ARI for every pair
 * (so the floor counts what the statistics count), and the set path's Jaccard by area agrees with the
 * geometric path (Turf `intersect` + `area` on the dissolved regions, run once; it takes seconds per pass,
 * so it is a check here, not a timed comparison).
 */
import type { Atlas } from '../../src/lib/data/atlas';
import { buildAtlas } from '../../src/lib/data/atlas';
import { dissolveRegions } from '../../src/lib/geo/dissolve';
import { topologyIndex } from '../../src/lib/model/topology-index';
import { measureOverlapsGeometrically } from '../../src/lib/stats/geometric';
import { computeMatrices, type MetricMatrix } from '../../src/lib/stats/matrix';
import { compareLayers, METRICS } from '../../src/lib/stats/pair';
import type { LayerFile, LayerId, RegionCode } from '../../src/lib/types';
import {
  ariOfTable,
  contingencyFloor,
  contingencyTables,
  layerLabels,
  type ContingencyTable,
} from './contingency-floor';
import { formatPaired, runPaired, type PairedResult, type PairedSide } from './paired';
import { formatMs, summarize, timed, type Summary } from './stats';

export interface MatrixBenchOptions {
  /** Timed rounds of each paired comparison (after `warmupRounds`). */
  rounds: number;
  warmupRounds: number;
  /** Matrices (and floors) per measurement; the time reported is per matrix. */
  batchSize: number;
  /** Largest accepted absolute difference between the two Jaccard indices by area. Default 0.005. */
  tolerance?: number;
  log?: (line: string) => void;
}

/** A check in the shape of bench.ts's checks. */
export interface Check {
  name: string;
  isOk: boolean;
  detail: string;
}

/** The region pair where the set and geometric paths differ most. */
export interface WorstJaccard {
  layerA: LayerId;
  layerB: LayerId;
  codeA: RegionCode;
  codeB: RegionCode;
  sets: number;
  geometric: number;
}

/** The report of `benchMatrix`. */
export interface MatrixBenchReport {
  layerCount: number;
  /** Layer pairs the matrix and the floor compute: i ≤ j, the diagonal included. */
  comparedPairCount: number;
  metricCount: number;
  /** Paired: matrix on a fresh atlas (first) against the whole floor (second). */
  cold: PairedResult;
  /** Paired: matrix with cached models (first) against the floor's counting with prebuilt labels (second). */
  warm: PairedResult;
  /** Matrices per measurement in `cold` and `warm`. */
  batchSize: number;
  /** Building the topology index and its arc lengths once (per year's topology, outside both timings), ms per round. */
  topologyIndexMs: Summary;
  /** Largest |ARI of the floor's table − the library's ARI| over the pairs where ARI is defined. */
  ariMaxAbsDifference: number;
  /** One run of the geometric path over all pairs of distinct layers (a check, not a timed comparison). */
  geometricCheckMs: number;
  jaccardByArea: {
    comparedPairCount: number;
    onlyInOnePathCount: number;
    maxAbsDifference: number;
    worst: WorstJaccard | null;
    tolerance: number;
  };
  checks: Check[];
}

/** A copy of the atlas with new topology and layer objects, so no cache of the library applies to it. */
export function freshAtlas(atlas: Atlas): Atlas {
  const files: LayerFile[] = atlas.layers.map((l) => ({
    format: 'samenwerkingsatlas/layer@1',
    meta: l.meta,
    regions: l.regions,
  }));
  return buildAtlas(atlas.geometry, structuredClone(atlas.topology), structuredClone(files));
}

/**
 * A fresh atlas as the app has it once a year is loaded: its topology index built, arc lengths included (read
 * here, since the index computes them on first read); no layer model built yet.
 */
export function loadedAtlas(atlas: Atlas): Atlas {
  const fresh = freshAtlas(atlas);
  void fresh.index.arcLengthKm;
  return fresh;
}

/** Every metric's matrix over all layers of the atlas, through the library. */
export function fullMatrix(atlas: Atlas): MetricMatrix[] {
  return computeMatrices(
    atlas,
    atlas.layers.map((l) => l.meta.id),
    METRICS.map((m) => m.id),
  );
}

/**
 * The largest difference between the ARI from the floor's tables and the library's ARI matrix, over the
 * pairs where the library defines ARI. Throws when the library has ARI for a pair the floor finds empty.
 */
export function compareAri(
  atlas: Atlas,
  tables: readonly ContingencyTable[],
  matrices: readonly MetricMatrix[],
): number {
  const ari = matrices.find((m) => m.metric === 'ari');
  if (!ari) throw new Error('unreachable: the matrix has no ARI');
  const multi = new Set(atlas.layers.flatMap((l, i) => (l.meta.coverage.allowsMultiMembership ? [i] : [])));
  let worst = 0;
  for (const table of tables) {
    const library = ari.values[table.layerA]![table.layerB]!;
    if (library === null || multi.has(table.layerA) || multi.has(table.layerB)) continue;
    const floor = ariOfTable(table);
    if (floor === null)
      throw new Error(`floor: empty table where the library has ARI (${table.layerA}, ${table.layerB})`);
    worst = Math.max(worst, Math.abs(floor - library));
  }
  return worst;
}

/** Time the matrix against the floor, cold and warm, and run the two correctness checks. */
export async function benchMatrix(atlas: Atlas, options: MatrixBenchOptions): Promise<MatrixBenchReport> {
  const tolerance = options.tolerance ?? 0.005;
  const log = options.log ?? (() => {});
  const runs = { rounds: options.rounds, warmupRounds: options.warmupRounds, log };

  const { batchSize } = options;
  log(`  cold: matrix on a fresh atlas / whole floor (${batchSize} of each per measurement)`);
  const topologyIndexMs: number[] = [];
  const cold = await runPaired(
    freshMatrixSide('matrix, fresh atlas', atlas, batchSize),
    freshFloorSide('floor: labels + tables', atlas, batchSize),
    runs,
  );
  for (let round = 0; round < options.rounds; round++) {
    const topology = structuredClone(atlas.topology);
    topologyIndexMs.push(timed(() => topologyIndex(topology).arcLengthKm).ms);
  }

  log('  warm: matrix with cached models / floor tables only');
  const warmAtlas = freshAtlas(atlas);
  fullMatrix(warmAtlas);
  const labels = layerLabels(warmAtlas);
  const repeats = Array.from({ length: batchSize }, () => warmAtlas);
  const warm = await runPaired(
    { name: 'matrix, cached models', measure: () => perItem(repeats, fullMatrix) },
    {
      name: 'floor: tables only',
      measure: () => perItem(repeats, (a) => contingencyTables(labels, a.municipalities.length)),
    },
    runs,
  );

  // Checks, outside the timing.
  const ariMaxAbsDifference = compareAri(atlas, contingencyFloor(atlas), fullMatrix(atlas));
  log('  geometric check: Turf intersect + area on every region pair (one run)');
  const geometric = timed(() => geometricJaccards(atlas));
  log(`  geometric check took ${formatMs(geometric.ms)}`);
  const jaccardByArea = compareJaccards(setJaccards(atlas), geometric.value, tolerance);
  const { worst, maxAbsDifference, comparedPairCount, onlyInOnePathCount } = jaccardByArea;
  const layerCount = atlas.layers.length;
  return {
    layerCount,
    comparedPairCount: (layerCount * (layerCount + 1)) / 2,
    metricCount: METRICS.length,
    cold,
    warm,
    batchSize,
    topologyIndexMs: summarize(topologyIndexMs),
    ariMaxAbsDifference,
    geometricCheckMs: Math.round(geometric.ms),
    jaccardByArea,
    checks: [
      {
        name: 'the floor counts what the library counts (ARI from its tables = library ARI within 1e-9)',
        isOk: ariMaxAbsDifference <= 1e-9,
        detail: `max abs difference ${ariMaxAbsDifference.toExponential(2)}`,
      },
      {
        name: `Jaccard by area of the set and geometric paths agree within ${tolerance}`,
        isOk: maxAbsDifference <= tolerance,
        detail: worst
          ? `max abs difference ${maxAbsDifference.toExponential(2)} over ${comparedPairCount} region pairs ` +
            `(${worst.layerA} ${worst.codeA} × ${worst.layerB} ${worst.codeB}: ${worst.sets.toFixed(6)} vs ${worst.geometric.toFixed(6)}); ` +
            `${onlyInOnePathCount} pairs found by one path only`
          : 'no region pairs',
      },
    ],
  };
}

/**
 * A paired side: `work` on each of `batchSize` fresh atlases (copies of `atlas` as the app has them once a year is
 * loaded, made before the clock starts), ms per atlas.
 */
function freshSide(name: string, atlas: Atlas, batchSize: number, work: (atlas: Atlas) => unknown): PairedSide {
  return {
    name,
    measure: () =>
      perItem(
        Array.from({ length: batchSize }, () => loadedAtlas(atlas)),
        work,
      ),
  };
}

/** A paired side: the full matrix on fresh atlases (`freshSide`). */
export const freshMatrixSide = (name: string, atlas: Atlas, batchSize: number): PairedSide =>
  freshSide(name, atlas, batchSize, fullMatrix);

/** A paired side: the whole contingency floor (numbering, labels, tables) on fresh atlases the same way. */
export const freshFloorSide = (name: string, atlas: Atlas, batchSize: number): PairedSide =>
  freshSide(name, atlas, batchSize, contingencyFloor);

/** Time `work` over every item of a batch made before the clock starts; ms per item. */
function perItem(items: readonly Atlas[], work: (atlas: Atlas) => unknown): number {
  return timed(() => items.forEach((item) => work(item))).ms / items.length;
}

function pairKey(layerA: LayerId, layerB: LayerId, codeA: RegionCode, codeB: RegionCode): string {
  return `${layerA} ${layerB} ${codeA} ${codeB}`;
}

function distinctPairs(atlas: Atlas): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < atlas.layers.length; i++) for (let j = i + 1; j < atlas.layers.length; j++) pairs.push([i, j]);
  return pairs;
}

/** Jaccard by area of every overlapping region pair, geometrically (bounding boxes skip pairs that cannot meet). */
function geometricJaccards(atlas: Atlas): Map<string, number> {
  const dissolved = atlas.layers.map((l) => dissolveRegions(atlas.topology, l.regions, l.meta.id));
  const ids = atlas.layers.map((l) => l.meta.id);
  const jaccards = new Map<string, number>();
  for (const [i, j] of distinctPairs(atlas)) {
    for (const o of measureOverlapsGeometrically(dissolved[i]!, dissolved[j]!)) {
      jaccards.set(pairKey(ids[i]!, ids[j]!, o.codeA, o.codeB), o.jaccardByArea ?? 0);
    }
  }
  return jaccards;
}

/** The same from the set path (sums of gemeente areas). */
function setJaccards(atlas: Atlas): Map<string, number> {
  const ids = atlas.layers.map((l) => l.meta.id);
  const jaccards = new Map<string, number>();
  for (const [i, j] of distinctPairs(atlas)) {
    for (const p of compareLayers(atlas, ids[i]!, ids[j]!).crosswalk.pairs) {
      jaccards.set(pairKey(ids[i]!, ids[j]!, p.codeA, p.codeB), p.jaccardByArea ?? 0);
    }
  }
  return jaccards;
}

function compareJaccards(
  sets: ReadonlyMap<string, number>,
  geometric: ReadonlyMap<string, number>,
  tolerance: number,
): MatrixBenchReport['jaccardByArea'] {
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
  return { comparedPairCount: keys.size, onlyInOnePathCount, maxAbsDifference, worst, tolerance };
}

/** The report as text for the bench's output. */
export function formatMatrixBench(report: MatrixBenchReport): string {
  return [
    `Full matrix: ${report.layerCount} layers, ${report.comparedPairCount} layer pairs (i ≤ j, as computeMatrices ` +
      `compares them), ${report.metricCount} metrics`,
    '',
    `cold: computeMatrices on a freshly built atlas vs the whole floor (numbering, labels, tables); ` +
      `times per matrix over batches of ${report.batchSize}`,
    formatPaired(report.cold, 'matrix / floor'),
    `(outside both: the topology index with its arc lengths, built once per year's topology: ` +
      `${formatMs(report.topologyIndexMs.medianMs)} median)`,
    '',
    'warm: computeMatrices with cached layer models vs the floor tables with prebuilt labels',
    formatPaired(report.warm, 'matrix / floor'),
    '',
    `geometric path (Turf intersect + area on every region pair of every layer pair, bbox-filtered): ` +
      `${formatMs(report.geometricCheckMs)}, one run, as a correctness check only`,
    ...report.checks.map((c) => `${c.isOk ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`),
  ].join('\n');
}
