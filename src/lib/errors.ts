/**
 * Bad or missing input: a file, row or code the user (or the data maintainer) can fix.
 * The message names the file and the offending code, and is shown to people as is.
 * Broken invariants in our own code throw a plain `Error` instead (mapshaper's `stop` vs `error`).
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  /** The file (path or URL) the problem was found in, if any. */
  readonly file: string | undefined;

  constructor(message: string, file?: string) {
    super(message);
    this.file = file;
  }
}
