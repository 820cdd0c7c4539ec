/**
 * The app's side of the statistics worker: a typed request/response API with progress and cancel. A newer
 * request of a kind (matrix, pair) cancels the older one still under way, which then rejects with an
 * AbortError; so does a request whose signal aborts. The atlas is sent only as far as it changed.
 */
import { abortError, DataError } from '../errors';
import type { LayerComparison } from '../stats/pair';
import type { Weight } from '../stats/sets';
import { LAYER_FORMAT } from '../data/parse';
import type { GeometryEntry, LayerFile, LayerId, LayerMeta, MunicipalityTopology, Region } from '../types';
import type { MatrixResult, StatsPort, StatsRequest, StatsResponse } from './protocol';

/** A layer as the app holds it (an atlas layer or a layer file): its metadata and regions. */
export interface LayerData {
  meta: LayerMeta;
  regions: Region[];
}

/** Options of a request. */
export interface RequestOptions {
  /** Told how many layer pairs are done of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting it cancels the request. */
  signal?: AbortSignal;
}

interface Pending {
  kind: 'matrix' | 'pair';
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
  onProgress?: (done: number, total: number) => void;
}

/** The error a cancelled request rejects with. */
const cancelled = (): DOMException => abortError('The statistics request was cancelled');

/** The app's side of the statistics worker (see the module comment). */
export class StatsClient {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  /** What the worker holds: its topology, and each layer's metadata and regions by id. */
  private sentTopology: MunicipalityTopology | null = null;
  private sentLayers = new Map<LayerId, LayerData>();
  /** The atlas last set, to send again to a worker that was restarted after a failure. */
  private atlas: { geometry: GeometryEntry; topology: MunicipalityTopology; layers: readonly LayerData[] } | null =
    null;

  constructor(private readonly port: StatsPort<StatsRequest, StatsResponse>) {
    port.addEventListener('message', (event) => this.receive(event.data));
  }

  /**
   * Make `layers` on `topology` the atlas of every later request. A layer whose metadata and regions are the
   * same objects as last time is sent by id only, so the worker keeps its models and cached results.
   */
  setAtlas(geometry: GeometryEntry, topology: MunicipalityTopology, layers: readonly LayerData[]): void {
    this.atlas = { geometry, topology, layers };
    const isNewTopology = topology !== this.sentTopology;
    if (isNewTopology) this.sentLayers.clear();
    const message = layers.map((layer): LayerFile | LayerId => {
      const sent = this.sentLayers.get(layer.meta.id);
      return sent && sent.meta === layer.meta && sent.regions === layer.regions
        ? layer.meta.id
        : { format: LAYER_FORMAT, meta: layer.meta, regions: layer.regions };
    });
    this.port.postMessage({ kind: 'atlas', geometry, layers: message, ...(isNewTopology ? { topology } : {}) });
    this.sentTopology = topology;
    this.sentLayers = new Map(layers.map((layer) => [layer.meta.id, layer]));
  }

  /** Every metric of every pair of `layerIds`. */
  matrix(layerIds: readonly LayerId[], options: RequestOptions = {}): Promise<MatrixResult> {
    return this.request('matrix', (id) => ({ kind: 'matrix', id, layerIds: [...layerIds] }), options);
  }

  /** The full comparison of layer `a` with layer `b` (crosswalk, congruence per gemeente, …). */
  pair(a: LayerId, b: LayerId, weight: Weight, options: RequestOptions = {}): Promise<LayerComparison> {
    return this.request('pair', (id) => ({ kind: 'pair', id, a, b, weight }), options);
  }

  private request<T>(
    kind: Pending['kind'],
    message: (id: number) => StatsRequest,
    { onProgress, signal }: RequestOptions,
  ): Promise<T> {
    if (signal?.aborted) return Promise.reject(cancelled());
    // Only the newest request of a kind matters to the app: stop the older one.
    for (const [id, pending] of this.pending) if (pending.kind === kind) this.cancel(id);
    // After a failure the (new) worker holds no atlas: send it again first.
    if (!this.sentTopology && this.atlas) this.setAtlas(this.atlas.geometry, this.atlas.topology, this.atlas.layers);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { kind, resolve: resolve as (value: never) => void, reject, onProgress });
      signal?.addEventListener('abort', () => this.cancel(id), { once: true });
      this.port.postMessage(message(id));
    });
  }

  /**
   * The worker itself failed (its script did not load, or it crashed): every request under way fails with
   * `error`, instead of waiting for ever. The next request starts a new worker and sends it the atlas again.
   */
  failAll(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.sentTopology = null;
    this.sentLayers.clear();
    for (const request of pending) request.reject(error);
  }

  private cancel(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    this.port.postMessage({ kind: 'cancel', id });
    pending.reject(cancelled());
  }

  private receive(response: StatsResponse): void {
    const pending = this.pending.get(response.id);
    // A response to a request already cancelled here: nobody waits for it any more.
    if (!pending) return;
    if (response.kind === 'progress') {
      pending.onProgress?.(response.done, response.total);
      return;
    }
    this.pending.delete(response.id);
    if (response.kind === 'result') pending.resolve(response.value as never);
    else if (response.kind === 'cancelled') pending.reject(cancelled());
    else pending.reject(response.isDataError ? new DataError(response.message) : new Error(response.message));
  }
}

/**
 * A client of the statistics worker (browser). The worker is started on the first request, so an app that
 * never opens the matrix or a pair never loads it.
 */
export function startStatsWorker(): { client: StatsClient; stop: () => void } {
  type Listener = (event: MessageEvent<StatsResponse>) => void;
  let worker: Worker | null = null;
  const listeners = new Set<Listener>();
  const port: StatsPort<StatsRequest, StatsResponse> = {
    postMessage(message) {
      if (!worker) {
        const started = new Worker(new URL('./stats.worker.ts', import.meta.url), { type: 'module' });
        for (const listener of listeners) started.addEventListener('message', listener);
        started.addEventListener('error', (event) => {
          started.terminate();
          worker = null;
          client.failAll(new Error(`the statistics worker failed: ${event.message || 'it could not be started'}`));
        });
        worker = started;
      }
      worker.postMessage(message);
    },
    addEventListener(_type, listener) {
      listeners.add(listener);
      worker?.addEventListener('message', listener);
    },
    removeEventListener(_type, listener) {
      listeners.delete(listener);
      worker?.removeEventListener('message', listener);
    },
  };
  const client = new StatsClient(port);
  return { client, stop: () => worker?.terminate() };
}
