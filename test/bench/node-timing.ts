/**
 * Decode and dissolve in Node: our pipeline (parsers, `buildAtlas`, `buildMapGeometry`, whose dissolve
 * merges gemeenten on their shared arcs) against a naive dissolve that turns every member gemeente into
 * a GeoJSON polygon and unions the polygons one by one with `@turf/union`.
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
import { dissolveRegions, indexMunicipalityGeometries } from '../../src/lib/geo/dissolve';
import { buildMapGeometry } from '../../src/lib/geo/map-geometry';
import { areaKm2Of } from '../../src/lib/geo/measure';
import type { LayerId, RegionCode } from '../../src/lib/types';
import { summarize, timed, type Summary } from './stats';

/** How often each approach runs; the naive one takes seconds per pass, so it runs fewer times. */
export interface NodeRuns {
  oursWarmup: number;
  ours: number;
  naiveWarmup: number;
  naive: number;
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
  /** buildMapGeometry for all layers (dissolve, borders, no-data areas, colours, labels). */
  mapGeometry: Summary;
  /** decode + mapGeometry of the same run: what the app does before the map can draw. */
  ours: Summary;
  /** dissolveRegions alone for all layers: the part the naive approach replaces. */
  dissolve: Summary;
  /** Naive dissolve of all layers (feature + one-by-one union). */
  naive: Summary;
  /** naive median / ours median. */
  naiveOverOurs: number;
  /** naive median / dissolve median (like for like). */
  naiveOverDissolve: number;
  worstArea: WorstRegion;
}

/**
 * Read and decode the newest geometry of `dataDir` with every layer on it, like the app's loader
 * (and the command-line interface) do: read, JSON.parse, validating parsers, `buildAtlas`.
 */
export function decodeAtlas(dataDir: string): Atlas {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(dataDir, file), 'utf8'));
  const manifest = parseManifest(read('manifest.json'), 'manifest.json');
  const geometry = [...manifest.geometries].sort((a, b) => b.year - a.year)[0];
  if (!geometry) throw new Error(`${dataDir}/manifest.json lists no geometry`);
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

/** The naive dissolve: per layer, per region, the union of its members' polygons, one at a time. */
export function naiveDissolve(atlas: Atlas): Map<LayerId, Map<RegionCode, Feature<Polygon | MultiPolygon>>> {
  const geometries = indexMunicipalityGeometries(atlas.topology);
  const result = new Map<LayerId, Map<RegionCode, Feature<Polygon | MultiPolygon>>>();
  for (const layer of atlas.layers) {
    const regions = new Map<RegionCode, Feature<Polygon | MultiPolygon>>();
    for (const region of layer.regions) {
      let merged: Feature<Polygon | MultiPolygon> | null = null;
      for (const code of region.members) {
        const geometry = geometries.get(code);
        if (!geometry) throw new Error(`${layer.meta.id} ${region.code}: member ${code} not in the topology`);
        const polygon: Feature<Polygon | MultiPolygon> =
          geometry.type === 'Polygon' ? feature(atlas.topology, geometry) : feature(atlas.topology, geometry);
        merged = merged ? union(featureCollection([merged, polygon])) : polygon;
        if (!merged) throw new Error(`${layer.meta.id} ${region.code}: union became empty at ${code}`);
      }
      if (!merged) throw new Error(`${layer.meta.id} ${region.code}: no members`);
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
export function compareAreas(atlas: Atlas, naive: ReturnType<typeof naiveDissolve>): WorstRegion {
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

/** Time both approaches on the data in `dataDir`, checking on the warm-up pass that they agree. */
export function measureNode(dataDir: string, runs: NodeRuns, log: (line: string) => void): NodeTimingResult {
  const decodeMs: number[] = [];
  const mapGeometryMs: number[] = [];
  const dissolveMs: number[] = [];
  for (let i = 0; i < runs.oursWarmup + runs.ours; i++) {
    const decoded = timed(() => decodeAtlas(dataDir));
    const built = timed(() => buildMapGeometry(decoded.value));
    const dissolved = timed(() => {
      for (const layer of decoded.value.layers) dissolveRegions(decoded.value.topology, layer.regions, layer.meta.id);
    });
    if (i < runs.oursWarmup) continue;
    decodeMs.push(decoded.ms);
    mapGeometryMs.push(built.ms);
    dissolveMs.push(dissolved.ms);
  }
  log(`  ours: ${runs.ours} runs done`);

  const atlas = decodeAtlas(dataDir);
  const naiveMs: number[] = [];
  let worstArea: WorstRegion | null = null;
  for (let i = 0; i < runs.naiveWarmup + runs.naive; i++) {
    const { value, ms } = timed(() => naiveDissolve(atlas));
    // Checked once, outside the timing: every pass computes the same thing.
    if (i === 0) worstArea = compareAreas(atlas, value);
    if (i < runs.naiveWarmup) continue;
    naiveMs.push(ms);
    log(`  naive: run ${naiveMs.length}/${runs.naive} took ${(ms / 1000).toFixed(2)} s`);
  }
  if (!worstArea) throw new Error('unreachable: the naive dissolve never ran');

  const decode = summarize(decodeMs);
  const ours = summarize(decodeMs.map((ms, i) => ms + mapGeometryMs[i]!));
  const dissolve = summarize(dissolveMs);
  const naive = summarize(naiveMs);
  return {
    runs,
    layerCount: atlas.layers.length,
    regionCount: atlas.layers.reduce((sum, l) => sum + l.regions.length, 0),
    decode,
    mapGeometry: summarize(mapGeometryMs),
    ours,
    dissolve,
    naive,
    naiveOverOurs: naive.medianMs / ours.medianMs,
    naiveOverDissolve: naive.medianMs / dissolve.medianMs,
    worstArea,
  };
}
