/**
 * Build `public/data/` from the sources in $GEO_SOURCES (default ../shared/geo-sources, relative to the
 * repository root) and the reference tables in $GEO_REFERENCE (default ../shared/reference): one
 * municipalities topology per geometry (year), where the registry asks for it that year's former gemeenten,
 * one layer file per registry entry, and manifest.json with checksums. See geo/README.md.
 *
 *   npm run geo:build            # or: npx tsx geo/scripts/build-data.ts [--quiet] [--force]
 *
 * Everything is read and validated before anything is written, so a bad table leaves the previous
 * output untouched; all problems of all tables are reported together.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import area from '@turf/area';
import { feature } from 'topojson-client';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { DataError, parseJson } from '../../src/lib/errors';
import { parseCsv } from '../../src/lib/data/csv';
import {
  FORMER_FORMAT,
  LAYER_FORMAT,
  MANIFEST_FORMAT,
  checkLayerAgainstTopology,
  parseFormerMunicipalities,
  parseLayerFile,
  parseManifest,
  parseMunicipalityTopology,
} from '../../src/lib/data/parse';
import { compareCodes } from '../../src/lib/model/codes';
import {
  checkReferenceYear,
  readMembershipRows,
  validateInhabitants,
  validateMemberships,
} from '../../src/lib/data/validate';
import type {
  FormerMunicipalitiesFile,
  GeometryEntry,
  LayerEntry,
  LayerFile,
  LayerMeta,
  Manifest,
  MunicipalityProps,
  MunicipalityTopology,
} from '../../src/lib/types';
import { MUNICIPALITIES_OBJECT } from '../../src/lib/types';
import { GEOMETRIES, LAYERS, type FormerSpec, type GeometrySpec, type LayerSpec } from '../layers';
import {
  checkAgainstMaps,
  polygonsOf,
  readChangeRows,
  resolveFormerMunicipalities,
  throwIfAny,
  type PolygonCoordinates,
} from './former';
import { inputKey, isUpToDate, writeStamp } from './build-cache';

/** Options of {@link buildData}. */
export interface BuildOptions {
  /** The geo-sources folder (absolute, or relative to the working directory). */
  sourcesDir: string;
  /**
   * The reference folder with the reorganisation tables (../shared/reference); needed only when a
   * geometry of the registry has `former`.
   */
  referenceDir?: string;
  /** Output folder, normally `public/data`; created if missing. */
  outDir: string;
  /** Print nothing on success. */
  quiet?: boolean;
  /** Registry to build; defaults to GEOMETRIES / LAYERS of geo/layers.ts (tests pass small ones). */
  geometries?: readonly GeometrySpec[];
  layers?: readonly LayerSpec[];
  /** Where summary and warning lines go (default `console.log`). */
  log?: (line: string) => void;
}

/** What {@link buildData} wrote. */
export interface BuildResult {
  manifest: Manifest;
  /** Written files, relative to `outDir`, with their size in bytes, in writing order (manifest last). */
  files: { path: string; bytes: number }[];
  /** Problems that did not stop the build (e.g. gemeenten without inhabitants). */
  warnings: string[];
}

interface OutputFile {
  path: string;
  text: string;
}

interface BuiltGeometry {
  spec: GeometrySpec;
  topology: MunicipalityTopology;
  /** Gemeente code → name, for validating the membership tables. */
  names: Map<string, string>;
  /** Where the gemeenten of an earlier year went, if the registry asks for it. */
  former?: FormerMunicipalitiesFile;
}

const MANIFEST_FILE = 'manifest.json';

/**
 * Read all inputs, validate them, and write `outDir`. Throws `DataError` (listing every problem of every
 * input) if the sources folder is missing or any input is invalid; nothing is written then.
 */
export function buildData(options: BuildOptions): BuildResult {
  const { sourcesDir, outDir, quiet = false } = options;
  const geometrySpecs = options.geometries ?? GEOMETRIES;
  const layerSpecs = options.layers ?? LAYERS;
  const log = options.log ?? ((line: string) => console.log(line));

  if (!existsSync(sourcesDir) || !statSync(sourcesDir).isDirectory()) {
    throw new DataError(
      `geo sources folder not found: ${sourcesDir}\n` +
        'Set the environment variable GEO_SOURCES to the geo-sources folder ' +
        '(default ../shared/geo-sources, relative to the repository root).',
      sourcesDir,
    );
  }
  const { referenceDir } = options;
  if (
    geometrySpecs.some((g) => g.former) &&
    (referenceDir === undefined || !existsSync(referenceDir) || !statSync(referenceDir).isDirectory())
  ) {
    throw new DataError(
      `reference folder not found: ${referenceDir ?? '(none given)'}\n` +
        'Set the environment variable GEO_REFERENCE to the folder with herindelingen-2015-2025.csv ' +
        '(default ../shared/reference, relative to the repository root).',
      referenceDir,
    );
  }
  const input = (file: string) => ({ file, text: readInput(sourcesDir, file) });
  const reference = (file: string) => ({ file, text: readInput(referenceDir ?? '', file) });

  const errors: string[] = [];
  const warnings: string[] = [];
  const geometries = new Map<string, BuiltGeometry>();
  for (const spec of geometrySpecs) {
    try {
      const built = buildGeometry(spec, input, warnings);
      geometries.set(spec.id, built);
      checkAliases(spec, built.names);
      if (spec.former) built.former = buildFormer(spec, spec.former, built, input, reference);
    } catch (error) {
      errors.push(dataProblemOf(error));
    }
  }

  const layers: { spec: LayerSpec; file: LayerFile }[] = [];
  for (const spec of layerSpecs) {
    const geometry = geometries.get(spec.geometryId);
    if (!geometry) {
      if (!geometrySpecs.some((g) => g.id === spec.geometryId)) {
        throw new Error(`registry: layer ${spec.id} refers to unknown geometry ${spec.geometryId}`);
      }
      continue; // That geometry's own error is already reported.
    }
    try {
      const { file, text } = input(spec.input);
      const table = parseCsv(text, file, { delimiter: ',' });
      if (spec.referenceYearColumn !== undefined) {
        checkReferenceYear(table, file, spec.referenceYearColumn, Number(spec.source.referenceDate.slice(0, 4)));
      }
      const rows = readMembershipRows(
        table,
        file,
        spec.noteColumn === undefined ? {} : { noteColumn: spec.noteColumn },
      );
      const regions = validateMemberships({ file, rows, municipalities: geometry.names, coverage: spec.coverage });
      layers.push({ spec, file: { format: LAYER_FORMAT, meta: toMeta(spec), regions } });
    } catch (error) {
      errors.push(dataProblemOf(error));
    }
  }
  if (errors.length > 0) {
    throw new DataError(`geo build failed; nothing was written.\n${errors.join('\n')}`);
  }

  const outputs: OutputFile[] = [];
  const geometryEntries: GeometryEntry[] = [];
  for (const { spec, topology, former } of geometries.values()) {
    const path = `municipalities-${spec.year}.topo.json`;
    const text = JSON.stringify(topology);
    outputs.push({ path, text });
    const entry: GeometryEntry = {
      id: spec.id,
      year: spec.year,
      file: path,
      sha256: sha256(text),
      municipalityCount: topology.objects[MUNICIPALITIES_OBJECT].geometries.length,
      source: spec.source,
      inhabitantsDate: spec.inhabitantsDate,
      inhabitantsSource: spec.inhabitantsSource,
    };
    if (former) {
      const formerPath = `former-municipalities-${spec.year}.json`;
      const formerText = `${JSON.stringify(former, null, 2)}\n`;
      outputs.push({ path: formerPath, text: formerText });
      entry.former = { file: formerPath, sha256: sha256(formerText), count: former.municipalities.length };
    }
    geometryEntries.push(entry);
  }
  const layerEntries: LayerEntry[] = [];
  for (const { spec, file } of layers) {
    const path = `layers/${spec.id}.json`;
    const text = `${JSON.stringify(file, null, 2)}\n`;
    outputs.push({ path, text });
    layerEntries.push({
      id: spec.id,
      file: path,
      sha256: sha256(text),
      geometryId: spec.geometryId,
      regionCount: file.regions.length,
      coveredCount: new Set(file.regions.flatMap((r) => r.members)).size,
    });
  }
  const manifest: Manifest = { format: MANIFEST_FORMAT, geometries: geometryEntries, layers: layerEntries };
  // The manifest goes last, so that a reader never sees it pointing to files not yet written.
  outputs.push({ path: MANIFEST_FILE, text: `${JSON.stringify(manifest, null, 2)}\n` });

  checkOutputs(outputs, manifest);
  writeOutputs(outDir, outputs);

  if (!quiet) {
    for (const { spec, topology, former } of geometries.values()) {
      log(describeGeometry(spec, topology));
      if (former && spec.former) {
        log(
          `  ${former.municipalities.length} former gemeenten (${spec.former.input}), checked against ${spec.former.startTopologyInput}`,
        );
      }
    }
    for (const entry of layerEntries) {
      const count = geometries.get(entry.geometryId)?.names.size ?? 0;
      log(
        `  ${entry.id.padEnd(24)} ${String(entry.regionCount).padStart(3)} regions  ${entry.coveredCount}/${count} gemeenten`,
      );
    }
    let total = 0;
    for (const { path, text } of outputs) {
      const bytes = Buffer.byteLength(text);
      total += bytes;
      log(`  ${relative(process.cwd(), join(outDir, path)).padEnd(48)} ${formatBytes(bytes)}`);
    }
    log(`  ${outputs.length} files, ${formatBytes(total)}`);
    for (const warning of warnings) log(`warning: ${warning}`);
  }
  return {
    manifest,
    files: outputs.map(({ path, text }) => ({ path, bytes: Buffer.byteLength(text) })),
    warnings,
  };
}

/** Read one input file; a missing file is a DataError naming the file and the folder. */
function readInput(sourcesDir: string, file: string): string {
  const path = join(sourcesDir, file);
  if (!existsSync(path)) throw new DataError(`${file}: file not found in ${sourcesDir}`, file);
  return readFileSync(path, 'utf8');
}

/**
 * The input topology → our municipalities topology: arcs and transform unchanged (already quantised by
 * the source; the runtime never simplifies), object renamed to `municipalities`, id = statcode,
 * properties name, areaKm2 (Turf, geodesic, on the generalised polygon) and inhabitants.
 */
function buildGeometry(
  spec: GeometrySpec,
  input: (file: string) => { file: string; text: string },
  warnings: string[],
): BuiltGeometry {
  const { file, text } = input(spec.topologyInput);
  const json = parseJson(text, file);
  const source = json as Partial<Topology<Record<string, GeometryCollection<Record<string, unknown>>>>>;
  const collection = source.objects?.[spec.objectName];
  if (source.type !== 'Topology' || !Array.isArray(source.arcs) || collection?.type !== 'GeometryCollection') {
    throw new DataError(`${file}: expected a TopoJSON Topology with a GeometryCollection "${spec.objectName}"`, file);
  }
  const topology = source as Topology<Record<string, GeometryCollection<Record<string, unknown>>>>;

  const problems: string[] = [];
  const names = new Map<string, string>();
  const geometries: { code: string; geometry: GeometryObject<Record<string, unknown>> }[] = [];
  for (const [i, geometry] of collection.geometries.entries()) {
    const props = (geometry.properties ?? {}) as Record<string, unknown>;
    const code = props.statcode;
    const name = props.statnaam;
    const where = `${file}, geometry ${i}`;
    if (typeof code !== 'string' || code === '') {
      problems.push(`${where}: no statcode`);
    } else if (typeof name !== 'string' || name === '') {
      problems.push(`${where} (${code}): no statnaam`);
    } else if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
      problems.push(`${where} (${code}): type ${geometry.type}, expected Polygon or MultiPolygon`);
    } else if (geometry.id !== undefined && geometry.id !== code) {
      problems.push(`${where} (${code}): id ${String(geometry.id)} differs from statcode`);
    } else if (names.has(code)) {
      problems.push(`${where}: statcode ${code} appears twice`);
    } else {
      names.set(code, name);
      geometries.push({ code, geometry });
    }
  }
  if (problems.length > 0)
    throw new DataError(`${file}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`, file);

  let inhabitants = new Map<string, number>();
  if (spec.inhabitantsInput !== null) {
    const csv = input(spec.inhabitantsInput);
    const result = validateInhabitants(parseCsv(csv.text, csv.file, { delimiter: ',' }), csv.file, names);
    inhabitants = result.inhabitants;
    warnings.push(...result.warnings);
  }

  const output = geometries
    .sort((a, b) => compareCodes(a.code, b.code))
    .map(({ code, geometry }) => {
      const areaKm2 = Math.round(area(feature(topology, geometry)) / 1e4) / 100;
      const properties: MunicipalityProps = {
        name: names.get(code) ?? code,
        areaKm2,
        inhabitants: inhabitants.get(code) ?? null,
      };
      // Key order fixed here, so the output is stable whatever the source's order.
      return { type: geometry.type, id: code, properties, arcs: (geometry as { arcs: unknown }).arcs };
    });
  const result = {
    type: 'Topology',
    ...(topology.bbox ? { bbox: topology.bbox } : {}),
    ...(topology.transform ? { transform: topology.transform } : {}),
    objects: { [MUNICIPALITIES_OBJECT]: { type: 'GeometryCollection', geometries: output } },
    arcs: topology.arcs,
  };
  return { spec, topology: result as unknown as MunicipalityTopology, names };
}

/** Every alias of the geometry must name a gemeente of it by its code and its official name. */
function checkAliases(spec: GeometrySpec, names: ReadonlyMap<string, string>): void {
  const problems = (spec.aliases ?? []).flatMap(({ alias, code, name }) => {
    const actual = names.get(code);
    if (actual === undefined) return [`alias "${alias}": ${code} is not a gemeente of ${spec.id}`];
    return actual === name ? [] : [`alias "${alias}": ${code} is "${actual}" in ${spec.id}, not "${name}"`];
  });
  if (problems.length > 0) {
    throw new DataError(`src/lib/data/aliases.ts: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Read the reorganisation table and the first year's map, check both (see ./former.ts) and return the
 * former gemeenten of this geometry. Throws DataError listing every problem.
 */
function buildFormer(
  spec: GeometrySpec,
  former: FormerSpec,
  built: BuiltGeometry,
  input: (file: string) => { file: string; text: string },
  reference: (file: string) => { file: string; text: string },
): FormerMunicipalitiesFile {
  const csv = reference(former.input);
  const rows = readChangeRows(parseCsv(csv.text, csv.file, { delimiter: ',' }), csv.file);
  const start = readStartPolygons(input(former.startTopologyInput), former.startObjectName);
  const { municipalities, resolved, problems } = resolveFormerMunicipalities({
    file: csv.file,
    rows,
    current: built.names,
    start: start.names,
  });
  const collection = built.topology.objects[MUNICIPALITIES_OBJECT];
  const currentPolygons = new Map<string, PolygonCoordinates>(
    collection.geometries.map((g) => [String(g.id), polygonsOf(polygonFeature(built.topology, g).geometry)]),
  );
  problems.push(
    ...checkAgainstMaps({
      file: csv.file,
      resolved,
      startPolygons: start.polygons,
      currentPolygons,
      current: built.names,
    }),
  );
  throwIfAny(problems, csv.file);
  return { format: FORMER_FORMAT, geometryId: spec.id, source: former.source, municipalities };
}

/** The gemeenten of a CBS topology (statcode, statnaam) with their polygons. */
function readStartPolygons(
  { file, text }: { file: string; text: string },
  objectName: string,
): { names: Map<string, string>; polygons: Map<string, PolygonCoordinates> } {
  const json = parseJson(text, file);
  const topology = json as Topology<Record<string, GeometryCollection<Record<string, unknown>>>>;
  const collection = topology.objects?.[objectName];
  if (topology.type !== 'Topology' || collection?.type !== 'GeometryCollection') {
    throw new DataError(`${file}: expected a TopoJSON Topology with a GeometryCollection "${objectName}"`, file);
  }
  const names = new Map<string, string>();
  const polygons = new Map<string, PolygonCoordinates>();
  const problems: string[] = [];
  collection.geometries.forEach((geometry, i) => {
    const props = (geometry.properties ?? {}) as Record<string, unknown>;
    const code = props.statcode;
    const name = props.statnaam;
    if (typeof code !== 'string' || typeof name !== 'string' || names.has(code)) {
      problems.push(`${file}, geometry ${i}: no statcode/statnaam, or a statcode seen before`);
    } else if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
      problems.push(`${file}, geometry ${i} (${code}): type ${geometry.type}, expected Polygon or MultiPolygon`);
    } else {
      names.set(code, name);
      polygons.set(code, polygonsOf(polygonFeature(topology, geometry).geometry));
    }
  });
  if (problems.length > 0) {
    throw new DataError(`${file}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`, file);
  }
  return { names, polygons };
}

/** A Polygon or MultiPolygon object of a topology as a GeoJSON feature (the caller checked the type). */
function polygonFeature(topology: Topology, geometry: GeometryObject): Feature<Polygon | MultiPolygon> {
  return feature(topology, geometry) as Feature<Polygon | MultiPolygon>;
}

/** The layer metadata of a registry entry, keys in a fixed order and without the build-only fields. */
function toMeta(spec: LayerSpec): LayerMeta {
  const meta: LayerMeta = {
    id: spec.id,
    kind: spec.kind,
    year: spec.year,
    geometryId: spec.geometryId,
    domain: spec.domain,
    name: spec.name,
    regionNoun: spec.regionNoun,
    description: spec.description,
    source: spec.source,
    coverage: spec.coverage,
    color: spec.color,
    isDefaultVisible: spec.isDefaultVisible,
  };
  if (spec.dash) meta.dash = spec.dash;
  if (spec.layout2011) meta.layout2011 = spec.layout2011;
  return meta;
}

/** Parse every output with the runtime parsers, so the build never writes what the app would reject. */
function checkOutputs(outputs: OutputFile[], manifest: Manifest): void {
  const textOf = new Map(outputs.map((o) => [o.path, o.text]));
  const read = (path: string): unknown => JSON.parse(textOf.get(path) ?? 'null');
  try {
    parseManifest(read(MANIFEST_FILE), MANIFEST_FILE);
    const codesOf = new Map<string, Set<string>>();
    for (const g of manifest.geometries) {
      const topology = parseMunicipalityTopology(read(g.file), g.file);
      const codes = new Set(topology.objects[MUNICIPALITIES_OBJECT].geometries.map((m) => String(m.id)));
      codesOf.set(g.id, codes);
      if (g.former) parseFormerMunicipalities(read(g.former.file), g.former.file, codes);
    }
    for (const l of manifest.layers) {
      checkLayerAgainstTopology(parseLayerFile(read(l.file), l.file), codesOf.get(l.geometryId) ?? new Set(), l.file);
    }
  } catch (error) {
    throw new Error(`unreachable: the build produced a file the runtime parsers reject: ${dataProblemOf(error)}`, {
      cause: error,
    });
  }
}

/**
 * Write each file to a temporary name and rename it into place (no half-written files), manifest last;
 * then remove outputs of earlier builds that this build did not produce (e.g. a renamed layer).
 */
function writeOutputs(outDir: string, outputs: OutputFile[]): void {
  mkdirSync(join(outDir, 'layers'), { recursive: true });
  for (const { path, text } of outputs) {
    const target = join(outDir, path);
    const temporary = `${target}.tmp-${process.pid}`;
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  }
  const written = new Set(outputs.map((o) => o.path));
  const stale = [
    ...readdirSync(outDir).filter((f) => /^(municipalities-\d+\.topo|former-municipalities-\d+)\.json$/.test(f)),
    ...readdirSync(join(outDir, 'layers'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `layers/${f}`),
  ].filter((f) => !written.has(f));
  for (const f of stale) rmSync(join(outDir, f));
}

function describeGeometry(spec: GeometrySpec, topology: MunicipalityTopology): string {
  const props = topology.objects[MUNICIPALITIES_OBJECT].geometries.map((g) => g.properties as MunicipalityProps);
  const inhabitants = props.reduce((sum, p) => sum + (p.inhabitants ?? 0), 0);
  const areaKm2 = props.reduce((sum, p) => sum + p.areaKm2, 0);
  const withFigures = props.filter((p) => p.inhabitants !== null).length;
  return (
    `${spec.id}: ${props.length} gemeenten, ${Math.round(areaKm2).toLocaleString('en')} km², ` +
    `${inhabitants.toLocaleString('en')} inhabitants on ${spec.inhabitantsDate ?? '-'} (${withFigures} with figures)`
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function formatBytes(bytes: number): string {
  return bytes < 10_000 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** A data problem's message, to list with the others; anything else is a fault and stops the build as it is. */
function dataProblemOf(error: unknown): string {
  if (error instanceof DataError) return error.message;
  throw error;
}

const USAGE = 'usage: tsx geo/scripts/build-data.ts [--quiet] [--force]';

/**
 * The command line: `tsx geo/scripts/build-data.ts [--quiet] [--force]`. Skips the build when its inputs
 * are unchanged since the last one (see build-cache.ts); `--force` builds anyway.
 */
function main(argv: string[]): number {
  const args = argv.slice(2);
  const unknown = args.filter((a) => a !== '--quiet' && a !== '--force');
  if (unknown.length > 0) {
    console.error(`unknown argument(s): ${unknown.join(' ')}\n${USAGE}`);
    return 2;
  }
  const quiet = args.includes('--quiet');
  // Paths are resolved from the repository root, not the working directory, so the script can run from anywhere.
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const sourcesDir = resolve(repoRoot, process.env.GEO_SOURCES ?? '../shared/geo-sources');
  const referenceDir = resolve(repoRoot, process.env.GEO_REFERENCE ?? '../shared/reference');
  const outDir = resolve(repoRoot, 'public/data');
  const stampFile = resolve(repoRoot, 'node_modules/.cache/samenwerkingsatlas/geo-build.json');
  const key = inputKey({
    folders: [sourcesDir, referenceDir],
    entry: fileURLToPath(import.meta.url),
    files: [resolve(repoRoot, 'package-lock.json')],
  });
  if (!args.includes('--force') && isUpToDate(stampFile, key, outDir)) {
    if (!quiet) console.log(`geo: inputs unchanged since the last build (key ${key.slice(0, 12)}); public/data kept`);
    return 0;
  }
  if (!quiet) console.log(`geo: building public/data from ${sourcesDir} and ${referenceDir}`);
  try {
    buildData({ sourcesDir, referenceDir, outDir, quiet });
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    console.error(error.message);
    return 1;
  }
  writeStamp(stampFile, key, outDir);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv);
}
