/**
 * What changed in a layout between two years, on the hand-made history of test/fixtures/history-world.ts: a
 * rename, a recode, a merger and a split of regions, new and gone regions, moved gemeenten told apart from
 * gemeenten that merged within their region or with a gemeente of another region, a divided gemeente, partial
 * coverage and multi-membership. Expectations are worked out from the fixture's comment.
 */
import { describe, expect, it } from 'vitest';
import { computeLayoutChanges, type LayoutChanges } from '../../src/lib/history/changes';
import { matchMunicipalities } from '../../src/lib/history/matching';
import { changesTable } from '../../src/lib/history/tables';
import { describeLayoutChanges, describeMunicipalityChanges, summarizeLayoutChanges } from '../../src/lib/history/text';
import { AREAS_2015, formerList, historyAtlas, historyLayer } from '../fixtures/history-world';

function changes(kind: string, from: number, to: number): LayoutChanges {
  const m = matchMunicipalities(historyAtlas(from), historyAtlas(to), AREAS_2015, formerList(to));
  return computeLayoutChanges(historyLayer(kind, from), historyLayer(kind, to), m);
}

const events = (c: LayoutChanges) =>
  c.regionEvents.map((e) => [e.kind, e.from.map((r) => r.code), e.to.map((r) => r.code)]);
const byKind = (c: LayoutChanges) =>
  Object.fromEntries(
    [...new Set(c.municipalityChanges.map((m) => m.kind))].map((kind) => [
      kind,
      c.municipalityChanges.filter((m) => m.kind === kind).map((m) => m.code),
    ]),
  );

describe('computeLayoutChanges', () => {
  it('2015 → 2016: a moved pair, a merger inside a region, a renamed gemeente and a renamed region', () => {
    const c = changes('zorg', 2015, 2016);
    expect(events(c)).toEqual([
      ['stayed', ['Z1'], ['Z1']],
      ['stayed', ['Z2'], ['Z2']],
      ['renamed', ['Z3'], ['Z3']],
    ]);
    const [noord, midden, zuid] = c.regionEvents;
    expect(noord).toMatchObject({ hasSameMembers: true, gained: [], lost: [] });
    expect(midden!.lost.map((m) => m.name)).toEqual(['Grashoek', 'Heemdijk']);
    expect(zuid).toMatchObject({ isRenamed: true, isRecoded: false, hasSameMembers: false });
    expect(zuid!.from[0]).toEqual({ code: 'Z3', name: 'Zuid', memberCount: 4 });
    expect(zuid!.to[0]).toEqual({ code: 'Z3', name: 'Zuidland', memberCount: 6 });
    expect(byKind(c)).toEqual({
      'merged-within-region': ['GM0001', 'GM0002'],
      moved: ['GM0007', 'GM0008'],
      renamed: ['GM0012'],
    });
    const aardam = c.municipalityChanges[0]!;
    expect(aardam).toMatchObject({
      target: { code: 'GM0013', name: 'Noordmeer' },
      partners: [{ code: 'GM0002', name: 'Beekum' }],
      isRegionKept: true,
    });
    const grashoek = c.municipalityChanges.find((m) => m.code === 'GM0007')!;
    expect(grashoek.fromRegions.map((r) => r.name)).toEqual(['Midden']);
    expect(grashoek.toRegions.map((r) => r.name)).toEqual(['Zuidland']);
    expect(grashoek.isRegionKept).toBe(false);
    expect(c.counts).toMatchObject({
      stayed: 2,
      renamed: 1,
      moved: 2,
      mergedWithinRegion: 2,
      renamedMunicipalities: 1,
    });
    expect(c.counts.regionEventCount).toBe(1);
    expect(c.counts.regionChangedCount).toBe(2);
  });

  it('2016 → 2017: a recoded region, a merger across regions, a divided gemeente', () => {
    const c = changes('zorg', 2016, 2017);
    expect(events(c)).toEqual([
      ['recoded', ['Z1'], ['N1']],
      ['stayed', ['Z2'], ['Z2']],
      ['stayed', ['Z3'], ['Z3']],
    ]);
    expect(c.regionEvents[0]).toMatchObject({ isRecoded: true, isRenamed: false, hasSameMembers: false });
    expect(c.regionEvents[0]!.lost.map((m) => m.code)).toEqual(['GM0004']);
    // Fennstad went 60 % to Eelde-Oost: Midden {Eelde-Oost, Fennstad} is the same on 2016's gemeenten.
    expect(c.regionEvents[1]!.hasSameMembers).toBe(true);
    expect(byKind(c)).toEqual({
      'merged-across-regions': ['GM0004', 'GM0008'],
      divided: ['GM0006'],
      'merged-within-region': ['GM0009', 'GM0010'],
    });
    const dijkhoorn = c.municipalityChanges.find((m) => m.code === 'GM0004')!;
    const heemdijk = c.municipalityChanges.find((m) => m.code === 'GM0008')!;
    // Dijkhoorn (Noord) went up in Heemdijk (Zuidland): its region changed; Heemdijk's did not.
    expect(dijkhoorn.isRegionKept).toBe(false);
    expect(heemdijk.isRegionKept).toBe(true);
    const fennstad = c.municipalityChanges.find((m) => m.code === 'GM0006')!;
    expect(fennstad.partners).toEqual([]);
    expect(fennstad.receivers.map((r) => [r.name, r.share, r.regions.map((x) => x.code)])).toEqual([
      ['Eelde-Oost', 0.6, ['Z2']],
      ['Grashoek', 0.4, ['Z3']],
    ]);
    expect(fennstad.isRegionKept).toBe(true);
    expect(c.counts.regionChangedCount).toBe(1);
  });

  it('2017 → 2018: two regions merge; gemeenten merging inside a region keep it', () => {
    const c = changes('zorg', 2017, 2018);
    expect(events(c)).toEqual([
      ['stayed', ['N1'], ['N1']],
      ['merged', ['Z2', 'Z3'], ['Z4']],
    ]);
    expect(c.regionEvents[1]!.hasSameMembers).toBe(true);
    expect(byKind(c)).toEqual({ 'merged-within-region': ['GM0003', 'GM0011', 'GM0013', 'GM0014'] });
    expect(c.counts).toMatchObject({ merged: 1, regionEventCount: 1, regionChangedCount: 0, moved: 0 });
  });

  it('2018 → 2019: a region splits; nobody moved', () => {
    const c = changes('zorg', 2018, 2019);
    expect(events(c)).toEqual([
      ['stayed', ['N1'], ['N1']],
      ['split', ['Z4'], ['Z5', 'Z6']],
    ]);
    expect(c.municipalityChanges).toEqual([]);
    expect(c.matching.counts).toEqual({ total: 6, identical: 6, whole: 0, partial: 0 });
  });

  it('two gemeenten that merged and moved together moved: their region did not follow them', () => {
    // Custom layers on 2017 and 2018: Noordmeer and Cromveld merge into Groot-Noord, which lies in West, not Oost.
    const m = matchMunicipalities(historyAtlas(2017), historyAtlas(2018), AREAS_2015, formerList(2018));
    const base17 = historyLayer('zorg', 2017);
    const base18 = historyLayer('zorg', 2018);
    const region = (code: string, name: string, members: string[]) => ({ code, name, members: members.sort() });
    const a = {
      ...base17,
      regions: [
        region('O', 'Oost', ['GM0013', 'GM0003', 'GM0005']),
        region('W', 'West', ['GM0007', 'GM0008', 'GM0010', 'GM0011', 'GM0014']),
      ],
    };
    const b = {
      ...base18,
      regions: [
        region('O', 'Oost', ['GM0005']),
        region('W', 'West', ['GM0015', 'GM0007', 'GM0008', 'GM0010', 'GM0014']),
      ],
    };
    const c = computeLayoutChanges(a, b, m);
    expect(events(c)).toEqual([
      ['stayed', ['O'], ['O']],
      ['stayed', ['W'], ['W']],
    ]);
    expect(byKind(c)).toEqual({ moved: ['GM0003', 'GM0013'], 'merged-within-region': ['GM0011', 'GM0014'] });
    expect(c.municipalityChanges[0]!.partners.map((p) => p.name)).toEqual(['Noordmeer']);
    expect(describeMunicipalityChanges(c, 'nl')[0]).toBe('Cromveld en Noordmeer gingen van zorgregio Oost naar West');
  });

  it('regions that exchange most of their area are reorganised together, and nobody moved', () => {
    // 2018 → custom 2019: Noord {Groot-Noord} and Zuid-Midden {the rest} become West {Groot-Noord, Eelde-Oost}
    // and Oost {the rest}. West's largest source is Zuid-Midden (Eelde-Oost, 150 km² > 60), which also continues
    // mostly in Oost: one family of two regions before and two after.
    const m = matchMunicipalities(historyAtlas(2018), historyAtlas(2019), AREAS_2015, formerList(2019));
    const base = historyLayer('zorg', 2019);
    const b = {
      ...base,
      regions: [
        { code: 'P', name: 'West', members: ['GM0005', 'GM0015'] },
        { code: 'Q', name: 'Oost', members: ['GM0007', 'GM0008', 'GM0010', 'GM0014'] },
      ],
    };
    const c = computeLayoutChanges(historyLayer('zorg', 2018), b, m);
    expect(events(c)).toEqual([['reorganised', ['N1', 'Z4'], ['P', 'Q']]]);
    expect(c.municipalityChanges).toEqual([]);
    expect(c.counts).toMatchObject({ reorganised: 1, regionChangedCount: 0, regroupedCount: 6 });
    expect(describeLayoutChanges(c, 'nl')).toEqual([
      'Zorgregio’s Noord en Zuid-Midden werden opnieuw ingedeeld in West en Oost',
    ]);
  });

  it('partial coverage and multi-membership: new and gone regions, joined and left gemeenten', () => {
    const c = changes('hulp', 2016, 2018);
    expect(events(c)).toEqual([
      ['gone', ['H0'], []],
      ['stayed', ['H1'], ['H1']],
      ['stayed', ['H2'], ['H2']],
      ['new', [], ['H3']],
    ]);
    expect(c.regionEvents[1]!.gained.map((m) => m.code)).toEqual(['GM0008']);
    expect(c.regionEvents[1]!.lost.map((m) => m.code)).toEqual(['GM0005']);
    expect(c.regionEvents[2]!.gained.map((m) => m.code)).toEqual(['GM0004', 'GM0008']);
    expect(c.regionEvents[3]!.gained.map((m) => m.code)).toEqual(['GM0009', 'GM0010']);
    expect(byKind(c)).toEqual({
      'merged-within-region': ['GM0003', 'GM0013'],
      'merged-across-regions': ['GM0004'],
      moved: ['GM0005'],
      divided: ['GM0006'],
      joined: ['GM0008', 'GM0009', 'GM0010'],
      left: ['GM0011'],
    });
    const eelde = c.municipalityChanges.find((m) => m.code === 'GM0005')!;
    expect(eelde.fromRegions.map((r) => r.code)).toEqual(['H1', 'H2']);
    expect(eelde.toRegions.map((r) => r.code)).toEqual(['H2']);
    const dijkhoorn = c.municipalityChanges.find((m) => m.code === 'GM0004')!;
    expect(dijkhoorn.toRegions.map((r) => r.code)).toEqual(['H1', 'H2']);
    expect(dijkhoorn.isRegionKept).toBe(false);
    // Gone, new; regions of Dijkhoorn, Eelde-Oost, Heemdijk, Ilpendam, Jagersveen and Kalkwijk changed.
    expect(c.counts).toMatchObject({ gone: 1, new: 1, regionEventCount: 2, regionChangedCount: 6 });
  });

  it('throws DataError when the layers are not of the matching’s years or the matching runs backward', () => {
    const forward = matchMunicipalities(historyAtlas(2016), historyAtlas(2018), AREAS_2015, formerList(2018));
    expect(() => computeLayoutChanges(historyLayer('zorg', 2017), historyLayer('zorg', 2018), forward)).toThrow(
      'Layers zorg-2017 and zorg-2018 are not on gemeenten-2016 and gemeenten-2018, the years of the matching',
    );
    const backward = matchMunicipalities(historyAtlas(2018), historyAtlas(2016), AREAS_2015, formerList(2018));
    expect(() => computeLayoutChanges(historyLayer('zorg', 2018), historyLayer('zorg', 2016), backward)).toThrow(
      "Changes are compared on the earlier year's gemeenten: 2018 is later than 2016",
    );
  });
});

describe('change sentences', () => {
  it('says in Dutch and English what moved and what only merged', () => {
    const c = changes('zorg', 2015, 2016);
    expect(describeLayoutChanges(c, 'nl')).toEqual([
      'Zorgregio Zuid heet nu Zuidland',
      'Aardam en Beekum werden samengevoegd tot Noordmeer; de zorgregio bleef Noord',
      'Grashoek en Heemdijk gingen van zorgregio Midden naar Zuidland',
      'Lindoorn heet nu Nieuw-Lindoorn',
    ]);
    expect(describeLayoutChanges(c, 'en')).toEqual([
      'Care region Zuid was renamed Zuidland',
      'Aardam and Beekum merged into Noordmeer, staying in care region Noord',
      'Grashoek and Heemdijk moved from care region Midden to Zuidland',
      'Lindoorn is now Nieuw-Lindoorn',
    ]);
    expect(summarizeLayoutChanges(c, 'nl')).toBe(
      'Zorgregio’s 2015 → 2016: 1 regio hernoemd of hercodeerd, 2 gemeenten naar een andere zorgregio; 2 gemeenten samengevoegd, 1 gemeente hernoemd',
    );
  });

  it('names a merger across regions with each gemeente’s region, and a divided gemeente’s shares', () => {
    const c = changes('zorg', 2016, 2017);
    expect(describeLayoutChanges(c, 'nl')).toEqual([
      'Zorgregio Noord (Z1) heeft nu code N1',
      'Dijkhoorn (Noord) ging op in Heemdijk (Zuidland), in zorgregio Zuidland',
      'Fennstad werd verdeeld over Eelde-Oost (60%) en Grashoek (40%); telt mee bij Eelde-Oost, in zorgregio Midden',
      'Ilpendam ging op in Jagersveen; de zorgregio bleef Zuidland',
    ]);
    expect(describeMunicipalityChanges(c, 'en')[0]).toBe(
      'Dijkhoorn (Noord) merged into Heemdijk (Zuidland), in care region Zuidland',
    );
  });

  it('says when nothing changed', () => {
    const m = matchMunicipalities(historyAtlas(2018), historyAtlas(2019), AREAS_2015, formerList(2019));
    const layer2019 = {
      ...historyLayer('zorg', 2018),
      meta: { ...historyLayer('zorg', 2018).meta, geometryId: 'gemeenten-2019' },
    };
    const c = computeLayoutChanges(historyLayer('zorg', 2018), layer2019, m);
    expect(describeLayoutChanges(c, 'nl')).toEqual(['Zorgregio’s: niets veranderd van 2018 tot 2019']);
    expect(summarizeLayoutChanges(c, 'en')).toBe('Care regions 2018 → 2019: layout unchanged');
    expect(summarizeLayoutChanges(changes('zorg', 2017, 2018), 'en')).toBe(
      'Care regions 2017 → 2018: 1 merger of regions; 4 municipalities merged',
    );
  });

  it('names merged and split regions with the layer’s plural name', () => {
    expect(describeLayoutChanges(changes('zorg', 2017, 2018), 'nl')).toEqual([
      'Zorgregio’s Midden en Zuidland gingen samen op in Zuid-Midden',
      'Cromveld en Noordmeer werden samengevoegd tot Groot-Noord; de zorgregio bleef Noord',
      'Kalkwijk ging op in Nieuw-Lindoorn; de zorgregio bleef Zuid-Midden',
    ]);
    expect(describeLayoutChanges(changes('zorg', 2018, 2019), 'en')).toEqual([
      'Care region Zuid-Midden was split into Zuidwest and Zuidoost',
    ]);
  });

  it('says what joined, left, is new and is gone', () => {
    expect(describeLayoutChanges(changes('hulp', 2016, 2018), 'nl')).toEqual([
      'Hulpregio Hulp Zuidrand bestaat niet meer',
      'Nieuwe hulpregio: Hulp Oost',
      'Cromveld en Noordmeer werden samengevoegd tot Groot-Noord; de hulpregio bleef Hulp Noord',
      'Dijkhoorn (Hulp Noord) ging op in Heemdijk (geen hulpregio), in hulpregio Hulp Noord en hulpregio Hulp Zuid',
      'Eelde-Oost ging van hulpregio Hulp Noord en hulpregio Hulp Zuid naar Hulp Zuid',
      'Fennstad werd verdeeld over Eelde-Oost (60%) en Grashoek (40%); telt mee bij Eelde-Oost, in hulpregio Hulp Zuid',
      'Heemdijk hoort nu bij hulpregio Hulp Noord en hulpregio Hulp Zuid (eerder bij geen)',
      'Ilpendam en Jagersveen horen nu bij hulpregio Hulp Oost (eerder bij geen)',
      'Kalkwijk hoort niet meer bij een hulpregio (was Hulp Zuidrand)',
    ]);
  });

  it('writes every region event and gemeente change with the matching line', () => {
    const table = changesTable(changes('zorg', 2016, 2017));
    expect(table.notes).toEqual([
      { key: 'layers', value: 'zorg-2016 -> zorg-2017' },
      {
        key: 'matching',
        value:
          'largest-area-share; 2016 (2016-01-01) -> 2017 (2017-01-01); areas: 2015 parts; shares: former table (GM0006)',
      },
    ]);
    expect(table.rows).toHaveLength(3 + 5);
    expect(table.rows[0]).toEqual([
      2016,
      2017,
      'region',
      'recoded',
      null,
      null,
      'Z1',
      'Noord',
      'N1',
      'Noord',
      null,
      null,
      null,
      null,
      null,
      '',
      'GM0004',
    ]);
    expect(table.rows.find((row) => row[4] === 'GM0006')).toEqual([
      2016,
      2017,
      'municipality',
      'divided',
      'GM0006',
      'Fennstad',
      'Z2',
      'Midden',
      'Z2',
      'Midden',
      'GM0005',
      'Eelde-Oost',
      '',
      'GM0005:0.600 GM0007:0.400',
      1,
      null,
      null,
    ]);
  });
});
