/**
 * A feature on which Turf's intersect throws (as polyclip does on some broken rings that pass the checks)
 * is reported and left out, and the gemeenten are measured again without it.
 */
import { describe, expect, it, vi } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { importGeoJson } from '../../src/lib/import/geojson';
import type { ImportContext } from '../../src/lib/import/problems';
import { gridAtlas } from '../fixtures/grid-atlas';

/** The west edge that marks the feature Turf "cannot" intersect in this test. */
const BROKEN_WEST = 5.111;

vi.mock('@turf/intersect', async (importOriginal) => {
  const real = await importOriginal<typeof import('@turf/intersect')>();
  return {
    intersect: (collection: FeatureCollection<Polygon>, options?: Record<string, unknown>) => {
      const ring = collection.features[1]?.geometry.coordinates[0];
      if (ring?.[0]?.[0] === BROKEN_WEST) throw new Error('Unable to complete output ring');
      return real.intersect(collection, options);
    },
  };
});

const context: ImportContext = { atlas: gridAtlas(), former: [], today: '2025-06-01' };

function rect(name: string, west: number, south: number, east: number, north: number) {
  const ring = [
    [west, south],
    [east, south],
    [east, north],
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
        features: [rect('Kapot', BROKEN_WEST, 52.2, 5.3, 52.3), rect('Noord', 5.0, 52.2, 5.3, 52.3)],
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
