/**
 * The app's statistics follow what is on screen (src/lib/state/stats.svelte.ts), computed by the worker's
 * engine behind a real MessageChannel: the matrix while the matrix or a pair is open, the open pair's full
 * comparison (and from it the congruence colouring), newer requests replacing older ones. `update()` does
 * what `connectStats`'s two effects do (abort the previous request and follow the app state again), at the
 * moments the test chooses; one test runs `connectStats` itself, with its effects.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../src/lib/state/app-state.svelte';
import { connectStats, StatsFollower } from '../../src/lib/state/stats.svelte';
import { computeMatrix, matrixOf } from '../../src/lib/stats/matrix';
import { compareLayers } from '../../src/lib/stats/pair';
import { StatsClient } from '../../src/lib/worker/stats-client';
import { StatsEngine } from '../../src/lib/worker/stats-engine';
import type { StatsPort, StatsRequest, StatsResponse } from '../../src/lib/worker/protocol';
import { readyGridApp } from '../fixtures/grid-app';

const cleanups: (() => void)[] = [];
afterEach(() => {
  // Last registered first: stop following before the channel closes.
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/**
 * A statistics client talking to a worker engine over a real MessageChannel, with every request the engine
 * receives collected in `requests`; the channel closes after the test.
 */
function engineClient(): { client: StatsClient; requests: StatsRequest[] } {
  const { port1, port2 } = new MessageChannel();
  const requests: StatsRequest[] = [];
  port2.on('message', (request: StatsRequest) => requests.push(request));
  new StatsEngine().listen(port2 as unknown as StatsPort<StatsResponse, StatsRequest>);
  cleanups.push(() => closePorts(port1, port2));
  return { client: new StatsClient(port1 as unknown as StatsPort<StatsRequest, StatsResponse>), requests };
}

/** An app with the grid's rows, columns and (hidden) partial layer, following a worker engine. */
function connectedApp(): { app: AppState; requests: StatsRequest[]; update: () => void } {
  const app = readyGridApp();
  const { client, requests } = engineClient();
  const follower = new StatsFollower(app, client);
  let stopMatrix = () => {};
  let stopPair = () => {};
  const update = () => {
    flushSync();
    stopMatrix();
    stopMatrix = follower.followMatrix(app.atlas, app.isComparing, app.visible);
    stopPair();
    stopPair = follower.followPair(app.atlas, app.pair, app.pairWeight);
  };
  cleanups.push(
    () => stopMatrix(),
    () => stopPair(),
  );
  update();
  return { app, requests, update };
}

function closePorts(...ports: MessagePort[]): void {
  for (const port of ports) port.close();
}

/** Let the worker answer: turns of the event loop until `isDone` (bounded in turns, not in time). */
async function settle(isDone: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1000 && !isDone(); turn++) await new Promise((resolve) => setImmediate(resolve));
  flushSync();
}

describe('StatsFollower (the effects of connectStats)', () => {
  it('asks for nothing until the matrix or a pair is open', async () => {
    const { app, requests } = connectedApp();
    await settle(() => false);
    expect(requests).toEqual([]);
    expect(app.matrixResult).toEqual({ status: 'idle' });
    expect(app.pairResult).toEqual({ status: 'idle' });
  });

  it('computes the matrix of the visible layers in the worker when the matrix opens', async () => {
    const { app, update } = connectedApp();
    app.panel = { kind: 'matrix' };
    update();
    expect(app.matrixResult.status).toBe('computing');
    await settle(() => app.matrixResult.status === 'ready');
    const result = app.matrixResult;
    if (result.status !== 'ready') throw new Error(`matrix ${result.status}`);
    expect(matrixOf(result.value.layerIds, result.value.pairs, 'ari')).toEqual(
      computeMatrix(app.atlas!, ['rows-2025', 'columns-2025'], 'ari'),
    );
  });

  it('asks again when a layer is shown, and the answer is for the new set', async () => {
    const { app, requests, update } = connectedApp();
    app.panel = { kind: 'matrix' };
    update();
    app.toggleLayer('partial-2025');
    update();
    await settle(() => app.matrixResult.status === 'ready');
    const result = app.matrixResult;
    if (result.status !== 'ready') throw new Error(`matrix ${result.status}`);
    expect(result.value.layerIds).toEqual(['rows-2025', 'columns-2025', 'partial-2025']);
    const matrices = requests.filter((r) => r.kind === 'matrix');
    expect(matrices).toHaveLength(2);
    // The first was cancelled when the second replaced it.
    expect(requests.some((r) => r.kind === 'cancel' && r.id === matrices[0]!.id)).toBe(true);
  });

  it('gives the open pair’s comparison for the chosen weight, and its congruence colouring', async () => {
    const { app, update } = connectedApp();
    app.openPair('rows-2025', 'partial-2025');
    update();
    expect(app.comparison).toBeNull();
    await settle(() => app.pairResult.status === 'ready');
    expect(app.comparison).toEqual(compareLayers(app.atlas!, 'rows-2025', 'partial-2025'));
    // The partial layer covers GM0001, 2, 4, 5: only those are compared.
    expect([...app.congruence.keys()].sort()).toEqual(['GM0001', 'GM0002', 'GM0004', 'GM0005']);
    app.pairWeight = 'area';
    update();
    await settle(() => app.comparison?.weight === 'area');
    expect(app.comparison?.weight).toBe('area');
    app.closePanel();
    update();
    expect(app.congruence.size).toBe(0);
    expect(app.pairResult).toEqual({ status: 'idle' });
  });

  it('sends the atlas again after a what-if move, with only the edited layer in full', async () => {
    const { app, requests, update } = connectedApp();
    app.openPair('rows-2025', 'columns-2025');
    update();
    await settle(() => app.pairResult.status === 'ready');
    const before = app.comparison!.congruence.mean;
    app.startDraft('rows-2025', 'GM0001', '2025-06-01');
    update();
    const draftId = app.draft!.file.meta.id;
    app.moveInDraft('GM0001', 'R1', 'R2');
    app.openPair(draftId, 'columns-2025');
    update();
    await settle(() => app.pairResult.status === 'ready' && app.comparison?.a.id === draftId);
    expect(app.comparison!.congruence.mean).not.toBe(before);
    const atlases = requests.filter((r) => r.kind === 'atlas');
    const last = atlases.at(-1)!;
    if (last.kind !== 'atlas') throw new Error('unreachable');
    // Built-in layers by id only; the draft in full.
    expect(
      last.layers.filter((l) => typeof l !== 'string').map((l) => (l as { meta: { id: string } }).meta.id),
    ).toEqual([draftId]);
  });

  it('runs from connectStats’s own effects: opening the matrix asks the worker, closing it stops asking', async () => {
    const app = readyGridApp();
    const { client, requests } = engineClient();
    cleanups.push(connectStats(app, client));
    flushSync();
    app.panel = { kind: 'matrix' };
    flushSync();
    await settle(() => app.matrixResult.status === 'ready');
    expect(app.matrixResult.status).toBe('ready');
    expect(requests.filter((r) => r.kind === 'matrix')).toHaveLength(1);
    app.closePanel();
    flushSync();
    expect(app.matrixResult).toEqual({ status: 'idle' });
  });

  it('keeps the answer on screen while a new one for the same pair computes (a change of weight)', async () => {
    const { app, update } = connectedApp();
    app.openPair('rows-2025', 'columns-2025');
    update();
    await settle(() => app.pairResult.status === 'ready');
    const shown = app.comparison;
    app.pairWeight = 'area';
    update();
    // No spinner meanwhile: the panel keeps its controls and the map its colouring.
    expect(app.pairResult.status).toBe('ready');
    expect(app.comparison).toBe(shown);
    await settle(() => app.comparison?.weight === 'area');
    expect(app.comparison?.weight).toBe('area');
    // Another pair is another question: a spinner until its answer comes.
    app.openPair('rows-2025', 'partial-2025');
    update();
    expect(app.pairResult.status).toBe('computing');
    expect(app.comparison).toBeNull();
  });

  it('asks for the matrix once while the panel changes between pairs', async () => {
    const app = readyGridApp();
    const { client, requests } = engineClient();
    cleanups.push(connectStats(app, client));
    app.panel = { kind: 'matrix' };
    flushSync();
    app.openPair('rows-2025', 'columns-2025');
    flushSync();
    app.openPair('columns-2025', 'rows-2025');
    flushSync();
    app.panel = { kind: 'matrix' };
    flushSync();
    await settle(() => app.matrixResult.status === 'ready');
    const matrices = requests.filter((r) => r.kind === 'matrix');
    expect(matrices).toHaveLength(1);
    // Only pair requests were cancelled (by the swap and by going back), never the matrix.
    expect(requests.some((r) => r.kind === 'cancel' && r.id === matrices[0]!.id)).toBe(false);
    expect(requests.filter((r) => r.kind === 'pair')).toHaveLength(2);
  });
});
