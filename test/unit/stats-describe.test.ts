import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../geo/layers';
import { buildAtlas } from '../../src/lib/data/atlas';
import { describeComparison, pluralNoun } from '../../src/lib/stats/describe';
import { compareLayers } from '../../src/lib/stats/pair';
import type { LayerFile } from '../../src/lib/types';
import { GRID, GRID_GEOMETRY, gridLayerFile, LAYOUTS } from '../fixtures/grid';

/** A grid layer file with the nouns and name of a real layer, so the sentences read as in the app. */
function named(kind: keyof typeof LAYOUTS, id: string, isMulti = false): LayerFile {
  const real = LAYERS.find((l) => l.id === id)!;
  const file = gridLayerFile(kind, kind !== 'overlap', isMulti);
  return { ...file, meta: { ...file.meta, name: real.name, regionNoun: real.regionNoun } };
}

const atlas = buildAtlas(GRID_GEOMETRY, GRID, [
  named('cells', 'jeugdregio-2025'),
  named('rows', 'veiligthuis-2025'),
  named('ring', 'politie-eenheid-2025'),
  named('overlap', 'arrondissement-2025', true),
]);

describe('pluralNoun', () => {
  it('makes the plural of every region noun in the registry', () => {
    const plurals = (lang: 'nl' | 'en') =>
      Object.fromEntries(LAYERS.map((l) => [l.kind, pluralNoun(l.regionNoun[lang], lang)]));
    expect(plurals('nl')).toEqual({
      jeugdregio: "jeugdzorgregio's",
      veiligthuis: "Veilig Thuis-regio's",
      cjg: 'CJG-werkgebieden',
      ggd: "GGD-regio's",
      zorgkantoor: "zorgkantoorregio's",
      'politie-eenheid': 'politie-eenheden',
      veiligheidsregio: "veiligheidsregio's",
      arrondissement: 'arrondissementen',
      provincie: 'provincies',
      arbeidsmarktregio: "arbeidsmarktregio's",
      rmc: "RMC-regio's",
    });
    expect(plurals('en')).toEqual({
      jeugdregio: 'youth care regions',
      veiligthuis: 'Veilig Thuis regions',
      cjg: 'CJG service areas',
      ggd: 'GGD regions',
      zorgkantoor: 'care office regions',
      'politie-eenheid': 'police units',
      veiligheidsregio: 'safety regions',
      arrondissement: 'judicial districts',
      provincie: 'provinces',
      arbeidsmarktregio: 'labour market regions',
      rmc: 'RMC regions',
    });
  });

  it('follows the English -y and sibilant rules', () => {
    expect(['city', 'day', 'box', 'church'].map((n) => pluralNoun(n, 'en'))).toEqual([
      'cities',
      'days',
      'boxes',
      'churches',
    ]);
  });
});

describe('describeComparison', () => {
  it('says how cells compare with rows, in English and Dutch', () => {
    // Cells (9, as youth care regions) against rows (3, as Veilig Thuis regions): no identical region (rows have
    // fewer regions, so they are counted); all 9 cells inside one row, no row inside one cell; congruence 0
    // (a cell has no partners, a row gemeente two); ARI 0, NMI 2/3, VI log₂3 ≈ 1.585 bits;
    // border shares: the rows' borders are 6 of the cells' 12 arcs (the parallels, shorter than the meridians).
    const cmp = compareLayers(atlas, 'cells-2025', 'rows-2025');
    expect(describeComparison(cmp, 'en')).toEqual([
      '0 of 3 Veilig Thuis regions coincide exactly with one youth care region.',
      '9 of 9 youth care regions lie wholly inside one Veilig Thuis region.',
      '0 of 3 Veilig Thuis regions lie wholly inside one youth care region.',
      'On average, 0% of the region partners a municipality has in either layer are its partners in both (0% weighted by inhabitants).',
      'Inhabitants are unknown for 1 of these municipalities; weighted figures count the known ones only.',
      'Adjusted Rand index 0, normalized mutual information 0.667, variation of information 1.585 bits.',
      '38% of the border length between youth care regions is also a border between Veilig Thuis regions.',
      '100% of the border length between Veilig Thuis regions is also a border between youth care regions.',
    ]);
    expect(describeComparison(cmp, 'nl')).toEqual([
      "0 van de 3 Veilig Thuis-regio's vallen precies samen met één jeugdzorgregio.",
      "9 van de 9 jeugdzorgregio's liggen geheel binnen één Veilig Thuis-regio.",
      "0 van de 3 Veilig Thuis-regio's liggen geheel binnen één jeugdzorgregio.",
      'Gemiddeld is 0% van de regiopartners die een gemeente in een van beide lagen heeft, partner in beide (0% gewogen naar inwoners).',
      'Van 1 van deze gemeenten is het aantal inwoners onbekend; gewogen cijfers tellen alleen de bekende.',
      'Gecorrigeerde Rand-index 0, genormaliseerde wederzijdse informatie 0,667, variatie van informatie 1,585 bits.',
      "38% van de grenslengte tussen jeugdzorgregio's is ook een grens tussen Veilig Thuis-regio's.",
      "100% van de grenslengte tussen Veilig Thuis-regio's is ook een grens tussen jeugdzorgregio's.",
    ]);
  });

  it('uses the singular verb for one region', () => {
    // Ring (O1, O2 as police units) against cells: Kern = K5, the one identical region.
    const [identical] = describeComparison(compareLayers(atlas, 'ring-2025', 'cells-2025'), 'en');
    expect(identical).toBe('1 of 2 police units coincides exactly with one youth care region.');
    const [identicalNl] = describeComparison(compareLayers(atlas, 'ring-2025', 'cells-2025'), 'nl');
    expect(identicalNl).toBe('1 van de 2 politie-eenheden valt precies samen met één jeugdzorgregio.');
  });

  it('says what was left out and why partition agreement is not defined', () => {
    const sentences = describeComparison(compareLayers(atlas, 'rows-2025', 'overlap-2025'), 'en');
    expect(sentences[0]).toBe(
      'Compared over the 6 municipalities both layers cover; 3 of 9 municipalities are left out.',
    );
    expect(sentences).toContain(
      'ARI, NMI and VI are not defined: 2 municipalities belong to more than one region of the layer Judicial districts.',
    );
    expect(describeComparison(compareLayers(atlas, 'overlap-2025', 'rows-2025'), 'nl')).toContain(
      'ARI, NMI en VI zijn niet gedefinieerd: 2 gemeenten horen bij meer dan één regio van de laag Arrondissementen.',
    );
  });
});
