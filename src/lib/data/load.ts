/**
 * Load the atlas from `public/data/` over HTTP (browser). Checks every response, parses with the
 * same validating parsers as the command-line interface, and reports which file failed.
 * A layer file that fails does not sink the atlas: the layer is left out and its error reported.
 */
import type { LayerFile, Manifest } from '../types';
import { DataError } from '../errors';
import { buildAtlas, type Atlas } from './atlas';
import { checkLayerAgainstTopology, parseLayerFile, parseManifest, parseMunicipalityTopology } from './parse';

export interface LayerLoadError {
  layerId: string;
  file: string;
  message: string;
}

export type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; atlas: Atlas; layerErrors: LayerLoadError[] }
  | { status: 'error'; message: string };

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
export async function loadAtlas(
  baseUrl: string,
  signal: AbortSignal,
): Promise<{ atlas: Atlas; layerErrors: LayerLoadError[] }> {
  const manifestUrl = `${baseUrl}manifest.json`;
  const manifest: Manifest = parseManifest(await fetchJson(manifestUrl, signal), manifestUrl);
  // The newest year; a later issue lets the user choose.
  const geometry = [...manifest.geometries].sort((a, b) => b.year - a.year)[0];
  if (!geometry) throw new DataError(`${manifestUrl}: lists no gemeente geometry`, manifestUrl);
  const topoUrl = `${baseUrl}${geometry.file}`;
  const topology = parseMunicipalityTopology(await fetchJson(topoUrl, signal), topoUrl);
  const codes = new Set(topology.objects.municipalities.geometries.map((g) => String(g.id)));

  const entries = manifest.layers.filter((l) => l.geometryId === geometry.id);
  const results = await Promise.allSettled(
    entries.map(async (entry): Promise<LayerFile> => {
      const url = `${baseUrl}${entry.file}`;
      const layer = parseLayerFile(await fetchJson(url, signal), url);
      checkLayerAgainstTopology(layer, codes, url);
      return layer;
    }),
  );
  const layers: LayerFile[] = [];
  const layerErrors: LayerLoadError[] = [];
  results.forEach((result, i) => {
    const entry = entries[i]!;
    if (result.status === 'fulfilled') layers.push(result.value);
    else if ((result.reason as Error)?.name === 'AbortError') throw result.reason;
    else layerErrors.push({ layerId: entry.id, file: entry.file, message: errorMessage(result.reason) });
  });
  return { atlas: buildAtlas(geometry, topology, layers), layerErrors };
}

/** A message for people from anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
