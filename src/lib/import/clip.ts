/**
 * Cut an imported polygon down to the box around one gemeente before it is intersected with that gemeente, so
 * the exact intersection (Turf/polyclip, far costlier per vertex) sees only the vertices near the gemeente.
 * Each ring is indexed once: its edges in runs of {@link CHUNK_EDGES}, each run with its bounding box. Clipping
 * to a box then reads only the runs that reach the box; a run that stays clear of it is replaced by the straight
 * segment between its ends, which lies in the run's own box and so also clear of the clip box (the part of the
 * ring inside the box is unchanged). The rest is Sutherland–Hodgman against the box's four sides. Pure.
 *
 * Every step is counted in a {@link WorkBudget}, which stops the import (throws {@link WorkLimitExceeded})
 * before it goes over its limit: the importer's work is bounded by what it is given, whatever the file.
 */
import type { BBox, Position } from 'geojson';

/** Edges per indexed run. */
export const CHUNK_EDGES = 32;

/** Thrown by {@link WorkBudget.spend} when a step would go over the limit. */
export class WorkLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`the import needs more than ${limit} steps`);
  }
}

/**
 * Counts the importer's work in steps (a vertex read, compared, clipped or handed to the intersection) and
 * refuses a step that would take it over `limit`.
 */
export class WorkBudget {
  spent = 0;
  constructor(readonly limit: number) {}

  /** Take `steps` steps, or throw {@link WorkLimitExceeded} (nothing is spent) if that goes over the limit. */
  spend(steps: number): void {
    if (this.spent + steps > this.limit) throw new WorkLimitExceeded(this.limit);
    this.spent += steps;
  }
}

/** A closed ring prepared for clipping: its positions flat (`x0, y0, x1, y1, …`, last = first), runs' boxes. */
export interface IndexedRing {
  xy: Float64Array;
  /** Per run of edges: west, south, east, north. */
  boxes: Float64Array;
  /** The whole ring's box. */
  box: BBox;
}

/**
 * Index a closed ring (at least four positions, last equal to first) for {@link clipRing}.
 * @example indexRing([[0, 0], [1, 0], [1, 1], [0, 0]]).box // [0, 0, 1, 1]
 */
export function indexRing(ring: readonly Position[]): IndexedRing {
  const n = ring.length;
  const xy = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = ring[i]![0]!;
    xy[2 * i + 1] = ring[i]![1]!;
  }
  const chunks = Math.max(1, Math.ceil((n - 1) / CHUNK_EDGES));
  const boxes = new Float64Array(chunks * 4);
  for (let c = 0; c < chunks; c++) {
    let west = Infinity;
    let south = Infinity;
    let east = -Infinity;
    let north = -Infinity;
    const end = Math.min((c + 1) * CHUNK_EDGES, n - 1);
    for (let i = c * CHUNK_EDGES; i <= end; i++) {
      const x = xy[2 * i]!;
      const y = xy[2 * i + 1]!;
      if (x < west) west = x;
      if (x > east) east = x;
      if (y < south) south = y;
      if (y > north) north = y;
    }
    boxes.set([west, south, east, north], c * 4);
  }
  let box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (let c = 0; c < chunks; c++) {
    box = [
      Math.min(box[0], boxes[c * 4]!),
      Math.min(box[1], boxes[c * 4 + 1]!),
      Math.max(box[2], boxes[c * 4 + 2]!),
      Math.max(box[3], boxes[c * 4 + 3]!),
    ];
  }
  return { xy, boxes, box };
}

/** True when two boxes share no point (touching counts as sharing). */
export function isClear(a: BBox | Float64Array, b: BBox, offset = 0): boolean {
  return a[offset + 2]! < b[0] || a[offset]! > b[2] || a[offset + 3]! < b[1] || a[offset + 1]! > b[3];
}

/** What clipping a ring costs at most, in steps: one per vertex and one per run. */
export function clipCost(ring: IndexedRing): number {
  return ring.xy.length / 2 + ring.boxes.length / 4;
}

/**
 * The part of a closed ring inside `box`, as a closed ring (points along the box's sides included), or null
 * when nothing of it is inside. The area inside the box is exact; the result may have edges of zero width
 * along the box's sides, which the intersection handles. Costs at most {@link clipCost} steps, spent from `work`
 * as they are taken: one per run, and one per vertex of a run that reaches the box.
 * @example clipRing(indexRing([[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]), [1, 1, 2, 2], new WorkBudget(100))
 * // [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]] (a ring of the box, in some order)
 */
export function clipRing(ring: IndexedRing, box: BBox, work: WorkBudget): Position[] | null {
  work.spend(1);
  if (isClear(ring.box, box)) return null;
  const n = ring.xy.length / 2;
  if (ring.box[0] >= box[0] && ring.box[1] >= box[1] && ring.box[2] <= box[2] && ring.box[3] <= box[3]) {
    work.spend(n);
    return toPositions(ring.xy, n);
  }
  // The ring without its closing position, with each run that stays clear of the box cut to its first vertex.
  const points: number[] = [];
  const chunks = ring.boxes.length / 4;
  for (let c = 0; c < chunks; c++) {
    const start = c * CHUNK_EDGES;
    const end = Math.min(start + CHUNK_EDGES, n - 1);
    if (isClear(ring.boxes, box, c * 4)) {
      work.spend(1);
      points.push(ring.xy[2 * start]!, ring.xy[2 * start + 1]!);
    } else {
      // Each point read here passes the four sides below.
      work.spend(end - start);
      for (let i = start; i < end; i++) points.push(ring.xy[2 * i]!, ring.xy[2 * i + 1]!);
    }
  }
  let xy = points;
  // West, east, south, north: keep the side where `coordinate` is ≥ (sign 1) or ≤ (sign −1) the edge.
  xy = clipSide(xy, 0, box[0], 1);
  xy = clipSide(xy, 0, box[2], -1);
  xy = clipSide(xy, 1, box[1], 1);
  xy = clipSide(xy, 1, box[3], -1);
  if (xy.length < 6) return null;
  const out = toPositions(Float64Array.from(xy), xy.length / 2);
  out.push([out[0]![0]!, out[0]![1]!]);
  return out;
}

/** One Sutherland–Hodgman pass over an open cyclic ring `xy`, against the line `coordinate = value`. */
function clipSide(xy: readonly number[], axis: 0 | 1, value: number, sign: 1 | -1): number[] {
  const n = xy.length / 2;
  const out: number[] = [];
  if (n === 0) return out;
  const inside = (i: number) => sign * (xy[2 * i + axis]! - value) >= 0;
  let prev = n - 1;
  let prevIn = inside(prev);
  for (let i = 0; i < n; i++) {
    const isIn = inside(i);
    if (isIn !== prevIn) {
      const ax = xy[2 * prev]!;
      const ay = xy[2 * prev + 1]!;
      const bx = xy[2 * i]!;
      const by = xy[2 * i + 1]!;
      const a = axis === 0 ? ax : ay;
      const b = axis === 0 ? bx : by;
      const t = (value - a) / (b - a);
      if (axis === 0) out.push(value, ay + t * (by - ay));
      else out.push(ax + t * (bx - ax), value);
    }
    if (isIn) out.push(xy[2 * i]!, xy[2 * i + 1]!);
    prev = i;
    prevIn = isIn;
  }
  return out;
}

function toPositions(xy: Float64Array, n: number): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < n; i++) out.push([xy[2 * i]!, xy[2 * i + 1]!]);
  return out;
}
