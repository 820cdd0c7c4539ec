/**
 * Border coincidence on the arcs of the 3×3 grid. Arc lengths are worked out with the haversine
 * formula Turf uses (radius 6371008.8 m): a 0.1° piece of the parallel φ is 2R·asin(cos φ · sin 0.05°),
 * a 0.1° piece of a meridian R · 0.1° (in radians).
 */
import { describe, expect, it } from 'vitest';
import { computeBorderCoincidence } from '../../src/lib/stats/borders';
import { gridAtlas, gridLayer, type GridKind } from '../fixtures/grid-atlas';

const R_KM = 6371.0088;
const RAD = Math.PI / 180;
/** A 0.1° piece of the parallel at `latDeg`, km. */
const parallelKm = (latDeg: number) => 2 * R_KM * Math.asin(Math.cos(latDeg * RAD) * Math.sin(0.05 * RAD));
const MERIDIAN_KM = R_KM * 0.1 * RAD;
const P1 = parallelKm(52.1);
const P2 = parallelKm(52.2);

const grid = gridAtlas();
const coincidence = (a: GridKind, b: GridKind) =>
  computeBorderCoincidence(grid, gridLayer(grid, a), gridLayer(grid, b));

describe('computeBorderCoincidence', () => {
  it('rows against L/block: two of the six row arcs are L/block borders', () => {
    // Rows: parallels 52.1 and 52.2, 3 arcs each. L/block: 1|2 and 4|5 (meridian 5.1), 5|8 and 6|9 (parallel 52.1).
    // Shared: 5|8 and 6|9. Rows in L: 2·P1 / (3·P1 + 3·P2); L in rows: 2·P1 / (2·P1 + 2·meridian).
    const { aInB, bInA } = coincidence('rows', 'ell');
    expect(aInB).toMatchObject({ arcCount: 6, sharedArcCount: 2 });
    expect(aInB.borderKm).toBeCloseTo(3 * P1 + 3 * P2, 9);
    expect(aInB.share).toBeCloseTo((2 * P1) / (3 * P1 + 3 * P2), 12);
    expect(bInA).toMatchObject({ arcCount: 4, sharedArcCount: 2 });
    expect(bInA.share).toBeCloseTo((2 * P1) / (2 * P1 + 2 * MERIDIAN_KM), 12);
  });

  it('rows and columns share no border; cells hold every border', () => {
    const rc = coincidence('rows', 'columns');
    expect([rc.aInB.share, rc.bInA.share]).toEqual([0, 0]);
    // Cells border on all 12 arcs; the rows' 6 are among them.
    const cr = coincidence('cells', 'rows');
    expect(cr.aInB.share).toBeCloseTo((3 * P1 + 3 * P2) / (3 * P1 + 3 * P2 + 6 * MERIDIAN_KM), 12);
    expect(cr.bInA.share).toBe(1);
  });

  it('counts only arcs between gemeenten both layers cover (rows against the partial block)', () => {
    // Common {1,2,4,5}: arcs 1|2, 4|5 (meridian), 1|4, 2|5 (parallel 52.2). Rows border on 1|4 and 2|5; the block on none.
    const { aInB, bInA } = coincidence('rows', 'partial');
    expect(aInB).toMatchObject({ arcCount: 2, sharedArcCount: 0, share: 0 });
    expect(bInA).toMatchObject({ arcCount: 0, borderKm: 0, share: null });
  });

  it('separates a gemeente in two regions from one in either (rows against the overlapping blocks)', () => {
    // Keys: 1, 4 {M1}; 2, 5 {M1, M2}; 3, 6 {M2}. Borders: 1|2, 2|3, 4|5, 5|6 (meridians); none shared with rows.
    const { aInB, bInA } = coincidence('rows', 'overlap');
    expect(bInA).toMatchObject({ arcCount: 4, sharedArcCount: 0, share: 0 });
    expect(bInA.borderKm).toBeCloseTo(4 * MERIDIAN_KM, 9);
    expect(aInB).toMatchObject({ arcCount: 3, share: 0 });
  });

  it('is 1 for a layer against itself', () => {
    const { aInB, bInA } = coincidence('hub', 'hub');
    expect([aInB.share, bInA.share]).toEqual([1, 1]);
  });
});
