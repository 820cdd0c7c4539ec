/**
 * The app's side of the import worker: `run` an import and get its result, told the progress on the way;
 * abort its signal (or start another import) to cancel it. The import in the worker is one synchronous
 * computation that cannot look at its messages, so cancelling stops the worker itself; the next import starts
 * a new one. Nothing is lost that way: the worker holds nothing but the import under way, and the app's state
 * and the user's stored layers stay on the page. The browser end is {@link startImportWorker}; tests give
 * {@link ImportClient} a worker of their own.
 */
import { abortError } from '../errors';
import type { ImportRequest, ImportResponse } from '../import/import-engine';
import type { ImportContext, ImportOptions, ImportResult } from '../import/problems';

/** What the client needs of a started worker. */
export interface ImportWorkerEnd {
  postMessage(request: ImportRequest): void;
  terminate(): void;
}

/** Start a worker whose answers go to `receive`; `fail` is called if it cannot start or it crashes. */
export type StartImportWorker = (
  receive: (response: ImportResponse) => void,
  fail: (error: Error) => void,
) => ImportWorkerEnd;

/** Options of {@link ImportClient.run}. */
export interface RunOptions {
  /** Told how many gemeenten of a GeoJSON import are measured, of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting it cancels the import: the promise rejects with an AbortError. */
  signal?: AbortSignal;
}

interface Pending {
  id: number;
  resolve: (result: ImportResult) => void;
  reject: (error: unknown) => void;
  onProgress?: (done: number, total: number) => void;
}

/** The error a cancelled import rejects with. */
const cancelled = (): DOMException => abortError('The import was cancelled');

/** Runs imports in a worker, one at a time (see the module comment). */
export class ImportClient {
  private worker: ImportWorkerEnd | null = null;
  private pending: Pending | null = null;
  private nextId = 1;

  constructor(private readonly start: StartImportWorker) {}

  /** True while an import is under way. */
  get isRunning(): boolean {
    return this.pending !== null;
  }

  /**
   * Import `input` as `fileName` against `context` with the user's `options`. An import still under way is
   * cancelled first: only the newest matters.
   */
  run(
    input: ImportRequest['input'],
    fileName: string,
    context: ImportContext,
    options: ImportOptions,
    { onProgress, signal }: RunOptions = {},
  ): Promise<ImportResult> {
    if (signal?.aborted) return Promise.reject(cancelled());
    this.cancel();
    const id = this.nextId++;
    return new Promise<ImportResult>((resolve, reject) => {
      this.pending = { id, resolve, reject, onProgress };
      signal?.addEventListener(
        'abort',
        () => {
          if (this.pending?.id === id) this.cancel();
        },
        { once: true },
      );
      this.worker ??= this.start(
        (response) => this.receive(response),
        (error) => this.fail(error),
      );
      this.worker.postMessage({ kind: 'import', id, input, fileName, context, options });
    });
  }

  /** Cancel the import under way, if any, by stopping its worker. */
  cancel(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    this.worker?.terminate();
    this.worker = null;
    pending.reject(cancelled());
  }

  /** Cancel any import and stop the worker (the panel closed). */
  stop(): void {
    this.cancel();
    this.worker?.terminate();
    this.worker = null;
  }

  private receive(response: ImportResponse): void {
    const pending = this.pending;
    // An answer to an import already cancelled: nobody waits for it.
    if (!pending || response.id !== pending.id) return;
    if (response.kind === 'progress') {
      pending.onProgress?.(response.done, response.total);
      return;
    }
    this.pending = null;
    pending.resolve(response.result);
  }

  /** The worker failed (its script did not load, or it crashed, e.g. out of memory): the import fails with `error`. */
  private fail(error: Error): void {
    this.worker?.terminate();
    this.worker = null;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }
}

/** An import client whose worker is a Web Worker of the page, started on the first import. */
export function startImportWorker(): ImportClient {
  return new ImportClient((receive, fail) => {
    const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<ImportResponse>) => receive(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      fail(new Error(`the import worker failed: ${event.message || 'it could not be started'}`));
    });
    worker.addEventListener('messageerror', () =>
      fail(new Error('the import worker sent a message that could not be read')),
    );
    return worker;
  });
}
