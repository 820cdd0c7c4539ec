import { feature } from 'topojson-client';
import pointOnFeature from '@turf/point-on-feature';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { LayerFile, Manifest, MunicipalityProps, MunicipalityTopology } from '../../src/lib/types';
import { readData } from './helpers';

/** The built manifest, topology and a layer file, as the app loads them. */
export function builtData() {
  const manifest = readData<Manifest>('manifest.json');
  const geometry = manifest.geometries[0]!;
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
