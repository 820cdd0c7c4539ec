/**
 * Reader for the RegioAtlas 2016 export files as they are (`regioatlas-2016/<group>/<file>.csv`, SOURCES.md §5):
 * `;`-separated, UTF-8 with a BOM, every field quoted, header `"Gemeente";"CBS";"<layout>";"Inwoneraantal van
 * regio"`, the gemeente code as 4 digits without `GM`, one row per (gemeente, region) — a gemeente in several
 * regions has several rows, all kept. The export has no region codes; the registry says how to make them
 * (`RegionCodeRule`). The rows then go through the same validation as every membership table.
 */
import { DataError } from '../../src/lib/errors';
import { parseCsv } from '../../src/lib/data/csv';
import type { MembershipRow } from '../../src/lib/data/validate';
import { compareCodes as compare } from '../../src/lib/model/codes';
import type { RegionCode } from '../../src/lib/types';
import type { RegionCodeRule } from '../layers';
import { throwIfAny } from './former';

/** The fixed columns of a RegioAtlas export; the third column is named after the layout. */
export const REGIOATLAS_COLUMNS = { municipality: 'Gemeente', code: 'CBS', inhabitants: 'Inwoneraantal van regio' };

/** What {@link readRegioAtlasRows} returns. */
export interface RegioAtlasTable {
  /** The layout's name, as the header writes it (e.g. "GGD's"). */
  layout: string;
  /** One row per row of the file, with `GM` codes and the made region codes. */
  rows: MembershipRow[];
}

/**
 * Read a RegioAtlas export: check the header, turn each 4-digit code into a `GM` code, trim the region names
 * (some end in a space in the export) and give each region its code by `rule`.
 * Throws `DataError` naming the file and the line of every problem: a wrong header, a code that is not 4
 * digits, an empty region name, a name the `codes` rule does not know (without a `prefix`); and naming the file
 * for a code map that names a region the file does not have or gives two regions one code. Unknown or missing
 * gemeenten, duplicate rows and multi-membership are for `validateMemberships`, like in every other table.
 * @example readRegioAtlasRows('\uFEFF"Gemeente";"CBS";"GGD\'s";"Inwoneraantal van regio"\n"Aalsmeer";"0358";"GGD Amsterdam";"1008808"\n',
 *   'ggds.csv', { prefix: 'RAGG' }).rows[0]
 * // { line: 2, municipalityCode: 'GM0358', municipalityName: 'Aalsmeer', regionCode: 'RAGG01', regionName: 'GGD Amsterdam' }
 */
export function readRegioAtlasRows(text: string, file: string, rule: RegionCodeRule): RegioAtlasTable {
  const table = parseCsv(text, file, { delimiter: ';' });
  const [municipality, code, layout, inhabitants] = table.header;
  const c = REGIOATLAS_COLUMNS;
  if (
    table.header.length !== 4 ||
    municipality !== c.municipality ||
    code !== c.code ||
    inhabitants !== c.inhabitants ||
    layout === undefined
  ) {
    throw new DataError(
      `${file}, line 1: expected the RegioAtlas header "${c.municipality}";"${c.code}";"<layout>";"${c.inhabitants}", got ${table.header.map((h) => `"${h}"`).join(';')}`,
      file,
    );
  }
  const problems: string[] = [];
  const rows: MembershipRow[] = [];
  for (const { line, values } of table.rows) {
    const digits = values[c.code] ?? '';
    const regionName = (values[layout] ?? '').trim();
    if (!/^\d{4}$/.test(digits)) {
      problems.push(`${file}, line ${line}: CBS code "${digits}" is not a 4-digit gemeente code`);
    } else if (regionName === '') {
      problems.push(`${file}, line ${line}: empty region name (${layout}) for gemeente GM${digits}`);
    } else {
      rows.push({
        line,
        municipalityCode: `GM${digits}`,
        municipalityName: values[c.municipality] ?? '',
        regionCode: '',
        regionName,
      });
    }
  }
  const names = rows.map((r) => r.regionName);
  const codeOf = regionCodes(names, rule);
  problems.push(...codeMapProblems(new Set(names), codeOf, rule, file));
  for (const row of rows) {
    const regionCode = codeOf.get(row.regionName);
    if (regionCode === undefined) {
      problems.push(`${file}, line ${row.line}: region "${row.regionName}" has no code in the registry's code map`);
    } else {
      row.regionCode = regionCode;
    }
  }
  throwIfAny(problems, file);
  return { layout, rows };
}

/**
 * Region name → code by `rule`: the names in its `codes` map get their code; with a `prefix`, every other name
 * gets the prefix and its 1-based number among those other distinct names in code-unit order, zero-padded to
 * two digits (more if there are more than 99 of them). Without a prefix, names the map lacks are left out, for
 * the caller to report.
 * @example regionCodes(['Zeeland', 'Drenthe', 'Zeeland'], { prefix: 'RA' }) // Map { 'Drenthe' => 'RA01', 'Zeeland' => 'RA02' }
 * @example regionCodes(['Zeeland', 'Drenthe', 'Urk'], { prefix: 'RA', codes: { Zeeland: 'PV29' } })
 * // Map { 'Drenthe' => 'RA01', 'Urk' => 'RA02', 'Zeeland' => 'PV29' }
 */
export function regionCodes(names: readonly string[], rule: RegionCodeRule): Map<string, RegionCode> {
  const distinct = [...new Set(names)].sort(compare);
  const known = rule.codes ?? {};
  const codes = new Map<string, RegionCode>();
  for (const name of distinct) if (Object.hasOwn(known, name)) codes.set(name, known[name]!);
  if ('prefix' in rule) {
    const others = distinct.filter((name) => !codes.has(name));
    const width = Math.max(2, String(others.length).length);
    others.forEach((name, i) => codes.set(name, `${rule.prefix}${String(i + 1).padStart(width, '0')}`));
  }
  return new Map([...codes].sort(([a], [b]) => compare(a, b)));
}

/** A code map's names that are not regions of the file (a typo, or a stale entry), and codes given twice. */
function codeMapProblems(
  names: ReadonlySet<string>,
  codeOf: ReadonlyMap<string, RegionCode>,
  rule: RegionCodeRule,
  file: string,
): string[] {
  const problems = Object.keys(rule.codes ?? {})
    .filter((name) => !names.has(name))
    .sort(compare)
    .map((name) => `${file}: the registry's code map names region "${name}", which is not in the file`);
  const nameOf = new Map<RegionCode, string>();
  for (const [name, code] of codeOf) {
    const other = nameOf.get(code);
    if (other === undefined) nameOf.set(code, name);
    else problems.push(`${file}: regions "${other}" and "${name}" both get the code ${code}`);
  }
  return problems;
}
