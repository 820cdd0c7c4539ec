/**
 * Keeps the statistics worker in step with the app: when the matrix or a pair is on screen, ask the worker
 * for it and put its progress and answer into the app state (`matrixResult`, `pairResult`). A change of
 * what is asked (layers, atlas, pair, weight) aborts the request under way and asks again; answers are
 * cached per layer pair in the worker, so switching back costs nothing. The export reuses these answers
 * (state/export-tables.ts) and computes only what the worker has not.
 */
import { untrack } from 'svelte';
import type { Atlas } from '../data/atlas';
import { isAbort, messageOf } from '../errors';
import type { LayerComparison } from '../stats/pair';
import type { Weight } from '../stats/sets';
import type { LayerData, RequestOptions } from '../worker/stats-client';
import type { MatrixResult } from '../worker/protocol';
import type { GeometryEntry, LayerId, MunicipalityTopology } from '../types';
import type { AppState, Computation } from './app-state.svelte';

/** What `connectStats` needs of the worker's client (`StatsClient`; tests pass an in-process one). */
export interface StatsBackend {
  setAtlas(geometry: GeometryEntry, topology: MunicipalityTopology, layers: readonly LayerData[]): void;
  matrix(layerIds: readonly LayerId[], options?: RequestOptions): Promise<MatrixResult>;
  pair(a: LayerId, b: LayerId, weight: Weight, options?: RequestOptions): Promise<LayerComparison>;
}

/** Where the follower puts what the worker says: the app state's two results. */
export type StatsTarget = Pick<AppState, 'matrixResult' | 'pairResult'>;

/**
 * What the effects of `connectStats` call: plain methods, each returning the cleanup that aborts its request,
 * so that tests can drive each step (and `connectStats` itself is tested with its effects too).
 */
export class StatsFollower {
  private sentAtlas: Atlas | null = null;

  constructor(
    private readonly target: StatsTarget,
    private readonly backend: StatsBackend,
  ) {}

  /** The matrix of the visible layers, while the matrix or a pair (whose back button returns to it) is open. */
  followMatrix(atlas: Atlas | null, isComparing: boolean, visible: readonly LayerId[]): () => void {
    const layerIds = visible.filter((id) => atlas?.layersById.has(id));
    if (!atlas || !isComparing || layerIds.length < 2) {
      this.target.matrixResult = { status: 'idle' };
      return () => {};
    }
    this.ensureAtlas(atlas);
    // Read without tracking: this runs inside an effect that writes the result (no rerun on its own answer).
    const current = untrack(() => this.target.matrixResult);
    return follow(
      (options) => this.backend.matrix(layerIds, options),
      (result) => (this.target.matrixResult = result),
      current.status === 'ready' && current.value.layerIds.join() === layerIds.join(),
    );
  }

  /** The full comparison of the open pair, for the weight chosen. */
  followPair(atlas: Atlas | null, pair: { a: LayerId; b: LayerId } | null, weight: Weight): () => void {
    if (!atlas || !pair) {
      this.target.pairResult = { status: 'idle' };
      return () => {};
    }
    this.ensureAtlas(atlas);
    const current = untrack(() => this.target.pairResult);
    return follow(
      (options) => this.backend.pair(pair.a, pair.b, weight, options),
      (result) => (this.target.pairResult = result),
      current.status === 'ready' && current.value.a.id === pair.a && current.value.b.id === pair.b,
    );
  }

  /** Tell the worker about `atlas` once per atlas object (a new one after every import or what-if move). */
  private ensureAtlas(atlas: Atlas): void {
    if (atlas === this.sentAtlas) return;
    this.backend.setAtlas(atlas.geometry, atlas.topology, atlas.layers);
    this.sentAtlas = atlas;
  }
}

/**
 * Start following `app` (call from a component's `$effect`); returns the cleanup that stops it and aborts
 * what is under way. One effect per request kind: each reruns when what it reads changes, aborting the
 * request of its previous run.
 */
export function connectStats(app: AppState, backend: StatsBackend): () => void {
  const follower = new StatsFollower(app, backend);
  return $effect.root(() => {
    $effect(() => follower.followMatrix(app.atlas, app.isComparing, app.visible));
    $effect(() => follower.followPair(app.atlas, app.pair, app.pairWeight));
  });
}

/**
 * Run one request, reporting each state of it; the returned cleanup aborts it (a newer request replaces it),
 * after which nothing more is reported. With `keepShown` (the answer on screen is of the same layers or pair,
 * e.g. before a what-if move or a change of weight) that answer stays until the new one arrives, instead of
 * a spinner that would take the panel's controls, its focus and the map's colouring away meanwhile.
 */
function follow<T>(
  request: (options: RequestOptions) => Promise<T>,
  report: (state: Computation<T>) => void,
  keepShown: boolean,
): () => void {
  const controller = new AbortController();
  if (!keepShown) report({ status: 'computing', done: 0, total: 0 });
  request({
    signal: controller.signal,
    onProgress: (done, total) => {
      if (!keepShown && !controller.signal.aborted) report({ status: 'computing', done, total });
    },
  }).then(
    (value) => {
      if (!controller.signal.aborted) report({ status: 'ready', value });
    },
    (error: unknown) => {
      if (!isAbort(error) && !controller.signal.aborted) report({ status: 'error', message: messageOf(error) });
    },
  );
  return () => controller.abort();
}
