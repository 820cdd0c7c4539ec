/**
 * Cutting an imported ring down to a gemeente's box (src/lib/import/clip.ts) before the exact intersection must
 * not change what lies inside the box: every point strictly inside has the same winding number around the cut
 * ring as around the whole ring (so the non-zero rule of the intersection sees the same area), whatever the
 * ring, self-crossing or not, and however many of its runs of edges are skipped for staying clear of the box.
 */
import fc from 'fast-check';
import { area } from '@turf/area';
import { intersect } from '@turf/intersect';
import type { BBox, Feature, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { CHUNK_EDGES, WorkBudget, WorkLimitExceeded, clipCost, clipRing, indexRing } from '../../src/lib/import/clip';
import { seededRandom } from '../fixtures/random';

/** Winding number of `ring` (closed) around `p`. */
function winding(ring: readonly Position[], p: Position): number {
  let w = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i] as [number, number];
    const [bx, by] = ring[i + 1] as [number, number];
    const side = (bx - ax) * (p[1]! - ay) - (p[0]! - ax) * (by - ay);
    if (ay <= p[1]!) {
      if (by > p[1]! && side > 0) w++;
    } else if (by <= p[1]! && side < 0) w--;
  }
  return w;
}

/** A closed ring of `n` positions in the square −1…1 made by `kind`. */
function ring(kind: 'star' | 'random' | 'spiral', n: number, seed: number): Position[] {
  const random = seededRandom(seed);
  const out: Position[] = [];
  for (let i = 0; i < n; i++) {
    const angle = (2 * Math.PI * i) / n;
    if (kind === 'random') out.push([random() * 2 - 1, random() * 2 - 1]);
    else if (kind === 'star') {
      const r = 0.2 + 0.8 * random();
      out.push([r * Math.cos(angle), r * Math.sin(angle)]);
    } else {
      // Winds three times around the centre, growing outwards: winding numbers up to 3.
      const r = 0.1 + (0.9 * i) / n;
      out.push([r * Math.cos(3 * angle), r * Math.sin(3 * angle)]);
    }
  }
  out.push([out[0]![0]!, out[0]![1]!]);
  return out;
}

const boxArb = fc
  .tuple(fc.double({ min: -1.2, max: 1.2, noNaN: true }), fc.double({ min: -1.2, max: 1.2, noNaN: true }))
  .chain(([x, y]) =>
    fc
      .tuple(fc.double({ min: 0.01, max: 1.5, noNaN: true }), fc.double({ min: 0.01, max: 1.5, noNaN: true }))
      .map(([w, h]): BBox => [x, y, x + w, y + h]),
  );

describe('clipRing', () => {
  it('keeps the winding number of every point inside the box, for any ring and box', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('star' as const, 'random' as const, 'spiral' as const),
        fc.integer({ min: 3, max: 400 }),
        fc.integer(),
        boxArb,
        (kind, n, seed, box) => {
          const whole = ring(kind, n, seed);
          const cut = clipRing(indexRing(whole), box, new WorkBudget(Infinity)) ?? [];
          const random = seededRandom(seed ^ 0x5bd1e995);
          for (let k = 0; k < 40; k++) {
            const p: Position = [
              box[0] + (0.001 + 0.998 * random()) * (box[2] - box[0]),
              box[1] + (0.001 + 0.998 * random()) * (box[3] - box[1]),
            ];
            expect(winding(cut, p)).toBe(winding(whole, p));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads only the runs of edges that reach the box, and says so in its work', () => {
    // A circle of 3,200 positions and a box around a small part of it.
    const circle = ring('star', 3200, 1).map(([x, y]) => {
      const r = Math.hypot(x!, y!);
      return [x! / r, y! / r];
    });
    circle[circle.length - 1] = circle[0]!;
    const indexed = indexRing(circle);
    const work = new WorkBudget(Infinity);
    const cut = clipRing(indexed, [0.9, -0.1, 1.1, 0.1], work)!;
    const runs = Math.ceil((circle.length - 1) / CHUNK_EDGES);
    expect(work.spent).toBeLessThan(runs + 8 * CHUNK_EDGES);
    expect(work.spent).toBeLessThanOrEqual(clipCost(indexed));
    // The part inside the box: about 0.2 rad of the circle's 2π, plus the box's sides.
    expect(cut.length).toBeLessThan(0.05 * circle.length);
  });

  it('leaves the intersection with a gemeente inside the box unchanged (Turf)', () => {
    const whole = ring('star', 500, 7);
    const box: BBox = [-0.3, -0.2, 0.4, 0.5];
    // A "gemeente" strictly inside the box.
    const g: Feature<Polygon> = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-0.25, -0.15],
            [0.35, -0.1],
            [0.3, 0.45],
            [-0.2, 0.4],
            [-0.25, -0.15],
          ],
        ],
      },
    };
    const polygon = (coordinates: Position[]): Feature<Polygon> => ({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [coordinates] },
    });
    const cut = clipRing(indexRing(whole), box, new WorkBudget(Infinity))!;
    const full = area(intersect({ type: 'FeatureCollection', features: [g, polygon(whole)] })!);
    const near = area(intersect({ type: 'FeatureCollection', features: [g, polygon(cut)] })!);
    expect(near).toBeCloseTo(full, 3);
    expect(full).toBeGreaterThan(0);
  });

  it('is null for a ring clear of the box, and the ring itself for one inside it', () => {
    const square = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    expect(clipRing(indexRing(square), [2, 2, 3, 3], new WorkBudget(Infinity))).toBeNull();
    expect(clipRing(indexRing(square), [-1, -1, 2, 2], new WorkBudget(Infinity))).toEqual(square);
  });

  it('stops before its budget is exceeded', () => {
    const work = new WorkBudget(100);
    expect(() => clipRing(indexRing(ring('star', 1000, 3)), [-0.5, -0.5, 0.5, 0.5], work)).toThrow(WorkLimitExceeded);
    expect(work.spent).toBeLessThanOrEqual(100);
  });
});
