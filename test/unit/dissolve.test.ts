import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MultiLineString, Position } from 'geojson';
import { DataError } from '../../src/lib/errors';
import {
  dissolveRegions,
  municipalityBorders,
  municipalityFeatures,
  outline,
  regionBorders,
} from '../../src/lib/geo/dissolve';
import { areaKm2Of, bboxOf, sumMembers } from '../../src/lib/geo/measure';
import { layerModel } from '../../src/lib/model/layer-model';
import { topologyIndex } from '../../src/lib/model/topology-index';
import type { Region } from '../../src/lib/types';
import { GRID, LAYOUTS, cellAreaKm2, cellOrigin, gridLayerFile } from '../fixtures/grid';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'golden', 'dissolve-grid.json');

/** Grid point (i, j) in degrees, computed like the TopoJSON transform does. */
function at(i: number, j: number): [number, number] {
  return [i * 0.1 + 5, j * 0.1 + 52];
}

function pointKey([x, y]: Position): string {
  return `${x!.toFixed(6)},${y!.toFixed(6)}`;
}

/** A segment's key, the same in either direction. */
function segmentKey(a: Position, b: Position): string {
  return [pointKey(a), pointKey(b)].sort().join(' ');
}

/** The unit segments of a mesh (every grid arc is one segment). */
function segmentsOf(mesh: MultiLineString): string[] {
  const keys = mesh.coordinates.flatMap((line) => line.slice(1).map((p, k) => segmentKey(line[k]!, p)));
  return keys.sort();
}

/** Expected segments, each from grid point (i1, j1) to (i2, j2). */
function segments(...list: [number, number, number, number][]): string[] {
  return list.map(([i1, j1, i2, j2]) => segmentKey(at(i1, j1), at(i2, j2))).sort();
}

/** Length of a mesh in degrees (plane), i.e. 0.1 per grid side. */
function lengthDeg(mesh: MultiLineString): number {
  let total = 0;
  for (const line of mesh.coordinates) {
    for (let k = 1; k < line.length; k++)
      total += Math.hypot(line[k]![0]! - line[k - 1]![0]!, line[k]![1]! - line[k - 1]![1]!);
  }
  return total;
}

/** Vertices of a closed ring where the direction changes (collinear points dropped). */
function corners(ring: Position[]): Position[] {
  const open = ring.slice(0, -1);
  return open.filter((p, k) => {
    const prev = open[(k - 1 + open.length) % open.length]!;
    const next = open[(k + 1) % open.length]!;
    const cross = (p[0]! - prev[0]!) * (next[1]! - p[1]!) - (p[1]! - prev[1]!) * (next[0]! - p[0]!);
    return Math.abs(cross) > 1e-12;
  });
}

const byCode = new Map(municipalityFeatures(GRID).features.map((f) => [f.properties.code, f.properties]));

describe('municipalityFeatures', () => {
  it('returns the nine squares sorted by code, with their properties and cells', () => {
    const features = municipalityFeatures(GRID).features;
    expect(features.map((f) => f.properties.code)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `GM000${n}`));
    expect(features[4]!.properties).toEqual({
      code: 'GM0005',
      name: 'Midden',
      areaKm2: cellAreaKm2(52.1, 52.2, 0.1),
      inhabitants: 5000,
    });
    for (const f of features) {
      const [west, south] = cellOrigin(f.properties.code);
      const [w, s, e, n] = bboxOf(f);
      expect([w, s, e, n].map((v) => v.toFixed(9))).toEqual(
        [west, south, west + 0.1, south + 0.1].map((v) => v.toFixed(9)),
      );
    }
  });

  it('has the area worked out on paper for each square (Turf agrees with R²·Δλ·Δsin φ)', () => {
    for (const f of municipalityFeatures(GRID).features) {
      expect(areaKm2Of(f) / f.properties.areaKm2).toBeCloseTo(1, 9);
      // About 76 km² near 52°N: 11.1 km × 6.8 km.
      expect(f.properties.areaKm2).toBeGreaterThan(75.5);
      expect(f.properties.areaKm2).toBeLessThan(76.5);
    }
  });
});

describe('dissolveRegions', () => {
  it('merges a row into one rectangle: one ring of 8 vertices of which 4 are corners', () => {
    const fc = dissolveRegions(GRID, LAYOUTS.rows, 'rows-2025');
    expect(fc.features.map((f) => f.properties)).toEqual([
      { layerId: 'rows-2025', code: 'R1', name: 'Noordrij', memberCount: 3 },
      { layerId: 'rows-2025', code: 'R2', name: 'Middenrij', memberCount: 3 },
      { layerId: 'rows-2025', code: 'R3', name: 'Zuidrij', memberCount: 3 },
    ]);
    const north = fc.features[0]!.geometry;
    expect(north.coordinates).toHaveLength(1);
    expect(north.coordinates[0]).toHaveLength(1);
    const ring = north.coordinates[0]![0]!;
    // Sides of three cells on top and bottom, one on each end, closed: 8 + 1 positions.
    expect(ring).toHaveLength(9);
    expect(pointKey(ring[0]!)).toBe(pointKey(ring[8]!));
    expect(corners(ring).map(pointKey).sort()).toEqual([at(0, 2), at(3, 2), at(3, 3), at(0, 3)].map(pointKey).sort());
    expect(bboxOf(north).map((v) => v.toFixed(9))).toEqual([
      '5.000000000',
      '52.200000000',
      '5.300000000',
      '52.300000000',
    ]);
    expect(fc.features.map((f) => f.id)).toEqual([undefined, undefined, undefined]);
  });

  it('gives each region the sum of its member areas (within 1e-9 relative)', () => {
    for (const layout of Object.values(LAYOUTS)) {
      for (const feature of dissolveRegions(GRID, layout, 'any').features) {
        const region = layout.find((r) => r.code === feature.properties.code)!;
        const { total, unknownCount } = sumMembers(region, byCode, 'areaKm2');
        expect(unknownCount).toBe(0);
        expect(areaKm2Of(feature) / total).toBeCloseTo(1, 9);
      }
    }
  });

  it('keeps the hole of a ring region and the L as one polygon with 6 corners', () => {
    const [ring] = dissolveRegions(GRID, LAYOUTS.ring, 'ring').features;
    expect(ring!.geometry.coordinates).toHaveLength(1);
    const [outer, hole] = ring!.geometry.coordinates[0]!;
    expect(hole).toBeDefined();
    expect(bboxOf({ type: 'Polygon', coordinates: [outer!] }).map((v) => v.toFixed(6))).toEqual([
      '5.000000',
      '52.000000',
      '5.300000',
      '52.300000',
    ]);
    expect(corners(hole!).map(pointKey).sort()).toEqual([at(1, 1), at(2, 1), at(2, 2), at(1, 2)].map(pointKey).sort());

    const [ell] = dissolveRegions(GRID, LAYOUTS.ell, 'ell').features;
    expect(ell!.geometry.coordinates).toHaveLength(1);
    expect(corners(ell!.geometry.coordinates[0]![0]!).map(pointKey).sort()).toEqual(
      [at(0, 0), at(3, 0), at(3, 1), at(1, 1), at(1, 3), at(0, 3)].map(pointKey).sort(),
    );
  });

  it('returns regions in code order and leaves its input alone', () => {
    const shuffled = [LAYOUTS.rows[2]!, LAYOUTS.rows[0]!, LAYOUTS.rows[1]!];
    const copy = structuredClone(shuffled);
    expect(dissolveRegions(GRID, shuffled, 'rows').features.map((f) => f.properties.code)).toEqual(['R1', 'R2', 'R3']);
    expect(shuffled).toEqual(copy);
  });

  it('names the region and the code of a member missing from the topology', () => {
    const regions: Region[] = [{ code: 'X1', name: 'Nergens', members: ['GM0001', 'GM0404'] }];
    expect(() => dissolveRegions(GRID, regions, 'test-2025')).toThrow(DataError);
    expect(() => dissolveRegions(GRID, regions, 'test-2025')).toThrow(
      'Layer test-2025, region X1 (Nergens): member GM0404 is not in the municipalities topology',
    );
  });

  it('refuses a region without members', () => {
    expect(() => dissolveRegions(GRID, [{ code: 'X2', name: 'Leeg', members: [] }], 'test-2025')).toThrow(
      'Layer test-2025, region X2 (Leeg): has no member gemeenten',
    );
  });

  it('matches the golden output (regenerate with UPDATE=1 and review the diff)', () => {
    const actual = {
      ell: dissolveRegions(GRID, LAYOUTS.ell, 'ell-2025'),
      ring: dissolveRegions(GRID, LAYOUTS.ring, 'ring-2025'),
      overlap: dissolveRegions(GRID, LAYOUTS.overlap, 'overlap-2025'),
    };
    if (process.env.UPDATE === '1') {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
    }
    if (!existsSync(GOLDEN))
      throw new Error(`${GOLDEN} is missing: run UPDATE=1 npx vitest run test/unit/dissolve.test.ts`);
    expect(actual).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });
});

describe('regionBorders', () => {
  const modelOf = (regions: readonly Region[]) =>
    layerModel(topologyIndex(GRID), { meta: { id: 'test-2025' }, regions });
  const bordersOf = (kind: keyof typeof LAYOUTS) => regionBorders(modelOf(gridLayerFile(kind, true).regions));

  it('draws exactly the two horizontal internal lines between rows, 0.6° in all', () => {
    const mesh = bordersOf('rows');
    expect(segmentsOf(mesh)).toEqual(
      segments([0, 1, 1, 1], [1, 1, 2, 1], [2, 1, 3, 1], [0, 2, 1, 2], [1, 2, 2, 2], [2, 2, 3, 2]),
    );
    expect(lengthDeg(mesh)).toBeCloseTo(0.6, 9);
    // Connected arcs are stitched into lines: one per parallel.
    expect(mesh.coordinates).toHaveLength(2);
  });

  it('draws the two vertical lines between columns, disjoint from the row borders', () => {
    const columns = segmentsOf(bordersOf('columns'));
    expect(columns).toEqual(
      segments([1, 0, 1, 1], [1, 1, 1, 2], [1, 2, 1, 3], [2, 0, 2, 1], [2, 1, 2, 2], [2, 2, 2, 3]),
    );
    const rows = new Set(segmentsOf(bordersOf('rows')));
    expect(columns.filter((s) => rows.has(s))).toEqual([]);
    // Together they are every gemeente border of the grid.
    expect([...rows, ...columns].sort()).toEqual(segmentsOf(municipalityBorders(GRID)));
  });

  it('draws the edge between covered and uncovered gemeenten of a partial layer', () => {
    expect(segmentsOf(bordersOf('partial'))).toEqual(segments([2, 1, 2, 2], [2, 2, 2, 3], [0, 1, 1, 1], [1, 1, 2, 1]));
  });

  it('compares sets of regions under multi-membership', () => {
    // GM0002 and GM0005 are in {M1, M2}: separated from {M1} to the west and {M2} to the east,
    // but not from each other; the south row is in no region.
    expect(segmentsOf(bordersOf('overlap'))).toEqual(
      segments([1, 1, 1, 2], [1, 2, 1, 3], [2, 1, 2, 2], [2, 2, 2, 3], [0, 1, 1, 1], [1, 1, 2, 1], [2, 1, 3, 1]),
    );
  });

  it('does not depend on the order of the regions or of a region’s members', () => {
    const regions = gridLayerFile('overlap', false, true).regions;
    const reversed = [...regions].reverse().map((r) => ({ ...r, members: [...r.members].reverse() }));
    expect(segmentsOf(regionBorders(modelOf(reversed)))).toEqual(segmentsOf(regionBorders(modelOf(regions))));
  });

  it('draws nothing for a layer whose one region covers everything', () => {
    const all: Region[] = [{ code: 'A', name: 'Alles', members: [...byCode.keys()] }];
    expect(regionBorders(modelOf(all)).coordinates).toEqual([]);
  });
});

describe('outline and municipalityBorders', () => {
  it('outline is the square perimeter: 12 sides, 1.2°, bbox of the grid', () => {
    const mesh = outline(GRID);
    const expected = [0, 1, 2].flatMap((k): [number, number, number, number][] => [
      [k, 0, k + 1, 0],
      [k, 3, k + 1, 3],
      [0, k, 0, k + 1],
      [3, k, 3, k + 1],
    ]);
    expect(segmentsOf(mesh)).toEqual(segments(...expected));
    expect(lengthDeg(mesh)).toBeCloseTo(1.2, 9);
    expect(bboxOf(mesh).map((v) => v.toFixed(6))).toEqual(['5.000000', '52.000000', '5.300000', '52.300000']);
  });

  it('gemeente borders are the 12 internal sides, none on the outline', () => {
    const mesh = municipalityBorders(GRID);
    expect(segmentsOf(mesh)).toHaveLength(12);
    expect(lengthDeg(mesh)).toBeCloseTo(1.2, 9);
    const perimeter = new Set(segmentsOf(outline(GRID)));
    expect(segmentsOf(mesh).filter((s) => perimeter.has(s))).toEqual([]);
  });
});

describe('sumMembers', () => {
  it('sums known values and counts unknown ones', () => {
    const [north, , south] = LAYOUTS.rows;
    expect(sumMembers(north!, byCode, 'inhabitants')).toEqual({ total: 6000, unknownCount: 0 });
    // GM0009 has no known inhabitants.
    expect(sumMembers(south!, byCode, 'inhabitants')).toEqual({ total: 15000, unknownCount: 1 });
    expect(sumMembers(south!, byCode, 'areaKm2').total).toBeCloseTo(3 * cellAreaKm2(52, 52.1, 0.1), 9);
  });

  it('names the region and code of an unknown member', () => {
    expect(() => sumMembers({ code: 'X', members: ['GM0404'] }, byCode, 'areaKm2')).toThrow(
      'Region X: member GM0404 is not a known gemeente',
    );
  });
});
