/**
 * Where to put a region's name: a point well inside its largest polygon.
 *
 * The pole of inaccessibility (the interior point farthest from the outline) is found with a grid
 * search after the idea of Mapbox's polylabel (https://github.com/mapbox/polylabel, V. Agafonkin,
 * "A new algorithm for finding a visual center of a polygon", 2016): cover the polygon with square
 * cells, keep them in a priority queue ordered by the best distance any point in the cell could
 * reach (distance of its centre + half its diagonal), and split only cells that could still beat
 * the best point found so far. Written here from that description, not copied.
 * Unlike a centroid, the result lies inside L- and U-shaped regions and outside holes.
 */
import { pointOnFeature } from '@turf/point-on-feature';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { areaKm2Of } from './measure';

/**
 * A point inside the region's largest polygon (by area), as `[lon, lat]` in degrees, far from its
 * outline. Distances are measured in a local equirectangular frame (longitude scaled by the cosine
 * of the mid latitude), so the point is central in metres, not in degrees.
 * Falls back to Turf's `pointOnFeature` only for a degenerate polygon with no interior (zero area).
 * Throws Error for a geometry without polygons (the dissolve never produces one).
 */
export function regionLabelPoint(input: Feature<Polygon | MultiPolygon> | Polygon | MultiPolygon): [number, number] {
  const geometry = input.type === 'Feature' ? input.geometry : input;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let largest: Position[][] | undefined;
  let largestArea = -1;
  for (const rings of polygons) {
    const areaKm2 = areaKm2Of({ type: 'Polygon', coordinates: rings });
    if (areaKm2 > largestArea) {
      largest = rings;
      largestArea = areaKm2;
    }
  }
  if (!largest || largest.length === 0) throw new Error('regionLabelPoint: geometry has no polygon');

  const pole = poleOfInaccessibility(largest);
  if (pole) return pole;
  const [lon, lat] = pointOnFeature({ type: 'Polygon', coordinates: largest }).geometry.coordinates;
  return [lon!, lat!];
}

/** A square cell of the search grid, in projected units. */
interface Cell {
  x: number;
  y: number;
  /** Half the cell's side. */
  half: number;
  /** Signed distance of the centre to the outline (positive inside). */
  distance: number;
  /** The largest distance any point of the cell can have: `distance + half·√2`. */
  potential: number;
}

/** Stop splitting when no cell can improve the best point by more than this share of the smaller bbox side. */
const RELATIVE_PRECISION = 1e-3;

/** The pole of a polygon given as rings of `[lon, lat]`, or undefined when it has no interior. */
function poleOfInaccessibility(rings: Position[][]): [number, number] | undefined {
  const outer = rings[0] ?? [];
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const [, lat] of outer) {
    minLat = Math.min(minLat, lat!);
    maxLat = Math.max(maxLat, lat!);
  }
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const projected = rings.map((ring) => ring.map(([lon, lat]): [number, number] => [lon! * kx, lat!]));

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of projected[0] ?? []) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const side = Math.min(maxX - minX, maxY - minY);
  if (!(side > 0)) return undefined;
  const precision = side * RELATIVE_PRECISION;

  const makeCell = (x: number, y: number, half: number): Cell => {
    const distance = signedDistance(x, y, projected);
    return { x, y, half, distance, potential: distance + half * Math.SQRT2 };
  };
  const queue = new MaxHeap();
  for (let x = minX; x < maxX; x += side) {
    for (let y = minY; y < maxY; y += side) queue.push(makeCell(x + side / 2, y + side / 2, side / 2));
  }
  // Good first guesses let the search discard most cells at once.
  let best = makeCell((minX + maxX) / 2, (minY + maxY) / 2, 0);
  const centroid = ringCentroid(projected[0] ?? []);
  if (centroid) {
    const cell = makeCell(centroid[0], centroid[1], 0);
    if (cell.distance > best.distance) best = cell;
  }

  for (let cell = queue.pop(); cell; cell = queue.pop()) {
    if (cell.distance > best.distance) best = cell;
    if (cell.potential - best.distance <= precision) continue;
    const half = cell.half / 2;
    queue.push(makeCell(cell.x - half, cell.y - half, half));
    queue.push(makeCell(cell.x + half, cell.y - half, half));
    queue.push(makeCell(cell.x - half, cell.y + half, half));
    queue.push(makeCell(cell.x + half, cell.y + half, half));
  }
  return best.distance > 0 ? [best.x / kx, best.y] : undefined;
}

/** Distance from (x, y) to the nearest ring segment, positive inside the polygon (even-odd rule), negative outside. */
function signedDistance(x: number, y: number, rings: [number, number][][]): number {
  let isInside = false;
  let minSq = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[i]!;
      const [bx, by] = ring[j]!;
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) isInside = !isInside;
      minSq = Math.min(minSq, segmentDistanceSq(x, y, ax, ay, bx, by));
    }
  }
  return (isInside ? 1 : -1) * Math.sqrt(minSq);
}

function segmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSq));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Area centroid of a ring (shoelace), or undefined for a ring without area. */
function ringCentroid(ring: [number, number][]): [number, number] | undefined {
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[j]!;
    const cross = ax * by - bx * ay;
    twiceArea += cross;
    cx += (ax + bx) * cross;
    cy += (ay + by) * cross;
  }
  return twiceArea === 0 ? undefined : [cx / (3 * twiceArea), cy / (3 * twiceArea)];
}

/** A binary max-heap of cells by `potential`. */
class MaxHeap {
  private readonly items: Cell[] = [];

  push(cell: Cell): void {
    const items = this.items;
    items.push(cell);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.potential >= cell.potential) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = cell;
  }

  pop(): Cell | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || !last) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let child = left;
      if (right < items.length && items[right]!.potential > items[left]!.potential) child = right;
      if (left >= items.length || items[child]!.potential <= last.potential) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
