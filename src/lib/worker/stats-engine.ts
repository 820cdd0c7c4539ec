/**
 * The statistics engine: holds the atlas the app shows and answers matrix and pair requests on it, with
 * results cached per pair of layer files (a layer's file changes only when the layer does, so a what-if
 * move or an import recomputes the pairs of that one layer). Pure: runs in the worker, and in Node tests
 * behind a MessageChannel, exactly as in the browser.
 */
import { buildAtlas, type Atlas } from '../data/atlas';
import { DataError, messageOf } from '../errors';
import { computePairMetrics, PairScratch, type PairMetrics } from '../stats/matrix';
import { layerModel } from '../model/layer-model';
import { compareLayers, findLayer, type LayerComparison } from '../stats/pair';
import { commonCoverage, type CommonCoverage, type Weight } from '../stats/sets';
import type { LayerFile, LayerId, MunicipalityTopology } from '../types';
import type { AtlasMessage, MatrixResult, StatsPort, StatsRequest, StatsResponse } from './protocol';

/** Work between two looks at the message queue, ms: short enough that a cancel or a newer request waits little. */
const SLICE_MS = 12;

/** Thrown inside a request that was cancelled; never leaves the engine. */
class Cancelled extends Error {}

/** Answers the app's statistics requests on the atlas it was last sent (see the module comment). */
export class StatsEngine {
  private topology: MunicipalityTopology | null = null;
  private files = new Map<LayerId, LayerFile>();
  private atlas: Atlas | null = null;
  /** Why the last atlas message could not be used; every request says so until a good one comes. */
  private atlasError: Error | null = null;
  /** Requests under way, and those of them asked to stop. */
  private running = new Set<number>();
  private cancelled = new Set<number>();
  private metricsCache = new WeakMap<LayerFile, WeakMap<LayerFile, PairMetrics>>();
  private scratch = new PairScratch();
  private comparisonCache = new WeakMap<LayerFile, WeakMap<LayerFile, Map<Weight, LayerComparison>>>();

  /**
   * @param yieldToQueue lets queued messages (a cancel) run; in a worker a macrotask (`setTimeout(0)`).
   * @param now a clock for time slicing, ms.
   */
  constructor(
    private readonly yieldToQueue: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Answer requests arriving on `port` (the worker's `self`, or a MessagePort in tests). */
  listen(port: StatsPort<StatsResponse, StatsRequest>): void {
    port.addEventListener('message', (event) => {
      void this.handle(event.data, (response) => port.postMessage(response));
    });
  }

  /** Handle one request; every request with an id gets exactly one final response (result, cancelled, error). */
  async handle(request: StatsRequest, send: (response: StatsResponse) => void): Promise<void> {
    if (request.kind === 'atlas') return this.setAtlas(request);
    if (request.kind === 'cancel') {
      if (this.running.has(request.id)) this.cancelled.add(request.id);
      return;
    }
    const { id } = request;
    this.running.add(id);
    try {
      const value =
        request.kind === 'matrix'
          ? await this.matrix(id, request.layerIds, (done, total) => send({ kind: 'progress', id, done, total }))
          : this.pair(request.a, request.b, request.weight);
      send({ kind: 'result', id, value });
    } catch (error) {
      if (error instanceof Cancelled) send({ kind: 'cancelled', id });
      else send({ kind: 'error', id, message: messageOf(error), isDataError: error instanceof DataError });
    } finally {
      this.running.delete(id);
      this.cancelled.delete(id);
    }
  }

  /**
   * Take the atlas of an `atlas` message. It has no id to answer, so a failure is kept and given as the answer
   * to every request until a usable atlas comes; nothing changes unless the whole message is usable.
   */
  private setAtlas(message: AtlasMessage): void {
    try {
      const topology = message.topology ?? this.topology;
      const files = new Map<LayerId, LayerFile>();
      for (const entry of message.layers) {
        const file = typeof entry === 'string' ? this.files.get(entry) : entry;
        if (!file) throw new Error(`unreachable: layer ${String(entry)} sent by id before its file`);
        files.set(file.meta.id, file);
      }
      if (!topology) throw new Error('unreachable: an atlas without a topology');
      this.atlas = buildAtlas(message.geometry, topology, [...files.values()]);
      this.topology = topology;
      this.files = files;
      this.atlasError = null;
    } catch (error) {
      this.atlasError = error instanceof Error ? error : new Error(String(error));
    }
  }

  private requireAtlas(): Atlas {
    if (this.atlasError) throw this.atlasError;
    if (!this.atlas) throw new Error('unreachable: a statistics request before the atlas');
    return this.atlas;
  }

  private async matrix(
    id: number,
    layerIds: LayerId[],
    onProgress: (done: number, total: number) => void,
  ): Promise<MatrixResult> {
    const atlas = this.requireAtlas();
    const layers = layerIds.map((layerId) => findLayer(atlas, layerId));
    const files = layerIds.map((layerId) => this.files.get(layerId)!);
    const total = (layers.length * (layers.length + 1)) / 2;
    const pairs: PairMetrics[][] = layers.map(() => []);
    const coverage: CommonCoverage[][] = layers.map(() => []);
    const models = layers.map((layer) => layerModel(atlas.index, layer));
    let done = 0;
    let sliceStart = this.now();
    for (let i = 0; i < layers.length; i++) {
      for (let j = i; j < layers.length; j++) {
        let byB = this.metricsCache.get(files[i]!);
        if (!byB) this.metricsCache.set(files[i]!, (byB = new WeakMap()));
        let metrics = byB.get(files[j]!);
        if (!metrics) {
          metrics = computePairMetrics(atlas, layers[i]!, layers[j]!, this.scratch);
          byB.set(files[j]!, metrics);
        }
        pairs[i]![j] = metrics;
        // A few words of bits per pair: not worth a cache.
        coverage[i]![j] = commonCoverage(models[i]!, models[j]!).coverage;
        done++;
        if (this.now() - sliceStart > SLICE_MS) {
          onProgress(done, total);
          await this.yieldToQueue();
          if (this.cancelled.has(id)) throw new Cancelled();
          sliceStart = this.now();
        }
      }
    }
    return { layerIds: [...layerIds], pairs, coverage };
  }

  private pair(a: LayerId, b: LayerId, weight: Weight): LayerComparison {
    const atlas = this.requireAtlas();
    findLayer(atlas, a);
    findLayer(atlas, b);
    const [fileA, fileB] = [this.files.get(a)!, this.files.get(b)!];
    let byB = this.comparisonCache.get(fileA);
    if (!byB) this.comparisonCache.set(fileA, (byB = new WeakMap()));
    let byWeight = byB.get(fileB);
    if (!byWeight) byB.set(fileB, (byWeight = new Map()));
    let comparison = byWeight.get(weight);
    if (!comparison) {
      comparison = compareLayers(atlas, a, b, { weight });
      byWeight.set(weight, comparison);
    }
    return comparison;
  }
}
