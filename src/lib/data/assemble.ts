/**
 * Assemble the atlas from the files of `public/data/`: one function for the browser loader (over HTTP)
 * and the command line (from disk); only reading the bytes differs. Parses every file with the validating
 * parsers and reports which file failed. A layer file or the former-gemeenten file that fails does not sink
 * the atlas: it is left out and its error listed; a bad manifest or topology does (DataError).
 */
import { DataError, isAbort, messageOf, parseJson } from '../errors';
import type { FormerMunicipality, LayerFile, Manifest } from '../types';
import { buildAtlas, type Atlas } from './atlas';
import {
  checkLayerAgainstTopology,
  parseFormerMunicipalities,
  parseLayerFile,
  parseManifest,
  parseMunicipalityTopology,
} from './parse';

/** Where the files come from: the text of a file of the data folder, and the name to cite it by. */
export interface DataSource {
  /** The file's text; rejects with a DataError naming the file when it cannot be read. */
  readText: (file: string) => Promise<string>;
  /** How messages name the file: its URL or path. */
  nameOf: (file: string) => string;
}

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

/**
 * Read the manifest, the newest gemeente geometry and its layers (in parallel) from `source`.
 * Throws DataError when the manifest or the geometry cannot be used; an abort is passed on as is.
 */
export async function assembleAtlas(source: DataSource): Promise<LoadedAtlas> {
  const readJson = async <T>(file: string, parse: (json: unknown, name: string) => T): Promise<T> => {
    const name = source.nameOf(file);
    return parse(parseJson(await source.readText(file), name), name);
  };
  const manifestName = source.nameOf('manifest.json');
  const manifest: Manifest = await readJson('manifest.json', parseManifest);
  // The newest year; a later issue lets the user choose.
  const geometry = [...manifest.geometries].sort((a, b) => b.year - a.year)[0];
  if (!geometry) throw new DataError(`${manifestName}: lists no gemeente geometry`, manifestName);
  const topology = await readJson(geometry.file, parseMunicipalityTopology);
  const codes = new Set(topology.objects.municipalities.geometries.map((g) => String(g.id)));

  const entries = manifest.layers.filter((l) => l.geometryId === geometry.id);
  const former = geometry.former;
  const [layerResults, formerResult] = await Promise.all([
    Promise.allSettled(
      entries.map((entry) =>
        readJson(entry.file, (json, name) => {
          const layer = parseLayerFile(json, name);
          checkLayerAgainstTopology(layer, codes, name);
          return layer;
        }),
      ),
    ),
    former
      ? settle(readJson(former.file, (json, name) => parseFormerMunicipalities(json, name, codes).municipalities))
      : null,
  ]);
  const fileErrors: FileLoadError[] = [];
  const failed = (id: string, file: string, reason: unknown) => {
    if (isAbort(reason)) throw reason;
    fileErrors.push({ id, file, message: messageOf(reason) });
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
