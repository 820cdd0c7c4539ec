/**
 * A feature on which Turf's intersect throws (as polyclip does on some broken rings that pass the checks)
 * is reported and left out, and the gemeenten are measured again without it.
 */
import { describe, expect, it, vi } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { importGeoJson } from '../../src/lib/import/geojson';
import type { ImportContext } from '../../src/lib/import/problems';
import { gridAtlas } from '../fixtures/grid-atlas';

/**
 * The longitude of a corner that marks the feature Turf "cannot" intersect in this test: on its north edge, so
 * that it stays in the part of the feature near the gemeenten of the north-east (GM0003).
 */
const BROKEN_MARK = 5.2555;

vi.mock('@turf/intersect', async (importOriginal) => {
  const real = await importOriginal<typeof import('@turf/intersect')>();
  return {
    // The importer hands over the part of the feature near the gemeente (a MultiPolygon): it is the broken one
    // when it has the marked corner.
    intersect: (collection: FeatureCollection<Polygon | MultiPolygon>, options?: Record<string, unknown>) => {
      const part = collection.features[1]?.geometry;
      const rings = part?.type === 'MultiPolygon' ? part.coordinates.flat() : (part?.coordinates ?? []);
      if (rings.some((ring) => ring.some((p) => p[0] === BROKEN_MARK))) {
        throw new Error('Unable to complete output ring');
      }
      return real.intersect(collection, options);
    },
  };
});

const context: ImportContext = { atlas: gridAtlas(), former: [], today: '2025-06-01' };

function rect(name: string, west: number, south: number, east: number, north: number, mark?: number) {
  const ring = [
    [west, south],
    [east, south],
    [east, north],
    ...(mark === undefined ? [] : [[mark, north]]),
    [west, north],
    [west, south],
  ];
  return { type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [ring] } };
}

describe('importGeoJson when Turf throws on a feature', () => {
  it('reports that feature once, leaves it out and measures the gemeenten again without it', () => {
    const result = importGeoJson(
      {
        type: 'FeatureCollection',
        features: [rect('Kapot', 5.111, 52.2, 5.3, 52.3, BROKEN_MARK), rect('Noord', 5.0, 52.2, 5.3, 52.3)],
      },
      'x.geojson',
      context,
    );
    expect(result.problems.filter((p) => p.kind !== 'partial-coverage')).toEqual([
      {
        severity: 'error',
        kind: 'invalid-geometry',
        row: 1,
        reason: 'intersect-failed',
        value: 'Kapot',
        detail: 'Unable to complete output ring',
      },
    ]);
    expect(result.layer?.regions).toEqual([{ code: 'U01', name: 'Noord', members: ['GM0001', 'GM0002', 'GM0003'] }]);
    expect(result.stats.matched).toBe(1);
  });
});
