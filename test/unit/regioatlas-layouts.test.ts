/**
 * Every layout of the RegioAtlas 2016 export (../shared/geo-sources/regioatlas-2016, SOURCES.md §5) as a layer of
 * 2016 through the registry (geo/layers.ts): each of the 34 files is read by exactly one registry entry, and the
 * layers built from the real files have the regions, covered gemeenten and gemeenten in several regions that a
 * plain reading of each file gives (split on ";"), independent of the build's reader.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_LAYERS, GEOMETRIES, KINDS, type LayerSpec } from '../../geo/layers';
import { buildData } from '../../geo/scripts/build-data';
import { parseCsv } from '../../src/lib/data/csv';
import { parseLayerFile } from '../../src/lib/data/parse';
import { pluralNoun } from '../../src/lib/stats/describe';
import type { LayerFile, Region } from '../../src/lib/types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCES = resolve(ROOT, process.env.GEO_SOURCES ?? '../shared/geo-sources');
const REFERENCE = resolve(ROOT, process.env.GEO_REFERENCE ?? '../shared/reference');
const FOLDER = 'regioatlas-2016';

/** The export's files, `<group>/<file>.csv`, as the folder holds them. */
const FILES = readdirSync(join(SOURCES, FOLDER), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((group) =>
    readdirSync(join(SOURCES, FOLDER, group.name))
      .filter((name) => name.endsWith('.csv'))
      .map((name) => `${group.name}/${name}`),
  )
  .sort();

/** What a plain reading of an export gives: distinct regions, gemeenten, and gemeenten with several regions. */
interface RawCounts {
  regions: number;
  gemeenten: number;
  multi: number;
}

/** Read an export without the build's reader: drop the BOM and header, split each line on ";", strip quotes. */
function rawCounts(file: string): RawCounts {
  const lines = readFileSync(join(SOURCES, FOLDER, file), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const regionsOf = new Map<string, Set<string>>();
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const [, code, region] = line.split(';').map((field) => field.replace(/^"|"$/g, ''));
    const set = regionsOf.get(code!) ?? new Set<string>();
    set.add(region!.trim());
    regionsOf.set(code!, set);
  }
  const regions = new Set([...regionsOf.values()].flatMap((set) => [...set]));
  return {
    regions: regions.size,
    gemeenten: regionsOf.size,
    multi: [...regionsOf.values()].filter((set) => set.size > 1).length,
  };
}

/**
 * The counts of each file as SOURCES.md §5 and the issue give them (the test checks them against the files too):
 * regions, gemeenten covered (390 in 2016) and gemeenten with rows in several regions.
 */
const PUBLISHED: Record<string, [number, number, number]> = {
  'Bestuurlijk/arrondissementen1.csv': [11, 390, 0],
  'Bestuurlijk/coropplusregios.csv': [52, 390, 1],
  'Bestuurlijk/coropregios.csv': [40, 390, 3],
  'Bestuurlijk/coropsubregios.csv': [43, 390, 3],
  'Bestuurlijk/nuts1regioslandsdelen.csv': [4, 390, 0],
  'Bestuurlijk/nuts2regiosprovincies.csv': [12, 390, 0],
  'Bestuurlijk/nuts3regios.csv': [40, 390, 3],
  'Bestuurlijk/provincies.csv': [12, 390, 0],
  'Bestuurlijk/ressorten1.csv': [4, 390, 0],
  'Fysiek/mirtgebieden.csv': [8, 390, 0],
  'Fysiek/omgevingsdienstenregionaleuitvoeringsdiensten.csv': [29, 390, 0],
  'Fysiek/regionaleuitvoeringsdienstenbrzo.csv': [6, 390, 0],
  'Sociaal/arbeidsmarktregios.csv': [35, 390, 0],
  'Sociaal/centrumgemeentemaatschappelijkeopvangbeschermdwonen.csv': [43, 390, 0],
  'Sociaal/centrumgemeentenvrouwenopvanggeweldinhuiselijkekring.csv': [35, 390, 0],
  'Sociaal/ggds.csv': [25, 390, 0],
  'Sociaal/hlzregioshervorminglangdurigezorg.csv': [57, 390, 0],
  'Sociaal/intergemeentelijkesocialediensten.csv': [29, 107, 0],
  'Sociaal/jeugdzorgregios1.csv': [42, 390, 0],
  'Sociaal/kamervankoophandel.csv': [5, 390, 0],
  'Sociaal/passendonderwijsprimaironderwijs.csv': [76, 390, 0],
  'Sociaal/passendonderwijsvoortgezetonderwijs.csv': [74, 390, 1],
  'Sociaal/rcfkenniscentrahandhaving.csv': [9, 390, 0],
  'Sociaal/regionaleplatformsarbeidsmarkt.csv': [34, 390, 0],
  'Sociaal/rmcregiosregionaalmeldencoordinatiepunt.csv': [39, 390, 0],
  'Sociaal/socialewerkvoorziening.csv': [87, 390, 1],
  'Sociaal/veiligthuisregios.csv': [26, 390, 0],
  'Sociaal/wmoregios.csv': [43, 390, 0],
  'Sociaal/zorgkantoorregios.csv': [32, 390, 0],
  'Veiligheid/politieeenheden.csv': [10, 390, 0],
  'Veiligheid/regionaalinformatieenexpertisecentra.csv': [10, 390, 0],
  'Veiligheid/veiligheidshuizen.csv': [34, 390, 0],
  'Veiligheid/veiligheidsregios.csv': [25, 390, 0],
  'Veiligheid/vptregios2014.csv': [16, 390, 0],
};

const path = (file: string) => `${FOLDER}/${file}`;
/** The registry's entries that read `file`: as their table, or as the other source they are compared with. */
const readersOf = (file: string): { layer: LayerSpec; as: 'input' | 'compareWith' }[] =>
  ALL_LAYERS.flatMap((layer) => [
    ...(layer.input === path(file) ? [{ layer, as: 'input' as const }] : []),
    ...(layer.compareWith?.input === path(file) ? [{ layer, as: 'compareWith' as const }] : []),
  ]);

describe('the RegioAtlas 2016 export in the registry', () => {
  it('has 34 files, each read by exactly one registry entry, as its table or as its comparison', () => {
    expect(FILES).toHaveLength(34);
    expect(Object.keys(PUBLISHED).sort()).toEqual(FILES);
    for (const file of FILES) expect(readersOf(file), file).toHaveLength(1);
    // And the registry reads no other file of the folder.
    const named = ALL_LAYERS.flatMap((l) => [l.input, l.compareWith?.input ?? '']).filter((p) =>
      p.startsWith(`${FOLDER}/`),
    );
    expect(named.sort()).toEqual(FILES.map(path));
  });

  it('reads each file as it is, for a layer of 2016 on the gemeenten of 2016, citing that file', () => {
    for (const file of FILES) {
      const [{ layer, as }] = readersOf(file) as [{ layer: LayerSpec; as: string }];
      expect(layer.year, file).toBe(2016);
      expect(layer.geometryId, file).toBe('gemeenten-2016');
      const table = as === 'input' ? layer : layer.compareWith!;
      expect(table.regioAtlas, file).toBeDefined();
      const source = as === 'input' ? layer.source : layer.compareWith!.source;
      expect(source.citation, file).toContain(file);
      expect(source.referenceDate, file).toBe('2016-03-21');
      expect(source.licence, file).toBe('ODC-PDDL-1.0');
    }
    // The CBS layers of 2016 that RegioAtlas has too are compared with it; every other file is a layer's table.
    const compared = FILES.filter((file) => readersOf(file)[0]!.as === 'compareWith');
    expect(compared).toEqual(['Sociaal/ggds.csv', 'Sociaal/jeugdzorgregios1.csv', 'Veiligheid/veiligheidsregios.csv']);
  });

  it('claims multi-membership exactly for the files with several rows for a gemeente, partial coverage for one', () => {
    for (const file of FILES) {
      const { layer } = readersOf(file)[0]!;
      const raw = rawCounts(file);
      expect(layer.coverage.allowsMultiMembership, file).toBe(raw.multi > 0);
      expect(layer.coverage.isComplete, file).toBe(raw.gemeenten === 390);
    }
  });

  it('gives the layouts known from the 2011 study its row of Tabel 6, the others none', () => {
    const with2011 = Object.values(KINDS)
      .filter((k) => 'layout2011' in k)
      .map((k) => k.kind)
      .sort();
    expect(with2011).toEqual(
      [
        'cjg',
        'ggd',
        'maatschappelijke-opvang',
        'passend-onderwijs-po',
        'passend-onderwijs-vo',
        'politie-eenheid',
        'rmc',
        'veiligheidshuis',
        'veiligheidsregio',
        'veiligthuis',
        'vrouwenopvang',
        'wmo',
      ].sort(),
    );
  });

  it('makes a readable plural of every region noun, in both languages', () => {
    const plurals = (lang: 'nl' | 'en') =>
      Object.fromEntries(Object.values(KINDS).map((k) => [k.kind, pluralNoun(k.regionNoun[lang], lang)]));
    expect(plurals('nl')).toMatchObject({
      wmo: "Wmo-regio's",
      'maatschappelijke-opvang': "opvangregio's",
      vrouwenopvang: "vrouwenopvangregio's",
      hlz: "HLZ-regio's",
      ressort: 'ressorten',
      riec: "RIEC-regio's",
      veiligheidshuis: "veiligheidshuisregio's",
      vpt: "VPT-regio's",
      corop: 'COROP-gebieden',
      'corop-plus': 'COROP-plusgebieden',
      'corop-sub': 'COROP-subgebieden',
      nuts1: "NUTS-1-regio's",
      nuts2: "NUTS-2-regio's",
      nuts3: "NUTS-3-regio's",
      arbeidsmarktplatform: 'arbeidsmarktplatformen',
      'sociale-dienst': 'intergemeentelijke sociale diensten',
      'sociale-werkvoorziening': 'SW-werkgebieden',
      rcf: "RCF-regio's",
      kvk: "KvK-regio's",
      'passend-onderwijs-po': 'po-samenwerkingsverbanden',
      'passend-onderwijs-vo': 'vo-samenwerkingsverbanden',
      mirt: 'MIRT-gebieden',
      omgevingsdienst: 'omgevingsdiensten',
      brzo: "BRZO-regio's",
    });
    expect(plurals('en')).toMatchObject({
      wmo: 'Wmo regions',
      'maatschappelijke-opvang': 'shelter regions',
      vrouwenopvang: 'women’s shelter regions',
      hlz: 'HLZ regions',
      ressort: 'court of appeal districts',
      riec: 'RIEC regions',
      veiligheidshuis: 'safety house regions',
      vpt: 'VPT regions',
      corop: 'COROP regions',
      'corop-plus': 'COROP plus regions',
      'corop-sub': 'COROP subregions',
      nuts1: 'NUTS 1 regions',
      nuts2: 'NUTS 2 regions',
      nuts3: 'NUTS 3 regions',
      arbeidsmarktplatform: 'labour market platforms',
      'sociale-dienst': 'intermunicipal social services',
      'sociale-werkvoorziening': 'sheltered employment areas',
      rcf: 'RCF regions',
      kvk: 'Chamber of Commerce regions',
      'passend-onderwijs-po': 'primary education partnerships',
      'passend-onderwijs-vo': 'secondary education partnerships',
      mirt: 'MIRT areas',
      omgevingsdienst: 'environmental services',
      brzo: 'BRZO regions',
    });
  });
});

describe('the RegioAtlas layouts built from the real files', () => {
  let outDir: string;
  const layers = new Map<string, LayerFile>();
  const regionsOf = (id: string): Region[] => layers.get(id)!.regions;
  /** A layer as its partition: the sorted member lists, names and codes aside. */
  const partition = (id: string) =>
    regionsOf(id)
      .map((r) => r.members.join(' '))
      .sort();

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'regioatlas-layouts-test-'));
    const year2016 = ALL_LAYERS.filter((l) => l.year === 2016);
    buildData({
      sourcesDir: SOURCES,
      referenceDir: REFERENCE,
      outDir,
      quiet: true,
      geometries: GEOMETRIES.filter((g) => g.year === 2016),
      layers: year2016,
    });
    for (const { id } of year2016) {
      layers.set(id, parseLayerFile(JSON.parse(readFileSync(join(outDir, `layers/${id}.json`), 'utf8')), id));
    }
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('has per file the regions, covered gemeenten and gemeenten in several regions of the file itself', () => {
    for (const file of FILES) {
      const raw = rawCounts(file);
      expect([raw.regions, raw.gemeenten, raw.multi], file).toEqual(PUBLISHED[file]);
      const { layer, as } = readersOf(file)[0]!;
      const built = layers.get(layer.id)!;
      const memberships = new Map<string, number>();
      for (const region of built.regions) {
        for (const code of region.members) memberships.set(code, (memberships.get(code) ?? 0) + 1);
      }
      const counts = {
        regions: built.regions.length,
        gemeenten: memberships.size,
        multi: [...memberships.values()].filter((n) => n > 1).length,
      };
      // A compared file is the same partition as the CBS layer (the build records that they agree).
      expect(counts, `${file} (${as} of ${layer.id})`).toEqual(raw);
      if (as === 'compareWith') expect(built.meta.alsoIn?.agrees, file).toBe(true);
    }
  });

  it('names the regions as the file does (trimmed) and gives every region a code of its own', () => {
    const names = (file: string) =>
      new Set(
        readFileSync(join(SOURCES, FOLDER, file), 'utf8')
          .split(/\r?\n/)
          .slice(1)
          .filter((line) => line.trim() !== '')
          .map((line) => line.split(';')[2]!.replace(/^"|"$/g, '').trim()),
      );
    for (const file of FILES) {
      const { layer, as } = readersOf(file)[0]!;
      if (as !== 'input') continue;
      const regions = regionsOf(layer.id);
      expect(new Set(regions.map((r) => r.name)), file).toEqual(names(file));
      expect(new Set(regions.map((r) => r.code)).size, file).toBe(regions.length);
    }
  });

  it('keeps the Veilig Thuis and police layers of 2016 as their membership tables had them', () => {
    const table = (file: string) => {
      const csv = parseCsv(readFileSync(join(SOURCES, 'membership', file), 'utf8'), file, { delimiter: ',' });
      expect(csv.header).toEqual(['gemeentecode', 'gemeentenaam', 'regiocode', 'regionaam', 'source']);
      const members = new Map<string, string[]>();
      for (const { values } of csv.rows) {
        const key = `${values.regiocode} ${values.regionaam}`;
        members.set(key, [...(members.get(key) ?? []), values.gemeentecode!].sort());
      }
      return [...members].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, list]) => `${key}: ${list.join(' ')}`);
    };
    const layer = (id: string) => regionsOf(id).map((r) => `${r.code} ${r.name}: ${r.members.join(' ')}`);
    expect(layer('veiligthuis-2016')).toEqual(table('veiligthuisregio_2016_regioatlas.csv'));
    expect(layer('politie-eenheid-2016')).toEqual(table('regionale_eenheid_2016_regioatlas.csv'));
  });

  it('gives the kinds that CBS publishes the CBS codes of 2016 where the region is there', () => {
    const codes = (id: string) => regionsOf(id).map((r) => r.code);
    expect(codes('provincie-2016')).toEqual(Array.from({ length: 12 }, (_, i) => `PV${20 + i}`));
    expect(codes('arrondissement-2016')).toEqual(
      Array.from({ length: 11 }, (_, i) => `AR${String(i + 1).padStart(2, '0')}`),
    );
    expect(codes('arbeidsmarktregio-2016').every((c) => /^AM\d\d$/.test(c))).toBe(true);
    // CBS 2016 has one region (ZK33) where RegioAtlas still has two: those keep prefix codes.
    const careOffices = regionsOf('zorgkantoor-2016').filter((r) => !/^ZK\d\d$/.test(r.code));
    expect(careOffices.map((r) => `${r.code} ${r.name}`)).toEqual([
      'RAZK01 Zorgkantoor Delft Westland Oostland',
      'RAZK02 Zorgkantoor Nieuwe Waterweg Noord',
    ]);
    // The regions without a CBS layer of 2016 are numbered with their prefix.
    expect(codes('rmc-2016')[0]).toBe('RMC01');
    expect(codes('corop-2016')).toHaveLength(40);
  });

  it('backs the descriptions: NUTS 3 is COROP, NUTS 2 the provinces, RIEC the police units, VPT splits three units', () => {
    expect(partition('nuts3-2016')).toEqual(partition('corop-2016'));
    expect(partition('nuts2-2016')).toEqual(partition('provincie-2016'));
    expect(partition('riec-2016')).toEqual(partition('politie-eenheid-2016'));
    // VPT: every police unit, except Oost-Nederland, Den Haag and Rotterdam, which are split into their safety regions.
    const police = regionsOf('politie-eenheid-2016');
    const safety = new Set(partition('veiligheidsregio-2016'));
    const split = ['Oost-Nederland', 'Den Haag', 'Rotterdam'];
    const expected = [
      ...police.filter((r) => !split.includes(r.name)).map((r) => r.members.join(' ')),
      ...[...safety].filter((members) =>
        police.some((r) => split.includes(r.name) && members.split(' ').every((m) => r.members.includes(m))),
      ),
    ].sort();
    expect(partition('vpt-2016')).toEqual(expected);
  });
});
