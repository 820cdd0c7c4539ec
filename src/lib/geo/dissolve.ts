/**
 * From the gemeente topology to what the map draws: dissolved regions, region borders, the national
 * outline and gemeente borders. Pure; works on the shared arcs of the topology, so borders of
 * different layers coincide exactly where they follow the same gemeente border.
 *
 * Borders are meshes of arcs, not outlines of the dissolved polygons: every layer meshes the same
 * arcs in the same direction (the arc's own), so a MapLibre `line-offset` puts each layer's line on
 * the same side of a shared border in every layer, and parallel lines never swap sides or cross.
 * Polygon outlines would run clockwise around one region and the other way around its neighbour.
 */
import { feature, merge, mesh } from 'topojson-client';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import type { GeometryObject } from 'topojson-specification';
import { DataError } from '../errors';
import type { Municipality } from '../data/atlas';
import { compareCodes } from '../model/codes';
import { separates, type LayerModel } from '../model/layer-model';
import { topologyIndex } from '../model/topology-index';
import type { LayerId, MunicipalityTopology, Region, RegionCode } from '../types';
import { MUNICIPALITIES_OBJECT } from '../types';

/** Properties of a dissolved region feature (MapLibre reads `code` through `promoteId`). */
export interface RegionFeatureProps {
  layerId: LayerId;
  code: RegionCode;
  name: string;
  /** Number of member gemeenten. */
  memberCount: number;
}

/** Properties of a gemeente feature: the gemeente itself (code, name, areaKm2, inhabitants). */
export type MunicipalityFeatureProps = Municipality;

/**
 * Dissolve each region of a layer into one MultiPolygon by merging its member gemeenten on the
 * shared arcs (`topojson.merge`), so the region borders are exactly the gemeente borders.
 * Output features are sorted by region code and have no `id` (MapLibre promotes `code`).
 * Throws DataError when a region has no members or a member is absent from the topology.
 */
export function dissolveRegions(
  topology: MunicipalityTopology,
  regions: readonly Region[],
  layerId: LayerId,
): FeatureCollection<MultiPolygon, RegionFeatureProps> {
  const { geometries, numberOf } = topologyIndex(topology);
  const features = [...regions]
    .sort((a, b) => compareCodes(a.code, b.code))
    .map((region): Feature<MultiPolygon, RegionFeatureProps> => {
      const where = `Layer ${layerId}, region ${region.code} (${region.name})`;
      if (region.members.length === 0) throw new DataError(`${where}: has no member gemeenten`);
      const parts = region.members.map((code) => {
        const n = numberOf.get(code);
        const geometry = n === undefined ? undefined : geometries[n];
        if (!geometry) throw new DataError(`${where}: member ${code} is not in the municipalities topology`);
        return geometry;
      });
      return {
        type: 'Feature',
        properties: { layerId, code: region.code, name: region.name, memberCount: region.members.length },
        geometry: merge(topology, parts),
      };
    });
  return { type: 'FeatureCollection', features };
}

/**
 * The borders between regions of one layer, as a mesh of internal gemeente arcs: the arcs whose two
 * gemeenten the layer separates (`separates`, the atlas's one border rule: different region sets, so in a
 * partial layer the edge between covered and uncovered gemeenten is a border too, and with
 * multi-membership a gemeente in {A, B} is separated from one in {A}). The national outline is never
 * included (see `outline`).
 */
export function regionBorders(model: LayerModel): MultiLineString {
  const { topology, numberOf } = model.index;
  const numberOfGeometry = (g: GeometryObject): number => numberOf.get(String(g.id))!;
  return mesh(
    topology,
    topology.objects[MUNICIPALITIES_OBJECT],
    (a, b) => a !== b && separates(model, numberOfGeometry(a), numberOfGeometry(b)),
  );
}

/** The outline of all gemeenten together (coast and national border): arcs with a gemeente on one side only. */
export function outline(topology: MunicipalityTopology): MultiLineString {
  return mesh(topology, topology.objects[MUNICIPALITIES_OBJECT], (a, b) => a === b);
}

/** The borders between gemeenten: arcs with a different gemeente on each side (no outline). */
export function municipalityBorders(topology: MunicipalityTopology): MultiLineString {
  return mesh(topology, topology.objects[MUNICIPALITIES_OBJECT], (a, b) => a !== b);
}

/**
 * The gemeenten as polygon features (for hover and fill), sorted by code, with no `id`
 * (MapLibre promotes `code`). Throws DataError like `topologyIndex`.
 */
export function municipalityFeatures(
  topology: MunicipalityTopology,
): FeatureCollection<Polygon | MultiPolygon, MunicipalityFeatureProps> {
  const { codes, geometries } = topologyIndex(topology);
  const features = geometries.map((geometry, n): Feature<Polygon | MultiPolygon, MunicipalityFeatureProps> => {
    const { name, areaKm2, inhabitants } = geometry.properties!;
    return {
      type: 'Feature',
      properties: { code: codes[n]!, name, areaKm2, inhabitants },
      // Narrowed per type so the overloads of `feature` give the matching GeoJSON type.
      geometry:
        geometry.type === 'Polygon' ? feature(topology, geometry).geometry : feature(topology, geometry).geometry,
    };
  });
  return { type: 'FeatureCollection', features };
}
