import { describe, expect, it } from 'vitest';
import { buildAtlas } from '../../src/lib/data/atlas';
import { lookupRegions } from '../../src/lib/data/lookup';
import {
  formatLayers,
  formatLookup,
  formatNoMatch,
  renderTable,
  summarizeLayers,
  summarizeLookup,
} from '../../src/cli/format';
import { GRID, GRID_GEOMETRY, gridLayerFile } from '../fixtures/grid';

const atlas = buildAtlas(GRID_GEOMETRY, GRID, [
  gridLayerFile('rows', true),
  gridLayerFile('partial', false),
  gridLayerFile('overlap', false, true),
]);

describe('renderTable', () => {
  it('pads columns to the widest cell, right-aligns where asked and trims line ends', () => {
    const text = renderTable(
      [{ header: 'name' }, { header: 'n', align: 'right' }, { header: 'note' }],
      [
        ['Súdwest', '7', ''],
        ['Ee', '1234', 'x'],
      ],
    );
    expect(text).toBe(
      ['name        n  note', '-------  ----  ----', 'Súdwest     7', 'Ee       1234  x', ''].join('\n'),
    );
  });
});

describe('layers', () => {
  it('summarises each layer in registry order with region and coverage counts', () => {
    expect(summarizeLayers(atlas)).toEqual([
      {
        id: 'rows-2025',
        name: 'Layout rows',
        regionCount: 3,
        coveredCount: 9,
        municipalityCount: 9,
        multiMemberCount: 0,
        isComplete: true,
        source: 'Test source rows',
        referenceDate: '2025-01-01',
      },
      expect.objectContaining({ id: 'partial-2025', regionCount: 1, coveredCount: 4, isComplete: false }),
      expect.objectContaining({ id: 'overlap-2025', regionCount: 2, coveredCount: 6, multiMemberCount: 2 }),
    ]);
  });

  it('prints them as a table, with the gemeenten in several regions', () => {
    expect(formatLayers(summarizeLayers(atlas))).toBe(
      [
        'id            name            regions  covered  in several  source               reference date',
        '------------  --------------  -------  -------  ----------  -------------------  --------------',
        'rows-2025     Layout rows           3   9 of 9           0  Test source rows     2025-01-01',
        'partial-2025  Layout partial        1   4 of 9           0  Test source partial  2025-01-01',
        'overlap-2025  Layout overlap        2   6 of 9           2  Test source overlap  2025-01-01',
        '',
      ].join('\n'),
    );
  });
});

describe('lookup', () => {
  it('shapes the regions per layer, marking layers that do not cover the gemeente', () => {
    const zuidoost = atlas.municipalitiesByCode.get('GM0009')!;
    expect(summarizeLookup(zuidoost, lookupRegions(atlas, 'GM0009'))).toEqual({
      municipality: { code: 'GM0009', name: 'Zuidoost', areaKm2: zuidoost.areaKm2, inhabitants: null },
      layers: [
        {
          id: 'rows-2025',
          name: 'Layout rows',
          isComplete: true,
          isCovered: true,
          regions: [{ code: 'R3', name: 'Zuidrij' }],
        },
        { id: 'partial-2025', name: 'Layout partial', isComplete: false, isCovered: false, regions: [] },
        { id: 'overlap-2025', name: 'Layout overlap', isComplete: false, isCovered: false, regions: [] },
      ],
    });
  });

  it('prints one row per region, "no data" for a partial layer without one', () => {
    const midden = atlas.municipalitiesByCode.get('GM0005')!;
    const text = formatLookup(summarizeLookup(midden, lookupRegions(atlas, 'GM0005')));
    const area = midden.areaKm2.toFixed(1);
    expect(text).toBe(
      [
        `Midden (GM0005): ${area} km², 5,000 inhabitants`,
        '',
        'layer           region  name',
        '--------------  ------  ---------',
        'Layout rows     R2      Middenrij',
        'Layout partial  P1      Deel',
        'Layout overlap  M1      Westblok',
        '                M2      Oostblok',
        '',
      ].join('\n'),
    );
    const zuidoost = atlas.municipalitiesByCode.get('GM0009')!;
    expect(formatLookup(summarizeLookup(zuidoost, lookupRegions(atlas, 'GM0009')))).toContain(
      'inhabitants unknown\n\nlayer           region   name\n--------------  -------  -------\nLayout rows     R3       Zuidrij\nLayout partial  no data\nLayout overlap  no data\n',
    );
  });

  it('flags a complete layer that lacks the gemeente with "none"', () => {
    const midden = atlas.municipalitiesByCode.get('GM0005')!;
    const result = summarizeLookup(midden, lookupRegions(atlas, 'GM0005'));
    const broken = { ...result, layers: [{ ...result.layers[0]!, isCovered: false, regions: [] }] };
    expect(formatLookup(broken)).toContain('Layout rows  none');
  });
});

describe('formatNoMatch', () => {
  it('lists suggestions, or says only that nothing matches', () => {
    const [amsterdam, amstelveen] = [
      { code: 'GM0363', name: 'Amsterdam', areaKm2: 1, inhabitants: null },
      { code: 'GM0362', name: 'Amstelveen', areaKm2: 1, inhabitants: null },
    ];
    expect(formatNoMatch('Amsterdm', [amsterdam, amstelveen])).toBe(
      "No municipality matches 'Amsterdm'. Did you mean: Amsterdam, Amstelveen?",
    );
    expect(formatNoMatch('xyzzy', [])).toBe("No municipality matches 'xyzzy'.");
  });
});
