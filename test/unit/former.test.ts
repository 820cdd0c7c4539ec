/**
 * The map check of the former-gemeenten build (geo/scripts/former.ts) on squares whose shares are known
 * on paper. The table checks run through the build in build-data.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { estimateShares, type PolygonCoordinates } from '../../geo/scripts/former';

/** A lon/lat rectangle as one polygon (counter-clockwise), optionally with a rectangular hole. */
function rectangle(
  [west, south, east, north]: [number, number, number, number],
  hole?: [number, number, number, number],
): PolygonCoordinates {
  const ring = ([w, s, e, n]: [number, number, number, number]) => [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
  return [hole ? [ring([west, south, east, north]), ring(hole).reverse()] : [ring([west, south, east, north])]];
}

describe('estimateShares', () => {
  it('splits a rectangle evenly between its two halves', () => {
    const subject = rectangle([5.0, 52.0, 5.2, 52.1]);
    const targets = new Map([
      ['GM0001', rectangle([5.0, 52.0, 5.1, 52.1])],
      ['GM0002', rectangle([5.1, 52.0, 5.2, 52.1])],
      ['GM0003', rectangle([6.0, 52.0, 6.1, 52.1])],
    ]);
    // The sampling grid is symmetric about lon 5.1, so each half gets exactly half of the points.
    expect(estimateShares(subject, targets)).toEqual(
      new Map([
        ['GM0001', 0.5],
        ['GM0002', 0.5],
      ]),
    );
  });

  it('counts points in no target (sea) in the denominator only, and respects holes and multipolygons', () => {
    const subject = rectangle([5.0, 52.0, 5.2, 52.1]);
    // West half with its west half cut out as a hole: a quarter of the subject; plus a separate second polygon.
    const holed = rectangle([5.0, 52.0, 5.1, 52.1], [4.9, 51.9, 5.05, 52.2]);
    const [estimate] = [...estimateShares(subject, new Map([['GM0001', holed]]))];
    expect(estimate?.[0]).toBe('GM0001');
    expect(estimate?.[1]).toBeCloseTo(0.25, 2);
    const twoParts: PolygonCoordinates = [...rectangle([5.0, 52.0, 5.05, 52.1]), ...rectangle([5.15, 52.0, 5.2, 52.1])];
    expect(estimateShares(subject, new Map([['GM0002', twoParts]])).get('GM0002')).toBeCloseTo(0.5, 2);
  });
});
