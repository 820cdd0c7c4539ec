/**
 * The loaded atlas: one gemeente set with its layers, indexed for lookups.
 * Pure: built from already-parsed files, shared by the app and the command-line interface.
 * The topology index (gemeente numbers, arcs) is built here once; layer models are built from it on first use
 * (`layerModel(atlas.index, layer)`).
 */
import { topologyIndex, type TopologyIndex } from '../model/topology-index';
import type {
  GeometryEntry,
  LayerFile,
  LayerId,
  LayerMeta,
  MunicipalityCode,
  MunicipalityProps,
  MunicipalityTopology,
  Region,
  RegionCode,
} from '../types';

/** A gemeente with its code. */
export interface Municipality extends MunicipalityProps {
  code: MunicipalityCode;
}

/** A layer with its regions indexed by code and by member. */
export interface AtlasLayer {
  meta: LayerMeta;
  regions: Region[];
  regionsByCode: ReadonlyMap<RegionCode, Region>;
  /** Gemeente code → the regions it belongs to (absent: no region, i.e. not covered). */
  regionsByMember: ReadonlyMap<MunicipalityCode, readonly Region[]>;
  /** Number of gemeenten of the geometry that belong to at least one region. */
  coveredCount: number;
}

export interface Atlas {
  geometry: GeometryEntry;
  topology: MunicipalityTopology;
  /** The topology's index: gemeente numbers in code order, weights, neighbours, internal arcs. */
  index: TopologyIndex;
  /** Sorted by code (`compareCodes`), so municipality i is gemeente number i of `index`. */
  municipalities: Municipality[];
  municipalitiesByCode: ReadonlyMap<MunicipalityCode, Municipality>;
  /** In registry order. */
  layers: AtlasLayer[];
  layersById: ReadonlyMap<LayerId, AtlasLayer>;
}

/**
 * Index one layer's regions by code and member.
 * @example indexLayer(file).regionsByMember.get('GM0363')?.map((r) => r.code) // ['JZ17']
 */
export function indexLayer(file: LayerFile): AtlasLayer {
  const regionsByCode = new Map<RegionCode, Region>();
  const regionsByMember = new Map<MunicipalityCode, Region[]>();
  for (const region of file.regions) {
    regionsByCode.set(region.code, region);
    for (const code of region.members) {
      const list = regionsByMember.get(code);
      if (list) list.push(region);
      else regionsByMember.set(code, [region]);
    }
  }
  return {
    meta: file.meta,
    regions: file.regions,
    regionsByCode,
    regionsByMember,
    coveredCount: regionsByMember.size,
  };
}

/**
 * Indexed layers by their regions array: the app builds a new atlas after every import or what-if move, and
 * every layer whose regions and metadata are the same objects keeps its index (and so its layer model).
 */
const indexed = new WeakMap<readonly Region[], AtlasLayer>();

function indexLayerOnce(file: LayerFile): AtlasLayer {
  const known = indexed.get(file.regions);
  if (known && known.meta === file.meta) return known;
  const layer = indexLayer(file);
  indexed.set(file.regions, layer);
  return layer;
}

/**
 * Build the atlas from a parsed topology and parsed layer files of the same geometry.
 * Throws DataError when the topology is not a valid gemeente topology (see `topologyIndex`).
 */
export function buildAtlas(geometry: GeometryEntry, topology: MunicipalityTopology, layerFiles: LayerFile[]): Atlas {
  const index = topologyIndex(topology);
  const municipalities = index.codes.map((code, n) => ({ code, ...index.properties[n]! }));
  const layers = layerFiles.map(indexLayerOnce);
  return {
    geometry,
    topology,
    index,
    municipalities,
    municipalitiesByCode: new Map(municipalities.map((m) => [m.code, m])),
    layers,
    layersById: new Map(layers.map((l) => [l.meta.id, l])),
  };
}
