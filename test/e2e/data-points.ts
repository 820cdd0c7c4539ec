import { feature } from 'topojson-client';
import pointOnFeature from '@turf/point-on-feature';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { LayerFile, Manifest, MunicipalityProps, MunicipalityTopology } from '../../src/lib/types';
import { newestYear } from '../../src/lib/data/assemble';
import { buildAtlas, type Atlas } from '../../src/lib/data/atlas';
import { parseLayerFile, parseManifest, parseMunicipalityTopology } from '../../src/lib/data/parse';
import { readData } from './helpers';

/**
 * The built data of the year the app opens with (the newest), as the app loads it: the manifest narrowed to that
 * year's geometry and layers, its topology, and a layer file by id.
 */
export function builtData() {
  const full = readData<Manifest>('manifest.json');
  const geometry = full.geometries.find((g) => g.year === newestYear(full))!;
  const manifest: Manifest = {
    ...full,
    geometries: [geometry],
    layers: full.layers.filter((l) => l.geometryId === geometry.id),
  };
  const topology = readData<MunicipalityTopology>(geometry.file);
  const layer = (id: string) => readData<LayerFile>(manifest.layers.find((l) => l.id === id)!.file);
  return { manifest, geometry, topology, layer };
}

/** A point inside gemeente `code`, from the built topology. */
export function pointInside(topology: MunicipalityTopology, code: string): [number, number] {
  const geom = topology.objects.municipalities.geometries.find((g) => g.id === code);
  if (!geom) throw new Error(`no gemeente ${code} in the built topology`);
  const f = feature(topology, geom) as Feature<Polygon | MultiPolygon, MunicipalityProps>;
  return pointOnFeature(f).geometry.coordinates as [number, number];
}

/**
 * The atlas of `year` (default: the newest, which the app opens with) from the built data, through the same
 * parsers as the app, with every layer of that year: the numbers the app must show.
 */
export function builtAtlas(year?: number): Atlas {
  const manifest = parseManifest(readData('manifest.json'), 'manifest.json');
  const geometry = manifest.geometries.find((g) => g.year === (year ?? newestYear(manifest)))!;
  return buildAtlas(
    geometry,
    parseMunicipalityTopology(readData(geometry.file), geometry.file),
    manifest.layers.filter((l) => l.geometryId === geometry.id).map((l) => parseLayerFile(readData(l.file), l.file)),
  );
}
