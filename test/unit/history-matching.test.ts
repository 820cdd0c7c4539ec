/**
 * Matching gemeenten across years and projecting a layer onto another year's gemeenten, on the hand-made history
 * of test/fixtures/history-world.ts (every expectation worked out on paper from its comment).
 */
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/lib/errors';
import {
  areasOf2015,
  matcher,
  matchesByCode,
  matchMunicipalities,
  type Matching,
} from '../../src/lib/history/matching';
import { isProjected, projectLayer, projectedLayerId, withLayers } from '../../src/lib/history/projection';
import { matchingTable } from '../../src/lib/history/tables';
import { describeMatch, describeMatchingCounts, describeMatchingMethod } from '../../src/lib/history/text';
import { compareLayers } from '../../src/lib/stats/pair';
import { computePairMetrics } from '../../src/lib/stats/matrix';
import { AREAS_2015, formerList, historyAtlas, historyLayer, NAMES_2015 } from '../fixtures/history-world';

const atlas = Object.fromEntries([2015, 2016, 2017, 2018, 2019].map((y) => [y, historyAtlas(y)])) as Record<
  number,
  ReturnType<typeof historyAtlas>
>;

function match(from: number, to: number): Matching {
  const later = Math.max(from, to);
  return matchMunicipalities(atlas[from]!, atlas[to]!, AREAS_2015, formerList(later));
}

const targets = (m: Matching) => Object.fromEntries(m.matches.map((x) => [x.code, x.target]));

describe('matchMunicipalities', () => {
  it('matches a merger, a rename and unchanged gemeenten from 2015 to 2016', () => {
    const m = match(2015, 2016);
    expect(targets(m)).toEqual({
      GM0001: 'GM0013',
      GM0002: 'GM0013',
      GM0003: 'GM0003',
      GM0004: 'GM0004',
      GM0005: 'GM0005',
      GM0006: 'GM0006',
      GM0007: 'GM0007',
      GM0008: 'GM0008',
      GM0009: 'GM0009',
      GM0010: 'GM0010',
      GM0011: 'GM0011',
      GM0012: 'GM0014',
    });
    expect(m.counts).toEqual({ total: 12, identical: 9, whole: 3, partial: 0 });
    const lindoorn = matchesByCode(m).get('GM0012')!;
    expect(lindoorn).toMatchObject({ status: 'whole', targetName: 'Nieuw-Lindoorn', areaKm2: 120 });
    expect(lindoorn.receivers).toEqual([{ code: 'GM0014', name: 'Nieuw-Lindoorn', areaKm2: 120, share: 1 }]);
    expect(m.method).toMatchObject({
      rule: 'largest-area-share',
      direction: 'forward',
      shares: 'former-table',
      dividedParts: [],
    });
  });

  it('divides a split gemeente by the table shares, although the geometry holds it whole in one receiver', () => {
    const m = match(2016, 2018);
    const fennstad = matchesByCode(m).get('GM0006')!;
    // 100 km²: 60 % to Eelde-Oost, 40 % to Grashoek (the 2017 split in the table).
    expect(fennstad.status).toBe('partial');
    expect(fennstad.target).toBe('GM0005');
    expect(fennstad.hasTableShares).toBe(true);
    expect(fennstad.receivers.map((r) => [r.code, r.areaKm2, r.share])).toEqual([
      ['GM0005', 60, 0.6],
      ['GM0007', 40, 0.4],
    ]);
    expect(m.method.dividedParts).toEqual(['GM0006']);
    // Noordmeer (1 + 2) and Cromveld into Groot-Noord; Dijkhoorn into Heemdijk; Ilpendam into Jagersveen;
    // Kalkwijk into Nieuw-Lindoorn; the rest the same.
    expect(targets(m)).toEqual({
      GM0003: 'GM0015',
      GM0004: 'GM0008',
      GM0005: 'GM0005',
      GM0006: 'GM0005',
      GM0007: 'GM0007',
      GM0008: 'GM0008',
      GM0009: 'GM0010',
      GM0010: 'GM0010',
      GM0011: 'GM0014',
      GM0013: 'GM0015',
      GM0014: 'GM0014',
    });
    expect(m.counts).toEqual({ total: 11, identical: 5, whole: 5, partial: 1 });
    expect(matchesByCode(m).get('GM0013')).toMatchObject({ status: 'whole', areaKm2: 30, parts: ['GM0001', 'GM0002'] });
  });

  it('follows a chain (Aardam → Noordmeer → Groot-Noord) as one whole match', () => {
    const m = match(2015, 2019);
    const aardam = matchesByCode(m).get('GM0001')!;
    expect(aardam).toMatchObject({
      status: 'whole',
      target: 'GM0015',
      targetName: 'Groot-Noord',
      hasTableShares: false,
    });
    expect(matchesByCode(m).get('GM0012')).toMatchObject({ status: 'whole', target: 'GM0014' });
    expect(matchesByCode(m).get('GM0011')).toMatchObject({ status: 'whole', target: 'GM0014' });
    expect(m.counts).toEqual({ total: 12, identical: 4, whole: 7, partial: 1 });
  });

  it('uses only the geometry where the split happened before the earlier date', () => {
    // From 2017 Fennstad no longer exists: Eelde-Oost (5 + 6) is whole in 2019's Eelde-Oost.
    const m = match(2017, 2019);
    expect(m.counts.partial).toBe(0);
    expect(m.method.dividedParts).toEqual([]);
    expect(matchesByCode(m).get('GM0005')).toMatchObject({ status: 'identical', areaKm2: 150 });
  });

  it('works backwards: a later gemeente to the earlier one that held most of its area (ties: lower code)', () => {
    const m = match(2018, 2016);
    expect(m.method.direction).toBe('backward');
    // Eelde-Oost 2018 = 50 of Eelde-Oost + 60 of Fennstad (the table's share): Fennstad holds most.
    const eelde = matchesByCode(m).get('GM0005')!;
    expect(eelde.receivers.map((r) => [r.code, r.areaKm2])).toEqual([
      ['GM0006', 60],
      ['GM0005', 50],
    ]);
    expect(eelde).toMatchObject({ status: 'partial', target: 'GM0006', areaKm2: 110, hasTableShares: true });
    // Grashoek 2018 = 60 of its own + 40 of Fennstad.
    expect(
      matchesByCode(m)
        .get('GM0007')!
        .receivers.map((r) => r.share),
    ).toEqual([0.6, 0.4]);
    // Groot-Noord = Cromveld 30 + Noordmeer 30: a tie, the lower code wins.
    expect(matchesByCode(m).get('GM0015')).toMatchObject({ status: 'partial', target: 'GM0003' });
    expect(m.counts.total).toBe(6);
  });

  it('matches every gemeente of a year to itself', () => {
    const m = match(2018, 2018);
    expect(m.method.direction).toBe('same');
    expect(m.counts).toEqual({ total: 6, identical: 6, whole: 0, partial: 0 });
  });

  it('without a table counts each 2015 gemeente wholly where the later parts put it', () => {
    const m = matchMunicipalities(atlas[2015]!, atlas[2017]!, AREAS_2015, null);
    expect(m.method.shares).toBe('parts-only');
    expect(matchesByCode(m).get('GM0006')).toMatchObject({ status: 'whole', target: 'GM0005' });
  });

  it('is computed once per pair of years and the same inputs', () => {
    const areas = areasOf2015(atlas[2015]!);
    const former = formerList(2018);
    const first = matchMunicipalities(atlas[2016]!, atlas[2018]!, areas, former);
    expect(matchMunicipalities(atlas[2016]!, atlas[2018]!, areas, former)).toBe(first);
    expect(matchMunicipalities(atlas[2016]!, atlas[2018]!, areas, null)).not.toBe(first);
  });

  it('reads the 2015 areas from the 2015 gemeenten, and a matcher picks the later year’s table', () => {
    expect(areasOf2015(atlas[2015]!)).toEqual(AREAS_2015);
    const matchingOf = matcher(AREAS_2015, formerList);
    expect(matchingOf(atlas[2016]!, atlas[2018]!).method.dividedParts).toEqual(['GM0006']);
    expect(matchingOf(atlas[2018]!, atlas[2016]!).method.dividedParts).toEqual(['GM0006']);
  });

  it('throws DataError for missing parts, a missing area and an unknown receiver', () => {
    const noParts = {
      ...atlas[2016]!,
      index: {
        ...atlas[2016]!.index,
        properties: atlas[2016]!.index.properties.map((p) => ({ ...p, parts: undefined })),
      },
    };
    expect(() => matchMunicipalities(noParts, atlas[2018]!, AREAS_2015, null)).toThrow(
      new DataError(
        'Gemeente GM0003 of gemeenten-2016 has no parts (2015 gemeenten); the topology was built without the history',
      ),
    );
    const areas = new Map(AREAS_2015);
    areas.delete('GM0007');
    expect(() => matchMunicipalities(atlas[2016]!, atlas[2018]!, areas, null)).toThrow(
      '2015 gemeente GM0007 (in gemeenten-2016) has no area',
    );
    const wrong = formerList(2018)!.map((f) =>
      f.code === 'GM0006' ? { ...f, transfers: f.transfers.map((t) => ({ ...t, code: 'GM0099' })) } : f,
    );
    expect(() => matchMunicipalities(atlas[2016]!, atlas[2018]!, AREAS_2015, wrong)).toThrow(
      'Former gemeente GM0006 Fennstad: receiver GM0099 is not a gemeente of gemeenten-2018',
    );
  });
});

describe('projectLayer', () => {
  it('puts each earlier gemeente in its match’s regions, keeping multi-membership and gaps', () => {
    const m = match(2016, 2018);
    const projected = projectLayer(historyLayer('hulp', 2018), m);
    expect(projected.meta.id).toBe('hulp-2018~2016');
    expect(projected.meta.geometryId).toBe('gemeenten-2016');
    expect(projected.meta.year).toBe(2018);
    expect(projected.regions.map((r) => [r.code, r.members])).toEqual([
      ['H1', ['GM0003', 'GM0004', 'GM0008', 'GM0013']],
      ['H2', ['GM0004', 'GM0005', 'GM0006', 'GM0007', 'GM0008']],
      ['H3', ['GM0009', 'GM0010']],
    ]);
    expect(projected.meta.projection).toMatchObject({
      sourceLayerId: 'hulp-2018',
      sourceYear: { year: 2018, geometryId: 'gemeenten-2018' },
      ontoYear: { year: 2016, geometryId: 'gemeenten-2016' },
      partialCodes: ['GM0006'],
      droppedRegions: [],
    });
    expect(isProjected(projected.meta)).toBe(true);
    expect(isProjected(historyLayer('hulp', 2018).meta)).toBe(false);
    expect(projectedLayerId('veiligthuis-2025', 2016)).toBe('veiligthuis-2025~2016');
  });

  it('lets the statistics run unchanged on the earlier atlas', () => {
    const m = match(2016, 2018);
    const combined = withLayers(atlas[2016]!, [projectLayer(historyLayer('zorg', 2018), m)]);
    expect(combined.layers.map((l) => l.meta.id)).toEqual(['zorg-2016', 'hulp-2016', 'zorg-2018~2016']);
    // zorg 2018 on 2016's gemeenten: N1 {3, 13}; Z4 every other gemeente. zorg 2016 Z1 {13, 3, 4} and Z2 {5, 6}
    // and Z3 {7, …, 14}: Z2 and Z3 lie in Z4, Z1 does not (Dijkhoorn went to Heemdijk, in Z4).
    const cmp = compareLayers(combined, 'zorg-2016', 'zorg-2018~2016');
    expect(cmp.nestedness.aInB.nestedCount).toBe(2);
    expect(cmp.coverage.commonCount).toBe(11);
    expect(
      computePairMetrics(combined, combined.layersById.get('zorg-2016')!, combined.layersById.get('zorg-2018~2016')!)
        .aToB.nested,
    ).toBeCloseTo(2 / 3);
    // The year's own layers keep their index objects.
    expect(combined.layersById.get('zorg-2016')).toBe(atlas[2016]!.layersById.get('zorg-2016'));
  });

  it('drops and names a region no earlier gemeente is matched into', () => {
    // Backwards, 2018 → 2016: Eelde-Oost 2018 is matched to Fennstad and Groot-Noord to Cromveld, so no 2018
    // gemeente is matched to Eelde-Oost 2016 or Noordmeer: a layer of 2016 with a region {Eelde-Oost} loses it.
    const m = match(2018, 2016);
    const layer = { ...historyLayer('zorg', 2016), regions: [{ code: 'E', name: 'Eelde', members: ['GM0005'] }] };
    const projected = projectLayer(layer, m);
    expect(projected.regions).toEqual([]);
    expect(projected.meta.projection.droppedRegions).toEqual(['E']);
  });

  it('throws DataError for a layer of another year', () => {
    expect(() => projectLayer(historyLayer('zorg', 2017), match(2016, 2018))).toThrow(
      'Layer zorg-2017 is on gemeenten-2017, not on gemeenten-2018 that the matching leads to',
    );
    expect(() => withLayers(atlas[2016]!, [historyLayer('zorg', 2017)])).toThrow(DataError);
  });
});

describe('matching texts and table', () => {
  it('says how the gemeenten were matched', () => {
    const m = match(2016, 2018);
    expect(describeMatchingMethod(m, 'nl', (code) => NAMES_2015[code] ?? code)).toBe(
      'Gemeenten van 2016 vergeleken met die van 2018: elke gemeente van 2016 telt mee bij de gemeente van 2018 met het grootste deel van haar oppervlakte. Oppervlakten zijn die van de gemeenten van 2015 waaruit elke gemeente bestaat; voor Fennstad, tussen beide data over meer gemeenten verdeeld, gelden de aandelen uit de tabel van gemeentelijke herindelingen.',
    );
    expect(describeMatchingMethod(match(2017, 2019), 'en')).toBe(
      'Municipalities of 2017 compared with those of 2019: each municipality of 2017 counts with the municipality of 2019 that holds the largest share of its area. Areas are those of the 2015 municipalities each consists of; no municipality was divided between the two dates.',
    );
    expect(describeMatchingCounts(m.counts, 'nl')).toBe(
      '11 gemeenten: 5 ongewijzigd (zelfde code), 5 geheel in een andere gemeente, 1 verdeeld over meer gemeenten',
    );
    const byCode = matchesByCode(m);
    expect(describeMatch(byCode.get('GM0006')!, 'nl')).toBe(
      'Fennstad: Eelde-Oost 60% en Grashoek 40%; telt mee bij Eelde-Oost',
    );
    expect(describeMatch(byCode.get('GM0004')!, 'en')).toBe('Dijkhoorn: wholly in Heemdijk');
    expect(describeMatch(byCode.get('GM0007')!, 'en')).toBe('Grashoek: unchanged');
  });

  it('writes one row per receiver and says which matching was used', () => {
    const m = match(2016, 2018);
    const table = matchingTable(m);
    expect(table.notes).toEqual([
      {
        key: 'matching',
        value:
          'largest-area-share; 2016 (2016-01-01) -> 2018 (2018-01-01); areas: 2015 parts; shares: former table (GM0006)',
      },
    ]);
    expect(table.rows).toHaveLength(12); // 11 gemeenten, Fennstad twice
    expect(table.rows.filter((row) => row[1] === 'GM0006')).toEqual([
      [2016, 'GM0006', 'Fennstad', 100, 'partial', 2018, 'GM0005', 'Eelde-Oost', 0.6, 1, 1],
      [2016, 'GM0006', 'Fennstad', 100, 'partial', 2018, 'GM0007', 'Grashoek', 0.4, 0, 1],
    ]);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });
});
