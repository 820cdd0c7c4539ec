/**
 * Measuring: bounding boxes and areas of geometry (Turf), and region totals summed over members.
 * A region made of whole gemeenten gets its area and inhabitants as sums of the gemeente values
 * (exact and cheap); geometry is measured only where it must be.
 */
import { area } from '@turf/area';
import { bbox } from '@turf/bbox';
import type { BBox, Feature, FeatureCollection, Geometry } from 'geojson';
import { DataError } from '../errors';
import type { MunicipalityCode, MunicipalityProps, Region } from '../types';

/** Bounding box `[west, south, east, north]` in degrees of a feature, collection or geometry. */
export function bboxOf(input: Feature | FeatureCollection | Geometry): BBox {
  // A `bbox` member already on the input may be stale; always measure the coordinates.
  return bbox(input, { recompute: true });
}

/** Geodesic area of a (multi)polygon in km² (Turf, spherical Earth of radius 6371008.8 m). */
export function areaKm2Of(input: Feature | FeatureCollection | Geometry): number {
  return area(input) / 1e6;
}

/**
 * A sum over a region's members of a value that may be unknown for some of them.
 * `total` sums the known values only, so with `unknownCount > 0` it is a lower bound; the caller
 * shows it as such ("at least …, n unknown") rather than hiding the whole figure.
 */
export interface MemberSum {
  total: number;
  /** Members whose value is null (unknown). */
  unknownCount: number;
}

/**
 * Sum a numeric gemeente property over a region's members.
 * Throws DataError when a member is not in `byCode`.
 * @example
 * sumMembers({ code: 'R1', name: 'Noord', members: ['GM0001', 'GM0002'] }, byCode, 'inhabitants')
 * // { total: 3000, unknownCount: 0 } when the two have 1000 and 2000 inhabitants
 */
export function sumMembers(
  region: Pick<Region, 'code' | 'members'>,
  byCode: ReadonlyMap<MunicipalityCode, Pick<MunicipalityProps, 'areaKm2' | 'inhabitants'>>,
  key: 'areaKm2' | 'inhabitants',
): MemberSum {
  let total = 0;
  let unknownCount = 0;
  for (const code of region.members) {
    const municipality = byCode.get(code);
    if (!municipality) throw new DataError(`Region ${region.code}: member ${code} is not a known gemeente`);
    const value = municipality[key];
    if (value === null) unknownCount += 1;
    else total += value;
  }
  return { total, unknownCount };
}
