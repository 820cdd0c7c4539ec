/**
 * Nestedness: how many regions of one layer lie wholly inside a single region of another, so that a
 * sentence like "40 of 42 jeugdzorgregio's lie wholly inside one Veilig Thuis-regio" can be read off.
 * Pure; directional (A in B differs from B in A). Identical regions count as nested and are also
 * counted apart.
 */
import type { Atlas, AtlasLayer } from '../data/atlas';
import type { RegionCode } from '../types';
import { layerModel } from '../model/layer-model';
import { computeCrosswalk, type RegionMatch } from './region-pairs';

/** Nestedness of an inner layer's regions in an outer layer. */
export interface Nestedness {
  /** Regions of the inner layer. */
  regionCount: number;
  /** Inner regions whose members all belong to one outer region. */
  nestedCount: number;
  /** Inner regions with exactly the members of an outer region (included in `nestedCount`). */
  identicalCount: number;
  /** nestedCount / regionCount, in [0, 1]; null for a layer without regions. */
  share: number | null;
  /** Area of the nested regions / area of all inner regions, in [0, 1] (regions summed as they are, overlaps included). */
  shareByArea: number | null;
  /** Known inhabitants of the nested regions / known inhabitants of all inner regions; null when none is known. */
  shareByInhabitants: number | null;
  /** Memberships (region, gemeente) with unknown inhabitants, left out of `shareByInhabitants`. */
  unknownInhabitantsCount: number;
  /** Codes of the inner regions that are not nested, sorted. */
  notNestedCodes: RegionCode[];
}

/**
 * Summarise nestedness from the inner layer's side of a crosswalk (`crosswalk.fromA` for A in B,
 * `crosswalk.fromB` for B in A), so that a full comparison computes the crosswalk only once.
 * @example summarizeNestedness(grid, rows, computeCrosswalk(grid, rows, ell).fromA).nestedCount // 1 (Zuidrij)
 */
export function summarizeNestedness(atlas: Atlas, inner: AtlasLayer, matches: readonly RegionMatch[]): Nestedness {
  const index = layerModel(atlas.index, inner);
  if (matches.length !== index.regions.length) {
    throw new Error(`unreachable: ${matches.length} matches for ${index.regions.length} regions of ${inner.meta.id}`);
  }
  let nestedCount = 0;
  let identicalCount = 0;
  let area = 0;
  let nestedArea = 0;
  let people = 0;
  let nestedPeople = 0;
  let unknownInhabitantsCount = 0;
  const notNestedCodes: RegionCode[] = [];
  matches.forEach((match, r) => {
    const totals = index.totals[r]!;
    const regionArea = totals.areaKm2;
    area += regionArea;
    people += totals.inhabitants;
    unknownInhabitantsCount += totals.unknownInhabitantsCount;
    if (match.isIdentical) identicalCount++;
    if (match.isNested) {
      nestedCount++;
      nestedArea += regionArea;
      nestedPeople += totals.inhabitants;
    } else notNestedCodes.push(match.code);
  });
  const regionCount = matches.length;
  return {
    regionCount,
    nestedCount,
    identicalCount,
    share: regionCount > 0 ? nestedCount / regionCount : null,
    shareByArea: area > 0 ? nestedArea / area : null,
    shareByInhabitants: people > 0 ? nestedPeople / people : null,
    unknownInhabitantsCount,
    notNestedCodes,
  };
}

/**
 * Nestedness of the regions of `inner` in the regions of `outer`.
 * @example
 * // Every grid cell lies in a row; of the rows only Zuidrij {7, 8, 9} lies inside one region (Hoek) of the L layout.
 * computeNestedness(grid, cells, rows).share // 1
 * computeNestedness(grid, rows, ell).notNestedCodes // ['R1', 'R2']
 */
export function computeNestedness(atlas: Atlas, inner: AtlasLayer, outer: AtlasLayer): Nestedness {
  return summarizeNestedness(atlas, inner, computeCrosswalk(atlas, inner, outer).fromA);
}
