/// <reference lib="webworker" />
/**
 * The statistics worker: the matrix and the pair view are computed here, off the main thread, so the page
 * stays responsive whatever the number of layers. All logic is in `StatsEngine`.
 */
import { StatsEngine } from './stats-engine';
import type { StatsPort, StatsRequest, StatsResponse } from './protocol';

new StatsEngine().listen(self as unknown as StatsPort<StatsResponse, StatsRequest>);
