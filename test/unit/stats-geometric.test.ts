/**
 * The geometric path (Turf intersect/area on polygons) against the set path (sums of gemeente areas),
 * and on polygons that do not follow gemeente borders. Expected areas come from the spherical
 * formula of `cellAreaKm2` (R²·Δλ·(sin φ₂ − sin φ₁)), which Turf's area matches to well within 0.5%.
 */
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { compareLayersGeometrically, measureOverlapsGeometrically } from '../../src/lib/stats/geometric';
import { computeCrosswalk } from '../../src/lib/stats/region-pairs';
import { cellAreaKm2, LAYOUTS } from '../fixtures/grid';
import { gridAtlas, gridLayer, type GridKind } from '../fixtures/grid-atlas';

const grid = gridAtlas();
const KINDS = Object.keys(LAYOUTS) as GridKind[];

/** A collection of lon/lat rectangles `[west, south, east, north]` with codes. */
function rectangles(
  boxes: Record<string, [number, number, number, number]>,
): FeatureCollection<Polygon | MultiPolygon, { code: string }> {
  return {
    type: 'FeatureCollection',
    features: Object.entries(boxes).map(([code, [w, s, e, n]]) => ({
      type: 'Feature',
      properties: { code },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [w, s],
            [e, s],
            [e, n],
            [w, n],
            [w, s],
          ],
        ],
      },
    })),
  };
}

describe('geometric path', () => {
  it('agrees with the set path on every pair of grid layouts within 0.5% of area', () => {
    for (const kindA of KINDS) {
      for (const kindB of KINDS) {
        const layerA = gridLayer(grid, kindA);
        const layerB = gridLayer(grid, kindB);
        const sets = computeCrosswalk(grid, layerA, layerB).pairs;
        const shapes = compareLayersGeometrically(grid, layerA, layerB);
        const label = `${kindA} × ${kindB}`;
        // The same pairs overlap (regions that only touch give no pair) …
        expect(
          shapes.map((o) => `${o.codeA}-${o.codeB}`),
          label,
        ).toEqual(sets.map((p) => `${p.codeA}-${p.codeB}`));
        // … with the same areas and Jaccard indices.
        shapes.forEach((shape, i) => {
          const set = sets[i]!;
          expect(Math.abs(shape.intersectionKm2 - set.intersectionKm2) / set.intersectionKm2, label).toBeLessThan(
            0.005,
          );
          expect(Math.abs(shape.unionKm2 - set.unionKm2) / set.unionKm2, label).toBeLessThan(0.005);
          expect(Math.abs(shape.jaccardByArea! - set.jaccardByArea!), label).toBeLessThan(0.005);
        });
      }
    }
  });

  it('gives the same pairs with and without the bounding-box filter', () => {
    const layerA = gridLayer(grid, 'hub');
    const layerB = gridLayer(grid, 'cup');
    expect(compareLayersGeometrically(grid, layerA, layerB, { isBboxFiltered: false })).toEqual(
      compareLayersGeometrically(grid, layerA, layerB),
    );
  });

  it('measures regions that do not follow gemeente borders', () => {
    // A (0.2° × 0.2° from 5.0, 52.0) and B (from 5.1, 52.1) overlap in the 0.1° cell from (5.1, 52.1);
    // C lies east of both and touches B along the meridian 5.3 only.
    const result = measureOverlapsGeometrically(
      rectangles({ A: [5.0, 52.0, 5.2, 52.2] }),
      rectangles({ C: [5.3, 52.0, 5.4, 52.2], B: [5.1, 52.1, 5.3, 52.3] }),
    );
    expect(result).toHaveLength(1);
    const overlap = result[0]!;
    const both = cellAreaKm2(52.1, 52.2, 0.1);
    const union = cellAreaKm2(52.0, 52.2, 0.2) + cellAreaKm2(52.1, 52.3, 0.2) - both;
    expect(overlap).toMatchObject({ codeA: 'A', codeB: 'B' });
    expect(overlap.intersectionKm2 / both).toBeCloseTo(1, 2);
    expect(overlap.jaccardByArea! / (both / union)).toBeCloseTo(1, 2);
  });

  it('sorts the pairs by code whatever the feature order', () => {
    const result = measureOverlapsGeometrically(
      rectangles({ Z: [5.0, 52.0, 5.1, 52.1], A: [5.0, 52.0, 5.1, 52.1] }),
      rectangles({ Y: [5.0, 52.0, 5.1, 52.1], B: [5.0, 52.0, 5.1, 52.1] }),
    );
    expect(result.map((o) => `${o.codeA}-${o.codeB}`)).toEqual(['A-B', 'A-Y', 'Z-B', 'Z-Y']);
    expect(result[0]!.jaccardByArea).toBeCloseTo(1, 9);
  });
});
