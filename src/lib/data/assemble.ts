/**
 * Assemble the atlas of one year from the files of `public/data/`: one set of functions for the browser loader
 * (over HTTP) and the command line (from disk); only reading the bytes differs. Parses every file with the
 * validating parsers and reports which file failed. A layer file or the former-gemeenten file that fails does
 * not sink the atlas: it is left out and its error listed; a bad manifest or topology does (DataError).
 * The manifest is read once; each year's gemeenten and layers only when that year is asked for.
 */
import { DataError, isAbort, messageOf, parseJson } from '../errors';
import type { FormerMunicipality, LayerFile, LocalizedText, Manifest } from '../types';
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

/** One year of the atlas as the manifest lists it: what the year control shows before the year is loaded. */
export interface YearSummary {
  year: number;
  geometryId: string;
  municipalityCount: number;
  /** Its layers in registry order: id, kind and (when the manifest has them) name and colour. */
  layers: { id: string; kind: string; name?: LocalizedText; color?: string }[];
}

const MANIFEST_FILE = 'manifest.json';

/** Read and check the manifest. Throws DataError when it cannot be used or lists no gemeente geometry. */
export async function readManifest(source: DataSource): Promise<Manifest> {
  const manifest = await readJson(source, MANIFEST_FILE, parseManifest);
  if (manifest.geometries.length === 0) {
    const name = source.nameOf(MANIFEST_FILE);
    throw new DataError(`${name}: lists no gemeente geometry`, name);
  }
  return manifest;
}

/**
 * The years of the manifest, oldest first, each with its layers. A layer's kind is its id without the year
 * where an older manifest does not say it.
 * @example yearsOf(manifest).map((y) => y.year) // [2015, 2016, …, 2025]
 */
export function yearsOf(manifest: Manifest): YearSummary[] {
  return [...manifest.geometries]
    .sort((a, b) => a.year - b.year)
    .map((g) => ({
      year: g.year,
      geometryId: g.id,
      municipalityCount: g.municipalityCount,
      layers: manifest.layers
        .filter((l) => l.geometryId === g.id)
        .map((l) => ({
          id: l.id,
          kind: l.kind ?? l.id.replace(new RegExp(`-${g.year}$`), ''),
          ...(l.name ? { name: l.name } : {}),
          ...(l.color ? { color: l.color } : {}),
        })),
    }));
}

/** The newest year of the manifest: what the atlas shows unless a year is asked for. */
export function newestYear(manifest: Manifest): number {
  return Math.max(...manifest.geometries.map((g) => g.year));
}

/**
 * The atlas of `year` (null: the newest) from a manifest already read: every file of the year is asked for at
 * once; the gemeente topology is parsed first, then the layers and former gemeenten are checked against it.
 * Throws DataError for a year the manifest does not list.
 */
export async function assembleYear(source: DataSource, manifest: Manifest, year: number | null): Promise<LoadedAtlas> {
  const wanted = year ?? newestYear(manifest);
  const geometry = manifest.geometries.find((g) => g.year === wanted);
  if (!geometry) {
    const name = source.nameOf(MANIFEST_FILE);
    const years = yearsOf(manifest).map((y) => y.year);
    throw new DataError(`${name}: no gemeenten for the year ${wanted} (years: ${years.join(', ')})`, name);
  }
  const entries = manifest.layers.filter((l) => l.geometryId === geometry.id);
  const former = geometry.former;
  // Every file of the year is asked for at once: a layer needs the gemeenten to be checked, not to be read, so its
  // download overlaps the topology's parsing instead of following it.
  const topologyText = source.readText(geometry.file);
  const layerTexts = entries.map((entry) => readEarly(source, entry.file));
  const formerText = former ? readEarly(source, former.file) : null;

  const topology = await readJson(source, geometry.file, parseMunicipalityTopology, topologyText);
  const codes = new Set(topology.objects.municipalities.geometries.map((g) => String(g.id)));
  const [layerResults, formerResult] = await Promise.all([
    Promise.allSettled(
      entries.map((entry, i) =>
        readJson(
          source,
          entry.file,
          (json, name) => {
            const layer = parseLayerFile(json, name);
            checkLayerAgainstTopology(layer, codes, name);
            return layer;
          },
          layerTexts[i],
        ),
      ),
    ),
    former && formerText
      ? settle(
          readJson(
            source,
            former.file,
            (json, name) => parseFormerMunicipalities(json, name, codes).municipalities,
            formerText,
          ),
        )
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

/** A file of `source` (its text already asked for, or asked for now), parsed as JSON and then by `parse`. */
async function readJson<T>(
  source: DataSource,
  file: string,
  parse: (json: unknown, name: string) => T,
  text: Promise<string> = source.readText(file),
): Promise<T> {
  const name = source.nameOf(file);
  return parse(parseJson(await text, name), name);
}

/**
 * A file's text asked for before it is needed. Its failure is reported where the text is used; should the atlas
 * fail first (a broken topology), the failure is not an unhandled rejection.
 */
function readEarly(source: DataSource, file: string): Promise<string> {
  const text = source.readText(file);
  text.catch(() => undefined);
  return text;
}

/** Like one entry of `Promise.allSettled`. */
function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}
