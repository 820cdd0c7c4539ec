/**
 * The geometric path for region overlaps: intersection area and Jaccard by area measured on
 * polygons with Turf (`@turf/intersect`, `@turf/area`). For regions that do not follow gemeente
 * borders (imported polygons, sub-municipal units), where the set path of `region-pairs.ts` cannot
 * apply. Pure. It returns the set path's `AreaOverlap`, and on layers made of whole gemeenten the
 * two agree (tested).
 */
import { intersect } from '@turf/intersect';
import type { BBox, Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Atlas, AtlasLayer } from '../data/atlas';
import { dissolveRegions } from '../geo/dissolve';
import { areaKm2Of, bboxOf } from '../geo/measure';
import type { RegionCode } from '../types';
import { compareCodes } from '../model/codes';
import type { AreaOverlap } from './region-pairs';

/** A region as a polygon: only its code is needed. */
export type RegionPolygon = Feature<Polygon | MultiPolygon, { code: RegionCode }>;

/** Options of `measureOverlapsGeometrically`. */
export interface GeometricOptions {
  /**
   * Skip pairs whose bounding boxes are disjoint, which cannot overlap (default true). Off, every
   * pair is intersected: the naive baseline the benchmark times.
   */
  isBboxFiltered?: boolean;
}

/**
 * Intersection area and Jaccard by area of every pair of regions (one of each collection) that
 * overlap with positive area, sorted by code of A, then of B. Areas are geodesic (Turf, km²), the
 * union is area(A) + area(B) − area(A ∩ B). Touching regions (a shared border, no area) are no pair.
 * @example
 * // Two unit squares offset by half a side share half of each: 0.5 / (1 + 1 − 0.5) = 1/3.
 * measureOverlapsGeometrically(squareAt0, squareAtHalf)[0].jaccardByArea // ≈ 0.3333
 */
export function measureOverlapsGeometrically(
  regionsA: FeatureCollection<Polygon | MultiPolygon, { code: RegionCode }>,
  regionsB: FeatureCollection<Polygon | MultiPolygon, { code: RegionCode }>,
  options: GeometricOptions = {},
): AreaOverlap[] {
  const isBboxFiltered = options.isBboxFiltered ?? true;
  const measured = (features: readonly RegionPolygon[]): { feature: RegionPolygon; areaKm2: number; bbox: BBox }[] =>
    [...features]
      .sort((x, y) => compareCodes(x.properties.code, y.properties.code))
      .map((feature) => ({ feature, areaKm2: areaKm2Of(feature), bbox: bboxOf(feature) }));
  const as = measured(regionsA.features);
  const bs = measured(regionsB.features);
  const overlaps: AreaOverlap[] = [];
  for (const a of as) {
    for (const b of bs) {
      if (isBboxFiltered && !boxesMeet(a.bbox, b.bbox)) continue;
      const both = intersect({ type: 'FeatureCollection', features: [a.feature, b.feature] });
      const intersectionKm2 = both ? areaKm2Of(both) : 0;
      if (intersectionKm2 <= 0) continue;
      const unionKm2 = a.areaKm2 + b.areaKm2 - intersectionKm2;
      overlaps.push({
        codeA: a.feature.properties.code,
        codeB: b.feature.properties.code,
        intersectionKm2,
        unionKm2,
        jaccardByArea: unionKm2 > 0 ? intersectionKm2 / unionKm2 : null,
      });
    }
  }
  return overlaps;
}

/**
 * The geometric path on two layers of the atlas: dissolve each layer's regions on the topology
 * (`dissolveRegions`) and intersect them with Turf. Slow (seconds for the real layers); the set path
 * (`computeCrosswalk`) gives the same numbers for layers of whole gemeenten.
 * @example compareLayersGeometrically(grid, rows, columns).length // 9: every row meets every column in one cell
 */
export function compareLayersGeometrically(
  atlas: Atlas,
  layerA: AtlasLayer,
  layerB: AtlasLayer,
  options: GeometricOptions = {},
): AreaOverlap[] {
  return measureOverlapsGeometrically(
    dissolveRegions(atlas.topology, layerA.regions, layerA.meta.id),
    dissolveRegions(atlas.topology, layerB.regions, layerB.meta.id),
    options,
  );
}

/** Whether two bounding boxes `[west, south, east, north]` share a point. */
function boxesMeet(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
