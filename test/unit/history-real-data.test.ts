/**
 * The cross-year computation on the real data in public/data (`npm run geo:build`), checked against what the
 * sources state, not against the output: ../shared/geo-sources/SOURCES.md §5 (Veilig Thuis 2016 against 2025)
 * and §12 (the changes the yearly tables show), the gemeente counts per year, and the boundary-change table
 * ../shared/reference/herindelingen-2015-2025.md (Haaren's shares, the gemeenten divided over several others,
 * "2016 codes absent in 2025: 66").
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Atlas } from '../../src/lib/data/atlas';
import { assembleYear, readManifest, type DataSource } from '../../src/lib/data/assemble';
import { computeLayoutChanges, type LayoutChanges } from '../../src/lib/history/changes';
import { computeMunicipalityHistory } from '../../src/lib/history/gemeente-history';
import { computeKindHistory, layerOfKind } from '../../src/lib/history/kind-history';
import { areasOf2015, matcher, matchesByCode, type Matching, type YearGemeenten } from '../../src/lib/history/matching';
import { projectLayer, withLayers } from '../../src/lib/history/projection';
import { computeTrend } from '../../src/lib/history/trend';
import { describeLayoutChanges, describeMunicipalityChanges } from '../../src/lib/history/text';
import { compareLayers } from '../../src/lib/stats/pair';
import type { FormerMunicipality } from '../../src/lib/types';

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '../../public/data');
const source: DataSource = {
  readText: (file) => readFile(join(dataDir, file), 'utf8'),
  nameOf: (file) => join(dataDir, file),
};

const atlases = new Map<number, Atlas>();
const formers = new Map<number, FormerMunicipality[]>();
let matchingOf: (from: YearGemeenten, to: YearGemeenten) => Matching;

beforeAll(async () => {
  const manifest = await readManifest(source);
  for (const geometry of manifest.geometries) {
    const loaded = await assembleYear(source, manifest, geometry.year);
    expect(loaded.fileErrors).toEqual([]);
    atlases.set(geometry.year, loaded.atlas);
    formers.set(geometry.year, loaded.former);
  }
  const areas = areasOf2015(atlases.get(2015)!);
  matchingOf = matcher(areas, (year) => (year > 2015 ? formers.get(year)! : null));
}, 60_000);

const atlas = (year: number) => atlases.get(year)!;
const codeOf = (year: number, name: string) => {
  const found = atlas(year).municipalities.find((m) => m.name === name);
  if (!found) throw new Error(`no gemeente ${name} in ${year}`);
  return found.code;
};

function changes(kind: string, from: number, to: number): LayoutChanges {
  const a = layerOfKind(atlas(from), kind)!;
  const b = layerOfKind(atlas(to), kind)!;
  return computeLayoutChanges(a, b, matchingOf(atlas(from), atlas(to)));
}

const moved = (c: LayoutChanges) =>
  c.municipalityChanges
    .filter((m) => m.kind === 'moved')
    .map((m) => [m.name, m.fromRegions.map((r) => r.code), m.toRegions.map((r) => r.code)]);
const nonStayed = (c: LayoutChanges) =>
  c.regionEvents
    .filter((e) => e.kind !== 'stayed')
    .map((e) => [e.kind, e.from.map((r) => r.code), e.to.map((r) => r.code)]);

describe('matching on the real data', () => {
  it('matches every gemeente of 2016 to 2025: 324 keep their code, Haaren and three others are divided', () => {
    const m = matchingOf(atlas(2016), atlas(2025));
    expect(m.counts.total).toBe(390);
    expect(m.matches).toHaveLength(390);
    // 66 codes of 2016 are gone by 2025 (herindelingen-2015-2025.md); four of those gemeenten were divided after
    // 1 January 2016 (the geometry's source note: Slochteren 2017, Littenseradiel 2018, Winsum 2019, Haaren 2021).
    expect(m.counts).toEqual({ total: 390, identical: 324, whole: 62, partial: 4 });
    expect(
      m.matches
        .filter((x) => x.status === 'partial')
        .map((x) => x.name)
        .sort(),
    ).toEqual(['Haaren', 'Littenseradiel', 'Slochteren', 'Winsum']);
    const haaren = matchesByCode(m).get(codeOf(2016, 'Haaren'))!;
    expect(haaren.targetName).toBe('Vught');
    expect(haaren.hasTableShares).toBe(true);
    const table = { Vught: 0.39, Oisterwijk: 0.309, Tilburg: 0.193, Boxtel: 0.104 };
    expect(haaren.receivers.map((r) => r.name)).toEqual(Object.keys(table));
    for (const r of haaren.receivers) expect(r.share).toBeCloseTo(table[r.name as keyof typeof table], 2);
    expect(m.method.dividedParts).toHaveLength(4);
  });

  it('divides Muiden between Gooise Meren and Weesp from 2015 to 2016', () => {
    const m = matchingOf(atlas(2015), atlas(2016));
    expect(m.counts.total).toBe(393);
    const muiden = matchesByCode(m).get(codeOf(2015, 'Muiden'))!;
    expect(muiden.receivers.map((r) => [r.name, Math.round(r.share * 1000) / 1000])).toEqual([
      ['Gooise Meren', 0.752],
      ['Weesp', 0.248],
    ]);
    // Zeevang went wholly into Edam-Volendam, which kept its code.
    expect(matchesByCode(m).get(codeOf(2015, 'Zeevang'))).toMatchObject({
      status: 'whole',
      targetName: 'Edam-Volendam',
    });
  });

  it('works backwards: Vught 2025 holds Vught and part of Haaren of 2016', () => {
    const m = matchingOf(atlas(2025), atlas(2016));
    expect(m.counts.total).toBe(342);
    const vught = matchesByCode(m).get(codeOf(2025, 'Vught'))!;
    expect(vught.receivers.map((r) => r.name)).toEqual(['Vught', 'Haaren']);
  });
});

describe('changes on the real data (SOURCES.md §5, §12)', () => {
  it('Veilig Thuis 2022 → 2023: VT16 and VT26 merged into VT27; Baarle-Nassau and Alphen-Chaam VT21 → VT15', () => {
    const c = changes('veiligthuis', 2022, 2023);
    expect(nonStayed(c)).toEqual([
      ['renamed', ['VT15'], ['VT15']],
      ['merged', ['VT16', 'VT26'], ['VT27']],
    ]);
    expect(c.regionEvents.find((e) => e.kind === 'merged')!.to[0]!.name).toBe('Oost-Brabant');
    expect(moved(c)).toEqual([
      ['Baarle-Nassau', ['VT21'], ['VT15']],
      ['Alphen-Chaam', ['VT21'], ['VT15']],
    ]);
    expect(describeMunicipalityChanges(c, 'nl')).toContain(
      'Baarle-Nassau en Alphen-Chaam gingen van Veilig Thuis-regio West-brabant naar Midden-Brabant',
    );
    expect(describeLayoutChanges(c, 'en')).toContain(
      'Baarle-Nassau and Alphen-Chaam moved from Veilig Thuis region West-brabant to Midden-Brabant',
    );
  });

  it('jeugd 2023 → 2024: Zeewolde to Noord-Veluwe, Voorschoten to Holland Rijnland, Midden-Brabant renamed', () => {
    const c = changes('jeugdregio', 2023, 2024);
    const name = (code: string) =>
      c.regionEvents.flatMap((e) => [...e.from, ...e.to]).find((r) => r.code === code)!.name;
    expect(
      moved(c)
        .map(([who, from, to]) => [who, name(from![0]!), name(to![0]!)])
        .sort(),
    ).toEqual([
      ['Voorschoten', 'Haaglanden', 'Holland Rijnland'],
      ['Zeewolde', 'Flevoland', 'Noord-Veluwe'],
    ]);
    const renamed = c.regionEvents.filter((e) => e.kind === 'renamed');
    expect(renamed.map((e) => [e.from[0]!.name, e.to[0]!.name, e.hasSameMembers])).toEqual([
      ['Midden-Brabant', 'Midden-Brabant (Hart van Brabant)', true],
    ]);
    expect(c.counts).toMatchObject({
      merged: 0,
      split: 0,
      new: 0,
      gone: 0,
      reorganised: 0,
      regionsA: 42,
      regionsB: 42,
    });
  });

  it('Veilig Thuis 2016 → 2025: the merger, the rename and the four gemeenten that moved (§5)', () => {
    const c = changes('veiligthuis', 2016, 2025);
    expect(nonStayed(c)).toEqual([
      ['renamed', ['VT15'], ['VT15']],
      ['merged', ['VT16', 'VT26'], ['VT27']],
    ]);
    expect(c.regionEvents.filter((e) => e.kind === 'stayed')).toHaveLength(26 - 3);
    const codes2025 = new Set(atlas(2025).municipalities.map((m) => m.code));
    const movedCommon = c.municipalityChanges.filter((m) => m.kind === 'moved' && codes2025.has(m.code));
    expect(movedCommon.map((m) => [m.name, m.fromRegions[0]!.code, m.toRegions[0]!.code]).sort()).toEqual([
      ['Alphen-Chaam', 'VT21', 'VT15'],
      ['Baarle-Nassau', 'VT21', 'VT15'],
      ['Lingewaard', 'VT06', 'VT05'],
      ['Wijdemeren', 'VT20', 'VT07'],
    ]);
    // Haaren was divided in 2021; it is said so, with the table's receivers.
    const haaren = c.municipalityChanges.find((m) => m.name === 'Haaren')!;
    expect(haaren.kind).toBe('divided');
    expect(haaren.receivers.map((r) => r.name)).toEqual(['Vught', 'Oisterwijk', 'Tilburg', 'Boxtel']);
  });

  it('Veilig Thuis 2016 → 2020 moves Lingewaard to Gelderland-Midden; 2021 → 2022 Weesp and Wijdemeren (§12)', () => {
    const early = changes('veiligthuis', 2016, 2020);
    expect(moved(early)).toContainEqual(['Lingewaard', ['VT06'], ['VT05']]);
    const c = changes('veiligthuis', 2021, 2022);
    expect(moved(c)).toEqual([
      ['Weesp', ['VT20'], ['VT01']],
      ['Wijdemeren', ['VT20'], ['VT07']],
    ]);
  });

  it('Veilig Thuis 2022 → 2023 lists Weesp as merged into Amsterdam inside its region, not as moved', () => {
    const c = changes('veiligthuis', 2022, 2023);
    const weesp = c.municipalityChanges.find((m) => m.name === 'Weesp')!;
    expect(weesp).toMatchObject({ kind: 'merged-within-region', isRegionKept: true, target: { name: 'Amsterdam' } });
  });
});

describe('histories and trends on the real data', () => {
  it('Veilig Thuis exists in 2016 and 2020-2025; 2023 → 2024 is unchanged (identical tables, §12)', () => {
    const h = computeKindHistory([...atlases.values()], 'veiligthuis', matchingOf);
    expect(h.years.map((y) => y.year)).toEqual([2016, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(h.years.map((y) => y.regionCount)).toEqual([26, 26, 26, 26, 25, 25, 25]);
    expect(h.summary.unchanged).toContainEqual([2023, 2024]);
    const step = h.steps.find((s) => s.fromYear === 2022)!;
    expect(step.regionEventCount).toBe(2);
    // The step with the merger of two regions (VT16 and VT26, §12) changed the layout most.
    expect(h.summary.busiest[0]).toEqual([2022, 2023]);
    // All gemeenten of VT16 and VT26 (on 2022's gemeenten) got other fellow gemeenten.
    const vt2022 = layerOfKind(atlas(2022), 'veiligthuis')!;
    const mergedCount = vt2022.regions
      .filter((r) => r.code === 'VT16' || r.code === 'VT26')
      .flatMap((r) => r.members).length;
    expect(step.regroupedCount).toBeGreaterThanOrEqual(mergedCount);
  });

  it('compares jeugd with Veilig Thuis in every year both exist, on all gemeenten of that year', () => {
    const t = computeTrend([...atlases.values()], 'jeugdregio', 'veiligthuis');
    expect(t.points.map((p) => [p.year, p.commonCount])).toEqual([
      [2016, 390],
      [2020, 355],
      [2021, 352],
      [2022, 345],
      [2023, 342],
      [2024, 342],
      [2025, 342],
    ]);
    expect(t.gaps.map((g) => g.year)).toEqual([2015, 2017, 2018, 2019]);
    for (const p of t.points) {
      expect(p.aToB.ari).not.toBeNull();
      expect(p.aToB.ari!).toBeLessThanOrEqual(1);
    }
  });

  it('tells Haaren’s, Altena’s and Weesp’s histories', () => {
    const years = [...atlases.values()];
    const haaren = computeMunicipalityHistory(years, 2016, codeOf(2016, 'Haaren'), matchingOf, formers.get(2025)!);
    const in2025 = haaren.years.find((y) => y.year === 2025)!;
    expect(in2025.status).toBe('several');
    expect(in2025.holders.map((h) => h.name)).toEqual(['Vught', 'Oisterwijk', 'Tilburg', 'Boxtel']);
    expect(haaren.years.filter((y) => y.status === 'same').map((y) => y.year)).toEqual([
      2015, 2016, 2017, 2018, 2019, 2020,
    ]);
    expect(haaren.changes.map((c) => [c.name, c.date, c.kinds])).toEqual([['Haaren', '2021-01-01', ['split']]]);

    const altena = computeMunicipalityHistory(years, 2025, codeOf(2025, 'Altena'), matchingOf, formers.get(2025)!);
    const in2016 = altena.years.find((y) => y.year === 2016)!;
    expect(in2016.status).toBe('several');
    expect(in2016.holders.map((h) => h.name).sort()).toEqual(['Aalburg', 'Werkendam', 'Woudrichem']);
    expect(altena.changes.map((c) => [c.name, c.date])).toEqual([
      ['Aalburg', '2019-01-01'],
      ['Werkendam', '2019-01-01'],
      ['Woudrichem', '2019-01-01'],
    ]);

    const weesp = computeMunicipalityHistory(years, 2016, codeOf(2016, 'Weesp'), matchingOf, formers.get(2025)!);
    const vt = weesp.kinds.find((k) => k.kind === 'veiligthuis')!;
    expect(vt.entries.map((e) => [e.year, e.regions.map((r) => r.code)])).toEqual([
      [2016, ['VT20']],
      [2020, ['VT20']],
      [2021, ['VT20']],
      [2022, ['VT01']],
      [2023, ['VT01']],
      [2024, ['VT01']],
      [2025, ['VT01']],
    ]);
    expect(weesp.years.find((y) => y.year === 2023)).toMatchObject({
      status: 'merged',
      holders: [{ name: 'Amsterdam' }],
    });
  });

  it('projects Veilig Thuis 2025 onto 2016 so that the pair view compares it with Veilig Thuis 2016', () => {
    const m = matchingOf(atlas(2016), atlas(2025));
    const projected = projectLayer(layerOfKind(atlas(2025), 'veiligthuis')!, m);
    const combined = withLayers(atlas(2016), [projected]);
    const cmp = compareLayers(combined, 'veiligthuis-2016', 'veiligthuis-2025~2016');
    expect(cmp.coverage.commonCount).toBe(390);
    // VT16 and VT26 merged into VT27 (§5): all their 2016 gemeenten are in the projected VT27.
    const vt2016 = layerOfKind(atlas(2016), 'veiligthuis')!;
    const merged = vt2016.regions.filter((r) => r.code === 'VT16' || r.code === 'VT26').flatMap((r) => r.members);
    const vt27 = projected.regions.find((r) => r.code === 'VT27')!;
    expect(merged.filter((code) => !vt27.members.includes(code))).toEqual([]);
    expect(projected.meta.projection.partialCodes).toHaveLength(4);
  });
});
