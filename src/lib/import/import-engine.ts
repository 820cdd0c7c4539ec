/**
 * The import worker's side: one message in (the file's bytes or pasted text, the atlas to check it against, the
 * user's choices), progress and one result out. The import itself is synchronous (`importFile`), so a cancel
 * cannot reach it: the app stops the worker instead (see `worker/import-client.ts`), which loses nothing, as the worker
 * holds nothing but the import under way. Pure: runs in the worker, and in Node tests as it is.
 */
import { importFile, importText } from './import-file';
import type { ImportContext, ImportOptions, ImportResult } from './problems';

/** Import a file (its bytes) or pasted text; answered with progress and then one `result`. */
export interface ImportRequest {
  kind: 'import';
  id: number;
  input: { kind: 'file'; bytes: Uint8Array } | { kind: 'text'; text: string };
  /** Names the layer and its source; a `.json`/`.geojson` extension makes the text JSON. */
  fileName: string;
  context: ImportContext;
  options: ImportOptions;
}

/** What the worker sends back: progress (a GeoJSON's gemeenten measured), and the result. */
export type ImportResponse =
  { kind: 'progress'; id: number; done: number; total: number } | { kind: 'result'; id: number; result: ImportResult };

/** Least time between two progress messages, ms: often enough for a progress bar, few enough to cost nothing. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Run one import request, sending progress at most every {@link PROGRESS_INTERVAL_MS} (and when done) and then
 * the result. Never throws for a bad file: every failure is a problem in the result.
 * @param now a clock, ms (tests pass their own).
 */
export function runImportRequest(
  request: ImportRequest,
  send: (response: ImportResponse) => void,
  now: () => number = () => performance.now(),
): void {
  const { id, input, fileName, context, options } = request;
  let last = -Infinity;
  const onProgress = (done: number, total: number) => {
    const time = now();
    if (done < total && time - last < PROGRESS_INTERVAL_MS) return;
    last = time;
    send({ kind: 'progress', id, done, total });
  };
  const result =
    input.kind === 'file'
      ? importFile(input.bytes, fileName, context, options, { onProgress })
      : importText(input.text, fileName, context, options, { onProgress });
  send({ kind: 'result', id, result });
}
