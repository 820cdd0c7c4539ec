/**
 * What the region panel and the hover card say about a region or a gemeente. Pure.
 */
import type { Atlas, AtlasLayer, Municipality } from '../data/atlas';
import type { LayerId, Region } from '../types';
import { sumMembers } from '../geo/measure';
import { compareCodes } from '../model/codes';

/** A region of another layer that shares gemeenten with the region in view. */
export interface TouchingRegion {
  region: Region;
  /** Gemeenten the two regions share. */
  sharedCount: number;
}

export interface RegionSummary {
  layer: AtlasLayer;
  region: Region;
  /** Members sorted by name (Dutch collation). */
  members: Municipality[];
  /** Sum of the members' known inhabitants. */
  inhabitants: number;
  /** Members whose inhabitants are unknown (then `inhabitants` is a lower bound). */
  unknownInhabitantsCount: number;
  /** Sum of the members' areas, km². */
  areaKm2: number;
  /** Per other layer, in the given order: the regions sharing gemeenten with this one, most shared first. */
  touches: { layer: AtlasLayer; regions: TouchingRegion[]; uncoveredCount: number }[];
}

/**
 * Summarise `region` of `layer` and how it meets the regions of `otherLayerIds`.
 * @example summarizeRegion(atlas, 'jeugdregio-2025', 'JZ01', ['veiligthuis-2025']).touches[0].regions.length // 1
 */
export function summarizeRegion(
  atlas: Atlas,
  layerId: LayerId,
  regionCode: string,
  otherLayerIds: readonly LayerId[],
): RegionSummary | null {
  const layer = atlas.layersById.get(layerId);
  const region = layer?.regionsByCode.get(regionCode);
  if (!layer || !region) return null;
  const members = region.members
    .flatMap((code) => atlas.municipalitiesByCode.get(code) ?? [])
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const people = sumMembers(region, atlas.municipalitiesByCode, 'inhabitants');
  const area = sumMembers(region, atlas.municipalitiesByCode, 'areaKm2');
  const touches = otherLayerIds
    .filter((id) => id !== layerId)
    .flatMap((id) => atlas.layersById.get(id) ?? [])
    .map((other) => {
      const shared = new Map<string, TouchingRegion>();
      let uncoveredCount = 0;
      for (const code of region.members) {
        const theirs = other.regionsByMember.get(code);
        if (!theirs) uncoveredCount++;
        for (const r of theirs ?? []) {
          const entry = shared.get(r.code);
          if (entry) entry.sharedCount++;
          else shared.set(r.code, { region: r, sharedCount: 1 });
        }
      }
      const regions = [...shared.values()].sort(
        (a, b) => b.sharedCount - a.sharedCount || compareCodes(a.region.code, b.region.code),
      );
      return { layer: other, regions, uncoveredCount };
    });
  return {
    layer,
    region,
    members,
    inhabitants: people.total,
    unknownInhabitantsCount: people.unknownCount,
    areaKm2: area.total,
    touches,
  };
}
