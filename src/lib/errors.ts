/**
 * Bad or missing input: a file, row or code the user (or the data maintainer) can fix; also what the
 * browser refuses (storage), which is no fault of the atlas either.
 * The message names the file and the offending code, and is shown to people as is.
 * Broken invariants in our own code throw a plain `Error` instead (mapshaper's `stop` vs `error`).
 */
export class DataError extends Error {
  override readonly name: string = 'DataError';
  /** The file (path or URL) the problem was found in, if any. */
  readonly file: string | undefined;

  constructor(message: string, file?: string) {
    super(message);
    this.file = file;
  }
}

/**
 * The one place that turns anything thrown into a message for people. A DataError is the user's (or the
 * data maintainer's) to fix and says so in its own words; anything else is a fault in the atlas itself,
 * and the message says that, so nobody goes looking for a problem in their file.
 * @example messageOf(new DataError('rows.csv: row 3: unknown gemeente GM9999')) // 'rows.csv: row 3: unknown gemeente GM9999'
 * @example messageOf(new TypeError('x is undefined')) // 'Internal error (not caused by your data): TypeError: x is undefined'
 */
export function messageOf(error: unknown): string {
  if (error instanceof DataError) return error.message;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `Internal error (not caused by your data): ${detail}`;
}

/** The error a cancelled task rejects with, as `fetch` does for an aborted request (`isAbort` tells it). */
export function abortError(message: string): DOMException {
  return new DOMException(message, 'AbortError');
}

/** Whether `error` is the abort of a cancelled fetch or task (not a failure to report). */
export function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}

/** Parse JSON text read from `file`; a syntax error becomes a DataError naming the file. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DataError(`${file}: not valid JSON (${(error as Error).message})`, file);
  }
}
