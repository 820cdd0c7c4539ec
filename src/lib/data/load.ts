/**
 * Load the atlas from `public/data/` over HTTP (browser): the one data module that fetches. Checks every
 * response; parsing, validation and assembly are in assemble.ts, shared with the command line.
 */
import { DataError, isAbort } from '../errors';
import type { DataSource, LoadedAtlas } from './assemble';

export type LoadState =
  { status: 'loading' } | ({ status: 'ready' } & LoadedAtlas) | { status: 'error'; message: string };

/**
 * The files under `baseUrl` (ending in `/`) as a data source for assemble.ts. A failed request rejects with a
 * DataError naming the URL; an abort through `signal` (if given) rejects with the `AbortError` as is.
 */
export function httpSource(baseUrl: string, signal?: AbortSignal): DataSource {
  return {
    nameOf: (file) => `${baseUrl}${file}`,
    readText: async (file) => {
      const url = `${baseUrl}${file}`;
      const res = await fetch(url, { signal }).catch((error: unknown) => {
        // The network or server failed, not the atlas: say which file (an abort stays an abort).
        if (isAbort(error)) throw error;
        throw new DataError(`${url}: could not be fetched (${(error as Error).message})`, url);
      });
      if (!res.ok) throw new DataError(`${url}: HTTP ${res.status} ${res.statusText}`.trim(), url);
      return res.text();
    },
  };
}
