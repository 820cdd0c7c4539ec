/**
 * The floor for the statistics (issue 9): the contingency counts n_ij (gemeenten in region i of layer A
 * and region j of layer B) for every pair of layers, built with typed arrays. Every set-based statistic
 * of a layer pair needs at least these counts (ARI, NMI and VI are functions of them alone; congruence,
 * nestedness and the crosswalk need them and more), so the full matrix is reported as a ratio to this.
 *
 * It starts from the same atlas the library gets and does everything it needs itself: number the
 * gemeenten (code → number), label each gemeente with its region per layer and list each region's members,
 * then count per pair one region of A at a time: its members' regions in B tallied in a reused array as
 * wide as B, read and cleared after the row. Multi-membership takes the same pass: a gemeente is a member
 * of each of its regions in A and is tallied in each of its regions in B. That tally stays in cache where a
 * dense table of every cell (regions × regions, tens of megabytes for two layers with thousands of regions)
 * does not: it counts 2–3× faster at 14,000 units, so it is the floor. It keeps every pair's table (the non-zero cells) as its
 * result, as the matrix keeps its comparisons. Pairs are i ≤ j, the diagonal included, as the matrix
 * computes them.
 */
import type { Atlas } from '../../src/lib/data/atlas';

/** One layer's memberships in gemeente numbers. */
export interface LayerLabels {
  regionCount: number;
  /** Per gemeente number: its first region number, or -1 when the layer does not cover it. */
  first: Int32Array;
  /**
   * The members of each region as gemeente numbers, region after region; region r's are
   * `members[memberStart[r]…memberStart[r + 1]]` (with multi-membership, a gemeente is in each of its regions).
   */
  members: Int32Array;
  memberStart: Int32Array;
  /**
   * Multi-membership: per gemeente number its regions beyond the first, gemeente n's being
   * `extraRegions[extraStart[n]…extraStart[n + 1]]`; null when no gemeente has more than one region.
   */
  extraStart: Int32Array | null;
  extraRegions: Int32Array;
}

/** The non-zero cells of one layer pair's contingency table. */
export interface ContingencyTable {
  /** Layer positions in the atlas, i ≤ j. */
  layerA: number;
  layerB: number;
  regionCountA: number;
  regionCountB: number;
  row: Int32Array;
  column: Int32Array;
  count: Int32Array;
}

/** The whole floor: labels from the atlas, then every pair's table. */
export function contingencyFloor(atlas: Atlas): ContingencyTable[] {
  return contingencyTables(layerLabels(atlas), atlas.municipalities.length);
}

/** Number the atlas's gemeenten in its own order and label each with its region(s) per layer. */
export function layerLabels(atlas: Atlas): LayerLabels[] {
  const numberOf = new Map<string, number>();
  atlas.municipalities.forEach((m, n) => numberOf.set(m.code, n));
  const count = atlas.municipalities.length;
  return atlas.layers.map((layer): LayerLabels => {
    const first = new Int32Array(count).fill(-1);
    const extraGemeente: number[] = [];
    const extraRegion: number[] = [];
    layer.regions.forEach((region, r) => {
      for (const code of region.members) {
        const n = numberOf.get(code);
        if (n === undefined) throw new Error(`floor: ${layer.meta.id} member ${code} is not in the atlas`);
        if (first[n] === -1) first[n] = r;
        else if (first[n] !== r && !extraGemeente.some((g, k) => g === n && extraRegion[k] === r)) {
          extraGemeente.push(n);
          extraRegion.push(r);
        }
      }
    });
    return {
      regionCount: layer.regions.length,
      first,
      ...membersByRegion(first, layer.regions.length, extraGemeente, extraRegion),
      ...extrasByGemeente(count, extraGemeente, extraRegion),
    };
  });
}

/** Group the gemeente numbers by region, first regions and extra memberships alike (a counting sort). */
function membersByRegion(
  first: Int32Array,
  regionCount: number,
  extraGemeente: readonly number[],
  extraRegion: readonly number[],
): Pick<LayerLabels, 'members' | 'memberStart'> {
  const memberStart = new Int32Array(regionCount + 1);
  for (const r of first) if (r >= 0) memberStart[r + 1]!++;
  for (const r of extraRegion) memberStart[r + 1]!++;
  for (let r = 0; r < regionCount; r++) memberStart[r + 1]! += memberStart[r]!;
  const members = new Int32Array(memberStart[regionCount]!);
  const next = memberStart.slice(0, regionCount);
  first.forEach((r, n) => {
    if (r >= 0) members[next[r]!++] = n;
  });
  extraGemeente.forEach((n, k) => (members[next[extraRegion[k]!]!++] = n));
  return { members, memberStart };
}

/** The extra (gemeente, region) memberships grouped by gemeente (a counting sort); null start when there are none. */
function extrasByGemeente(
  count: number,
  gemeenten: readonly number[],
  regions: readonly number[],
): Pick<LayerLabels, 'extraStart' | 'extraRegions'> {
  if (gemeenten.length === 0) return { extraStart: null, extraRegions: new Int32Array(0) };
  const extraStart = new Int32Array(count + 1);
  for (const n of gemeenten) extraStart[n + 1]!++;
  for (let n = 0; n < count; n++) extraStart[n + 1]! += extraStart[n]!;
  const extraRegions = new Int32Array(gemeenten.length);
  const next = extraStart.slice(0, count);
  gemeenten.forEach((n, k) => (extraRegions[next[n]!++] = regions[k]!));
  return { extraStart, extraRegions };
}

/** Every pair's table (i ≤ j) from the labels. */
export function contingencyTables(labels: readonly LayerLabels[], gemeenteCount: number): ContingencyTable[] {
  const widest = Math.max(0, ...labels.map((l) => l.regionCount));
  const tally = new Int32Array(widest);
  const touched = new Int32Array(widest);
  const cells = new CellLists(gemeenteCount);
  const tables: ContingencyTable[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i; j < labels.length; j++) {
      const a = labels[i]!;
      const b = labels[j]!;
      const table =
        b.extraStart === null
          ? countRows(a, b.first, tally, touched, cells)
          : countRowsMulti(a, b.first, b.extraStart, b.extraRegions, tally, touched, cells);
      tables.push({ layerA: i, layerB: j, regionCountA: a.regionCount, regionCountB: b.regionCount, ...table });
    }
  }
  return tables;
}

type Cells = Pick<ContingencyTable, 'row' | 'column' | 'count'>;

/**
 * Reused lists of one pair's non-zero cells, copied out at the end: at most one per gemeente without
 * multi-membership, more with it (they grow when needed).
 */
class CellLists {
  row: Int32Array;
  column: Int32Array;
  count: Int32Array;
  constructor(size: number) {
    this.row = new Int32Array(Math.max(1, size));
    this.column = new Int32Array(Math.max(1, size));
    this.count = new Int32Array(Math.max(1, size));
  }
  /** Room for `needed` cells, keeping the first `used`. */
  ensure(needed: number): void {
    if (needed <= this.row.length) return;
    const grow = (old: Int32Array): Int32Array => {
      const bigger = new Int32Array(Math.max(needed, old.length * 2));
      bigger.set(old);
      return bigger;
    };
    this.row = grow(this.row);
    this.column = grow(this.column);
    this.count = grow(this.count);
  }
}

/**
 * Each region of A's members tallied by their region in B (`labelsB`), then read and cleared. With
 * multi-membership in A, a gemeente is a member of each of its regions, so it counts in each.
 */
function countRows(
  a: LayerLabels,
  labelsB: Int32Array,
  tally: Int32Array,
  touched: Int32Array,
  cells: CellLists,
): Cells {
  const { members, memberStart } = a;
  let used = 0;
  for (let ra = 0; ra < a.regionCount; ra++) {
    let touchedCount = 0;
    for (let k = memberStart[ra]!; k < memberStart[ra + 1]!; k++) {
      const rb = labelsB[members[k]!]!;
      if (rb < 0) continue;
      if (tally[rb]!++ === 0) touched[touchedCount++] = rb;
    }
    used = readRow(ra, touchedCount, used, tally, touched, cells);
  }
  return { row: cells.row.slice(0, used), column: cells.column.slice(0, used), count: cells.count.slice(0, used) };
}

/**
 * The same when B has multi-membership (as the library's region pairs count): each member is tallied in its
 * first region of B and in each of its further ones (`extraRegions[extraStart[n]…extraStart[n + 1]]`).
 */
function countRowsMulti(
  a: LayerLabels,
  labelsB: Int32Array,
  extraStart: Int32Array,
  extraRegions: Int32Array,
  tally: Int32Array,
  touched: Int32Array,
  cells: CellLists,
): Cells {
  const { members, memberStart } = a;
  let used = 0;
  for (let ra = 0; ra < a.regionCount; ra++) {
    let touchedCount = 0;
    for (let k = memberStart[ra]!; k < memberStart[ra + 1]!; k++) {
      const n = members[k]!;
      const rb = labelsB[n]!;
      if (rb < 0) continue;
      if (tally[rb]!++ === 0) touched[touchedCount++] = rb;
      for (let e = extraStart[n]!; e < extraStart[n + 1]!; e++) {
        const extra = extraRegions[e]!;
        if (tally[extra]!++ === 0) touched[touchedCount++] = extra;
      }
    }
    used = readRow(ra, touchedCount, used, tally, touched, cells);
  }
  return { row: cells.row.slice(0, used), column: cells.column.slice(0, used), count: cells.count.slice(0, used) };
}

/** Move row `ra`'s touched tallies into the cell lists (after `used` cells) and clear them; the new cell count. */
function readRow(
  ra: number,
  touchedCount: number,
  used: number,
  tally: Int32Array,
  touched: Int32Array,
  cells: CellLists,
): number {
  cells.ensure(used + touchedCount);
  const { row, column, count } = cells;
  for (let t = 0; t < touchedCount; t++) {
    const rb = touched[t]!;
    row[used] = ra;
    column[used] = rb;
    count[used] = tally[rb]!;
    tally[rb] = 0;
    used++;
  }
  return used;
}

/**
 * ARI of a single-membership table (the library's definition: over the gemeenten both layers cover, 1
 * where the denominator is 0), or null when the table is empty. Used outside the timing, to check that
 * the floor counts what the library counts.
 */
export function ariOfTable(table: ContingencyTable): number | null {
  const pairsOf = (x: number): number => (x * (x - 1)) / 2;
  const rowSums = new Float64Array(table.regionCountA);
  const columnSums = new Float64Array(table.regionCountB);
  let n = 0;
  let index = 0;
  for (let t = 0; t < table.count.length; t++) {
    const c = table.count[t]!;
    rowSums[table.row[t]!]! += c;
    columnSums[table.column[t]!]! += c;
    n += c;
    index += pairsOf(c);
  }
  if (n === 0) return null;
  let sumA = 0;
  for (const s of rowSums) sumA += pairsOf(s);
  let sumB = 0;
  for (const s of columnSums) sumB += pairsOf(s);
  const allPairs = pairsOf(n);
  const expected = allPairs > 0 ? (sumA * sumB) / allPairs : 0;
  const maximum = (sumA + sumB) / 2;
  return maximum === expected ? 1 : (index - expected) / (maximum - expected);
}
