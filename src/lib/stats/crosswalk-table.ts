/**
 * Rows of the crosswalk table in the pair view (issue #3): per region of one layer its best match in
 * the other, the Jaccard indices of that pair by every weight, and the gemeenten that break the match,
 * with names; and a stable sort over any column. Pure: plain data from a `LayerComparison`.
 */
import type { Atlas } from '../data/atlas';
import type { MunicipalityCode, RegionCode } from '../types';
import type { LayerComparison } from './pair';
import type { RegionMatch, RegionPair } from './region-pairs';

/** A gemeente named in the table. */
export interface NamedMunicipality {
  code: MunicipalityCode;
  name: string;
}

/**
 * How a region meets the other layer, from most to least agreement: it has an identical region there;
 * it lies wholly inside one region; it shares gemeenten with some region(s) but lies in none; it shares
 * no gemeente with any region (the other layer does not cover its members).
 */
export type RegionRelation = 'identical' | 'nested' | 'overlapping' | 'unmatched';

/** Sort rank of each relation: higher is more agreement. */
const RELATION_RANK: Record<RegionRelation, number> = { identical: 3, nested: 2, overlapping: 1, unmatched: 0 };

/** One row of the crosswalk table: a region of the side's layer against the other layer. */
export interface CrosswalkRow {
  code: RegionCode;
  name: string;
  /** Member gemeenten of the region. */
  memberCount: number;
  /** Best match in the other layer by the comparison's weight; null when it shares no gemeente. */
  bestMatch: { code: RegionCode; name: string } | null;
  /** Jaccard indices of the region and its best match, each in [0, 1]; null without a best match (or, by area and inhabitants, where undefined). */
  jaccardByCount: number | null;
  jaccardByArea: number | null;
  jaccardByInhabitants: number | null;
  /** Regions of the other layer sharing at least one gemeente with it. */
  touchedCount: number;
  /** Members the other layer does not cover. */
  uncoveredCount: number;
  isNested: boolean;
  isIdentical: boolean;
  relation: RegionRelation;
  /** Its members outside the best match (all of them without one), in code order. */
  onlyInRegion: NamedMunicipality[];
  /** The best match's members outside it, in code order. */
  onlyInMatch: NamedMunicipality[];
  /** onlyInRegion.length + onlyInMatch.length: 0 exactly for an identical pair. */
  breakingCount: number;
}

/** Which layer's regions make the rows: A against B, or B against A. */
export type CrosswalkSide = 'a' | 'b';

/**
 * The crosswalk table of a comparison from `side`'s layer, one row per region in code order.
 * Throws Error when the comparison names a gemeente or pair the atlas and crosswalk do not hold
 * (it was computed on another atlas).
 * @example
 * // Grid rows against L/block: Zuidrij {7, 8, 9} lies inside Hoek {1, 4, 7, 8, 9}.
 * crosswalkRows(grid, compareLayers(grid, 'rows-2025', 'ell-2025'))[2]
 * // { code: 'R3', bestMatch: { code: 'L1', name: 'Hoek' }, jaccardByCount: 0.6, relation: 'nested',
 * //   onlyInRegion: [], onlyInMatch: [{ code: 'GM0001', name: 'Noordwest' }, { code: 'GM0004', name: 'West' }], … }
 */
export function crosswalkRows(atlas: Atlas, comparison: LayerComparison, side: CrosswalkSide = 'a'): CrosswalkRow[] {
  const { crosswalk } = comparison;
  const pairs = new Map<string, RegionPair>(crosswalk.pairs.map((p) => [pairKey(p.codeA, p.codeB), p]));
  const named = (codes: readonly MunicipalityCode[]): NamedMunicipality[] =>
    codes.map((code) => {
      const municipality = atlas.municipalitiesByCode.get(code);
      if (!municipality) throw new Error(`unreachable: crosswalk gemeente ${code} is not in the atlas`);
      return { code, name: municipality.name };
    });
  const matches: readonly RegionMatch[] = side === 'a' ? crosswalk.fromA : crosswalk.fromB;
  return matches.map((match): CrosswalkRow => {
    const best = match.bestMatch;
    let pair: RegionPair | undefined;
    if (best) {
      pair = pairs.get(side === 'a' ? pairKey(match.code, best.code) : pairKey(best.code, match.code));
      if (!pair) throw new Error(`unreachable: no crosswalk pair for ${match.code} and its best match ${best.code}`);
    }
    const onlyInRegion = named(match.onlyInRegion);
    const onlyInMatch = named(match.onlyInMatch);
    return {
      code: match.code,
      name: match.name,
      memberCount: match.memberCount,
      bestMatch: best ? { code: best.code, name: best.name } : null,
      jaccardByCount: pair?.jaccardByCount ?? null,
      jaccardByArea: pair?.jaccardByArea ?? null,
      jaccardByInhabitants: pair?.jaccardByInhabitants ?? null,
      touchedCount: match.touchedCount,
      uncoveredCount: match.uncoveredCount,
      isNested: match.isNested,
      isIdentical: match.isIdentical,
      relation: match.isIdentical
        ? 'identical'
        : match.isNested
          ? 'nested'
          : match.touchedCount > 0
            ? 'overlapping'
            : 'unmatched',
      onlyInRegion,
      onlyInMatch,
      breakingCount: onlyInRegion.length + onlyInMatch.length,
    };
  });
}

function pairKey(codeA: RegionCode, codeB: RegionCode): string {
  // Region codes never hold a NUL character, so the key is unambiguous.
  return `${codeA}\u0000${codeB}`;
}

/** The columns the crosswalk table sorts by. `bestMatch` sorts by the match's name, `relation` by agreement. */
export type CrosswalkSortKey =
  | 'code'
  | 'name'
  | 'memberCount'
  | 'bestMatch'
  | 'jaccardByCount'
  | 'jaccardByArea'
  | 'jaccardByInhabitants'
  | 'touchedCount'
  | 'relation'
  | 'breakingCount';

/** Sort direction, named as `aria-sort` names it. */
export type SortDirection = 'ascending' | 'descending';

// Dutch collation, with digits compared as numbers ("Regio 9" before "Regio 10"); the interface
// language does not change the order, so a table reads the same in both languages.
const collator = new Intl.Collator('nl', { numeric: true });

function sortValue(row: CrosswalkRow, key: CrosswalkSortKey): string | number | null {
  switch (key) {
    case 'bestMatch':
      return row.bestMatch?.name ?? null;
    case 'relation':
      return RELATION_RANK[row.relation];
    default:
      return row[key];
  }
}

/**
 * A sorted copy of `rows` by column `key`: text by Dutch collation, numbers by value; nulls last in
 * either direction; stable (equal rows keep their order, whichever the direction).
 * @example sortRows(rows, 'jaccardByCount', 'descending').map((r) => r.code) // ['R3', 'R1', 'R2'] (R1 and R2 tie)
 */
export function sortRows(
  rows: readonly CrosswalkRow[],
  key: CrosswalkSortKey,
  direction: SortDirection,
): CrosswalkRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, key) }))
    .sort((x, y) => {
      if (x.value === null || y.value === null) {
        if (x.value !== y.value) return x.value === null ? 1 : -1;
      } else {
        const order =
          typeof x.value === 'number' && typeof y.value === 'number'
            ? x.value - y.value
            : collator.compare(String(x.value), String(y.value));
        if (order !== 0) return sign * order;
      }
      return x.index - y.index;
    })
    .map(({ row }) => row);
}
