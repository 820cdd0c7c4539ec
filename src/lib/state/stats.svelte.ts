/**
 * Keeps the statistics worker in step with the app: when the matrix or a pair is on screen, ask the worker
 * for it and put its progress and answer into the app state (`matrixResult`, `pairResult`). A change of
 * what is asked (layers, atlas, pair, weight) aborts the request under way and asks again; answers are
 * cached per layer pair in the worker, so switching back costs nothing. The main thread never computes a
 * matrix or a full comparison itself.
 */
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
 * so that the logic is tested in Node without effects (a server-compiled test runs no `$effect`).
 */
export class StatsFollower {
  private sentAtlas: Atlas | null = null;

  constructor(
    private readonly target: StatsTarget,
    private readonly backend: StatsBackend,
  ) {}

  /** The matrix of the visible layers, while the matrix or a pair (whose back button returns to it) is open. */
  followMatrix(atlas: Atlas | null, panelKind: string | undefined, visible: readonly LayerId[]): () => void {
    const layerIds = visible.filter((id) => atlas?.layersById.has(id));
    if (!atlas || (panelKind !== 'matrix' && panelKind !== 'pair') || layerIds.length < 2) {
      this.target.matrixResult = { status: 'idle' };
      return () => {};
    }
    this.ensureAtlas(atlas);
    return follow(
      (options) => this.backend.matrix(layerIds, options),
      (result) => (this.target.matrixResult = result),
    );
  }

  /** The full comparison of the open pair, for the weight chosen. */
  followPair(atlas: Atlas | null, pair: { a: LayerId; b: LayerId } | null, weight: Weight): () => void {
    if (!atlas || !pair) {
      this.target.pairResult = { status: 'idle' };
      return () => {};
    }
    this.ensureAtlas(atlas);
    return follow(
      (options) => this.backend.pair(pair.a, pair.b, weight, options),
      (result) => (this.target.pairResult = result),
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
    $effect(() => follower.followMatrix(app.atlas, app.panel?.kind, app.visible));
    $effect(() => follower.followPair(app.atlas, app.pair, app.pairWeight));
  });
}

/**
 * Run one request, reporting each state of it; the returned cleanup aborts it (a newer request replaces it),
 * after which nothing more is reported.
 */
function follow<T>(
  request: (options: RequestOptions) => Promise<T>,
  report: (state: Computation<T>) => void,
): () => void {
  const controller = new AbortController();
  report({ status: 'computing', done: 0, total: 0 });
  request({
    signal: controller.signal,
    onProgress: (done, total) => {
      if (!controller.signal.aborted) report({ status: 'computing', done, total });
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
