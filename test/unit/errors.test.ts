/** The one place errors become messages (src/lib/errors.ts): data problems in their own words, faults marked. */
import { describe, expect, it } from 'vitest';
import { DataError, isAbort, messageOf, parseJson } from '../../src/lib/errors';
import { UserLayerStorageError } from '../../src/lib/storage/user-layers';

describe('messageOf', () => {
  it('gives a data error in its own words', () => {
    expect(messageOf(new DataError('rows.csv, row 3: unknown gemeente GM9999', 'rows.csv'))).toBe(
      'rows.csv, row 3: unknown gemeente GM9999',
    );
  });

  it('gives a storage refusal in its own words: the browser’s, not the atlas’s fault', () => {
    expect(messageOf(new UserLayerStorageError('quota', 'IndexedDB: QuotaExceededError: full'))).toBe(
      'IndexedDB: QuotaExceededError: full',
    );
  });

  it('marks anything else as an internal error, with its kind, so nobody looks for it in their file', () => {
    expect(messageOf(new TypeError('x is undefined'))).toBe(
      'Internal error (not caused by your data): TypeError: x is undefined',
    );
    expect(messageOf('a string')).toBe('Internal error (not caused by your data): a string');
  });
});

describe('isAbort', () => {
  it('recognises an abort and nothing else', () => {
    const controller = new AbortController();
    controller.abort();
    expect(isAbort(controller.signal.reason)).toBe(true);
    expect(isAbort(new DOMException('stopped', 'AbortError'))).toBe(true);
    expect(isAbort(new Error('AbortError'))).toBe(false);
    expect(isAbort(null)).toBe(false);
    expect(isAbort(undefined)).toBe(false);
  });
});

describe('parseJson', () => {
  it('parses JSON and names the file of a syntax error', () => {
    expect(parseJson('{"a":[1]}', 'x.json')).toEqual({ a: [1] });
    expect(() => parseJson('{"a":', 'data/x.json')).toThrow(DataError);
    expect(() => parseJson('{"a":', 'data/x.json')).toThrow(/^data\/x\.json: not valid JSON \(/);
  });
});
