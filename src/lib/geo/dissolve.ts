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
import type {
  LayerId,
  MunicipalityCode,
  MunicipalityGeometry,
  MunicipalityTopology,
  Region,
  RegionCode,
} from '../types';
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
 * The gemeente geometries of the topology by code.
 * Throws DataError for a geometry that is not a (multi)polygon, lacks properties, or repeats a code.
 */
export function indexMunicipalityGeometries(
  topology: MunicipalityTopology,
): Map<MunicipalityCode, MunicipalityGeometry> {
  const byCode = new Map<MunicipalityCode, MunicipalityGeometry>();
  for (const geometry of topology.objects[MUNICIPALITIES_OBJECT].geometries) {
    const code = String(geometry.id);
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
      throw new DataError(`Municipality ${code}: geometry type ${geometry.type}, expected Polygon or MultiPolygon`);
    }
    if (!geometry.properties) throw new DataError(`Municipality ${code}: geometry has no properties`);
    if (byCode.has(code)) throw new DataError(`Municipality ${code}: appears more than once in the topology`);
    byCode.set(code, { ...geometry, id: code });
  }
  return byCode;
}

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
  const geometries = indexMunicipalityGeometries(topology);
  const features = [...regions]
    .sort((a, b) => compareCodes(a.code, b.code))
    .map((region): Feature<MultiPolygon, RegionFeatureProps> => {
      const where = `Layer ${layerId}, region ${region.code} (${region.name})`;
      if (region.members.length === 0) throw new DataError(`${where}: has no member gemeenten`);
      const parts = region.members.map((code) => {
        const geometry = geometries.get(code);
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
 * The borders between regions of one layer, as a mesh of internal gemeente arcs.
 * An arc is drawn when the gemeenten on its two sides belong to different sets of regions:
 * a gemeente's key is its sorted region codes, empty when it belongs to none, so in a partial layer
 * the edge between covered and uncovered gemeenten is a border too, and with multi-membership a
 * gemeente in {A, B} is separated from one in {A}. The national outline is never included (see `outline`).
 */
export function regionBorders(
  topology: MunicipalityTopology,
  regionsByMember: ReadonlyMap<MunicipalityCode, readonly Region[]>,
): MultiLineString {
  const keys = new Map<MunicipalityCode, string>();
  for (const [code, regions] of regionsByMember) {
    keys.set(code, JSON.stringify(regions.map((r) => r.code).sort(compareCodes)));
  }
  const keyOf = (g: GeometryObject): string => keys.get(String(g.id)) ?? '';
  return mesh(topology, topology.objects[MUNICIPALITIES_OBJECT], (a, b) => a !== b && keyOf(a) !== keyOf(b));
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
 * (MapLibre promotes `code`). Throws DataError like `indexMunicipalityGeometries`.
 */
export function municipalityFeatures(
  topology: MunicipalityTopology,
): FeatureCollection<Polygon | MultiPolygon, MunicipalityFeatureProps> {
  const features = [...indexMunicipalityGeometries(topology).entries()]
    .sort(([a], [b]) => compareCodes(a, b))
    .map(([code, geometry]): Feature<Polygon | MultiPolygon, MunicipalityFeatureProps> => {
      const { name, areaKm2, inhabitants } = geometry.properties!;
      return {
        type: 'Feature',
        properties: { code, name, areaKm2, inhabitants },
        // Narrowed per type so the overloads of `feature` give the matching GeoJSON type.
        geometry:
          geometry.type === 'Polygon' ? feature(topology, geometry).geometry : feature(topology, geometry).geometry,
      };
    });
  return { type: 'FeatureCollection', features };
}

/** Plain code-unit order, independent of the locale (as everywhere in the output). */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
