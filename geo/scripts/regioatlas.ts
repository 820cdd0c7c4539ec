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
 * digits, an empty region name, a name the `codes` rule does not know. Unknown or missing gemeenten, duplicate
 * rows and multi-membership are for `validateMemberships`, like in every other table.
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
  const codeOf = regionCodes(
    rows.map((r) => r.regionName),
    rule,
  );
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
 * Region name → code by `rule`: for `prefix`, the prefix and the name's 1-based number among the distinct
 * names in code-unit order, zero-padded to two digits (more if there are more than 99 names); for `codes`,
 * the map's entries (names it lacks are left out, for the caller to report).
 * @example regionCodes(['Zeeland', 'Drenthe', 'Zeeland'], { prefix: 'RA' }) // Map { 'Drenthe' => 'RA01', 'Zeeland' => 'RA02' }
 */
export function regionCodes(names: readonly string[], rule: RegionCodeRule): Map<string, RegionCode> {
  const distinct = [...new Set(names)].sort(compare);
  if ('codes' in rule) {
    return new Map(distinct.flatMap((name) => (rule.codes[name] === undefined ? [] : [[name, rule.codes[name]!]])));
  }
  const width = Math.max(2, String(distinct.length).length);
  return new Map(distinct.map((name, i) => [name, `${rule.prefix}${String(i + 1).padStart(width, '0')}`]));
}
