/**
 * A kind's history, the trend of two kinds and a gemeente's history, on the hand-made history of
 * test/fixtures/history-world.ts (expectations worked out on paper from its comment).
 */
import { describe, expect, it } from 'vitest';
import { computeMunicipalityHistory } from '../../src/lib/history/gemeente-history';
import { computeKindHistory, layerOfKind, listKinds } from '../../src/lib/history/kind-history';
import { matcher } from '../../src/lib/history/matching';
import { projectLayer } from '../../src/lib/history/projection';
import { kindHistoryTable, municipalityHistoryTable, trendTable } from '../../src/lib/history/tables';
import { computeTrend, trendSeries } from '../../src/lib/history/trend';
import {
  describeBoundaryChange,
  describeKindHistory,
  describeMunicipalityYear,
  describeTrend,
} from '../../src/lib/history/text';
import { computePairMetrics } from '../../src/lib/stats/matrix';
import { AREAS_2015, formerList, historyAtlases } from '../fixtures/history-world';

const atlases = historyAtlases();
const matchingOf = matcher(AREAS_2015, formerList);

describe('listKinds and layerOfKind', () => {
  it('lists each kind with the years it exists, ignoring projected layers', () => {
    const m = matchingOf(atlases[1]!, atlases[3]!);
    const with2016Projection = atlases.map((a, i) =>
      i === 1 ? { ...a, layers: [...a.layers, projectLayer(layerOfKind(atlases[3]!, 'hulp')!, m)] } : a,
    );
    expect(listKinds(with2016Projection).map((k) => [k.kind, k.years, k.layerIds])).toEqual([
      ['zorg', [2015, 2016, 2017, 2018, 2019], ['zorg-2015', 'zorg-2016', 'zorg-2017', 'zorg-2018', 'zorg-2019']],
      ['hulp', [2016, 2018], ['hulp-2016', 'hulp-2018']],
    ]);
    expect(layerOfKind(with2016Projection[1]!, 'hulp')?.meta.id).toBe('hulp-2016');
    expect(() => listKinds([atlases[0]!, atlases[0]!])).toThrow('The year 2015 is given twice');
  });
});

describe('computeKindHistory', () => {
  it('steps through the years and finds when the layout changed most', () => {
    const h = computeKindHistory(atlases, 'zorg', matchingOf);
    expect(h.years.map((y) => [y.year, y.regionCount, y.coveredCount, y.municipalityCount])).toEqual([
      [2015, 3, 12, 12],
      [2016, 3, 11, 11],
      [2017, 3, 8, 8],
      [2018, 2, 6, 6],
      [2019, 3, 6, 6],
    ]);
    // 2015→2016: Zuid renamed + Grashoek and Heemdijk moved = 3; 2016→2017: Noord recoded + Dijkhoorn = 2;
    // 2017→2018: the merger = 1; 2018→2019: the split = 1.
    expect(h.steps.map((s) => [s.fromYear, s.toYear, s.regionEventCount, s.regionChangedCount, s.changeCount])).toEqual(
      [
        [2015, 2016, 1, 2, 3],
        [2016, 2017, 1, 1, 2],
        [2017, 2018, 1, 0, 1],
        [2018, 2019, 1, 0, 1],
      ],
    );
    // Gemeenten with other fellow gemeenten: 2015→2016 Midden's four and Zuid's four; 2016→2017 Noordmeer,
    // Cromveld, Dijkhoorn and Zuidland's six; 2017→2018 Midden's one and Zuidland's five; 2018→2019 Zuid-Midden's five.
    expect(h.steps.map((s) => s.regroupedCount)).toEqual([8, 9, 6, 5]);
    expect(h.summary).toEqual({
      changeCount: 7,
      busiest: [
        [2015, 2016],
        [2016, 2017],
        [2017, 2018],
        [2018, 2019],
      ],
      unchanged: [],
    });
    expect(describeKindHistory(h, 'nl')).toBe(
      'Zorgregio’s in 5 jaren (2015–2019); het meest veranderd van 2015 naar 2016: 1 regio hernoemd of hercodeerd, 2 gemeenten naar een andere zorgregio',
    );
  });

  it('skips the years without the kind and says when nothing changed', () => {
    const h = computeKindHistory(atlases, 'hulp', matchingOf);
    expect(h.steps.map((s) => [s.fromYear, s.toYear])).toEqual([[2016, 2018]]);
    const unchanged = computeKindHistory(
      [
        atlases[3]!,
        {
          ...atlases[4]!,
          layers: atlases[3]!.layers.map((l) => ({ ...l, meta: { ...l.meta, geometryId: 'gemeenten-2019' } })),
        },
      ],
      'zorg',
      matchingOf,
    );
    expect(unchanged.summary).toEqual({ changeCount: 0, busiest: [], unchanged: [[2018, 2019]] });
    expect(describeKindHistory(unchanged, 'en')).toBe('Care regions in 2 years (2018–2019); unchanged');
    expect(() => computeKindHistory(atlases, 'politie', matchingOf)).toThrow("No year has a layer of kind 'politie'");
  });

  it('gives one table row per step with the matching used', () => {
    const table = kindHistoryTable(computeKindHistory(atlases, 'zorg', matchingOf));
    expect(table.rows).toHaveLength(4);
    expect(table.rows[1]!.slice(0, 5)).toEqual(['zorg', 2016, 2017, 'zorg-2016', 'zorg-2017']);
    expect(table.rows[1]!.at(-1)).toBe(
      'largest-area-share; 2016 (2016-01-01) -> 2017 (2017-01-01); areas: 2015 parts; shares: former table (GM0006)',
    );
  });
});

describe('computeTrend', () => {
  it('compares two kinds in every year both exist, with the gemeenten each value rests on', () => {
    const t = computeTrend(atlases, 'zorg', 'hulp');
    expect(t.points.map((p) => [p.year, p.layerIdA, p.layerIdB, p.municipalityCount, p.commonCount])).toEqual([
      [2016, 'zorg-2016', 'hulp-2016', 11, 7],
      [2018, 'zorg-2018', 'hulp-2018', 6, 5],
    ]);
    expect(t.gaps).toEqual([
      { year: 2015, missing: ['b'] },
      { year: 2017, missing: ['b'] },
      { year: 2019, missing: ['b'] },
    ]);
    // 2016: Noord in Hulp Noord, Midden in Hulp Zuid (2 of 3); only Hulp Zuidrand lies in one zorgregio (1 of 3).
    // 2018: Noord in Hulp Noord (1 of 2); Hulp Zuid and Hulp Oost in Zuid-Midden (2 of 3). No identical regions.
    expect(trendSeries(t, 'nested').map((p) => [p.year, p.value, p.commonCount])).toEqual([
      [2016, 2 / 3, 7],
      [2018, 1 / 2, 5],
    ]);
    expect(trendSeries(t, 'nested', 'b').map((p) => p.value)).toEqual([1 / 3, 2 / 3]);
    expect(trendSeries(t, 'identical').map((p) => p.value)).toEqual([0, 0]);
    // Multi-membership among the common gemeenten: ARI is not defined.
    expect(trendSeries(t, 'ari').map((p) => p.value)).toEqual([null, null]);
    const direct = computePairMetrics(
      atlases[1]!,
      atlases[1]!.layersById.get('zorg-2016')!,
      atlases[1]!.layersById.get('hulp-2016')!,
    );
    expect(t.points[0]!.aToB).toEqual(direct.aToB);
    expect(describeTrend(t, 'nested', 'nl')).toBe(
      'Aandeel regio’s van A binnen één regio van B van Zorgregio’s en Hulpregio’s: 0,667 in 2016, 0,5 in 2018: de indelingen groeiden uit elkaar',
    );
    expect(describeTrend(t, 'ari', 'en')).toBeNull();
  });

  it('writes a row per year and says no matching was needed', () => {
    const table = trendTable(computeTrend(atlases, 'zorg', 'hulp'));
    expect(table.header.slice(0, 6)).toEqual([
      'year',
      'layer_a',
      'layer_b',
      'municipality_count',
      'common_count',
      'congruence',
    ]);
    expect(table.header).toContain('nested_b_to_a');
    expect(table.rows.map((row) => row[0])).toEqual([2016, 2018]);
    expect(table.notes[0]!.key).toBe('matching');
  });

  it('throws DataError when no year has both kinds', () => {
    expect(() => computeTrend(atlases, 'zorg', 'politie')).toThrow(
      "No year has layers of both kinds 'zorg' and 'politie'",
    );
  });
});

describe('plain data', () => {
  it('survives JSON unchanged: kind history, trend and gemeente history', () => {
    const results = [
      computeKindHistory(atlases, 'hulp', matchingOf),
      computeTrend(atlases, 'zorg', 'hulp'),
      computeMunicipalityHistory(atlases, 2015, 'GM0006', matchingOf, formerList(2019)),
    ];
    for (const result of results) expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe('computeMunicipalityHistory', () => {
  const former2019 = formerList(2019);

  it('follows a merged gemeente back to the gemeenten it was formed from', () => {
    const h = computeMunicipalityHistory(atlases, 2018, 'GM0015', matchingOf, former2019); // Groot-Noord
    expect(h.years.map((y) => [y.year, y.status, y.isBefore, y.holders.map((x) => [x.code, x.share])])).toEqual([
      [
        2015,
        'several',
        true,
        [
          ['GM0003', 0.5],
          ['GM0002', 20 / 60],
          ['GM0001', 10 / 60],
        ],
      ],
      [
        2016,
        'several',
        true,
        [
          ['GM0003', 0.5],
          ['GM0013', 0.5],
        ],
      ],
      [
        2017,
        'several',
        true,
        [
          ['GM0003', 0.5],
          ['GM0013', 0.5],
        ],
      ],
      [2018, 'same', false, [['GM0015', 1]]],
      [2019, 'same', false, [['GM0015', 1]]],
    ]);
    const zorg = h.kinds.find((k) => k.kind === 'zorg')!;
    expect(zorg.entries.map((e) => [e.year, e.regions.map((r) => [r.code, r.share])])).toEqual([
      [2015, [['Z1', 1]]],
      [2016, [['Z1', 1]]],
      [2017, [['N1', 1]]],
      [2018, [['N1', 1]]],
      [2019, [['N1', 1]]],
    ]);
    expect(h.kinds.find((k) => k.kind === 'hulp')!.entries.map((e) => e.year)).toEqual([2016, 2018]);
    expect(h.changes.map((c) => [c.code, c.date, c.kinds, c.isBefore])).toEqual([
      ['GM0001', '2016-01-01', ['merger'], true],
      ['GM0002', '2016-01-01', ['merger'], true],
      ['GM0003', '2018-01-01', ['merger'], true],
    ]);
    expect(h.changes[0]!.receivers[0]!.via.map((v) => v.code)).toEqual(['GM0013']);
    expect(describeMunicipalityYear(h.years[1]!, 'nl')).toBe(
      '2016: bestond nog niet zo; het gebied hoorde bij Cromveld (50%) en Noordmeer (50%)',
    );
    expect(describeBoundaryChange(h.changes[0]!, 'nl')).toBe(
      'Aardam: in 2016 samengevoegd tot Noordmeer (sinds 2018 deel van Groot-Noord)',
    );
  });

  it('follows a split gemeente forward into its receivers and their regions', () => {
    const h = computeMunicipalityHistory(atlases, 2015, 'GM0006', matchingOf, former2019); // Fennstad
    expect(h.years.map((y) => [y.year, y.status, y.holders.map((x) => [x.code, x.share])])).toEqual([
      [2015, 'same', [['GM0006', 1]]],
      [2016, 'same', [['GM0006', 1]]],
      [
        2017,
        'several',
        [
          ['GM0005', 0.6],
          ['GM0007', 0.4],
        ],
      ],
      [
        2018,
        'several',
        [
          ['GM0005', 0.6],
          ['GM0007', 0.4],
        ],
      ],
      [
        2019,
        'several',
        [
          ['GM0005', 0.6],
          ['GM0007', 0.4],
        ],
      ],
    ]);
    const zorg = h.kinds.find((k) => k.kind === 'zorg')!;
    expect(zorg.entries.map((e) => [e.year, e.regions.map((r) => [r.code, r.share]), e.uncoveredShare])).toEqual([
      [2015, [['Z2', 1]], 0],
      [2016, [['Z2', 1]], 0],
      [
        2017,
        [
          ['Z2', 0.6],
          ['Z3', 0.4],
        ],
        0,
      ],
      [2018, [['Z4', 1]], 0],
      [2019, [['Z5', 1]], 0],
    ]);
    const hulp = h.kinds.find((k) => k.kind === 'hulp')!;
    expect(hulp.entries.map((e) => [e.year, e.regions.map((r) => [r.code, r.share])])).toEqual([
      [2016, [['H2', 1]]],
      [2018, [['H2', 1]]],
    ]);
    expect(h.changes.map((c) => [c.code, c.date, c.kinds, c.isBefore])).toEqual([
      ['GM0006', '2017-01-01', ['split'], false],
    ]);
    expect(describeMunicipalityYear(h.years[2]!, 'en')).toBe('2017: divided over Eelde-Oost (60%) and Grashoek (40%)');
    expect(describeBoundaryChange(h.changes[0]!, 'en')).toBe('Fennstad: in 2017 divided among Eelde-Oost and Grashoek');
  });

  it('tells a renamed, an enlarged and a merged gemeente apart, and counts a share in no region', () => {
    const lindoorn = computeMunicipalityHistory(atlases, 2015, 'GM0012', matchingOf, former2019);
    expect(lindoorn.years.map((y) => [y.year, y.status])).toEqual([
      [2015, 'same'],
      [2016, 'renamed'],
      [2017, 'renamed'],
      [2018, 'merged'],
      [2019, 'merged'],
    ]);
    const heemdijk = computeMunicipalityHistory(atlases, 2016, 'GM0008', matchingOf, former2019);
    expect(heemdijk.years.map((y) => [y.year, y.status])).toEqual([
      [2015, 'same'],
      [2016, 'same'],
      [2017, 'enlarged'],
      [2018, 'enlarged'],
      [2019, 'enlarged'],
    ]);
    expect(describeMunicipalityYear(heemdijk.years[2]!, 'nl')).toBe('2017: Heemdijk, vergroot met andere gemeenten');
    expect(describeMunicipalityYear(lindoorn.years[3]!, 'en')).toBe('2018: merged into Nieuw-Lindoorn');
    // Kalkwijk was in Hulp Zuidrand in 2016; in 2018 Nieuw-Lindoorn is in no hulpregio.
    const kalkwijk = computeMunicipalityHistory(atlases, 2016, 'GM0011', matchingOf, former2019);
    expect(
      kalkwijk.kinds.find((k) => k.kind === 'hulp')!.entries.map((e) => [e.year, e.regions.length, e.uncoveredShare]),
    ).toEqual([
      [2016, 1, 0],
      [2018, 0, 1],
    ]);
  });

  it('writes territory, regions and boundary changes as rows', () => {
    const table = municipalityHistoryTable(computeMunicipalityHistory(atlases, 2015, 'GM0006', matchingOf, former2019));
    expect(table.rows.filter((row) => row[2] === 'territory')).toHaveLength(2 + 3 * 2);
    expect(table.rows.filter((row) => row[2] === 'boundary-change')).toEqual([
      [
        'GM0006',
        'Fennstad',
        'boundary-change',
        'split',
        2017,
        '2017-01-01',
        'GM0005',
        'Fennstad -> Eelde-Oost',
        0.6,
        'Testbron 2017-01-01',
      ],
      [
        'GM0006',
        'Fennstad',
        'boundary-change',
        'split',
        2017,
        '2017-01-01',
        'GM0007',
        'Fennstad -> Grashoek',
        0.4,
        'Testbron 2017-01-01',
      ],
    ]);
  });

  it('throws DataError for an unknown year or gemeente', () => {
    expect(() => computeMunicipalityHistory(atlases, 2014, 'GM0001', matchingOf, null)).toThrow(
      'No gemeenten of 2014 (years: 2015, 2016, 2017, 2018, 2019)',
    );
    expect(() => computeMunicipalityHistory(atlases, 2018, 'GM0001', matchingOf, null)).toThrow(
      'GM0001 is not a gemeente of gemeenten-2018',
    );
  });
});
