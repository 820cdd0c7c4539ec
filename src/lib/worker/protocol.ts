/**
 * The messages between the app and the statistics worker. Plain data only (structured clone).
 * A pair request is answered at once; the matrix reports progress and every few milliseconds lets the queue
 * run, so that a `cancel` (or a pair request, answered first) arriving meanwhile is handled.
 */
import type { LayerComparison } from '../stats/pair';
import type { PairMetrics } from '../stats/matrix';
import type { CommonCoverage, Weight } from '../stats/sets';
import type { GeometryEntry, LayerFile, LayerId, MunicipalityTopology } from '../types';

/**
 * The atlas the worker computes on. `topology` is sent when it changes only; a layer the worker already
 * holds unchanged is sent by its id, so that its layer model (cached by the layer's data) is kept.
 */
export interface AtlasMessage {
  kind: 'atlas';
  geometry: GeometryEntry;
  topology?: MunicipalityTopology;
  layers: (LayerFile | LayerId)[];
}

/** Every metric of every pair of `layerIds`; answered with a `MatrixResult`. */
export interface MatrixRequest {
  kind: 'matrix';
  id: number;
  layerIds: LayerId[];
}

/** The full comparison of layer `a` with layer `b` (best matches by `weight`); answered with a `LayerComparison`. */
export interface PairRequest {
  kind: 'pair';
  id: number;
  a: LayerId;
  b: LayerId;
  weight: Weight;
}

/** Stop request `id` (answered with `cancelled` if it was still under way). */
export interface CancelMessage {
  kind: 'cancel';
  id: number;
}

/** What the app sends to the worker. */
export type StatsRequest = AtlasMessage | MatrixRequest | PairRequest | CancelMessage;

/** Every metric of every pair of `layerIds`: `pairs[i][j]` for j ≥ i (see `computeAllPairMetrics`). */
export interface MatrixResult {
  layerIds: LayerId[];
  pairs: PairMetrics[][];
  /**
   * What each pair's figures rest on, `coverage[i][j]` for j ≥ i (the same from both sides): the gemeenten
   * both layers cover and those left out (issue #12: a partial layer's figures rest on few). The engine
   * always sends it; optional so that a matrix put together from `computePairMetrics` alone still fits.
   */
  coverage?: CommonCoverage[][];
}

/** What the worker sends back: progress, and one final answer per request. */
export type StatsResponse =
  | { kind: 'progress'; id: number; done: number; total: number }
  | { kind: 'result'; id: number; value: MatrixResult | LayerComparison }
  | { kind: 'cancelled'; id: number }
  /** `isDataError`: the request named something the data lacks (the user's to fix), not a fault. */
  | { kind: 'error'; id: number; message: string; isDataError: boolean };

/** The one side of a message channel each end needs: a worker, `self` in a worker, or a MessagePort. */
export interface StatsPort<Send, Receive> {
  postMessage(message: Send): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Receive>) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent<Receive>) => void): void;
}
