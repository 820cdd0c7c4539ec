/**
 * The floor for the statistics (issue 9): the contingency counts n_ij (gemeenten in region i of layer A
 * and region j of layer B) for every pair of layers, built with typed arrays. Every set-based statistic
 * of a layer pair needs at least these counts (ARI, NMI and VI are functions of them alone; congruence,
 * nestedness and the crosswalk need them and more), so the full matrix is reported as a ratio to this.
 *
 * It starts from the same atlas the library gets and does everything it needs itself: number the
 * gemeenten (code → number), label each gemeente with its region per layer, then count per pair with one
 * pass over the gemeenten into a reused dense scratch array (sorting keys instead when a pair has too
 * many cells for the scratch). It keeps every pair's table (the non-zero cells) as its result, as the
 * matrix keeps its comparisons. Pairs are i ≤ j, the diagonal included, as the matrix computes them.
 */
import type { Atlas } from '../../src/lib/data/atlas';

/** One layer's memberships in gemeente numbers. */
export interface LayerLabels {
  regionCount: number;
  /** Per gemeente number: its first region number, or -1 when the layer does not cover it. */
  first: Int32Array;
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

/** Dense scratch cells at most (16 M Int32 = 64 MB); a pair with more cells sorts its keys instead. */
const DENSE_CELL_LIMIT = 1 << 24;

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
    return { regionCount: layer.regions.length, first, extraGemeente, extraRegion };
  });
}

/** Every pair's table (i ≤ j) from the labels. */
export function contingencyTables(labels: readonly LayerLabels[], gemeenteCount: number): ContingencyTable[] {
  let largest = 0;
  for (const a of labels) for (const b of labels) largest = Math.max(largest, a.regionCount * b.regionCount);
  const scratch = new Int32Array(Math.min(largest, DENSE_CELL_LIMIT));
  const touched = new Int32Array(gemeenteCount);
  const tables: ContingencyTable[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i; j < labels.length; j++) {
      const a = labels[i]!;
      const b = labels[j]!;
      const cells =
        a.extraGemeente.length > 0 || b.extraGemeente.length > 0
          ? countMulti(a, b)
          : a.regionCount * b.regionCount <= scratch.length
            ? countDense(a, b, scratch, touched)
            : countSorted(a, b);
      tables.push({ layerA: i, layerB: j, regionCountA: a.regionCount, regionCountB: b.regionCount, ...cells });
    }
  }
  return tables;
}

type Cells = Pick<ContingencyTable, 'row' | 'column' | 'count'>;

/** Single membership, few cells: count into the scratch, remember which cells were touched, read and clear them. */
function countDense(a: LayerLabels, b: LayerLabels, scratch: Int32Array, touched: Int32Array): Cells {
  const width = b.regionCount;
  const { first: labelsA } = a;
  const { first: labelsB } = b;
  let used = 0;
  for (let n = 0; n < labelsA.length; n++) {
    const ra = labelsA[n]!;
    const rb = labelsB[n]!;
    if (ra < 0 || rb < 0) continue;
    const key = ra * width + rb;
    const before = scratch[key]!;
    scratch[key] = before + 1;
    if (before === 0) touched[used++] = key;
  }
  const row = new Int32Array(used);
  const column = new Int32Array(used);
  const count = new Int32Array(used);
  for (let t = 0; t < used; t++) {
    const key = touched[t]!;
    const r = Math.floor(key / width);
    row[t] = r;
    column[t] = key - r * width;
    count[t] = scratch[key]!;
    scratch[key] = 0;
  }
  return { row, column, count };
}

/** Single membership, too many cells for the scratch: sort the cell keys and count runs. */
function countSorted(a: LayerLabels, b: LayerLabels): Cells {
  const width = b.regionCount;
  const keys = new Float64Array(a.first.length);
  let used = 0;
  for (let n = 0; n < a.first.length; n++) {
    const ra = a.first[n]!;
    const rb = b.first[n]!;
    if (ra >= 0 && rb >= 0) keys[used++] = ra * width + rb;
  }
  return runsOf(keys.subarray(0, used).sort(), width);
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
