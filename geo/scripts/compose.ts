/**
 * The gemeenten of any year from those of the first year (2015) and the reorganisation table
 * (../shared/reference/herindelingen-2015-2025.md), in whole gemeenten: which first-year gemeenten each
 * gemeente of the year consists of (its `parts`), and its geometry merged from theirs along shared arcs.
 *
 * The rule (SOURCES.md §12): the rows up to the date are applied in date order. A gemeente ceases on the date
 * of its rows of another type than `grenscorrectie`; it goes whole to the receiver with the largest share among
 * its rows of that date (ties to the lower code; normalising the shares, as SOURCES.md does, changes no choice), and receivers that cease on the same date
 * are followed. A `grenscorrectie` of a gemeente that continues moves only a part, so with whole gemeenten it
 * moves nothing. Both kinds of partial transfer are reported, so the geometry's source can list them.
 */
import { mergeArcs } from 'topojson-client';
import type { MultiPolygon, Polygon, Topology } from 'topojson-specification';
import { compareCodes as compare } from '../../src/lib/model/codes';
import type { MunicipalityCode } from '../../src/lib/types';
import type { ChangeRow } from './former';

/** A partial transfer that whole-gemeente geometry cannot show. */
export interface WholeAssignment {
  /** The gemeente that lost territory to more than one gemeente (or a part while it continued). */
  code: MunicipalityCode;
  name: string;
  date: string;
  /** Where all of it counts: the receiver with the largest share, or itself if it continued. */
  assignedTo: MunicipalityCode;
  assignedName: string;
  /** Share of its area that really went to `assignedTo`, as in the table (for a gemeente that continued: what it kept). */
  assignedShare: number;
  /** The receivers of the other parts, which get nothing, with their shares of its area (as in the table), largest first. */
  others: { code: MunicipalityCode; name: string; share: number }[];
}

/** The gemeenten on one date, in whole first-year gemeenten. */
export interface YearComposition {
  /** Gemeente code → the first-year gemeenten it consists of (codes sorted); keys sorted by code. */
  parts: Map<MunicipalityCode, MunicipalityCode[]>;
  /** Gemeente code → name: the first year's, or the table's `new_name` for a gemeente created since. */
  names: Map<MunicipalityCode, string>;
  /** Every partial transfer up to the date, by date and code. */
  wholeAssignments: WholeAssignment[];
  /** Rows that cannot be applied (file and line in each); the composition is unusable if any. */
  problems: string[];
}

/**
 * Apply the rows of `rows` dated on or before `date` to the gemeenten `start` (code → name), in whole
 * gemeenten (see the module comment).
 * @example composeYear(rows, new Map([['GM0381', 'Bussum'], …]), '2016-01-01', 'h.csv').parts.get('GM1942')
 * // ['GM0381', 'GM0424', 'GM0425'] (Bussum, Muiden, Naarden → Gooise Meren)
 */
export function composeYear(
  rows: readonly ChangeRow[],
  start: ReadonlyMap<MunicipalityCode, string>,
  date: string,
  file: string,
): YearComposition {
  const members = new Map<MunicipalityCode, MunicipalityCode[]>([...start.keys()].map((code) => [code, [code]]));
  const names = new Map(start);
  const ceased = new Map<MunicipalityCode, string>();
  const wholeAssignments: WholeAssignment[] = [];
  const problems: string[] = [];
  const at = (row: ChangeRow) => `${file}, line ${row.line}`;
  const nameOf = (code: MunicipalityCode, row: ChangeRow) => names.get(code) ?? row.newName;

  const applied = rows.filter((r) => r.date <= date).sort((a, b) => compare(a.date, b.date) || a.line - b.line);
  const dates = [...new Set(applied.map((r) => r.date))];
  for (const day of dates) {
    const byOld = new Map<MunicipalityCode, ChangeRow[]>();
    for (const row of applied.filter((r) => r.date === day)) {
      byOld.set(row.oldCode, [...(byOld.get(row.oldCode) ?? []), row]);
    }
    /** Ceasing gemeente → its row with the largest share. */
    const largest = new Map<MunicipalityCode, ChangeRow>();
    for (const [oldCode, own] of [...byOld].sort(([a], [b]) => compare(a, b))) {
      const first = own[0]!;
      if (!members.has(oldCode)) {
        const when = ceased.get(oldCode);
        problems.push(
          `${at(first)}: ${oldCode} ${first.oldName} is not a gemeente on ${day}` +
            (when ? ` (it ceased on ${when})` : ' (whole-gemeente composition: no earlier row creates it)'),
        );
        continue;
      }
      const isContinuing = own.every((r) => r.kind === 'boundary-correction');
      if (isContinuing) {
        const lost = own.reduce((sum, r) => sum + r.areaShare, 0);
        wholeAssignments.push({
          code: oldCode,
          name: names.get(oldCode) ?? first.oldName,
          date: day,
          assignedTo: oldCode,
          assignedName: names.get(oldCode) ?? first.oldName,
          assignedShare: round3(1 - lost),
          others: own
            .map((r) => ({ code: r.newCode, name: nameOf(r.newCode, r), share: r.areaShare }))
            .sort((a, b) => b.share - a.share || compare(a.code, b.code)),
        });
        continue;
      }
      const [top] = [...own].sort((a, b) => b.areaShare - a.areaShare || compare(a.newCode, b.newCode));
      largest.set(oldCode, top!);
      if (own.length > 1) {
        wholeAssignments.push({
          code: oldCode,
          name: names.get(oldCode) ?? first.oldName,
          date: day,
          assignedTo: top!.newCode,
          assignedName: nameOf(top!.newCode, top!),
          assignedShare: top!.areaShare,
          others: own
            .filter((r) => r !== top)
            .map((r) => ({ code: r.newCode, name: nameOf(r.newCode, r), share: r.areaShare }))
            .sort((a, b) => b.share - a.share || compare(a.code, b.code)),
        });
      }
    }
    // Follow receivers that cease on the same day, then move every ceasing gemeente's parts at once.
    const moves: { from: MunicipalityCode; to: MunicipalityCode; row: ChangeRow }[] = [];
    for (const [from, row] of largest) {
      let last = row;
      const seen = new Set([from]);
      while (largest.has(last.newCode) && !seen.has(last.newCode)) {
        seen.add(last.newCode);
        last = largest.get(last.newCode)!;
      }
      if (largest.has(last.newCode)) {
        problems.push(`${at(row)}: the changes of ${day} from ${from} lead back to ${last.newCode}`);
      } else if (ceased.has(last.newCode)) {
        problems.push(
          `${at(last)}: receiver ${last.newCode} ${last.newName} ceased on ${ceased.get(last.newCode)}, before ${day}`,
        );
      } else {
        moves.push({ from, to: last.newCode, row: last });
      }
    }
    for (const { from, to, row } of moves) {
      if (!members.has(to)) {
        members.set(to, []);
        names.set(to, row.newName);
      }
      members.get(to)!.push(...(members.get(from) ?? []));
    }
    for (const { from } of moves) {
      members.delete(from);
      names.delete(from);
      ceased.set(from, day);
    }
  }

  const codes = [...members.keys()].sort(compare);
  return {
    parts: new Map(codes.map((code) => [code, [...members.get(code)!].sort(compare)])),
    names: new Map(codes.map((code) => [code, names.get(code)!])),
    wholeAssignments,
    problems,
  };
}

/**
 * Check that the parts of all gemeenten are the first-year gemeenten, each exactly once.
 * @returns the problems (empty when they are).
 */
export function checkParts(
  parts: ReadonlyMap<MunicipalityCode, readonly MunicipalityCode[]>,
  start: ReadonlySet<MunicipalityCode>,
  where: string,
): string[] {
  const problems: string[] = [];
  const owner = new Map<MunicipalityCode, MunicipalityCode>();
  for (const [code, own] of parts) {
    if (own.length === 0) problems.push(`${where}: ${code} consists of no gemeente of the first year`);
    for (const part of own) {
      const other = owner.get(part);
      if (!start.has(part)) problems.push(`${where}: ${code} has part ${part}, not a gemeente of the first year`);
      else if (other !== undefined) problems.push(`${where}: ${part} is a part of both ${other} and ${code}`);
      owner.set(part, code);
    }
  }
  const missing = [...start].filter((code) => !owner.has(code)).sort(compare);
  if (missing.length > 0) problems.push(`${where}: first-year gemeenten in no gemeente: ${missing.join(', ')}`);
  return problems;
}

/** A Polygon or MultiPolygon object of a topology: only its type and arcs matter here. */
export type PolygonalArcs = Pick<Polygon, 'type' | 'arcs'> | Pick<MultiPolygon, 'type' | 'arcs'>;

/**
 * The union of `geometries` of `topology` along their shared arcs (topojson-client `mergeArcs`, which drops
 * the arcs two of them share, so the result's borders are exactly theirs). A Polygon if it is one piece.
 */
export function mergeGeometries(topology: Topology, geometries: readonly PolygonalArcs[]): PolygonalArcs {
  if (geometries.length === 1) return { type: geometries[0]!.type, arcs: geometries[0]!.arcs } as PolygonalArcs;
  const merged = mergeArcs(topology, geometries as (Polygon | MultiPolygon)[]);
  return merged.arcs.length === 1
    ? { type: 'Polygon', arcs: merged.arcs[0]! }
    : { type: 'MultiPolygon', arcs: merged.arcs };
}

/**
 * Keep only the arcs `geometries` use, in their old order, and renumber the references (a reversed arc `~i`
 * stays reversed). The arcs themselves are kept as they are (quantised and delta-encoded per arc).
 * @returns the kept arcs and the geometries with new arc indices, in the same order.
 */
export function pruneArcs<A, G extends PolygonalArcs>(
  arcs: readonly A[],
  geometries: readonly G[],
): { arcs: A[]; geometries: G[] } {
  const used = new Set<number>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else used.add((value as number) < 0 ? ~(value as number) : (value as number));
  };
  for (const g of geometries) visit(g.arcs);
  const kept = [...used].sort((a, b) => a - b);
  const index = new Map(kept.map((old, i) => [old, i]));
  const renumber = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(renumber)
      : (value as number) < 0
        ? ~index.get(~(value as number))!
        : index.get(value as number)!;
  return {
    arcs: kept.map((i) => arcs[i]!),
    geometries: geometries.map((g) => ({ ...g, arcs: renumber(g.arcs) })),
  };
}

/**
 * The partial transfers of a composition in a sentence for the geometry's source citation (Dutch, like the
 * citations), e.g. "Muiden (2016) geheel bij Gooise Meren (75,2%), niet 24,8% bij Weesp".
 */
export function describeWholeAssignments(list: readonly WholeAssignment[]): string {
  return list
    .map((a) => {
      const others = a.others.map((o) => `${percent(o.share)} bij ${o.name}`).join(', ');
      const year = a.date.slice(0, 4);
      return a.assignedTo === a.code
        ? `grenscorrectie ${a.name} (${year}) niet verwerkt: ${others}`
        : `${a.name} (${year}) geheel bij ${a.assignedName} (${percent(a.assignedShare)}), niet ${others}`;
    })
    .join('; ');
}

function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1).replace('.', ',')}%`;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
