/**
 * A gemeente's profile: its province and, for every layer, its region(s) with their size and partners; and
 * the gemeenten it shares a region with in the most layers ("always together", counted over the layers that
 * give every gemeente a region), which brings out regions with an identity of their own (Rivierenland,
 * Parkstad, Hoeksche Waard). Pure; computed on codes only.
 */
import { DataError } from '../errors';
import type { Atlas, AtlasLayer, Municipality } from '../data/atlas';
import { compareCodes } from '../model/codes';
import { sumMembers } from '../geo/measure';
import type { LayerId, MunicipalityCode, Region } from '../types';

/** The layer kind whose regions are the provinces. */
export const PROVINCE_KIND = 'provincie';

/** One region of the gemeente in one layer. */
export interface RegionProfile {
  region: Region;
  /** Number of member gemeenten, the gemeente itself included. */
  memberCount: number;
  /** Sum of the members' known inhabitants (a lower bound when `unknownInhabitantsCount > 0`). */
  inhabitants: number;
  /** Members whose inhabitants are unknown. */
  unknownInhabitantsCount: number;
  /** The other members, sorted by name (Dutch collation), then code. */
  partners: Municipality[];
}

/** The gemeente's place in one layer. */
export interface LayerProfile {
  layer: AtlasLayer;
  /** Its regions in this layer, by code; empty when the layer has no data for it. */
  regions: RegionProfile[];
}

export interface MunicipalityProfile {
  municipality: Municipality;
  /** Its region in the first layer of kind `provincie`, or null without such a layer or data. */
  province: Region | null;
  /** One entry per layer of the atlas, in registry order. */
  layers: LayerProfile[];
}

/**
 * The profile of the gemeente `code`. Throws DataError for a code that is not a gemeente of the atlas.
 * @example
 * municipalityProfile(atlas, 'GM0005').layers[0].regions[0]
 * // { region: R2 Middenrij, memberCount: 3, inhabitants: 15000, unknownInhabitantsCount: 0, partners: [Oost, West] }
 */
export function municipalityProfile(atlas: Atlas, code: MunicipalityCode): MunicipalityProfile {
  const municipality = requireMunicipality(atlas, code);
  const layers = atlas.layers.map((layer): LayerProfile => ({
    layer,
    regions: [...(layer.regionsByMember.get(code) ?? [])]
      .sort((a, b) => compareCodes(a.code, b.code))
      .map((region): RegionProfile => {
        const people = sumMembers(region, atlas.municipalitiesByCode, 'inhabitants');
        return {
          region,
          memberCount: region.members.length,
          inhabitants: people.total,
          unknownInhabitantsCount: people.unknownCount,
          partners: sortByName(
            region.members.filter((m) => m !== code).flatMap((m) => atlas.municipalitiesByCode.get(m) ?? []),
          ),
        };
      }),
  }));
  const provinceLayer = atlas.layers.find((l) => l.meta.kind === PROVINCE_KIND);
  return {
    municipality,
    province: provinceLayer?.regionsByMember.get(code)?.[0] ?? null,
    layers,
  };
}

/** Another gemeente and how often it shares a region with the one asked about. */
export interface TogetherEntry {
  municipality: Municipality;
  /** Layers in which the two share at least one region. */
  sharedCount: number;
  /** The layers counted (`togetherLayers(…).counted`): the same for every entry of a profile (≥ `sharedCount`). */
  comparableCount: number;
  /** The layers in which they share a region, in registry order. */
  sharedLayerIds: LayerId[];
}

/** Which layers "always together" counts, and which it leaves out. */
export interface TogetherLayers {
  /** The layers that give every gemeente of the atlas a region, in registry order. */
  counted: AtlasLayer[];
  /** The others (partial layers such as CJG, which knows 5 of 342), in registry order. */
  leftOut: AtlasLayer[];
}

/**
 * The layers "always together" counts: only those that give every gemeente a region, so that every
 * count in a profile is out of the same number of layers (issue #12: a partial layer made it "9 of 11"
 * for one partner next to "10 of 10" for another, where it knew one of the two). `layerIds` restricts
 * the layers considered (default: all of the atlas).
 * @example togetherLayers(atlas).counted.map((l) => l.meta.id) // ['rows-2025', 'columns-2025', 'ell-2025'] on the grid
 */
export function togetherLayers(atlas: Atlas, layerIds?: readonly LayerId[]): TogetherLayers {
  const layers = layerIds ? atlas.layers.filter((l) => layerIds.includes(l.meta.id)) : atlas.layers;
  const total = atlas.municipalities.length;
  return {
    counted: layers.filter((l) => l.coveredCount === total),
    leftOut: layers.filter((l) => l.coveredCount !== total),
  };
}

/**
 * The gemeenten that share a region with `code` in the most layers: each other gemeente with at least one
 * shared layer, ranked by the number of shared layers (descending), ties by name (Dutch collation), then code;
 * at most `limit`. Only the layers of `togetherLayers` are counted (those that give every gemeente a region),
 * so `comparableCount` is their number for every entry. `layerIds` restricts the layers considered (default:
 * all). Throws DataError for a code that is not a gemeente of the atlas.
 * @example alwaysTogether(atlas, 'GM0005', 1) // [{ municipality: Noord (GM0002), sharedCount: 2, comparableCount: 3, … }]
 */
export function alwaysTogether(
  atlas: Atlas,
  code: MunicipalityCode,
  limit = 10,
  layerIds?: readonly LayerId[],
): TogetherEntry[] {
  requireMunicipality(atlas, code);
  const { counted } = togetherLayers(atlas, layerIds);
  const shared = new Map<MunicipalityCode, LayerId[]>();
  for (const layer of counted) {
    const partners = new Set((layer.regionsByMember.get(code) ?? []).flatMap((r) => r.members));
    partners.delete(code);
    for (const partner of partners) shared.set(partner, [...(shared.get(partner) ?? []), layer.meta.id]);
  }
  return [...shared]
    .flatMap(([partner, sharedLayerIds]): TogetherEntry[] => {
      const municipality = atlas.municipalitiesByCode.get(partner);
      if (!municipality) return [];
      return [{ municipality, sharedCount: sharedLayerIds.length, comparableCount: counted.length, sharedLayerIds }];
    })
    .sort((a, b) => b.sharedCount - a.sharedCount || compareByName(a.municipality, b.municipality))
    .slice(0, Math.max(0, limit));
}

function requireMunicipality(atlas: Atlas, code: MunicipalityCode): Municipality {
  const municipality = atlas.municipalitiesByCode.get(code);
  if (!municipality) throw new DataError(`Unknown gemeente code ${code} (geometry ${atlas.geometry.id})`);
  return municipality;
}

function sortByName(list: Municipality[]): Municipality[] {
  return list.sort(compareByName);
}

function compareByName(a: Municipality, b: Municipality): number {
  return a.name.localeCompare(b.name, 'nl') || compareCodes(a.code, b.code);
}
