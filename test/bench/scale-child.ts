/**
 * One scale case in its own process (started by scale-bench.ts with `--expose-gc`): the generated grid of
 * about 14,000 units with N generated layers. Its own process gives a clean heap to measure, and lets
 * the parent stop a case that runs out of time or memory without losing the rest of the bench.
 *
 * Usage: node --expose-gc <tsx loader> scale-child.ts <layerCount> <rounds> <budgetMs>
 * Reports to the parent over IPC (`ScaleMessage`), progress on stderr. Phases:
 * 1. decode (JSON.parse of the generated files, the validating parsers, buildAtlas) and the map geometry of
 *    all layers (`buildFullMapGeometry`), each timed on a freshly decoded atlas, `rounds` times;
 * 2. memory: heap used after a forced GC with the input only, then with the atlas, the full matrix and
 *    the map geometry alive (one untimed pass; also the ARI check of the floor against the library);
 * 3. paired rounds: the full matrix on a freshly decoded atlas against the contingency floor, alternating.
 * A new round starts only while the previous one's time still fits in the budget.
 */
import { buildAtlas, type Atlas } from '../../src/lib/data/atlas';
import { checkLayerAgainstTopology, parseLayerFile, parseMunicipalityTopology } from '../../src/lib/data/parse';
import { getHeapStatistics } from 'node:v8';
import { compareAri, fullMatrix } from './matrix-bench';
import { buildFullMapGeometry } from './node-timing';
import { contingencyFloor } from './contingency-floor';
import { buildScaleInput, describeRecipe, LAYER_RECIPES } from './scale-topology';
import { timed } from './stats';

/** Heap after a forced GC at one stage of the memory pass, bytes. */
export interface MemoryStage {
  stage: string;
  /** V8 heap in use (`process.memoryUsage().heapUsed`). */
  heapUsedBytes: number;
  /** Memory of ArrayBuffers (typed arrays), outside the V8 heap (`arrayBuffers`). */
  arrayBuffersBytes: number;
}

/** What the child tells the parent, in order. */
export type ScaleMessage =
  | {
      type: 'setup';
      unitCount: number;
      arcCount: number;
      layers: { id: string; recipe: string; regionCount: number }[];
      generateMs: number;
      heapLimitBytes: number;
    }
  | { type: 'decode-and-map'; decodeMs: number; mapGeometryMs: number }
  | { type: 'memory'; memory: MemoryStage }
  | { type: 'ari'; maxAbsDifference: number; matrixMs: number }
  | { type: 'round'; matrixMs: number; floorMs: number; matrixFirst: boolean }
  | { type: 'budget'; roundsRun: number; detail: string }
  | { type: 'done' }
  | { type: 'error'; message: string };

const gc = (globalThis as { gc?: () => void }).gc;

function send(message: ScaleMessage): void {
  if (!process.send) throw new Error('scale-child.ts runs as a child of scale-bench.ts (IPC channel missing)');
  process.send(message);
}

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * Heap after a forced GC. ArrayBuffer memory is released after the GC, off the main thread, so this
 * collects, yields to the event loop, and collects again before reading it.
 */
async function memoryAt(stage: string): Promise<MemoryStage> {
  gc!();
  await new Promise((resolve) => setImmediate(resolve));
  gc!();
  const usage = process.memoryUsage();
  return { stage, heapUsedBytes: usage.heapUsed, arrayBuffersBytes: usage.arrayBuffers };
}

/** The generated files as text, as the app would fetch them. */
interface InputText {
  geometry: ReturnType<typeof buildScaleInput>['geometry'];
  topology: string;
  layers: string[];
}

/** JSON.parse, the validating parsers and buildAtlas, as the app's loader does. */
function decode(input: InputText): Atlas {
  const topology = parseMunicipalityTopology(JSON.parse(input.topology), input.geometry.file);
  const codes = new Set(topology.objects.municipalities.geometries.map((g) => String(g.id)));
  const layers = input.layers.map((text, i) => {
    const layer = parseLayerFile(JSON.parse(text), `scale layer ${i + 1}`);
    checkLayerAgainstTopology(layer, codes, `scale layer ${i + 1}`);
    return layer;
  });
  return buildAtlas(input.geometry, topology, layers);
}

async function main(): Promise<void> {
  const [layerCount, rounds, budgetMs] = process.argv.slice(2).map(Number) as [number, number, number];
  if (!gc) throw new Error('scale-child.ts needs --expose-gc');
  const started = performance.now();
  send({ type: 'memory', memory: await memoryAt('start') });

  // The generated objects are dropped once written as text: the app starts from the files' text too.
  const generated = timed(() => {
    const input = buildScaleInput(layerCount);
    const text: InputText = {
      geometry: input.geometry,
      topology: JSON.stringify(input.topology),
      layers: input.layers.map((l) => JSON.stringify(l)),
    };
    const layers = input.layers.map((l, i) => ({
      id: l.meta.id,
      recipe: describeRecipe(LAYER_RECIPES[i]!),
      regionCount: l.regions.length,
    }));
    return { text, layers, unitCount: input.unitCount, arcCount: input.arcCount };
  });
  const { text, layers, unitCount, arcCount } = generated.value;
  send({
    type: 'setup',
    unitCount,
    arcCount,
    layers,
    generateMs: generated.ms,
    heapLimitBytes: getHeapStatistics().heap_size_limit,
  });
  progress(`  generated ${unitCount} units, ${arcCount} arcs, ${layerCount} layers`);
  send({ type: 'memory', memory: await memoryAt('input (the files as JSON text)') });

  // 1. Decode and map geometry, each on a freshly decoded atlas.
  // No forced GC before timed work: a full GC just before makes the next milliseconds of code slower, unevenly.
  for (let round = 0; round < rounds; round++) {
    const decoded = timed(() => decode(text));
    const built = timed(() => buildFullMapGeometry(decoded.value));
    send({ type: 'decode-and-map', decodeMs: decoded.ms, mapGeometryMs: built.ms });
    progress(`  decode ${decoded.ms.toFixed(0)} ms, map geometry ${built.ms.toFixed(0)} ms`);
  }

  // 2. Memory with everything built, one stage at a time (untimed; also the floor's ARI check). The matrix
  // comes first, so its stage holds the layer models and arc lengths it builds; the map geometry reuses them.
  {
    const atlas = decode(text);
    send({ type: 'memory', memory: await memoryAt('+ atlas (parsed files, topology index)') });
    progress('  memory pass: full matrix…');
    const matrix = timed(() => fullMatrix(atlas));
    send({ type: 'memory', memory: await memoryAt('+ full matrix (results, layer models, arc lengths)') });
    const maxAbsDifference = compareAri(atlas, contingencyFloor(atlas), matrix.value);
    send({ type: 'ari', maxAbsDifference, matrixMs: matrix.ms });
    progress(`  memory pass: matrix ${matrix.ms.toFixed(0)} ms`);
    const geometry = buildFullMapGeometry(atlas);
    send({ type: 'memory', memory: await memoryAt('+ map geometry (regions, borders, colours)') });
    // Keep everything alive up to here, so each stage's heap holds the earlier ones.
    if (geometry.layers.size !== atlas.layers.length || matrix.value.length === 0) {
      throw new Error('unreachable: map geometry or matrix incomplete');
    }
  }

  // 3. Paired rounds: matrix on a freshly decoded atlas against the floor, alternating the order. The topology
  // index with its arc lengths is built once per year's topology when it loads, outside both timings (as in
  // matrix-bench.ts); the layer models are built inside the matrix's.
  for (let round = 0; round < rounds; round++) {
    const matrixFirst = round % 2 === 0;
    const times = { matrixMs: 0, floorMs: 0 };
    for (const side of matrixFirst ? ['matrix', 'floor'] : ['floor', 'matrix']) {
      const atlas = decode(text);
      void atlas.index.arcLengthKm;
      if (side === 'matrix') times.matrixMs = timed(() => fullMatrix(atlas)).ms;
      else times.floorMs = timed(() => contingencyFloor(atlas)).ms;
    }
    send({ type: 'round', ...times, matrixFirst });
    progress(
      `  round ${round + 1}/${rounds}: matrix ${times.matrixMs.toFixed(0)} ms, floor ${times.floorMs.toFixed(1)} ms`,
    );
    const elapsed = performance.now() - started;
    const roundMs = times.matrixMs + times.floorMs;
    if (round + 1 < rounds && elapsed + roundMs > budgetMs) {
      send({
        type: 'budget',
        roundsRun: round + 1,
        detail: `stopped after ${round + 1} of ${rounds} rounds: another round would end past the ${(budgetMs / 1000).toFixed(0)} s budget`,
      });
      break;
    }
  }
  send({ type: 'done' });
}

main().then(
  () => process.disconnect?.(),
  (error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    progress(`scale case failed: ${message}`);
    if (process.send) process.send({ type: 'error', message } satisfies ScaleMessage, () => process.exit(1));
    else process.exit(1);
  },
);
