/**
 * The loaded atlas: one gemeente set with its layers, indexed for lookups.
 * Pure: built from already-parsed files, shared by the app and the command-line interface.
 */
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
import { MUNICIPALITIES_OBJECT } from '../types';

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
  /** Sorted by code. */
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

/** Build the atlas from a parsed topology and parsed layer files of the same geometry. */
export function buildAtlas(geometry: GeometryEntry, topology: MunicipalityTopology, layerFiles: LayerFile[]): Atlas {
  const municipalities = topology.objects[MUNICIPALITIES_OBJECT].geometries
    .map((g) => ({ code: String(g.id), ...(g.properties as MunicipalityProps) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const layers = layerFiles.map(indexLayer);
  return {
    geometry,
    topology,
    municipalities,
    municipalitiesByCode: new Map(municipalities.map((m) => [m.code, m])),
    layers,
    layersById: new Map(layers.map((l) => [l.meta.id, l])),
  };
}
