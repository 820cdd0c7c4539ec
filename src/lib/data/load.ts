/**
 * Load the atlas from `public/data/` over HTTP (browser). Checks every response, parses with the
 * same validating parsers as the command-line interface, and reports which file failed.
 * A layer file that fails does not sink the atlas: the layer is left out and its error reported.
 */
import type { FormerMunicipality, LayerFile, Manifest } from '../types';
import { DataError } from '../errors';
import { buildAtlas, type Atlas } from './atlas';
import {
  checkLayerAgainstTopology,
  parseFormerMunicipalities,
  parseLayerFile,
  parseManifest,
  parseMunicipalityTopology,
} from './parse';

/** A file that could not be used; the rest of the atlas works without it. */
export interface FileLoadError {
  /** The layer id, or `former-municipalities` for the list of former gemeenten. */
  id: string;
  file: string;
  message: string;
}

/** What a successful load gives. */
export interface LoadedAtlas {
  atlas: Atlas;
  /** Former gemeenten and where they went (for search); empty when the file is absent or broken. */
  former: FormerMunicipality[];
  fileErrors: FileLoadError[];
}

export type LoadState =
  { status: 'loading' } | ({ status: 'ready' } & LoadedAtlas) | { status: 'error'; message: string };

async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new DataError(`${url}: HTTP ${res.status} ${res.statusText}`.trim(), url);
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new DataError(`${url}: not valid JSON (${(e as Error).message})`, url);
  }
}

/**
 * Load manifest, the newest gemeente geometry and its layers from `baseUrl` (ending in `/`).
 * Throws (DataError) when the manifest or geometry cannot be used; an `AbortError` is rethrown as is.
 */
export async function loadAtlas(baseUrl: string, signal: AbortSignal): Promise<LoadedAtlas> {
  const manifestUrl = `${baseUrl}manifest.json`;
  const manifest: Manifest = parseManifest(await fetchJson(manifestUrl, signal), manifestUrl);
  // The newest year; a later issue lets the user choose.
  const geometry = [...manifest.geometries].sort((a, b) => b.year - a.year)[0];
  if (!geometry) throw new DataError(`${manifestUrl}: lists no gemeente geometry`, manifestUrl);
  const topoUrl = `${baseUrl}${geometry.file}`;
  const topology = parseMunicipalityTopology(await fetchJson(topoUrl, signal), topoUrl);
  const codes = new Set(topology.objects.municipalities.geometries.map((g) => String(g.id)));

  const entries = manifest.layers.filter((l) => l.geometryId === geometry.id);
  const loadJson = async <T>(file: string, parse: (json: unknown, url: string) => T): Promise<T> => {
    const url = `${baseUrl}${file}`;
    return parse(await fetchJson(url, signal), url);
  };
  const former = geometry.former;
  const [layerResults, formerResult] = await Promise.all([
    Promise.allSettled(
      entries.map((entry) =>
        loadJson(entry.file, (json, url) => {
          const layer = parseLayerFile(json, url);
          checkLayerAgainstTopology(layer, codes, url);
          return layer;
        }),
      ),
    ),
    former
      ? settle(loadJson(former.file, (json, url) => parseFormerMunicipalities(json, url, codes).municipalities))
      : null,
  ]);
  const fileErrors: FileLoadError[] = [];
  const failed = (id: string, file: string, reason: unknown) => {
    if ((reason as Error)?.name === 'AbortError') throw reason;
    fileErrors.push({ id, file, message: errorMessage(reason) });
  };
  const layers: LayerFile[] = [];
  layerResults.forEach((result, i) => {
    const entry = entries[i]!;
    if (result.status === 'fulfilled') layers.push(result.value);
    else failed(entry.id, entry.file, result.reason);
  });
  if (former && formerResult?.status === 'rejected') failed('former-municipalities', former.file, formerResult.reason);
  return {
    atlas: buildAtlas(geometry, topology, layers),
    former: formerResult?.status === 'fulfilled' ? formerResult.value : [],
    fileErrors,
  };
}

/** Like one entry of `Promise.allSettled`. */
function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}

/** A message for people from anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
