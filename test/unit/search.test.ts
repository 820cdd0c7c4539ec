import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildAtlas, type Municipality } from '../../src/lib/data/atlas';
import { ALIASES } from '../../src/lib/data/aliases';
import { parseFormerMunicipalities, parseManifest, parseMunicipalityTopology } from '../../src/lib/data/parse';
import { buildSearchIndex, searchChoices, searchMunicipalities, type SearchResult } from '../../src/lib/data/search';
import type { FormerMunicipality } from '../../src/lib/types';

function municipality(code: string, name: string): Municipality {
  return { code, name, areaKm2: 1, inhabitants: null };
}

/** Made-up sample with real names and the awkward cases: accents, apostrophes, province suffixes, aliases. */
const SAMPLE: Municipality[] = [
  municipality('GM0363', 'Amsterdam'),
  municipality('GM0362', 'Amstelveen'),
  municipality('GM0796', "'s-Hertogenbosch"),
  municipality('GM0518', "'s-Gravenhage"),
  municipality('GM1900', 'Súdwest-Fryslân'),
  municipality('GM1970', 'Noardeast-Fryslân'),
  municipality('GM0893', 'Bergen (L.)'),
  municipality('GM0373', 'Bergen (NH.)'),
  municipality('GM0865', 'Vught'),
  municipality('GM0824', 'Oisterwijk'),
  municipality('GM0757', 'Boxtel'),
  municipality('GM0855', 'Tilburg'),
  municipality('GM1959', 'Altena'),
  municipality('GM1954', 'Beekdaelen'),
  municipality('GM0392', 'Haarlem'),
  municipality('GM0394', 'Haarlemmermeer'),
  municipality('GM1883', 'Sittard-Geleen'),
];

/** Hand-made former gemeenten (shares made up, round): a split over four, two whole mergers, an absorption. */
const FORMER: FormerMunicipality[] = [
  {
    code: 'GM0788',
    name: 'Haaren',
    transfers: [
      { code: 'GM0865', date: '2021-01-01', kind: 'split', areaShare: 0.4, source: 'test' },
      { code: 'GM0824', date: '2021-01-01', kind: 'split', areaShare: 0.3, source: 'test' },
      { code: 'GM0855', date: '2021-01-01', kind: 'split', areaShare: 0.2, source: 'test' },
      { code: 'GM0757', date: '2021-01-01', kind: 'split', areaShare: 0.1, source: 'test' },
    ],
  },
  {
    code: 'GM0738',
    name: 'Aalburg',
    transfers: [{ code: 'GM1959', date: '2019-01-01', kind: 'merger', areaShare: 1, source: 'test' }],
  },
  {
    code: 'GM0951',
    name: 'Nuth',
    transfers: [{ code: 'GM1954', date: '2019-01-01', kind: 'merger', areaShare: 1, source: 'test' }],
  },
  {
    code: 'GM0393',
    name: 'Haarlemmerliede en Spaarnwoude',
    transfers: [{ code: 'GM0394', date: '2019-01-01', kind: 'absorbed', areaShare: 1, source: 'test' }],
  },
];

const INDEX = buildSearchIndex(SAMPLE, FORMER, ALIASES);

/** A compact picture of results: kind, label, how it matched, alias. */
function summary(results: SearchResult[]): string[] {
  return results.map((r) => `${r.kind} ${r.label} ${r.match}${r.alias ? ` (${r.alias})` : ''}`);
}
const search = (query: string, limit?: number) => summary(searchMunicipalities(query, INDEX, limit));

describe('searchMunicipalities: current gemeenten', () => {
  it('ignores case, accents, hyphens and apostrophes', () => {
    expect(search('sudwest fryslan')).toEqual(['current Súdwest-Fryslân exact']);
    expect(search('SÚDWEST-FRYSLÂN')).toEqual(['current Súdwest-Fryslân exact']);
    expect(search("'s-hertogenbosch")).toEqual(["current 's-Hertogenbosch exact"]);
    expect(search('s hertogenbosch')).toEqual(["current 's-Hertogenbosch exact"]);
  });

  it('finds aliases and reports which one matched', () => {
    expect(search('den bosch')).toEqual(["current 's-Hertogenbosch exact (Den Bosch)"]);
    expect(search('Den Haag')).toEqual(["current 's-Gravenhage exact (Den Haag)"]);
    expect(search('the hague')).toEqual(["current 's-Gravenhage exact (The Hague)"]);
    // The official name still wins over an alias that fits as well.
    expect(search("'s-Gravenhage")).toEqual(["current 's-Gravenhage exact"]);
    // Typing along: a prefix of the alias already finds it.
    expect(search('den b')).toEqual(["current 's-Hertogenbosch prefix (Den Bosch)"]);
  });

  it('finds codes in any notation, current and former', () => {
    for (const query of ['gm0363', 'GM0363', '0363', '363', ' GM 0363 ']) {
      expect(search(query), query).toEqual(['current Amsterdam code']);
    }
    expect(search('gm0788')).toEqual(['former Haaren code']);
    expect(search('GM9999')).toEqual([]);
  });

  it('finds both gemeenten of a name that needs a province suffix, and the suffixed form alone', () => {
    expect(search('Bergen')).toEqual(['current Bergen (L.) exact', 'current Bergen (NH.) exact']);
    expect(search('bergen nh')).toEqual(['current Bergen (NH.) exact']);
  });

  it('ranks exact, prefix, word and substring matches, current before former, then by name', () => {
    expect(search('haarlem')).toEqual([
      'current Haarlem exact',
      'current Haarlemmermeer prefix',
      'former Haarlemmerliede en Spaarnwoude prefix',
    ]);
    expect(search('fryslan')).toEqual(['current Noardeast-Fryslân word', 'current Súdwest-Fryslân word']);
    expect(search('geleen')).toEqual(['current Sittard-Geleen word']);
    expect(search('meer')).toEqual(['current Haarlemmermeer substring']);
    expect(search('haar', 2)).toEqual(['current Haarlem prefix', 'current Haarlemmermeer prefix']);
  });

  it('suggests names within a few edits when nothing matches ("no gemeente found")', () => {
    expect(search('Amsterdm')).toEqual(['current Amsterdam fuzzy']);
    expect(search('Amstrdam')).toEqual(['current Amsterdam fuzzy']);
    // Nearest first: Tilburg is one swap away, Aalburg three edits (within ⌈7/3⌉).
    expect(search('Tilbrug')).toEqual(['current Tilburg fuzzy', 'former Aalburg fuzzy']);
    expect(search('Haaaren')).toEqual(['former Haaren fuzzy', 'current Haarlem fuzzy']);
    expect(search('xyzxyz')).toEqual([]);
  });

  it('returns nothing for an empty query or one of only punctuation', () => {
    expect(search('')).toEqual([]);
    expect(search('   ')).toEqual([]);
    expect(search("'-")).toEqual([]);
    expect(search('amsterdam', 0)).toEqual([]);
  });

  it('uses an alias only where the code has the name it was written for', () => {
    const index = buildSearchIndex(SAMPLE, [], [{ alias: 'Mokum', code: 'GM0363', name: 'Amsterdan', source: 'test' }]);
    expect(searchMunicipalities('mokum', index)).toEqual([]);
    const good = buildSearchIndex(SAMPLE, [], [{ alias: 'Mokum', code: 'GM0363', name: 'Amsterdam', source: 'test' }]);
    expect(summary(searchMunicipalities('mokum', good))).toEqual(['current Amsterdam exact (Mokum)']);
  });
});

describe('searchMunicipalities: former gemeenten', () => {
  const only = (query: string) => {
    const results = searchMunicipalities(query, INDEX);
    expect(results).toHaveLength(1);
    const [result] = results;
    if (result?.kind !== 'former') throw new Error(`expected a former gemeente for ${query}`);
    return result;
  };

  it('explains where Haaren went: four receivers, largest share first', () => {
    const haaren = only('Haaren');
    expect(haaren.match).toBe('exact');
    expect(haaren.receivers.map((m) => m.name)).toEqual(['Vught', 'Oisterwijk', 'Tilburg', 'Boxtel']);
    expect(haaren.former.transfers.map((t) => t.date)).toEqual(Array(4).fill('2021-01-01'));
  });

  it('keeps each receiver’s share of the area, in the order of the receivers', () => {
    expect(only('Haaren').receiverShares).toEqual([0.4, 0.3, 0.2, 0.1]);
    expect(only('Aalburg').receiverShares).toEqual([1]);
  });

  it('finds Aalburg (Altena, 2019) and Nuth (Beekdaelen, 2019)', () => {
    const aalburg = only('aalburg');
    expect(aalburg.receivers.map((m) => m.name)).toEqual(['Altena']);
    expect(aalburg.former.transfers[0]?.date).toBe('2019-01-01');
    expect(only('NUTH').receivers.map((m) => m.code)).toEqual(['GM1954']);
  });
});

/** The choices a result list offers: what each opens, and whether it is one successor of a divided gemeente. */
const choices = (query: string) =>
  searchChoices(searchMunicipalities(query, INDEX)).map(
    (c) => `${c.result.label} → ${c.target.name}${c.successor ? ` (${c.successor.share})` : ''}`,
  );

describe('searchChoices', () => {
  // Issue 12: choosing Haaren opened Vught without saying that three other gemeenten got part of it.
  it('offers every successor of a divided gemeente, the largest share first', () => {
    expect(choices('Haaren')).toEqual([
      'Haaren → Vught (0.4)',
      'Haaren → Oisterwijk (0.3)',
      'Haaren → Tilburg (0.2)',
      'Haaren → Boxtel (0.1)',
    ]);
  });

  it('offers a current gemeente, and a former one that went whole to one, as a single choice', () => {
    expect(choices('Aalburg')).toEqual(['Aalburg → Altena']);
    expect(choices('den bosch')).toEqual(["'s-Hertogenbosch → 's-Hertogenbosch"]);
  });

  it('keeps the order of the results around the successors', () => {
    expect(choices('Haar')).toEqual([
      'Haarlem → Haarlem',
      'Haarlemmermeer → Haarlemmermeer',
      'Haaren → Vught (0.4)',
      'Haaren → Oisterwijk (0.3)',
      'Haaren → Tilburg (0.2)',
      'Haaren → Boxtel (0.1)',
      'Haarlemmerliede en Spaarnwoude → Haarlemmermeer',
    ]);
  });
});

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = join(ROOT, 'public/data');

describe('searchMunicipalities on the built data (public/data)', () => {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(DATA, file), 'utf8'));
  const manifest = parseManifest(read('manifest.json'), 'manifest.json');
  const geometry = manifest.geometries.find((g) => g.id === 'gemeenten-2025')!;
  const topology = parseMunicipalityTopology(read(geometry.file), geometry.file);
  const atlas = buildAtlas(geometry, topology, []);
  const codes = new Set(atlas.municipalities.map((m) => m.code));
  const former = parseFormerMunicipalities(read(geometry.former!.file), geometry.former!.file, codes);
  const index = buildSearchIndex(atlas.municipalities, former.municipalities);
  const first = (query: string) => searchMunicipalities(query, index)[0];
  const formerOf = (query: string) => {
    const result = first(query);
    if (result?.kind !== 'former') throw new Error(`expected a former gemeente for ${query}`);
    return {
      names: result.receivers.map((m) => m.name),
      years: result.former.transfers.map((t) => t.date.slice(0, 4)),
    };
  };

  it('finds the examples of the issue', () => {
    expect(first('sudwest fryslan')?.label).toBe('Súdwest-Fryslân');
    expect(first('den bosch')?.label).toBe("'s-Hertogenbosch");
    expect(first('Den Haag')?.label).toBe("'s-Gravenhage");
    expect(first('gm0363')?.label).toBe('Amsterdam');
    expect(first('Amsterdm')).toMatchObject({ label: 'Amsterdam', match: 'fuzzy' });
    const haaren = formerOf('Haaren');
    expect([...haaren.names].sort()).toEqual(['Boxtel', 'Oisterwijk', 'Tilburg', 'Vught']);
    expect(new Set(haaren.years)).toEqual(new Set(['2021']));
    expect(formerOf('Aalburg')).toEqual({ names: ['Altena'], years: ['2019'] });
    expect(formerOf('Nuth')).toEqual({ names: ['Beekdaelen'], years: ['2019'] });
    // A chain: part of Muiden went to Weesp in 2016, and Weesp to Amsterdam in 2022.
    expect(formerOf('Muiden').names).toEqual(['Gooise Meren', 'Amsterdam']);
  });

  it('offers Haaren’s four successors as choices, with shares that add up to the whole', () => {
    const haaren = searchChoices(searchMunicipalities('Haaren', index));
    expect(haaren.map((c) => c.target.name)).toEqual(['Vught', 'Oisterwijk', 'Tilburg', 'Boxtel']);
    expect(haaren.every((c) => c.successor !== undefined)).toBe(true);
    expect(haaren.reduce((sum, c) => sum + c.successor!.share, 0)).toBeCloseTo(1, 2);
  });
});
