/**
 * Decode and dissolve in Node on the real data. Decoding (read, JSON.parse, the validating parsers,
 * `buildAtlas`) and the map geometry of all layers are timed on their own; the dissolve is a paired comparison of our
 * `dissolveRegions` (`topojson.merge` on the shared arcs) against the strongest plain Turf approach: the
 * gemeenten as GeoJSON polygons (converted once, untimed, as if the data came as GeoJSON) and one
 * `@turf/union` call per region over all its members. Both must give the same area per region.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { union } from '@turf/union';
import { featureCollection } from '@turf/helpers';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import { buildAtlas, type Atlas } from '../../src/lib/data/atlas';
import {
  checkLayerAgainstTopology,
  parseLayerFile,
  parseManifest,
  parseMunicipalityTopology,
} from '../../src/lib/data/parse';
import { dissolveRegions } from '../../src/lib/geo/dissolve';
import { buildMapGeometry, type MapGeometry } from '../../src/lib/geo/map-geometry';
import { areaKm2Of } from '../../src/lib/geo/measure';
import type { LayerId, MunicipalityGeometry, MunicipalityTopology, RegionCode } from '../../src/lib/types';
import { MUNICIPALITIES_OBJECT } from '../../src/lib/types';
import { runPaired, type PairedResult } from './paired';
import { summarize, timed, type Summary } from './stats';

/** How often to run: timed rounds and untimed warm-up rounds. */
export interface NodeRuns {
  rounds: number;
  warmupRounds: number;
}

/** The region whose two areas differ most, relatively. */
export interface WorstRegion {
  layerId: LayerId;
  code: RegionCode;
  oursKm2: number;
  naiveKm2: number;
  relativeDifference: number;
}

export interface NodeTimingResult {
  runs: NodeRuns;
  layerCount: number;
  regionCount: number;
  /** Read, JSON.parse, parse* checks and buildAtlas. */
  decode: Summary;
  /** buildFullMapGeometry on a freshly decoded atlas (dissolve, borders, no-data areas, colours of all layers). */
  mapGeometry: Summary;
  /** Paired: the naive Turf dissolve (first) against dissolveRegions for all layers (second). */
  dissolve: PairedResult;
  worstArea: WorstRegion;
}

type RegionPolygons = Map<LayerId, Map<RegionCode, Feature<Polygon | MultiPolygon>>>;

/**
 * Read and decode the geometry of `year` in `dataDir` (default: the newest) with every layer on it, like the
 * app's loader (and the command-line interface) do: read, JSON.parse, validating parsers, `buildAtlas`.
 */
export function decodeAtlas(dataDir: string, year?: number): Atlas {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(dataDir, file), 'utf8'));
  const manifest = parseManifest(read('manifest.json'), 'manifest.json');
  const geometry = [...manifest.geometries]
    .sort((a, b) => b.year - a.year)
    .find((g) => year === undefined || g.year === year);
  if (!geometry)
    throw new Error(`${dataDir}/manifest.json lists no geometry${year === undefined ? '' : ` of ${year}`}`);
  const topology = parseMunicipalityTopology(read(geometry.file), geometry.file);
  const codes = new Set(topology.objects.municipalities.geometries.map((g) => String(g.id)));
  const layers = manifest.layers
    .filter((entry) => entry.geometryId === geometry.id)
    .map((entry) => {
      const layer = parseLayerFile(read(entry.file), entry.file);
      checkLayerAgainstTopology(layer, codes, entry.file);
      return layer;
    });
  return buildAtlas(geometry, topology, layers);
}

/**
 * `buildMapGeometry` with every layer's parts read: the dissolved regions, borders, no-data area and fill
 * colours, i.e. what the map draws when all layers are shown. The library computes each part on first read
 * (a hidden layer costs nothing), so reading them is what makes this the map geometry's full cost. Labels
 * are left out: only the filled layer is labelled.
 */
export function buildFullMapGeometry(atlas: Atlas): MapGeometry {
  const geometry = buildMapGeometry(atlas);
  let parts = 0;
  for (const layer of geometry.layers.values()) {
    parts += layer.regions.features.length + layer.borders.coordinates.length;
    parts += (layer.noData ? 1 : 0) + layer.colourIndex.size;
  }
  if (parts === 0 && atlas.layers.length > 0) throw new Error('unreachable: empty map geometry');
  return geometry;
}

/** Every gemeente of the topology as a GeoJSON polygon feature, by code: the naive approach's input. */
export function municipalityPolygons(topology: MunicipalityTopology): Map<string, Feature<Polygon | MultiPolygon>> {
  const polygons = new Map<string, Feature<Polygon | MultiPolygon>>();
  for (const object of topology.objects[MUNICIPALITIES_OBJECT].geometries) {
    // parseMunicipalityTopology has checked that every gemeente is a Polygon or MultiPolygon.
    const geometry = object as MunicipalityGeometry;
    // Narrowed per type so the overloads of `feature` give the matching GeoJSON type.
    const polygon: Feature<Polygon | MultiPolygon> =
      geometry.type === 'Polygon' ? feature(topology, geometry) : feature(topology, geometry);
    polygons.set(String(geometry.id), polygon);
  }
  return polygons;
}

/**
 * The naive dissolve: per layer, per region, one `union` over the FeatureCollection of all its members'
 * polygons (@turf/union v7 unions a whole collection in one sweep, which beats merging one by one);
 * a one-member region is its member's polygon.
 */
export function naiveDissolve(
  atlas: Atlas,
  polygons: ReadonlyMap<string, Feature<Polygon | MultiPolygon>>,
): RegionPolygons {
  const result: RegionPolygons = new Map();
  for (const layer of atlas.layers) {
    const regions = new Map<RegionCode, Feature<Polygon | MultiPolygon>>();
    for (const region of layer.regions) {
      const members = region.members.map((code) => {
        const polygon = polygons.get(code);
        if (!polygon) throw new Error(`${layer.meta.id} ${region.code}: member ${code} not in the topology`);
        return polygon;
      });
      const merged = members.length === 1 ? members[0]! : union(featureCollection(members));
      if (!merged) throw new Error(`${layer.meta.id} ${region.code}: the union is empty`);
      regions.set(region.code, merged);
    }
    result.set(layer.meta.id, regions);
  }
  return result;
}

/**
 * Compare the area of every region dissolved both ways; throws when a region is missing on one side.
 * Returns the region with the largest relative difference.
 */
export function compareAreas(atlas: Atlas, naive: RegionPolygons): WorstRegion {
  let worst: WorstRegion | null = null;
  for (const layer of atlas.layers) {
    const ours = dissolveRegions(atlas.topology, layer.regions, layer.meta.id).features;
    const theirs = naive.get(layer.meta.id);
    if (!theirs || theirs.size !== ours.length) throw new Error(`${layer.meta.id}: region counts differ`);
    for (const region of ours) {
      const other = theirs.get(region.properties.code);
      if (!other) throw new Error(`${layer.meta.id}: naive dissolve lacks region ${region.properties.code}`);
      const oursKm2 = areaKm2Of(region);
      const naiveKm2 = areaKm2Of(other);
      const relativeDifference = Math.abs(oursKm2 - naiveKm2) / oursKm2;
      if (!worst || relativeDifference > worst.relativeDifference) {
        worst = { layerId: layer.meta.id, code: region.properties.code, oursKm2, naiveKm2, relativeDifference };
      }
    }
  }
  if (!worst) throw new Error('unreachable: no regions to compare');
  return worst;
}

/** Time decoding, the map geometry and the paired dissolve on the data in `dataDir`. */
export async function measureNode(
  dataDir: string,
  runs: NodeRuns,
  log: (line: string) => void,
): Promise<NodeTimingResult> {
  const decodeMs: number[] = [];
  const mapGeometryMs: number[] = [];
  for (let i = 0; i < runs.warmupRounds + runs.rounds; i++) {
    const decoded = timed(() => decodeAtlas(dataDir));
    // A freshly decoded atlas has a new topology object, so nothing of an earlier run is cached.
    const built = timed(() => buildFullMapGeometry(decoded.value));
    if (i < runs.warmupRounds) continue;
    decodeMs.push(decoded.ms);
    mapGeometryMs.push(built.ms);
  }
  log(`  decode and map geometry: ${runs.rounds} runs done`);

  const atlas = decodeAtlas(dataDir);
  const polygons = municipalityPolygons(atlas.topology);
  const captured: { naive?: RegionPolygons } = {};
  const dissolve = await runPaired(
    {
      name: 'naive: one @turf/union per region',
      measure: () => {
        const { value, ms } = timed(() => naiveDissolve(atlas, polygons));
        captured.naive ??= value;
        return ms;
      },
    },
    {
      name: 'ours: dissolveRegions (topojson merge)',
      measure: () =>
        timed(() => {
          for (const layer of atlas.layers) dissolveRegions(atlas.topology, layer.regions, layer.meta.id);
        }).ms,
    },
    { ...runs, log },
  );
  if (!captured.naive) throw new Error('unreachable: the naive dissolve never ran');
  return {
    runs,
    layerCount: atlas.layers.length,
    regionCount: atlas.layers.reduce((sum, l) => sum + l.regions.length, 0),
    decode: summarize(decodeMs),
    mapGeometry: summarize(mapGeometryMs),
    dissolve,
    // Checked once, outside the timing: every pass computes the same thing.
    worstArea: compareAreas(atlas, captured.naive),
  };
}
