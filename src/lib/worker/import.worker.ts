/// <reference lib="webworker" />
/**
 * The import worker: decoding, parsing and the GeoJSON area assignment run here, off the main thread, so the
 * page stays responsive whatever the file. All logic is in `runImportRequest`.
 */
import { runImportRequest, type ImportRequest, type ImportResponse } from '../import/import-engine';

// The worker's own end of its channel (the one browser global this file needs).
const scope = self as unknown as {
  postMessage(message: ImportResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ImportRequest>) => void): void;
};
scope.addEventListener('message', (event) => runImportRequest(event.data, (response) => scope.postMessage(response)));
