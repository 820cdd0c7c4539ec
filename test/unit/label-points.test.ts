import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { dissolveRegions } from '../../src/lib/geo/dissolve';
import { regionLabelPoint } from '../../src/lib/geo/label-points';
import type { Region } from '../../src/lib/types';
import { GRID, LAYOUTS, cellOrigin } from '../fixtures/grid';

const STEP = 0.1;

/** The grid cell (as a gemeente code) whose interior holds the point, or undefined on a side or outside. */
function cellAt([lon, lat]: [number, number]): string | undefined {
  const column = (lon - 5) / STEP;
  const fromSouth = (lat - 52) / STEP;
  const eps = 1e-9;
  const c = Math.floor(column);
  const j = Math.floor(fromSouth);
  if (c < 0 || c > 2 || j < 0 || j > 2) return undefined;
  if (column - c < eps || c + 1 - column < eps || fromSouth - j < eps || j + 1 - fromSouth < eps) return undefined;
  return `GM000${(2 - j) * 3 + c + 1}`;
}

/** Whether the point is inside the region: in a member cell or on a side between two, not on the outline. */
function isInside(region: Region, point: [number, number]): boolean {
  const [lon, lat] = point;
  const inMemberCell = region.members.some((m) => {
    const [west, south] = cellOrigin(m);
    return lon >= west && lon <= west + STEP && lat >= south && lat <= south + STEP;
  });
  return inMemberCell && distanceToOutline(region, point) > 1e-9;
}

/**
 * Distance from a point to a region's outline, worked out from the grid: the outline is every cell
 * side between a member cell and a non-member cell or the outside. Measured like the label search,
 * with longitude scaled by the cosine of the region's mid latitude (units: degrees of latitude).
 */
function outlineDistance(region: Region): (point: [number, number]) => number {
  const isMember = (c: number, j: number) =>
    c >= 0 && c <= 2 && j >= 0 && j <= 2 && region.members.includes(`GM000${(2 - j) * 3 + c + 1}`);
  const lats = region.members.map((m) => cellOrigin(m)[1]);
  const kx = Math.cos((((Math.min(...lats) + Math.max(...lats) + STEP) / 2) * Math.PI) / 180);
  const sides: [number, number, number, number][] = [];
  for (let c = -1; c <= 3; c++) {
    for (let j = -1; j <= 3; j++) {
      if (isMember(c, j) !== isMember(c + 1, j))
        sides.push([(c + 1) * STEP * kx, j * STEP, (c + 1) * STEP * kx, (j + 1) * STEP]);
      if (isMember(c, j) !== isMember(c, j + 1))
        sides.push([c * STEP * kx, (j + 1) * STEP, (c + 1) * STEP * kx, (j + 1) * STEP]);
    }
  }
  return ([lon, lat]) => {
    const px = (lon - 5) * kx;
    const py = lat - 52;
    let best = Infinity;
    for (const [ax, ay, bx, by] of sides) {
      const t = Math.max(
        0,
        Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
      );
      best = Math.min(best, Math.hypot(ax + t * (bx - ax) - px, ay + t * (by - ay) - py));
    }
    return best;
  };
}

function distanceToOutline(region: Region, point: [number, number]): number {
  return outlineDistance(region)(point);
}

/** The best distance to the outline over a fine lattice of points inside the region (brute force). */
function bruteForceBest(region: Region): number {
  const distance = outlineDistance(region);
  let best = 0;
  const n = 300;
  for (let a = 1; a < n; a++) {
    for (let b = 1; b < n; b++) {
      const point: [number, number] = [5 + (0.3 * a) / n, 52 + (0.3 * b) / n];
      const cell = cellAt(point);
      if (cell && region.members.includes(cell)) best = Math.max(best, distance(point));
    }
  }
  return best;
}

/** Centroid of a region as the mean of its (nearly equal) cell centres. */
function cellCentroid(region: Region): [number, number] {
  const centres = region.members.map((m) => cellOrigin(m)).map(([x, y]) => [x + STEP / 2, y + STEP / 2]);
  return [
    centres.reduce((s, c) => s + c[0]!, 0) / centres.length,
    centres.reduce((s, c) => s + c[1]!, 0) / centres.length,
  ];
}

describe('regionLabelPoint', () => {
  const allRegions = Object.entries(LAYOUTS).flatMap(([kind, regions]) =>
    dissolveRegions(GRID, regions, kind).features.map((f) => ({
      feature: f,
      region: regions.find((r) => r.code === f.properties.code)!,
    })),
  );

  it('puts the label of a row on its middle parallel, away from the ends', () => {
    const [north] = dissolveRegions(GRID, LAYOUTS.rows, 'rows').features;
    const [lon, lat] = regionLabelPoint(north!);
    // The pole of a 3:1 strip is any point of its midline at least half a height from the ends.
    expect(Math.abs(lat - 52.25)).toBeLessThan(2e-4);
    expect(lon).toBeGreaterThan(5.05);
    expect(lon).toBeLessThan(5.25);
  });

  it('labels L, U and ring shapes inside, although their centroid lies outside (in GM0005)', () => {
    for (const [kind, code] of [
      ['ell', 'L1'],
      ['cup', 'U1'],
      ['ring', 'O1'],
    ] as const) {
      const region = LAYOUTS[kind].find((r) => r.code === code)!;
      expect(cellAt(cellCentroid(region))).toBe('GM0005');
      expect(region.members).not.toContain('GM0005');
      const feature = dissolveRegions(GRID, LAYOUTS[kind], kind).features.find((f) => f.properties.code === code)!;
      expect(isInside(region, regionLabelPoint(feature))).toBe(true);
    }
  });

  it('finds a point as far from the outline as a brute-force search, for every region of every layout', () => {
    for (const { feature, region } of allRegions) {
      const point = regionLabelPoint(feature);
      expect(isInside(region, point), `${feature.properties.code}`).toBe(true);
      // The search stops within 1/1000 of the bbox's smaller side of the optimum; the lattice is at most optimal.
      expect(distanceToOutline(region, point), `${feature.properties.code}`).toBeGreaterThan(
        bruteForceBest(region) - 2e-4,
      );
    }
  });

  it('uses the largest polygon of a region in parts', () => {
    const region: Region = { code: 'S', name: 'Gespleten', members: ['GM0001', 'GM0006', 'GM0009'] };
    const [feature] = dissolveRegions(GRID, [region], 'split').features;
    expect(feature!.geometry.coordinates).toHaveLength(2);
    const [lon, lat] = regionLabelPoint(feature!);
    expect(isInside({ ...region, members: ['GM0006', 'GM0009'] }, [lon, lat])).toBe(true);
    expect(regionLabelPoint(feature!.geometry)).toEqual(regionLabelPoint(feature!));
  });

  it('takes a bare polygon', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [4, 51],
          [4.2, 51],
          [4.2, 51.2],
          [4, 51.2],
          [4, 51],
        ],
      ],
    };
    const [lon, lat] = regionLabelPoint(square);
    expect(lon).toBeCloseTo(4.1, 3);
    expect(lat).toBeGreaterThan(51.05);
    expect(lat).toBeLessThan(51.15);
  });

  it('falls back to a point on a degenerate polygon without interior', () => {
    const flat: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [5, 52],
          [5.1, 52],
          [5.2, 52],
          [5, 52],
        ],
      ],
    };
    const point = regionLabelPoint(flat);
    expect(point[1]).toBe(52);
    expect(point[0]).toBeGreaterThanOrEqual(5);
    expect(point[0]).toBeLessThanOrEqual(5.2);
  });

  it('throws for a geometry without polygons', () => {
    expect(() => regionLabelPoint({ type: 'MultiPolygon', coordinates: [] })).toThrow('geometry has no polygon');
  });
});
