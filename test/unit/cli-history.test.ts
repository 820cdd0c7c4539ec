/**
 * Runs the real `atlas changes` and `atlas trend` commands (through tsx, as `npm run atlas` does) on the built data
 * in public/data (`npm run geo:build`). The facts come from the sources, not from the output:
 * ../shared/geo-sources/SOURCES.md §12 (Veilig Thuis 2022 → 2023: VT16 and VT26 → VT27 Oost-Brabant, Baarle-Nassau
 * and Alphen-Chaam VT21 → VT15) and the years each kind exists in, read from manifest.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatYears } from '../../src/cli/format';
import type { LayoutChanges } from '../../src/lib/history/changes';
import type { Manifest } from '../../src/lib/types';
import { runAtlas, type CliResult } from '../fixtures/cli-data';

const builtDir = join(import.meta.dirname, '..', '..', 'public', 'data');
const manifest = JSON.parse(readFileSync(join(builtDir, 'manifest.json'), 'utf8')) as Manifest;
const yearOfGeometry = new Map(manifest.geometries.map((g) => [g.id, g.year]));
const allYears = manifest.geometries.map((g) => g.year).sort((a, b) => a - b);

/** The years of the manifest with a layer of `kind` (its `kind`, else the id without the year), oldest first. */
function yearsWith(kind: string): number[] {
  const years = manifest.layers
    .filter((l) => (l.kind ?? l.id.replace(/-\d{4}$/, '')) === kind)
    .map((l) => yearOfGeometry.get(l.geometryId)!);
  return [...new Set(years)].sort((a, b) => a - b);
}

function run(...args: string[]): CliResult {
  return runAtlas(args);
}

/** CSV output: the `# key,value` notes and the table (header row, then rows) after them. */
function readCsv(text: string): { notes: Map<string, string>; rows: string[][] } {
  const parsed = Papa.parse<string[]>(text.trimEnd(), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const notes = new Map<string, string>();
  const rows: string[][] = [];
  for (const row of parsed.data) {
    if (row[0]!.startsWith('# ')) notes.set(row[0]!.slice(2), row[1]!);
    else rows.push(row);
  }
  return { notes, rows };
}

describe('formatYears', () => {
  it('writes runs of consecutive years as ranges', () => {
    expect(formatYears([2025, 2016, 2020, 2021, 2022, 2016])).toBe('2016, 2020–2022, 2025');
    expect(formatYears([2015])).toBe('2015');
  });
});

describe('atlas changes (on the built data)', () => {
  let text: CliResult;
  let json: LayoutChanges;

  beforeAll(() => {
    text = run('changes', 'veiligthuis', '2022', '2023');
    const result = run('changes', 'veiligthuis', '2022', '2023', '--json');
    expect(result.status, result.stderr).toBe(0);
    json = JSON.parse(result.stdout) as LayoutChanges;
  });

  it('tells Veilig Thuis 2022 → 2023: Baarle-Nassau and Alphen-Chaam moved, VT16 and VT26 merged (§12)', () => {
    expect(text.status, text.stderr).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain(
      '- Baarle-Nassau and Alphen-Chaam moved from Veilig Thuis region West-brabant to Midden-Brabant\n',
    );
    const merged = json.regionEvents.filter((e) => e.kind === 'merged');
    expect(merged.map((e) => [e.from.map((r) => r.code), e.to.map((r) => [r.code, r.name])])).toEqual([
      [['VT16', 'VT26'], [['VT27', 'Oost-Brabant']]],
    ]);
    const [vt16, vt26] = merged[0]!.from.map((r) => r.name);
    expect(text.stdout).toContain(`- Veilig Thuis regions ${vt16} and ${vt26} merged into Oost-Brabant\n`);
  });

  it('says which matching it used, in words and as the method line', () => {
    expect(json.matching.from.year).toBe(2022);
    expect(json.matching.to.year).toBe(2023);
    expect(json.matching.method.rule).toBe('largest-area-share');
    expect(text.stdout).toContain(`\nMethod: ${json.matching.method.summary}\n`);
    expect(text.stdout).toContain(
      'Matching: Municipalities of 2022 compared with those of 2023: each municipality of 2022 counts with the municipality of 2023',
    );
    expect(text.stdout).toContain(`${json.matching.counts.total} municipalities: `);
  });

  it('prints JSON whose counts match the text', () => {
    const { counts } = json;
    expect(counts).toMatchObject({ regionsA: 26, regionsB: 25, merged: 1, moved: 2 });
    expect(
      json.municipalityChanges
        .filter((m) => m.kind === 'moved')
        .map((m) => [m.name, m.fromRegions.map((r) => r.code), m.toRegions.map((r) => r.code)]),
    ).toEqual([
      ['Baarle-Nassau', ['VT21'], ['VT15']],
      ['Alphen-Chaam', ['VT21'], ['VT15']],
    ]);
    const [, regionSection, municipalitySection] = text.stdout.split(/\n(?=Region changes|Municipalities of)/);
    expect(regionSection).toMatch(
      new RegExp(`^Region changes \\(${counts.regionEventCount}; ${counts.stayed} stayed\\):\n`),
    );
    expect(regionSection!.match(/^- /gm)).toHaveLength(counts.regionEventCount);
    expect(municipalitySection).toMatch(
      new RegExp(`^Municipalities of 2022 with a change \\(${json.municipalityChanges.length}\\):\n`),
    );
    for (const m of json.municipalityChanges) expect(municipalitySection).toContain(m.name);
    expect(text.stdout.split('\n')[0]).toBe(
      `Veilig Thuis regions 2022 → 2023: ${counts.merged} merger of regions, ${counts.renamed + counts.recoded} region renamed or recoded, ` +
        `${counts.regionChangedCount} municipalities to another Veilig Thuis region; ` +
        `${counts.mergedWithinRegion + counts.mergedAcrossRegions} municipalities merged`,
    );
  });

  it('tells it in Dutch with --lang nl', () => {
    const { status, stdout } = run('changes', 'veiligthuis', '2022', '2023', '--lang', 'nl');
    expect(status).toBe(0);
    expect(stdout).toContain(
      '- Baarle-Nassau en Alphen-Chaam gingen van Veilig Thuis-regio West-brabant naar Midden-Brabant\n',
    );
    expect(stdout).toContain('Matching: Gemeenten van 2022 vergeleken met die van 2023');
  });

  it('prints CSV with the layers and matching notes, a header row and a row per event and change', () => {
    const { status, stdout } = run('changes', 'veiligthuis', '2022', '2023', '--csv');
    expect(status).toBe(0);
    expect(stdout.startsWith('# layers,veiligthuis-2022 -> veiligthuis-2023\n')).toBe(true);
    expect(stdout).not.toContain('\r');
    const { notes, rows } = readCsv(stdout);
    expect(notes.get('matching')).toBe(json.matching.method.summary);
    const [header, ...data] = rows;
    expect(header!.slice(0, 6)).toEqual(['from_year', 'to_year', 'type', 'kind', 'code', 'name']);
    expect(data).toHaveLength(json.regionEvents.length + json.municipalityChanges.length);
    const col = (name: string) => header!.indexOf(name);
    const baarle = data.find((r) => r[col('name')] === 'Baarle-Nassau')!;
    expect([baarle[col('kind')], baarle[col('from_regions')], baarle[col('to_regions')]]).toEqual([
      'moved',
      'VT21',
      'VT15',
    ]);
    const mergedRow = data.find((r) => r[col('type')] === 'region' && r[col('kind')] === 'merged')!;
    expect([mergedRow[col('from_regions')], mergedRow[col('to_regions')]]).toEqual(['VT16 VT26', 'VT27']);
  });

  it('exits 1 for an unknown kind, listing every kind with the years it exists in', () => {
    const { status, stdout, stderr } = run('changes', 'nosuchkind', '2022', '2023');
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain("Unknown layer kind 'nosuchkind'.");
    const kinds = [...new Set(manifest.layers.map((l) => l.kind ?? l.id.replace(/-\d{4}$/, '')))];
    expect(kinds.length).toBeGreaterThan(5);
    for (const kind of kinds) expect(stderr).toMatch(new RegExp(`^${kind} +${formatYears(yearsWith(kind))}$`, 'm'));
    // Veilig Thuis: RegioAtlas 2016 and the yearly maps from 2020 (SOURCES.md §5, §12).
    expect(stderr).toMatch(/^veiligthuis +2016, 2020–2025$/m);
  });

  it('exits 1 for a year without the kind, saying which years have it', () => {
    expect(yearsWith('veiligthuis')).not.toContain(2018);
    const { status, stdout, stderr } = run('changes', 'veiligthuis', '2018', '2023');
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('There is no veiligthuis layer in 2018. veiligthuis exists in 2016, 2020–2025.\n');
    const outside = run('changes', 'veiligthuis', '2016', '2031');
    expect(outside.status).toBe(1);
    expect(outside.stderr).toContain('(the data has no gemeenten for 2031)');
  });

  it('exits 2 for a bad year, the same year twice, years in the wrong order or --year', () => {
    const cases: [string[], string][] = [
      [['changes', 'veiligthuis', '22', '2023'], "changes needs years such as 2022, not '22'."],
      [['changes', 'veiligthuis', '2022', 'next'], "changes needs years such as 2022, not 'next'."],
      [['changes', 'veiligthuis', '2023', '2023'], 'changes compares two different years'],
      [['changes', 'veiligthuis', '2023', '2022'], "try 'changes veiligthuis 2022 2023'"],
      [['changes', 'veiligthuis', '2022'], 'changes needs a layer kind and two years'],
      [['changes', 'veiligthuis', '2022', '2023', '--year', '2022'], 'not --year'],
      [['changes', 'veiligthuis', '2022', '2023', '--lang', 'de'], "Unknown language 'de'"],
    ];
    for (const [args, message] of cases) {
      const { status, stdout, stderr } = run(...args);
      expect(status, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(message);
      expect(stderr).toContain('Usage:');
    }
  });
});

describe('atlas trend (on the built data)', () => {
  const bothYears = yearsWith('jeugdregio').filter((y) => yearsWith('veiligthuis').includes(y));
  const leftOut = allYears.filter((y) => !bothYears.includes(y));

  interface TrendJson {
    metric: string;
    series: { year: number; value: number | null; commonCount: number }[];
    points: { year: number; municipalityCount: number; commonCount: number }[];
    gaps: { year: number; missing: string[] }[];
    summary: string | null;
  }

  it('derives the years from the manifest: Veilig Thuis has gaps', () => {
    expect(bothYears.length).toBeGreaterThan(2);
    expect(leftOut.length).toBeGreaterThan(0);
  });

  it('gives the congruence in exactly the years both kinds exist, with the gemeenten it rests on', () => {
    const { status, stdout } = run('trend', 'jeugdregio', 'veiligthuis', '--json');
    expect(status).toBe(0);
    const t = JSON.parse(stdout) as TrendJson;
    expect(t.metric).toBe('congruence');
    expect(t.series.map((p) => p.year)).toEqual(bothYears);
    for (const p of t.series) {
      expect(p.value).not.toBeNull();
      expect(p.value!).toBeGreaterThanOrEqual(0);
      expect(p.value!).toBeLessThanOrEqual(1);
      expect(p.commonCount).toBeGreaterThan(300);
    }
    // Both are complete layers: every gemeente of the year counts.
    for (const p of t.points) expect(p.commonCount).toBe(p.municipalityCount);
    expect(t.gaps.map((g) => g.year)).toEqual(leftOut);
    expect(t.summary).toMatch(/^Mean municipality congruence of Youth care regions and Veilig Thuis regions: /);
  });

  it('prints a table row per year, the years left out and the summary line', () => {
    const { status, stdout } = run('trend', 'jeugdregio', 'veiligthuis', '--metric', 'ari');
    expect(status).toBe(0);
    const json = JSON.parse(run('trend', 'jeugdregio', 'veiligthuis', '--metric', 'ari', '--json').stdout) as TrendJson;
    expect(json.metric).toBe('ari');
    const rows = stdout.split('\n').filter((line) => /^\d{4} {2}/.test(line));
    expect(rows.map((line) => Number(line.slice(0, 4)))).toEqual(bothYears);
    rows.forEach((line, i) => {
      const point = json.series[i]!;
      expect(line).toMatch(new RegExp(`  ${point.commonCount} of \\d+  ${point.value!.toFixed(3)}$`));
    });
    expect(stdout).toContain(`Left out: ${leftOut.map((y) => `${y} (no veiligthuis)`).join(', ')}\n`);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(json.summary);
    expect(json.summary).toMatch(/^Adjusted Rand index \(ARI\) of Youth care regions and Veilig Thuis regions: /);
  });

  it('prints CSV with the matching note, a header row and a row per year', () => {
    const { status, stdout } = run('trend', 'jeugdregio', 'veiligthuis', '--csv');
    expect(status).toBe(0);
    const { notes, rows } = readCsv(stdout);
    expect(notes.get('matching')).toMatch(/^none: /);
    expect(notes.get('left_out')).toContain(String(leftOut[0]));
    const [header, ...data] = rows;
    expect(header!.slice(0, 6)).toEqual([
      'year',
      'layer_a',
      'layer_b',
      'municipality_count',
      'common_count',
      'congruence',
    ]);
    expect(data.map((r) => Number(r[0]))).toEqual(bothYears);
    for (const r of data) {
      expect(Number(r[5])).toBeGreaterThanOrEqual(0);
      expect(Number(r[5])).toBeLessThanOrEqual(1);
    }
  });

  it('exits 1 for an unknown kind and 2 for a wrong number of kinds or a metric it does not know', () => {
    const unknown = run('trend', 'jeugdregio', 'nosuchkind');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("Unknown layer kind 'nosuchkind'.");
    for (const args of [
      ['trend', 'jeugdregio'],
      ['trend', 'jeugdregio', 'veiligthuis', '--metric', 'bogus'],
      ['trend', 'jeugdregio', 'veiligthuis', '--year', '2020'],
    ]) {
      const { status, stderr } = run(...args);
      expect(status, args.join(' ')).toBe(2);
      expect(stderr).toContain('Usage:');
    }
  });
});
