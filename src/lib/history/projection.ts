/**
 * A layer of one year expressed on the gemeenten of another (issue 10): each gemeente of the matching's `from`
 * year gets the region(s) of its match in the layer's year. The result is a layer file of the `from` year, so
 * every statistic of the atlas (compareLayers, computePairMetrics, the matrix) runs on it unchanged, next to
 * that year's own layers. Multi-membership and partial coverage carry over: a gemeente matched to a gemeente
 * in two regions is in both, one matched to a gemeente in none is in none. Pure.
 */
import { buildAtlas, type Atlas } from '../data/atlas';
import { DataError } from '../errors';
import { compareCodes } from '../model/codes';
import type { LayerFile, LayerId, LayerMeta, MunicipalityCode, Region, RegionCode } from '../types';
import type { Matching, MatchingMethod, YearRef } from './matching';

/** What the history reads of a layer: its metadata and regions. An `AtlasLayer` and a `LayerFile` are one. */
export interface HistoryLayer {
  meta: LayerMeta;
  regions: readonly Region[];
}

/** How a projected layer was made. */
export interface ProjectionInfo {
  /** The layer projected, e.g. `veiligthuis-2025`. */
  sourceLayerId: LayerId;
  /** The year of the layer's own gemeenten (`veiligthuis-2025`: 2025). */
  sourceYear: YearRef;
  /** The year whose gemeenten the regions now list. */
  ontoYear: YearRef;
  method: MatchingMethod;
  /** Gemeenten of the `onto` year whose area is divided over several gemeenten of the source year (code order): they take their largest share's region(s). */
  partialCodes: MunicipalityCode[];
  /** Regions left out because no gemeente of the `onto` year is matched to one of their members (code order). */
  droppedRegions: RegionCode[];
}

/** A layer's metadata after projection: id `<layer id>~<onto year>`, geometry of the `onto` year. */
export interface ProjectedLayerMeta extends LayerMeta {
  projection: ProjectionInfo;
}

/** A projected layer: a `LayerFile` of the `onto` year, with how it was made. */
export interface ProjectedLayerFile extends LayerFile {
  meta: ProjectedLayerMeta;
}

/**
 * The id of `layerId` projected onto the gemeenten of `year`.
 * @example projectedLayerId('veiligthuis-2025', 2016) // 'veiligthuis-2025~2016'
 */
export function projectedLayerId(layerId: LayerId, year: number): LayerId {
  return `${layerId}~${year}`;
}

/**
 * The layer and year a projected layer's id names, or null for another id.
 * @example parseProjectedLayerId('veiligthuis-2025~2016') // { layerId: 'veiligthuis-2025', ontoYear: 2016 }
 */
export function parseProjectedLayerId(id: LayerId): { layerId: LayerId; ontoYear: number } | null {
  const match = /^(.+)~(\d{4})$/.exec(id);
  return match ? { layerId: match[1]!, ontoYear: Number(match[2]) } : null;
}

/**
 * `layer` (of the matching's `to` year) on the gemeenten of the matching's `from` year: region by region, the
 * `from` gemeenten whose match is one of its members. The metadata is copied with the new id and geometry
 * (`meta.year` stays the layout's own year) and a `projection` that says how it was made. Throws DataError
 * when the layer is not of the matching's `to` year.
 * @example
 * const vt = projectLayer(veiligthuis2025, matchMunicipalities(atlas2016, atlas2025, areas, former2025));
 * vt.meta.id // 'veiligthuis-2025~2016'
 * vt.regions.find((r) => r.code === 'VT27')?.members.includes('GM0788') // true: Haaren goes with Vught (39 %)
 */
export function projectLayer(layer: HistoryLayer, matching: Matching): ProjectedLayerFile {
  if (layer.meta.geometryId !== matching.to.geometryId) {
    throw new DataError(
      `Layer ${layer.meta.id} is on ${layer.meta.geometryId}, not on ${matching.to.geometryId} that the matching leads to`,
    );
  }
  // The `from` gemeenten per target gemeente: linear in the gemeenten.
  const byTarget = new Map<MunicipalityCode, MunicipalityCode[]>();
  for (const m of matching.matches) {
    const list = byTarget.get(m.target);
    if (list) list.push(m.code);
    else byTarget.set(m.target, [m.code]);
  }
  const regions: Region[] = [];
  const droppedRegions: RegionCode[] = [];
  for (const region of layer.regions) {
    const members = region.members.flatMap((code) => byTarget.get(code) ?? []).sort(compareCodes);
    if (members.length === 0) droppedRegions.push(region.code);
    else regions.push({ ...region, members: dedupe(members) });
  }
  regions.sort((a, b) => compareCodes(a.code, b.code));
  return {
    format: 'samenwerkingsatlas/layer@1',
    meta: {
      ...layer.meta,
      id: projectedLayerId(layer.meta.id, matching.from.year),
      geometryId: matching.from.geometryId,
      projection: {
        sourceLayerId: layer.meta.id,
        sourceYear: matching.to,
        ontoYear: matching.from,
        method: matching.method,
        partialCodes: matching.matches.filter((m) => m.status === 'partial').map((m) => m.code),
        droppedRegions: droppedRegions.sort(compareCodes),
      },
    },
    regions,
  };
}

/**
 * Whether a layer's metadata is that of a projected layer.
 * @example isProjected(projectLayer(vt2025, m).meta) // true
 */
export function isProjected(meta: LayerMeta): meta is ProjectedLayerMeta {
  return 'projection' in meta && (meta as ProjectedLayerMeta).projection !== undefined;
}

/**
 * `atlas` with `layers` added after its own (a layer with the same id is replaced): the atlas on which a
 * projected layer is compared with the year's own layers. The topology index and the existing layers' indexes
 * are reused. Throws DataError when a layer is not on the atlas's gemeenten.
 * @example compareLayers(withLayers(atlas2016, [projectLayer(vt2025, m)]), 'veiligthuis-2016', 'veiligthuis-2025~2016')
 */
export function withLayers(atlas: Atlas, layers: readonly LayerFile[]): Atlas {
  for (const layer of layers) {
    if (layer.meta.geometryId !== atlas.geometry.id) {
      throw new DataError(`Layer ${layer.meta.id} is on ${layer.meta.geometryId}, not on ${atlas.geometry.id}`);
    }
  }
  const added = new Set(layers.map((l) => l.meta.id));
  const own: LayerFile[] = atlas.layers
    .filter((l) => !added.has(l.meta.id))
    .map((l) => ({ format: 'samenwerkingsatlas/layer@1', meta: l.meta, regions: l.regions }));
  return buildAtlas(atlas.geometry, atlas.topology, [...own, ...layers]);
}

function dedupe(sorted: MunicipalityCode[]): MunicipalityCode[] {
  return sorted.filter((code, i) => i === 0 || sorted[i - 1] !== code);
}
