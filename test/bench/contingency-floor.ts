/**
 * The floor for the statistics (issue 9): the contingency counts n_ij (gemeenten in region i of layer A
 * and region j of layer B) for every pair of layers, built with typed arrays. Every set-based statistic
 * of a layer pair needs at least these counts (ARI, NMI and VI are functions of them alone; congruence,
 * nestedness and the crosswalk need them and more), so the full matrix is reported as a ratio to this.
 *
 * It starts from the same atlas the library gets and does everything it needs itself: number the
 * gemeenten (code → number), label each gemeente with its region per layer and list each region's members,
 * then count per pair one region of A at a time: its members' regions in B tallied in a reused array as
 * wide as B, read and cleared after the row. That tally stays in cache where a dense table of every cell
 * (regions × regions, tens of megabytes for two layers with thousands of regions) does not: it counts
 * 2–3× faster at 14,000 units, so it is the floor. It keeps every pair's table (the non-zero cells) as its
 * result, as the matrix keeps its comparisons. Pairs are i ≤ j, the diagonal included, as the matrix
 * computes them.
 */
import type { Atlas } from '../../src/lib/data/atlas';

/** One layer's memberships in gemeente numbers. */
export interface LayerLabels {
  regionCount: number;
  /** Per gemeente number: its first region number, or -1 when the layer does not cover it. */
  first: Int32Array;
  /** The gemeente numbers with each region as their first, region after region; region r's are `members[memberStart[r]…memberStart[r + 1]]`. */
  members: Int32Array;
  memberStart: Int32Array;
  /** Further (gemeente, region) memberships of a multi-membership layer; empty otherwise. */
  extraGemeente: number[];
  extraRegion: number[];
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
        else {
          extraGemeente.push(n);
          extraRegion.push(r);
        }
      }
    });
    const { members, memberStart } = membersByRegion(first, layer.regions.length);
    return { regionCount: layer.regions.length, first, members, memberStart, extraGemeente, extraRegion };
  });
}

/** Group the gemeente numbers by first region (a counting sort). */
function membersByRegion(first: Int32Array, regionCount: number): { members: Int32Array; memberStart: Int32Array } {
  const memberStart = new Int32Array(regionCount + 1);
  for (const r of first) if (r >= 0) memberStart[r + 1]!++;
  for (let r = 0; r < regionCount; r++) memberStart[r + 1]! += memberStart[r]!;
  const members = new Int32Array(memberStart[regionCount]!);
  const next = memberStart.slice(0, regionCount);
  first.forEach((r, n) => {
    if (r >= 0) members[next[r]!++] = n;
  });
  return { members, memberStart };
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
        a.extraGemeente.length > 0 || b.extraGemeente.length > 0
          ? countMulti(a, b)
          : countRows(a, b, tally, touched, cells);
      tables.push({ layerA: i, layerB: j, regionCountA: a.regionCount, regionCountB: b.regionCount, ...table });
    }
  }
  return tables;
}

type Cells = Pick<ContingencyTable, 'row' | 'column' | 'count'>;

/** Reused lists of one pair's non-zero cells (at most one per gemeente), copied out at the end. */
class CellLists {
  row: Int32Array;
  column: Int32Array;
  count: Int32Array;
  constructor(size: number) {
    this.row = new Int32Array(size);
    this.column = new Int32Array(size);
    this.count = new Int32Array(size);
  }
}

/** Single membership: each region of A's members tallied by their region in B, then read and cleared. */
function countRows(a: LayerLabels, b: LayerLabels, tally: Int32Array, touched: Int32Array, cells: CellLists): Cells {
  const { members, memberStart } = a;
  const labelsB = b.first;
  let used = 0;
  for (let ra = 0; ra < a.regionCount; ra++) {
    let touchedCount = 0;
    for (let k = memberStart[ra]!; k < memberStart[ra + 1]!; k++) {
      const rb = labelsB[members[k]!]!;
      if (rb < 0) continue;
      if (tally[rb]!++ === 0) touched[touchedCount++] = rb;
    }
    for (let t = 0; t < touchedCount; t++) {
      const rb = touched[t]!;
      cells.row[used] = ra;
      cells.column[used] = rb;
      cells.count[used] = tally[rb]!;
      tally[rb] = 0;
      used++;
    }
  }
  return { row: cells.row.slice(0, used), column: cells.column.slice(0, used), count: cells.count.slice(0, used) };
}

/** Multi-membership: a gemeente counts in every pair of its regions (as the library's region pairs do). */
function countMulti(a: LayerLabels, b: LayerLabels): Cells {
  const regionsOf = (labels: LayerLabels): number[][] => {
    const lists = Array.from(labels.first, (r) => (r < 0 ? [] : [r]));
    labels.extraGemeente.forEach((n, k) => lists[n]!.push(labels.extraRegion[k]!));
    return lists;
  };
  const listsA = regionsOf(a);
  const listsB = regionsOf(b);
  const keys: number[] = [];
  listsA.forEach((regionsA, n) => {
    for (const ra of regionsA) for (const rb of listsB[n]!) keys.push(ra * b.regionCount + rb);
  });
  return runsOf(Float64Array.from(keys).sort(), b.regionCount);
}

function runsOf(sortedKeys: Float64Array, width: number): Cells {
  const rows: number[] = [];
  const columns: number[] = [];
  const counts: number[] = [];
  for (let k = 0; k < sortedKeys.length;) {
    const key = sortedKeys[k]!;
    let end = k + 1;
    while (end < sortedKeys.length && sortedKeys[end] === key) end++;
    rows.push(Math.floor(key / width));
    columns.push(key - Math.floor(key / width) * width);
    counts.push(end - k);
    k = end;
  }
  return { row: Int32Array.from(rows), column: Int32Array.from(columns), count: Int32Array.from(counts) };
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
