/**
 * Validation of the tables the atlas is built from: membership tables (gemeente → region) and
 * inhabitants per gemeente, checked against the gemeente codes of one geometry (year).
 * Pure: tables come in already parsed (see csv.ts); nothing is read or written here.
 *
 * Every check runs to the end and all problems are reported together in one `DataError`,
 * one line per problem naming the file, the line and the code, so a maintainer can fix a
 * table in one pass instead of one error per run.
 */
import { DataError } from '../errors';
import { compareCodes } from '../model/codes';
import type { CoverageRules, MunicipalityCode, Region, RegionCode } from '../types';
import type { CsvTable } from './csv';

/** Column names of a membership table (SOURCES.md §3 conventions). */
export const MEMBERSHIP_COLUMNS = {
  municipalityCode: 'gemeentecode',
  municipalityName: 'gemeentenaam',
  regionCode: 'regiocode',
  regionName: 'regionaam',
} as const;

/** Column names of an inhabitants table (`cbs/inwoners_*.csv`). */
export const INHABITANTS_COLUMNS = {
  municipalityCode: 'gemeentecode',
  inhabitants: 'inwoners',
} as const;

/** One row of a membership table: gemeente `municipalityCode` belongs to region `regionCode`. */
export interface MembershipRow {
  /** 1-based line of the row in its file. */
  line: number;
  municipalityCode: MunicipalityCode;
  /** Gemeente name as written in the table (informational; the geometry's name is authoritative). */
  municipalityName: string;
  regionCode: RegionCode;
  regionName: string;
  /** Source note of this row, where the layer's table has a note column. */
  note?: string;
}

/** A region listed in a separate region table, so that regions without gemeenten can be detected. */
export interface DeclaredRegion {
  code: RegionCode;
  name: string;
  /** 1-based line in the region table. */
  line: number;
}

/** Input of {@link validateMemberships}. */
export interface MembershipInput {
  /** File name used in messages, e.g. `membership/jeugdregio_2025.csv`. */
  file: string;
  rows: readonly MembershipRow[];
  /** The gemeenten of the geometry the table refers to: code → name. */
  municipalities: ReadonlyMap<MunicipalityCode, string>;
  coverage: CoverageRules;
  /** Regions of a region table, if the layer has one; then every region must have gemeenten. */
  declaredRegions?: readonly DeclaredRegion[];
}

/** Result of {@link validateInhabitants}. */
export interface InhabitantsResult {
  /** Gemeente code → inhabitants (a non-negative integer). */
  inhabitants: Map<MunicipalityCode, number>;
  /** Problems that do not stop the build (gemeenten without a figure), one message each. */
  warnings: string[];
}

/**
 * Turn a parsed membership table into rows, checking that the four required columns
 * (`gemeentecode`, `gemeentenaam`, `regiocode`, `regionaam`) and `noteColumn`, if given, exist.
 * Throws `DataError` listing every missing column.
 */
export function readMembershipRows(
  table: CsvTable,
  file: string,
  options: { noteColumn?: string } = {},
): MembershipRow[] {
  const required: string[] = Object.values(MEMBERSHIP_COLUMNS);
  if (options.noteColumn !== undefined) required.push(options.noteColumn);
  requireColumns(table, file, required);
  const c = MEMBERSHIP_COLUMNS;
  return table.rows.map(({ line, values }) => {
    const row: MembershipRow = {
      line,
      municipalityCode: values[c.municipalityCode] ?? '',
      municipalityName: values[c.municipalityName] ?? '',
      regionCode: values[c.regionCode] ?? '',
      regionName: values[c.regionName] ?? '',
    };
    const note = options.noteColumn === undefined ? undefined : values[options.noteColumn];
    if (note !== undefined && note !== '') row.note = note;
    return row;
  });
}

/**
 * Check that every row of `table` has `year` in column `column` (e.g. CJG facts documented for 2017),
 * so that a layer's single reference date describes all of its rows.
 * Throws `DataError` listing every row with another value, or the missing column.
 */
export function checkReferenceYear(table: CsvTable, file: string, column: string, year: number): void {
  requireColumns(table, file, [column]);
  const problems = table.rows
    .filter((row) => row.values[column] !== String(year))
    .map((row) => `${file}, line ${row.line}: ${column} is "${row.values[column]}", expected ${year}`);
  throwIfAny(problems, file, 'reference year');
}

/**
 * Validate a layer's membership rows against the gemeenten of its geometry and build its regions.
 *
 * Problems (all collected, then thrown together as one `DataError`):
 * unknown or empty gemeente code; empty region code or name; the same gemeente–region pair twice;
 * a gemeente in two regions when `coverage.allowsMultiMembership` is false; one region code with
 * two names; gemeenten without a region when `coverage.isComplete` is true (listed with names);
 * with `declaredRegions`: a region without gemeenten, or a row whose region is not declared.
 *
 * @returns the regions sorted by code, each with its member codes sorted and, where rows carry
 *   notes, their distinct notes joined by a newline (in file order).
 * @example
 * validateMemberships({ file: 'a.csv', municipalities: new Map([['GM0001', 'A']]),
 *   coverage: { isComplete: true, allowsMultiMembership: false },
 *   rows: [{ line: 2, municipalityCode: 'GM0001', municipalityName: 'A', regionCode: 'R1', regionName: 'Een' }] })
 * // [{ code: 'R1', name: 'Een', members: ['GM0001'] }]
 */
export function validateMemberships(input: MembershipInput): Region[] {
  const { file, rows, municipalities, coverage } = input;
  const problems: string[] = [];
  const at = (line: number) => `${file}, line ${line}`;

  interface Draft {
    name: string;
    nameLine: number;
    members: Map<MunicipalityCode, number>;
    notes: string[];
  }
  const drafts = new Map<RegionCode, Draft>();
  const declared = input.declaredRegions;
  if (declared) {
    for (const region of declared) {
      const known = drafts.get(region.code);
      if (known) {
        problems.push(
          `${file}, region table line ${region.line}: region ${region.code} is declared twice (also line ${known.nameLine})`,
        );
      } else {
        drafts.set(region.code, { name: region.name, nameLine: region.line, members: new Map(), notes: [] });
      }
    }
  }
  // Gemeente → region → line of its first row, to report duplicates and double membership.
  const regionsOf = new Map<MunicipalityCode, Map<RegionCode, number>>();

  for (const row of rows) {
    const { line, municipalityCode: code, regionCode } = row;
    let isUsable = true;
    if (code === '') {
      problems.push(`${at(line)}: empty gemeente code (region "${regionCode}")`);
      isUsable = false;
    } else if (!municipalities.has(code)) {
      problems.push(`${at(line)}: unknown gemeente code "${code}" ("${row.municipalityName}") (not in the geometry)`);
      isUsable = false;
    }
    if (regionCode === '') {
      problems.push(`${at(line)}: empty region code for gemeente ${code}`);
      isUsable = false;
    }
    if (row.regionName === '') {
      problems.push(`${at(line)}: empty region name for region "${regionCode}" (gemeente ${code})`);
    }
    if (!isUsable) continue;

    let draft = drafts.get(regionCode);
    if (!draft) {
      if (declared) {
        problems.push(`${at(line)}: region ${regionCode} (gemeente ${code}) is not in the region table`);
        continue;
      }
      draft = { name: row.regionName, nameLine: line, members: new Map(), notes: [] };
      drafts.set(regionCode, draft);
    } else if (row.regionName !== '' && row.regionName !== draft.name) {
      problems.push(
        `${at(line)}: region ${regionCode} is named "${row.regionName}" here but "${draft.name}" on line ${draft.nameLine} (gemeente ${code})`,
      );
    }

    const regions = regionsOf.get(code) ?? new Map<RegionCode, number>();
    regionsOf.set(code, regions);
    const firstLine = regions.get(regionCode);
    if (firstLine !== undefined) {
      problems.push(
        `${at(line)}: duplicate row: gemeente ${code} in region ${regionCode} again (first on line ${firstLine})`,
      );
      continue;
    }
    const other = coverage.allowsMultiMembership ? undefined : [...regions][0];
    if (other) {
      const [otherCode, otherLine] = other;
      problems.push(
        `${at(line)}: gemeente ${code} (${municipalities.get(code)}) is in region ${regionCode} and in region ${otherCode} (line ${otherLine}); this layer allows one region per gemeente`,
      );
      continue;
    }
    regions.set(regionCode, line);
    draft.members.set(code, line);
    if (row.note !== undefined && !draft.notes.includes(row.note)) draft.notes.push(row.note);
  }

  for (const [code, draft] of drafts) {
    if (draft.members.size === 0) {
      problems.push(`${file}, region table line ${draft.nameLine}: region ${code} (${draft.name}) has no gemeenten`);
    }
  }
  if (coverage.isComplete) {
    const missing = [...municipalities]
      .filter(([code]) => !regionsOf.has(code))
      .sort(([a], [b]) => compareCodes(a, b))
      .map(([code, name]) => `${code} ${name}`);
    if (missing.length > 0) {
      problems.push(
        `${file}: ${missing.length} gemeente(n) of the geometry without a region, but the layer claims full coverage: ${missing.join(', ')}`,
      );
    }
  }
  throwIfAny(problems, file, 'membership table');

  return [...drafts]
    .sort(([a], [b]) => compareCodes(a, b))
    .map(([code, draft]) => {
      const region: Region = { code, name: draft.name, members: [...draft.members.keys()].sort(compareCodes) };
      if (draft.notes.length > 0) region.note = draft.notes.join('\n');
      return region;
    });
}

/**
 * Validate an inhabitants table (`gemeentecode`, `inwoners`) against the gemeenten of a geometry.
 * Errors (thrown together as one `DataError`): missing columns, unknown or duplicate gemeente codes,
 * values that are not non-negative integers written as plain digits.
 * Gemeenten of the geometry without a row are not an error (their inhabitants are unknown):
 * they are returned as one warning listing their codes and names.
 */
export function validateInhabitants(
  table: CsvTable,
  file: string,
  municipalities: ReadonlyMap<MunicipalityCode, string>,
): InhabitantsResult {
  const c = INHABITANTS_COLUMNS;
  requireColumns(table, file, Object.values(c));
  const problems: string[] = [];
  const inhabitants = new Map<MunicipalityCode, number>();
  const lineOf = new Map<MunicipalityCode, number>();
  for (const { line, values } of table.rows) {
    const code = values[c.municipalityCode] ?? '';
    const value = values[c.inhabitants] ?? '';
    const firstLine = lineOf.get(code);
    if (!municipalities.has(code)) {
      problems.push(`${file}, line ${line}: unknown gemeente code "${code}" (not in the geometry)`);
    } else if (firstLine !== undefined) {
      problems.push(`${file}, line ${line}: gemeente ${code} appears again (first on line ${firstLine})`);
    } else if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
      problems.push(`${file}, line ${line}: inhabitants of ${code} "${value}" is not a whole number`);
    } else {
      inhabitants.set(code, Number(value));
    }
    if (firstLine === undefined) lineOf.set(code, line);
  }
  throwIfAny(problems, file, 'inhabitants table');

  const missing = [...municipalities]
    .filter(([code]) => !lineOf.has(code))
    .sort(([a], [b]) => compareCodes(a, b))
    .map(([code, name]) => `${code} ${name}`);
  const warnings =
    missing.length === 0 ? [] : [`${file}: no inhabitants for ${missing.length} gemeente(n): ${missing.join(', ')}`];
  return { inhabitants, warnings };
}

function requireColumns(table: CsvTable, file: string, columns: readonly string[]): void {
  const missing = columns.filter((column) => !table.header.includes(column));
  if (missing.length > 0) {
    throw new DataError(
      `${file}, line 1: missing column(s) ${missing.map((m) => `"${m}"`).join(', ')} (header: ${table.header.join(',')})`,
      file,
    );
  }
}

function throwIfAny(problems: string[], file: string, what: string): void {
  if (problems.length === 0) return;
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  throw new DataError(`${file}: ${count} in the ${what}:\n${problems.map((p) => `  ${p}`).join('\n')}`, file);
}
