/**
 * Load the atlas from `public/data/` over HTTP (browser): the one data module that fetches. Checks every
 * response; parsing, validation and assembly are `assembleAtlas`, shared with the command line.
 */
import { DataError, isAbort } from '../errors';
import { assembleAtlas, type LoadedAtlas } from './assemble';

export type LoadState =
  { status: 'loading' } | ({ status: 'ready' } & LoadedAtlas) | { status: 'error'; message: string };

/**
 * Load manifest, the newest gemeente geometry and its layers from `baseUrl` (ending in `/`).
 * Throws (DataError) when the manifest or geometry cannot be used; an `AbortError` is rethrown as is.
 */
export function loadAtlas(baseUrl: string, signal: AbortSignal): Promise<LoadedAtlas> {
  return assembleAtlas({
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
  });
}
