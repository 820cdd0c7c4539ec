/**
 * The messages between the app and the statistics worker. Plain data only (structured clone).
 * Requests are answered in order of arrival; a long one (the matrix) reports progress and yields between
 * layer pairs, so that a `cancel` arriving meanwhile stops it.
 */
import type { LayerComparison } from '../stats/pair';
import type { PairMetrics } from '../stats/matrix';
import type { Weight } from '../stats/sets';
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

export interface MatrixRequest {
  kind: 'matrix';
  id: number;
  layerIds: LayerId[];
}

export interface PairRequest {
  kind: 'pair';
  id: number;
  a: LayerId;
  b: LayerId;
  weight: Weight;
}

export interface CancelMessage {
  kind: 'cancel';
  id: number;
}

export type StatsRequest = AtlasMessage | MatrixRequest | PairRequest | CancelMessage;

/** Every metric of every pair of `layerIds`: `pairs[i][j]` for j ≥ i (see `computeAllPairMetrics`). */
export interface MatrixResult {
  layerIds: LayerId[];
  pairs: PairMetrics[][];
}

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
