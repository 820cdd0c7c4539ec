/**
 * Build `public/data/` from the sources in $GEO_SOURCES (default ../shared/geo-sources, relative to the
 * repository root) and the reference tables in $GEO_REFERENCE (default ../shared/reference): one
 * municipalities topology per geometry (year; a map of its own, or merged from the 2015 map along the
 * reorganisation table, see ./compose.ts), where the registry asks for it that year's former gemeenten,
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
  type MembershipRow,
} from '../../src/lib/data/validate';
import type {
  CoverageRules,
  FormerMunicipalitiesFile,
  GeometryEntry,
  LayerAgreement,
  LayerEntry,
  LayerFile,
  LayerMeta,
  Manifest,
  MunicipalityCode,
  MunicipalityProps,
  MunicipalityTopology,
  Region,
  SourceInfo,
} from '../../src/lib/types';
import { MUNICIPALITIES_OBJECT } from '../../src/lib/types';
import {
  ALL_LAYERS,
  GEOMETRIES,
  type FormerSpec,
  type GeometrySpec,
  type HistorySpec,
  type LayerSpec,
  type TableSpec,
} from '../layers';
import {
  checkAgainstMaps,
  polygonsOf,
  readChangeRows,
  resolveFormerMunicipalities,
  throwIfAny,
  type ChangeRow,
  type PolygonCoordinates,
} from './former';
import {
  checkParts,
  composeYear,
  describeWholeAssignments,
  mergeGeometries,
  pruneArcs,
  type PolygonalArcs,
  type WholeAssignment,
  type YearComposition,
} from './compose';
import { readRegioAtlasRows } from './regioatlas';
import { compareLayouts } from './agreement';
import { inputKey, isUpToDate, writeStamp } from './build-cache';

/** Options of {@link buildData}. */
export interface BuildOptions {
  /** The geo-sources folder (absolute, or relative to the working directory). */
  sourcesDir: string;
  /**
   * The reference folder with the reorganisation tables (../shared/reference); needed only when a
   * geometry of the registry has a `history`.
   */
  referenceDir?: string;
  /** Output folder, normally `public/data`; created if missing. */
  outDir: string;
  /** Print nothing on success. */
  quiet?: boolean;
  /** Registry to build; defaults to GEOMETRIES / ALL_LAYERS of geo/layers.ts (tests pass small ones). */
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
  /** The source to cite: the registry's, for a composed year with the gemeenten assigned whole. */
  source: SourceInfo;
  /** The table's gemeenten on 1 January of the year, if the geometry has a history. */
  composition?: YearComposition;
  /** Where the table does not lead to exactly this year's gemeenten (then the build fails). */
  historyProblems: string[];
  /** Where the gemeenten of an earlier year went, if the registry asks for it. */
  former?: FormerMunicipalitiesFile;
}

type TopologyInput = Topology<Record<string, GeometryCollection<Record<string, unknown>>>>;

/** A CBS gemeente map of the sources, read and checked once per build however many years use it. */
interface SourceMap {
  file: string;
  topology: TopologyInput;
  /** Gemeente code → name (`statcode` → `statnaam`). */
  names: Map<MunicipalityCode, string>;
  /** Gemeente code → its geometry object, in the source's order. */
  geometries: Map<MunicipalityCode, GeometryObject<Record<string, unknown>>>;
  /** Geodesic area in km² (rounded to 0.01), measured on first request. */
  areaKm2: (code: MunicipalityCode) => number;
  /** The gemeenten as GeoJSON polygons, converted on first request (for the former gemeenten's map check). */
  polygons: () => Map<MunicipalityCode, PolygonCoordinates>;
}

/** A history of the registry: the reorganisation table and the first year's map. */
interface History {
  spec: HistorySpec;
  /** The table's file name, for messages. */
  file: string;
  rows: ChangeRow[];
  start: SourceMap;
}

/** Reading inputs, each once per build; a failed read throws the same error for every user. */
interface Inputs {
  source: (file: string) => { file: string; text: string };
  map: (file: string, objectName: string) => SourceMap;
  history: (spec: HistorySpec) => History;
  inhabitants: (file: string, map: SourceMap) => Map<MunicipalityCode, number>;
}

const MANIFEST_FILE = 'manifest.json';

/**
 * Read all inputs, validate them, and write `outDir`. Throws `DataError` (listing every problem of every
 * input) if the sources folder is missing or any input is invalid; nothing is written then.
 */
export function buildData(options: BuildOptions): BuildResult {
  const { sourcesDir, outDir, quiet = false } = options;
  const geometrySpecs = options.geometries ?? GEOMETRIES;
  const layerSpecs = options.layers ?? ALL_LAYERS;
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
    geometrySpecs.some((g) => g.history) &&
    (referenceDir === undefined || !existsSync(referenceDir) || !statSync(referenceDir).isDirectory())
  ) {
    throw new DataError(
      `reference folder not found: ${referenceDir ?? '(none given)'}\n` +
        'Set the environment variable GEO_REFERENCE to the folder with herindelingen-2015-2025.csv ' +
        '(default ../shared/reference, relative to the repository root).',
      referenceDir,
    );
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  const inputs = createInputs(sourcesDir, referenceDir ?? '', warnings);
  const geometries = new Map<string, BuiltGeometry>();
  for (const spec of geometrySpecs) {
    try {
      const built = buildGeometry(spec, inputs, warnings);
      geometries.set(spec.id, built);
      // Independent checks of the built geometry, each reported.
      const checks = [
        () => checkAliases(spec, built.names),
        () => {
          if (spec.former) built.former = buildFormer(spec, spec.former, built, inputs);
        },
        () => throwIfAny(built.historyProblems, spec.history?.input ?? spec.id),
      ];
      for (const check of checks) {
        try {
          check();
        } catch (error) {
          errors.push(dataProblemOf(error));
        }
      }
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
      const referenceYear = Number(spec.source.referenceDate.slice(0, 4));
      const regions = readTable(spec, spec.coverage, geometry.names, inputs, referenceYear);
      let alsoIn: LayerAgreement | undefined;
      if (spec.compareWith) {
        const { source } = spec.compareWith;
        const other = readTable(spec.compareWith, spec.coverage, geometry.names, inputs, referenceYear);
        alsoIn = { source, ...compareLayouts(regions, other, geometry.names) };
      }
      layers.push({ spec, file: { format: LAYER_FORMAT, meta: toMeta(spec, alsoIn), regions } });
    } catch (error) {
      errors.push(dataProblemOf(error));
    }
  }
  if (errors.length > 0) {
    // Years that share an input (the 2015 map, the reorganisation table) report its problems once.
    throw new DataError(`geo build failed; nothing was written.\n${[...new Set(errors)].join('\n')}`);
  }

  const outputs: OutputFile[] = [];
  const geometryEntries: GeometryEntry[] = [];
  for (const { spec, topology, former, source } of geometries.values()) {
    const path = `municipalities-${spec.year}.topo.json`;
    const text = JSON.stringify(topology);
    outputs.push({ path, text });
    const entry: GeometryEntry = {
      id: spec.id,
      year: spec.year,
      file: path,
      sha256: sha256(text),
      municipalityCount: topology.objects[MUNICIPALITIES_OBJECT].geometries.length,
      source,
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
      kind: spec.kind,
      name: spec.name,
      color: spec.color,
    });
  }
  const manifest: Manifest = { format: MANIFEST_FORMAT, geometries: geometryEntries, layers: layerEntries };
  // The manifest goes last, so that a reader never sees it pointing to files not yet written.
  outputs.push({ path: MANIFEST_FILE, text: `${JSON.stringify(manifest, null, 2)}\n` });

  checkOutputs(outputs, manifest);
  writeOutputs(outDir, outputs);

  if (!quiet) {
    for (const { spec, topology, former, composition } of geometries.values()) {
      log(describeGeometry(spec, topology));
      if (spec.compose && spec.history && composition) {
        log(
          `  merged from ${spec.history.startTopologyInput} along ${spec.history.input}; ${composition.wholeAssignments.length} partial transfer(s) assigned whole: ${composition.wholeAssignments.map((a) => (a.assignedTo === a.code ? `${a.name} (kept)` : `${a.name} → ${a.assignedName}`)).join(', ') || '-'}`,
        );
      }
      if (former && spec.former && spec.history) {
        const checked =
          spec.former.isMapChecked === false ? '' : `, checked against ${spec.history.startTopologyInput}`;
        log(`  ${former.municipalities.length} former gemeenten (${spec.history.input})${checked}`);
      }
    }
    const idWidth = Math.max(24, ...layerEntries.map((entry) => entry.id.length));
    for (const [i, entry] of layerEntries.entries()) {
      const count = geometries.get(entry.geometryId)?.names.size ?? 0;
      const alsoIn = layers[i]!.file.meta.alsoIn;
      const comparison = !alsoIn
        ? ''
        : alsoIn.agrees
          ? `  agrees with ${layers[i]!.spec.compareWith?.input}`
          : `  differs from ${layers[i]!.spec.compareWith?.input} for ${alsoIn.differences.length} gemeente(n)`;
      log(
        `  ${entry.id.padEnd(idWidth)} ${String(entry.regionCount).padStart(3)} regions  ${entry.coveredCount}/${count} gemeenten${comparison}`,
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
 * The build's inputs, each read (and checked) once: the same 2015 map serves eight years, the same table
 * all eleven. A read that fails throws the same DataError for every year that needs it (reported once).
 */
function createInputs(sourcesDir: string, referenceDir: string, warnings: string[]): Inputs {
  const memo = <T>(cache: Map<string, { value: T } | { error: unknown }>, key: string, make: () => T): T => {
    let entry = cache.get(key);
    if (!entry) {
      try {
        entry = { value: make() };
      } catch (error) {
        entry = { error };
      }
      cache.set(key, entry);
    }
    if ('error' in entry) throw entry.error;
    return entry.value;
  };
  const maps = new Map<string, { value: SourceMap } | { error: unknown }>();
  const histories = new Map<string, { value: History } | { error: unknown }>();
  const inhabitantTables = new Map<string, { value: Map<MunicipalityCode, number> } | { error: unknown }>();
  const source = (file: string) => ({ file, text: readInput(sourcesDir, file) });
  const inputs: Inputs = {
    source,
    map: (file, objectName) => memo(maps, `${file}\0${objectName}`, () => readMap(source(file), objectName)),
    history: (spec) =>
      memo(histories, `${spec.input}\0${spec.startTopologyInput}\0${spec.startObjectName}`, () => {
        const file = spec.input;
        const rows = readChangeRows(parseCsv(readInput(referenceDir, file), file, { delimiter: ',' }), file);
        return { spec, file, rows, start: inputs.map(spec.startTopologyInput, spec.startObjectName) };
      }),
    inhabitants: (file, map) =>
      memo(inhabitantTables, `${file}\0${map.file}`, () => {
        const csv = source(file);
        const result = validateInhabitants(parseCsv(csv.text, csv.file, { delimiter: ',' }), csv.file, map.names);
        warnings.push(...result.warnings);
        return result.inhabitants;
      }),
  };
  return inputs;
}

/**
 * Read a CBS gemeente map: a `Topology` with the named GeometryCollection, every gemeente a Polygon or
 * MultiPolygon with a `statcode` and `statnaam`, its `id` (if any) equal to the statcode, codes unique.
 * Throws DataError listing every problem.
 */
function readMap({ file, text }: { file: string; text: string }, objectName: string): SourceMap {
  const json = parseJson(text, file);
  const source = json as Partial<TopologyInput>;
  const collection = source.objects?.[objectName];
  if (source.type !== 'Topology' || !Array.isArray(source.arcs) || collection?.type !== 'GeometryCollection') {
    throw new DataError(`${file}: expected a TopoJSON Topology with a GeometryCollection "${objectName}"`, file);
  }
  const topology = source as TopologyInput;
  const problems: string[] = [];
  const names = new Map<string, string>();
  const geometries = new Map<MunicipalityCode, GeometryObject<Record<string, unknown>>>();
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
      geometries.set(code, geometry);
    }
  }
  throwIfAny(problems, file);
  const areas = new Map<MunicipalityCode, number>();
  let polygons: Map<MunicipalityCode, PolygonCoordinates> | undefined;
  return {
    file,
    topology,
    names,
    geometries,
    areaKm2: (code) => {
      let areaKm2 = areas.get(code);
      if (areaKm2 === undefined) {
        areaKm2 = areaKm2Of(topology, geometries.get(code)! as PolygonalArcs);
        areas.set(code, areaKm2);
      }
      return areaKm2;
    },
    polygons: () =>
      (polygons ??= new Map(
        [...geometries].map(([code, g]) => [code, polygonsOf(polygonFeature(topology, g).geometry)]),
      )),
  };
}

/** Geodesic area (Turf) of a polygonal object of `topology` in km², rounded to 0.01. */
function areaKm2Of(topology: Topology, geometry: PolygonalArcs): number {
  return Math.round(area(polygonFeature(topology, geometry as GeometryObject)) / 1e4) / 100;
}

/** One gemeente of the output topology, before its arcs are renumbered. */
interface OutputGemeente {
  code: MunicipalityCode;
  geometry: PolygonalArcs;
  properties: MunicipalityProps;
}

/**
 * One year's gemeenten → our municipalities topology: object `municipalities`, id = statcode, properties
 * name, areaKm2 (Turf, geodesic, on the generalised polygon), inhabitants and (with a history) parts.
 * - A year with a map of its own: the map's arcs and transform unchanged (already quantised by the source;
 *   the runtime never simplifies); with a history, the table must give exactly the map's gemeenten.
 * - A composed year (`compose`): the first-year gemeenten merged along the table (./compose.ts), exactly
 *   `compose.expectedCount` of them; inhabitants summed over the parts; only the arcs still used are kept.
 */
function buildGeometry(spec: GeometrySpec, inputs: Inputs, warnings: string[]): BuiltGeometry {
  if ((spec.compose || spec.former) && !spec.history) {
    throw new Error(`registry: geometry ${spec.id} has compose or former but no history`);
  }
  const map = inputs.map(spec.topologyInput, spec.objectName);
  const inhabitants =
    spec.inhabitantsInput === null
      ? new Map<MunicipalityCode, number>()
      : inputs.inhabitants(spec.inhabitantsInput, map);
  const history = spec.history ? inputs.history(spec.history) : undefined;
  const date = `${spec.year}-01-01`;
  let composition: YearComposition | undefined;
  // Where the table does not lead to this year's gemeenten. A composed year cannot be built then; a year with a
  // map of its own is, so that the problems of its former gemeenten are reported too.
  const historyProblems: string[] = [];
  if (history) {
    composition = composeYear(history.rows, history.start.names, date, history.file);
    historyProblems.push(
      ...composition.problems,
      ...checkParts(composition.parts, new Set(history.start.names.keys()), `${history.file} on ${date}`),
    );
    if (spec.compose) throwIfAny(historyProblems, history.file);
  }

  let gemeenten: OutputGemeente[];
  let arcs = map.topology.arcs;
  let source = spec.source;
  let names = map.names;
  if (spec.compose && composition && history) {
    if (spec.topologyInput !== history.spec.startTopologyInput || spec.objectName !== history.spec.startObjectName) {
      throw new Error(`registry: composed geometry ${spec.id} must read its history's first-year map`);
    }
    const count = composition.parts.size;
    if (count !== spec.compose.expectedCount) {
      throw new DataError(
        `${history.file}: ${spec.id}: the table gives ${count} gemeenten on ${date}, expected ${spec.compose.expectedCount} (the number CBS announced); check its rows up to that date`,
        history.file,
      );
    }
    names = composition.names;
    const partial: string[] = [];
    gemeenten = [...composition.parts].map(([code, parts]) => {
      const figures = parts.map((part) => inhabitants.get(part));
      if (spec.inhabitantsInput !== null && figures.includes(undefined)) partial.push(code);
      const geometry = mergeGeometries(
        map.topology,
        parts.map((part) => map.geometries.get(part)! as PolygonalArcs),
      );
      return {
        code,
        geometry,
        properties: {
          name: names.get(code)!,
          areaKm2: parts.length === 1 ? map.areaKm2(parts[0]!) : areaKm2Of(map.topology, geometry),
          inhabitants: figures.includes(undefined) ? null : figures.reduce((sum: number, n) => sum + n!, 0),
          parts,
        },
      };
    });
    if (partial.length > 0) {
      warnings.push(
        `${spec.id}: no inhabitants for ${partial.length} gemeente(n) with a part without figures: ${partial.join(', ')}`,
      );
    }
    const pruned = pruneArcs(
      arcs,
      gemeenten.map((g) => g.geometry),
    );
    arcs = pruned.arcs;
    gemeenten = gemeenten.map((g, i) => ({ ...g, geometry: pruned.geometries[i]! }));
    source = { ...spec.source, citation: withWholeAssignments(spec.source.citation, composition.wholeAssignments) };
  } else {
    if (composition && historyProblems.length === 0) {
      historyProblems.push(...differentGemeenten(composition, map, date));
    }
    gemeenten = [...map.geometries.keys()].sort(compareCodes).map((code) => {
      const properties: MunicipalityProps = {
        name: map.names.get(code)!,
        areaKm2: map.areaKm2(code),
        inhabitants: inhabitants.get(code) ?? null,
      };
      const parts = composition?.parts.get(code);
      if (parts) properties.parts = parts;
      return { code, geometry: map.geometries.get(code)! as PolygonalArcs, properties };
    });
  }

  const { topology } = map;
  const result = {
    type: 'Topology',
    ...(topology.bbox ? { bbox: topology.bbox } : {}),
    ...(topology.transform ? { transform: topology.transform } : {}),
    objects: {
      [MUNICIPALITIES_OBJECT]: {
        type: 'GeometryCollection',
        // Key order fixed here, so the output is stable whatever the source's order.
        geometries: gemeenten.map(({ code, geometry, properties }) => ({
          type: geometry.type,
          id: code,
          properties,
          arcs: geometry.arcs,
        })),
      },
    },
    arcs,
  };
  return {
    spec,
    topology: result as unknown as MunicipalityTopology,
    names: new Map(names),
    source,
    ...(composition ? { composition } : {}),
    historyProblems,
  };
}

/** The composed year's citation with the partial transfers that whole gemeenten cannot show, if any. */
function withWholeAssignments(citation: string, list: readonly WholeAssignment[]): string {
  return list.length === 0 ? citation : `${citation}. Zo toegewezen: ${describeWholeAssignments(list)}`;
}

/** A year with a map of its own: the table must give exactly its gemeenten (codes) on 1 January. */
function differentGemeenten(composition: YearComposition, map: SourceMap, date: string): string[] {
  const missing = [...map.names.keys()].filter((code) => !composition.parts.has(code)).sort(compareCodes);
  const extra = [...composition.parts.keys()].filter((code) => !map.names.has(code));
  const problems = [
    ...(missing.length > 0
      ? [`gemeenten of ${map.file} that the table does not give on ${date}: ${missing.join(', ')}`]
      : []),
    ...(extra.length > 0 ? [`gemeenten the table gives on ${date} that ${map.file} has not: ${extra.join(', ')}`] : []),
  ];
  return problems;
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
 * The former gemeenten of this geometry: the table's rows up to 1 January of its year, checked (see
 * ./former.ts) and, unless the registry says otherwise, checked against the first year's map and this one's.
 * Throws DataError listing every problem.
 */
function buildFormer(
  spec: GeometrySpec,
  former: FormerSpec,
  built: BuiltGeometry,
  inputs: Inputs,
): FormerMunicipalitiesFile {
  const history = inputs.history(spec.history!);
  const date = `${spec.year}-01-01`;
  const { municipalities, resolved, problems } = resolveFormerMunicipalities({
    file: history.file,
    rows: history.rows.filter((row) => row.date <= date),
    current: built.names,
    start: history.start.names,
  });
  if (former.isMapChecked !== false) {
    const collection = built.topology.objects[MUNICIPALITIES_OBJECT];
    const currentPolygons = new Map<string, PolygonCoordinates>(
      collection.geometries.map((g) => [String(g.id), polygonsOf(polygonFeature(built.topology, g).geometry)]),
    );
    problems.push(
      ...checkAgainstMaps({
        file: history.file,
        resolved,
        startPolygons: history.start.polygons(),
        currentPolygons,
        current: built.names,
      }),
    );
  }
  throwIfAny(problems, history.file);
  return { format: FORMER_FORMAT, geometryId: spec.id, source: former.source, municipalities };
}

/** A Polygon or MultiPolygon object of a topology as a GeoJSON feature (the caller checked the type). */
function polygonFeature(topology: Topology, geometry: GeometryObject): Feature<Polygon | MultiPolygon> {
  return feature(topology, geometry) as Feature<Polygon | MultiPolygon>;
}

/**
 * Read a layer's membership table (a CSV of our own, or a RegioAtlas export as it is) and validate it
 * against the year's gemeenten (`validateMemberships`): unknown or missing gemeenten, duplicate rows, and
 * multi-membership where `coverage` does not allow it, each with file and line.
 */
function readTable(
  table: TableSpec,
  coverage: CoverageRules,
  names: ReadonlyMap<MunicipalityCode, string>,
  inputs: Inputs,
  referenceYear: number,
): Region[] {
  const { file, text } = inputs.source(table.input);
  let rows: MembershipRow[];
  if (table.regioAtlas) {
    rows = readRegioAtlasRows(text, file, table.regioAtlas.regionCodes).rows;
  } else {
    const csv = parseCsv(text, file, { delimiter: ',' });
    if (table.referenceYearColumn !== undefined) {
      checkReferenceYear(csv, file, table.referenceYearColumn, referenceYear);
    }
    rows = readMembershipRows(csv, file, table.noteColumn === undefined ? {} : { noteColumn: table.noteColumn });
  }
  return validateMemberships({ file, rows, municipalities: names, coverage });
}

/** The layer metadata of a registry entry, keys in a fixed order and without the build-only fields. */
function toMeta(spec: LayerSpec, alsoIn: LayerAgreement | undefined): LayerMeta {
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
  if (alsoIn) meta.alsoIn = alsoIn;
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
