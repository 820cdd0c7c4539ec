/**
 * The data build of every year 2015-2025 on the real sources ($GEO_SOURCES, default ../shared/geo-sources, and
 * $GEO_REFERENCE, default ../shared/reference), built once into a temporary folder. The expected numbers are
 * those the sources publish (CBS gemeente counts per 1 January, region counts, the 2015 population), not the
 * build's own output; see ../shared/geo-sources/SOURCES.md §4, §5, §12 and herindelingen-2015-2025.md.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_LAYERS, GEOMETRIES } from '../../geo/layers';
import { inputKey } from '../../geo/scripts/build-cache';
import { buildData, type BuildResult } from '../../geo/scripts/build-data';
import {
  parseFormerMunicipalities,
  parseLayerFile,
  parseManifest,
  parseMunicipalityTopology,
} from '../../src/lib/data/parse';
import type { LayerFile, Manifest, MunicipalityGeometry, MunicipalityTopology } from '../../src/lib/types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCES = resolve(ROOT, process.env.GEO_SOURCES ?? '../shared/geo-sources');
const REFERENCE = resolve(ROOT, process.env.GEO_REFERENCE ?? '../shared/reference');

/** Gemeenten on 1 January as CBS announced them (herindelingen-2015-2025.md, "Counts"). */
const COUNTS: Record<number, number> = {
  2015: 393,
  2016: 390,
  2017: 388,
  2018: 380,
  2019: 355,
  2020: 355,
  2021: 352,
  2022: 345,
  2023: 342,
  2024: 342,
  2025: 342,
};
/** Inhabitants of the Netherlands on 1 January 2015 (SOURCES.md §4). */
const POPULATION_2015 = 16_900_726;

let outDir: string;
let result: BuildResult;
let manifest: Manifest;
const topologies = new Map<number, MunicipalityTopology>();

const read = (file: string): unknown => JSON.parse(readFileSync(join(outDir, file), 'utf8'));
const gemeenten = (year: number) => topologies.get(year)!.objects.municipalities.geometries as MunicipalityGeometry[];
const codesOf = (year: number) => new Set(gemeenten(year).map((g) => String(g.id)));
const layer = (id: string): LayerFile => parseLayerFile(read(`layers/${id}.json`), id);

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'geo-years-test-'));
  result = buildData({ sourcesDir: SOURCES, referenceDir: REFERENCE, outDir, quiet: true });
  manifest = parseManifest(read('manifest.json'), 'manifest.json');
  for (const g of manifest.geometries) topologies.set(g.year, parseMunicipalityTopology(read(g.file), g.file));
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('every year 2015-2025 on the real sources', () => {
  it('has the number of gemeenten CBS announced for every year, newest first', () => {
    expect(manifest.geometries.map((g) => [g.year, g.municipalityCount])).toEqual(
      Object.entries(COUNTS)
        .map(([year, count]) => [Number(year), count])
        .reverse(),
    );
    for (const [year, count] of Object.entries(COUNTS)) expect(gemeenten(Number(year)), year).toHaveLength(count);
    expect(result.warnings).toEqual([]);
  });

  it('keeps 2025 as the app knows it: the newest geometry with the 2025 layers and the former gemeenten', () => {
    const newest = [...manifest.geometries].sort((a, b) => b.year - a.year)[0]!;
    expect(newest.id).toBe('gemeenten-2025');
    expect(manifest.layers.filter((l) => l.geometryId === newest.id)).toHaveLength(11);
    expect(newest.former?.count).toBe(72); // 2015 codes absent in 2025 (herindelingen-2015-2025.md)
  });

  it('gives every gemeente its parts: together every gemeente of 2015 exactly once, in every year', () => {
    const all2015 = [...codesOf(2015)].sort();
    for (const year of Object.keys(COUNTS).map(Number)) {
      const parts = gemeenten(year).flatMap((g) => g.properties!.parts ?? []);
      expect([...parts].sort(), String(year)).toEqual(all2015);
    }
    for (const g of gemeenten(2015)) expect(g.properties!.parts).toEqual([g.id]);
    const partsOf = (year: number, code: string) => gemeenten(year).find((g) => g.id === code)?.properties?.parts;
    // Bussum, Muiden and Naarden → Gooise Meren (2016); Muiden whole, although a quarter went to Weesp.
    expect(partsOf(2016, 'GM1942')).toEqual(['GM0381', 'GM0424', 'GM0425']);
    expect(partsOf(2016, 'GM0457')).toEqual(['GM0457']);
    // Weesp went to Amsterdam on 24 March 2022: still a gemeente on 1 January 2022, not in 2023.
    expect(partsOf(2022, 'GM0457')).toEqual(['GM0457']);
    expect(partsOf(2023, 'GM0363')).toEqual(['GM0363', 'GM0457']);
    // De Friese Meren was renamed De Fryske Marren with a new code in 2015.
    expect(partsOf(2016, 'GM1940')).toEqual(['GM1921']);
  });

  it('has Zeevang in 2015 only, Nuth until 2018 and Haaren until 2020, and their successors after', () => {
    const isIn = (year: number, code: string) => codesOf(year).has(code);
    expect([2015, 2016].map((y) => isIn(y, 'GM0478'))).toEqual([true, false]); // Zeevang, merged 2016-01-01
    expect([2016, 2018, 2019].map((y) => isIn(y, 'GM0951'))).toEqual([true, true, false]); // Nuth, 2019
    expect([2016, 2020, 2021].map((y) => isIn(y, 'GM0788'))).toEqual([true, true, false]); // Haaren, 2021
    expect(isIn(2019, 'GM1954') && !isIn(2018, 'GM1954')).toBe(true); // Beekdaelen, from 2019
    const name = (year: number, code: string) => gemeenten(year).find((g) => g.id === code)?.properties?.name;
    expect([name(2016, 'GM0788'), name(2016, 'GM0951'), name(2015, 'GM0478')]).toEqual(['Haaren', 'Nuth', 'Zeevang']);
  });

  it('sums the 2015 inhabitants over the parts in the composed years, dated 2015', () => {
    for (const year of [2015, 2016, 2019, 2022]) {
      const total = gemeenten(year).reduce((sum, g) => sum + (g.properties!.inhabitants ?? NaN), 0);
      expect(total, String(year)).toBe(POPULATION_2015);
      expect(manifest.geometries.find((g) => g.year === year)?.inhabitantsDate).toBe('2015-01-01');
    }
    const summed = manifest.geometries.find((g) => g.year === 2016)!.inhabitantsSource;
    expect(summed).toContain('opgeteld over de gemeenten van 2015');
    expect(manifest.geometries.find((g) => g.year === 2023)?.inhabitantsDate).toBe('2024-01-01');
  });

  it('merges along shared arcs: no gap, no overlap, the same land in every composed year', () => {
    const areaOf = (year: number) => gemeenten(year).reduce((sum, g) => sum + g.properties!.areaKm2, 0);
    for (const year of [2016, 2017, 2018, 2019, 2020, 2021, 2022]) {
      const topology = topologies.get(year)!;
      // Gemeenten per arc (the 2015 map has four arcs that one gemeente uses twice, a quirk of its quantisation).
      const users = new Map<number, Set<string>>();
      for (const g of gemeenten(year)) {
        for (const a of (g.arcs as unknown as number[]).flat(3)) {
          const arc = a < 0 ? ~a : a;
          users.set(arc, (users.get(arc) ?? new Set()).add(String(g.id)));
        }
      }
      expect(users.size, `${year}: every arc is used`).toBe(topology.arcs.length);
      // Merged, not just put side by side: no arc lies inside a gemeente more often than the 2015 map's quirks do
      // (parts listed as a MultiPolygon without merging would keep every arc between them, used twice).
      expect(innerArcCount(gemeenten(year)), `${year}: arcs inside a gemeente`).toBeLessThanOrEqual(
        innerArcCount(gemeenten(2015)),
      );
      expect(Math.max(...[...users.values()].map((u) => u.size)), `${year}: no arc of three gemeenten`).toBe(2);
      // Rounding each gemeente to 0.01 km² is the only difference.
      expect(Math.abs(areaOf(year) - areaOf(2015)), String(year)).toBeLessThan(0.01 * COUNTS[2015]!);
      expect(topology.transform).toEqual(topologies.get(2015)!.transform);
    }
  });

  it("says in the composed years' sources which partial transfers were assigned whole", () => {
    const citation = (year: number) => manifest.geometries.find((g) => g.year === year)!.source.citation;
    expect(citation(2016)).toContain('Muiden (2016) geheel bij Gooise Meren (75,2%), niet 24,8% bij Weesp');
    expect(citation(2016)).not.toContain('Haaren');
    expect(citation(2021)).toContain('Haaren (2021) geheel bij Vught');
    expect(citation(2018)).toContain('Littenseradiel (2018) geheel bij Súdwest-Fryslân');
    expect(citation(2017)).toContain('grenscorrectie Slochteren (2017) niet verwerkt: 11,3% bij Groningen');
  });

  it('writes the former gemeenten of every year from 2016, each parsed against its year', () => {
    for (const g of manifest.geometries) {
      if (g.year === 2015) {
        expect(g.former).toBeUndefined();
        continue;
      }
      const former = parseFormerMunicipalities(read(g.former!.file), g.former!.file, codesOf(g.year));
      expect(former.municipalities.length, String(g.year)).toBe(
        COUNTS[2015]! - [...codesOf(g.year)].filter((c) => codesOf(2015).has(c)).length,
      );
      expect(former.geometryId).toBe(g.id);
      expect(former.source.referenceDate).toBe(`${g.year}-01-01`);
    }
    // The six gemeenten of 2015 gone by 2016 (herindelingen-2015-2025.md).
    const gone2016 = parseFormerMunicipalities(read('former-municipalities-2016.json'), 'f', codesOf(2016));
    expect(gone2016.municipalities.map((m) => m.code)).toEqual([
      'GM0241',
      'GM0381',
      'GM0424',
      'GM0425',
      'GM0478',
      'GM1921',
    ]);
  });

  it("has each year's layers with the published number of regions, over that year's gemeenten", () => {
    const regions = (id: string) => manifest.layers.find((l) => l.id === id)?.regionCount;
    for (let year = 2015; year <= 2025; year++) {
      expect(regions(`jeugdregio-${year}`), `jeugdregio-${year}`).toBe(42);
      expect(regions(`ggd-${year}`), `ggd-${year}`).toBe(25);
      expect(regions(`veiligheidsregio-${year}`), `veiligheidsregio-${year}`).toBe(25);
    }
    for (const year of [2016, 2020, 2021, 2022]) expect(regions(`veiligthuis-${year}`), String(year)).toBe(26);
    for (const year of [2023, 2024, 2025]) expect(regions(`veiligthuis-${year}`), String(year)).toBe(25);
    for (const year of [2017, 2018, 2019]) expect(regions(`veiligthuis-${year}`), String(year)).toBeUndefined();
    expect(regions('politie-eenheid-2016')).toBe(10);
    for (const entry of manifest.layers) {
      const geometry = manifest.geometries.find((g) => g.id === entry.geometryId)!;
      expect(entry.id.endsWith(`-${geometry.year}`), entry.id).toBe(true);
      // Every layer that claims full coverage covers the year's gemeenten (CJG and the shared social services do not).
      const isComplete = ALL_LAYERS.find((l) => l.id === entry.id)?.coverage.isComplete;
      if (isComplete) expect(entry.coveredCount, entry.id).toBe(COUNTS[geometry.year]);
    }
    expect(manifest.layers.map((l) => l.id)).toEqual(ALL_LAYERS.map((l) => l.id));
  });

  it('finds the CBS jeugd, GGD and veiligheidsregio layouts of 2016 the same in RegioAtlas (SOURCES.md §5, §12)', () => {
    for (const kind of ['jeugdregio', 'ggd', 'veiligheidsregio']) {
      const { alsoIn } = layer(`${kind}-2016`).meta;
      expect(alsoIn?.source.citation, kind).toContain('RegioAtlas');
      expect(alsoIn?.source.referenceDate).toBe('2016-03-21');
      expect(alsoIn, kind).toMatchObject({ agrees: true, differences: [] });
    }
    expect(layer('veiligthuis-2016').meta.alsoIn).toBeUndefined();
    expect(layer('veiligthuis-2016').meta.source.licence).toBe('ODC-PDDL-1.0');
  });
});

describe('the build cache covers the new source folders', () => {
  it('names only inputs inside the folders its key hashes', () => {
    const inputs = [
      ...GEOMETRIES.flatMap((g) => [g.topologyInput, g.inhabitantsInput, g.history?.startTopologyInput]),
      ...ALL_LAYERS.flatMap((l) => [l.input, l.compareWith?.input]),
    ].filter((f): f is string => f !== undefined && f !== null);
    expect(inputs.some((f) => f.startsWith('regioatlas-2016/'))).toBe(true);
    expect(inputs.some((f) => f.startsWith('cbs-2015/'))).toBe(true);
    for (const file of inputs) expect(resolve(SOURCES, file).startsWith(`${SOURCES}/`), file).toBe(true);
    for (const g of GEOMETRIES) if (g.history) expect(resolve(REFERENCE, g.history.input)).toMatch(/^\//);
  });

  it('changes its key when a file in cbs-years/, cbs-2015/ or regioatlas-2016/<group>/ changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'geo-years-cache-'));
    try {
      const files = ['cbs-years/jeugdregio_2016.topojson', 'cbs-2015/map.json', 'regioatlas-2016/Sociaal/ggds.csv'];
      const write = (file: string, text: string) => {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), text);
      };
      for (const file of files) write(file, 'a');
      const key = () => inputKey({ folders: [dir], entry: join(ROOT, 'geo/scripts/build-data.ts'), files: [] });
      const before = key();
      for (const file of files) {
        write(file, 'b');
        expect(key(), file).not.toBe(before);
        write(file, 'a');
        expect(key(), file).toBe(before);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Arcs that one gemeente uses more than once (an arc inside it rather than on its border). */
function innerArcCount(geometries: readonly MunicipalityGeometry[]): number {
  let count = 0;
  for (const g of geometries) {
    const seen = new Map<number, number>();
    for (const a of (g.arcs as unknown as number[]).flat(3)) {
      const arc = a < 0 ? ~a : a;
      seen.set(arc, (seen.get(arc) ?? 0) + 1);
    }
    for (const uses of seen.values()) if (uses > 1) count++;
  }
  return count;
}
