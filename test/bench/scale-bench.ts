/**
 * The scale case (issue 9), run from bench.ts: each layer count in its own child process
 * (scale-child.ts, with `--expose-gc`), stopped when it runs past its budget. Collects what the child
 * reported, also when it was stopped or ran out of memory, since "did not finish in 150 s" is a result.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pairedFromSamples, type PairedResult } from './paired';
import type { MemoryStage, ScaleMessage } from './scale-child';
import { summarize, type Summary } from './stats';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'scale-child.ts');
/** How long past its budget a case may run (a round that started in time) before it is stopped. */
const HARD_STOP_GRACE_MS = 20_000;

export interface ScaleOptions {
  /** Rounds of each phase (decode and map geometry; paired matrix / floor). */
  rounds: number;
  /** Soft budget per case: no new round starts when it would end past this; stopped at budget + 20 s. */
  budgetMs: number;
  log: (line: string) => void;
}

/** How a case ended. */
export type ScaleStatus = 'complete' | 'stopped at budget' | 'out of memory' | 'failed';

export interface ScaleCaseResult {
  layerCount: number;
  status: ScaleStatus;
  /** Why it ended so, in words (empty when complete with all rounds). */
  detail: string;
  elapsedMs: number;
  roundsPlanned: number;
  budgetMs: number;
  unitCount: number | null;
  arcCount: number | null;
  layers: { id: string; recipe: string; regionCount: number }[];
  heapLimitBytes: number | null;
  decode: Summary | null;
  mapGeometry: Summary | null;
  /** Paired: the full matrix on a freshly decoded atlas (first) against the contingency floor (second). */
  matrixVsFloor: PairedResult | null;
  /** The untimed matrix of the memory pass (also the first time the code runs in the child), ms. */
  memoryPassMatrixMs: number | null;
  /** Heap used after a forced GC at each stage, as far as the case got. */
  memory: MemoryStage[];
  /** |ARI from the floor's tables − library ARI|, max over pairs; null when the matrix never finished. */
  ariMaxAbsDifference: number | null;
}

/** Run one scale case in a child process. Never rejects for what happens in the child; see `status`. */
export async function runScaleCase(layerCount: number, options: ScaleOptions): Promise<ScaleCaseResult> {
  const result: ScaleCaseResult = {
    layerCount,
    status: 'failed',
    detail: '',
    elapsedMs: 0,
    roundsPlanned: options.rounds,
    budgetMs: options.budgetMs,
    unitCount: null,
    arcCount: null,
    layers: [],
    heapLimitBytes: null,
    decode: null,
    mapGeometry: null,
    matrixVsFloor: null,
    memoryPassMatrixMs: null,
    memory: [],
    ariMaxAbsDifference: null,
  };
  const decodeMs: number[] = [];
  const mapGeometryMs: number[] = [];
  const matrixMs: number[] = [];
  const floorMs: number[] = [];
  let isDone = false;
  let error: string | null = null;
  let budgetNote = '';
  const stderrTail: string[] = [];
  const started = performance.now();

  // The tsx loader flags of this process (process.execArgv), so the child can import TypeScript too.
  const child = spawn(
    process.execPath,
    [...process.execArgv, '--expose-gc', CHILD, String(layerCount), String(options.rounds), String(options.budgetMs)],
    { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  const forward = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      options.log(`  [${layerCount} layers] ${line.trim()}`);
      stderrTail.push(line);
      if (stderrTail.length > 40) stderrTail.shift();
    }
  };
  child.stdout!.on('data', forward);
  child.stderr!.on('data', forward);
  child.on('message', (message: ScaleMessage) => {
    switch (message.type) {
      case 'setup':
        result.unitCount = message.unitCount;
        result.arcCount = message.arcCount;
        result.layers = message.layers;
        result.heapLimitBytes = message.heapLimitBytes;
        break;
      case 'decode-and-map':
        decodeMs.push(message.decodeMs);
        mapGeometryMs.push(message.mapGeometryMs);
        break;
      case 'memory':
        result.memory.push(message.memory);
        break;
      case 'ari':
        result.ariMaxAbsDifference = message.maxAbsDifference;
        result.memoryPassMatrixMs = Math.round(message.matrixMs);
        break;
      case 'round':
        matrixMs.push(message.matrixMs);
        floorMs.push(message.floorMs);
        break;
      case 'budget':
        budgetNote = message.detail;
        break;
      case 'done':
        isDone = true;
        break;
      case 'error':
        error = message.message;
        break;
    }
  });
  let isStopped = false;
  const stopTimer = setTimeout(() => {
    isStopped = true;
    child.kill('SIGKILL');
  }, options.budgetMs + HARD_STOP_GRACE_MS);
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  clearTimeout(stopTimer);
  result.elapsedMs = Math.round(performance.now() - started);

  const isOutOfMemory = stderrTail.some((line) => /heap out of memory|Reached heap limit/i.test(line));
  if (isDone) {
    result.status = 'complete';
    result.detail = budgetNote;
  } else if (isOutOfMemory) {
    result.status = 'out of memory';
    result.detail = `the child ran out of memory (V8 heap limit ${formatGigabytes(result.heapLimitBytes)}) after ${(result.elapsedMs / 1000).toFixed(0)} s`;
  } else if (isStopped) {
    result.status = 'stopped at budget';
    result.detail = `stopped after ${(result.elapsedMs / 1000).toFixed(0)} s (budget ${(options.budgetMs / 1000).toFixed(0)} s + ${HARD_STOP_GRACE_MS / 1000} s grace)`;
  } else {
    result.status = 'failed';
    result.detail =
      error ?? `exited with ${exit.signal ?? `code ${exit.code}`}: ${stderrTail.slice(-5).join(' | ') || 'no output'}`;
  }
  if (decodeMs.length > 0) {
    result.decode = summarize(decodeMs);
    result.mapGeometry = summarize(mapGeometryMs);
  }
  if (matrixMs.length > 0) {
    result.matrixVsFloor = pairedFromSamples(['matrix, fresh atlas', 'floor: labels + tables'], matrixMs, floorMs, 0);
  }
  return result;
}

function formatGigabytes(bytes: number | null): string {
  return bytes === null ? 'unknown' : `${(bytes / 1e9).toFixed(1)} GB`;
}
