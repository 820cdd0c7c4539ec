import { describe, expect, it } from 'vitest';
import { describeFormer, describeFormerChanges } from '../../src/lib/i18n/former-text';
import type { FormerMunicipality } from '../../src/lib/types';

/** Current names of the receivers in these made-up cases. */
const NAMES: Record<string, string> = {
  GM0865: 'Vught',
  GM0824: 'Oisterwijk',
  GM0855: 'Tilburg',
  GM0757: 'Boxtel',
  GM1959: 'Altena',
  GM1942: 'Gooise Meren',
  GM0363: 'Amsterdam',
  GM0014: 'Groningen',
  GM1952: 'Midden-Groningen',
  GM1945: 'Berg en Dal',
};
const nameOf = (code: string) => NAMES[code] ?? code;

const transfer = (code: string, date: string, kind: FormerMunicipality['transfers'][number]['kind'], share = 1) => ({
  code,
  date,
  kind,
  areaShare: share,
  source: 'test',
});

const HAAREN: FormerMunicipality = {
  code: 'GM0788',
  name: 'Haaren',
  transfers: [
    transfer('GM0865', '2021-01-01', 'split', 0.4),
    transfer('GM0824', '2021-01-01', 'split', 0.3),
    transfer('GM0855', '2021-01-01', 'split', 0.2),
    transfer('GM0757', '2021-01-01', 'split', 0.1),
  ],
};
const AALBURG: FormerMunicipality = {
  code: 'GM0738',
  name: 'Aalburg',
  transfers: [transfer('GM1959', '2019-01-01', 'merger')],
};
const MUIDEN: FormerMunicipality = {
  code: 'GM0424',
  name: 'Muiden',
  transfers: [
    transfer('GM1942', '2016-01-01', 'merger', 0.75),
    {
      ...transfer('GM0363', '2016-01-01', 'boundary-correction', 0.25),
      via: [{ code: 'GM0457', name: 'Weesp', date: '2022-03-24', kind: 'light-merger', source: 'test' }],
    },
  ],
};
const SLOCHTEREN: FormerMunicipality = {
  code: 'GM0040',
  name: 'Slochteren',
  transfers: [
    transfer('GM0014', '2017-01-01', 'boundary-correction', 0.1),
    transfer('GM1952', '2018-01-01', 'merger', 0.9),
  ],
};
const GROESBEEK: FormerMunicipality = {
  code: 'GM0241',
  name: 'Groesbeek',
  transfers: [transfer('GM1945', '2016-01-01', 'rename')],
};

describe('describeFormer', () => {
  it('lists a split in transfer order with the language’s conjunction', () => {
    expect(describeFormer(HAAREN, nameOf, 'nl')).toBe(
      'Haaren: in 2021 verdeeld over Vught, Oisterwijk, Tilburg en Boxtel',
    );
    expect(describeFormer(HAAREN, nameOf, 'en')).toBe(
      'Haaren: in 2021 divided among Vught, Oisterwijk, Tilburg and Boxtel',
    );
  });

  it('names the kind of change', () => {
    expect(describeFormer(AALBURG, nameOf, 'nl')).toBe('Aalburg: in 2019 samengevoegd tot Altena');
    expect(describeFormer(AALBURG, nameOf, 'en')).toBe('Aalburg: in 2019 merged into Altena');
    expect(describeFormer(GROESBEEK, nameOf, 'nl')).toBe('Groesbeek: in 2016 hernoemd tot Berg en Dal');
    expect(describeFormerChanges(GROESBEEK, nameOf, 'en')).toBe('in 2016 renamed Berg en Dal');
  });

  it('names the intermediate gemeente of a chain, and gives each year its own clause', () => {
    expect(describeFormer(MUIDEN, nameOf, 'nl')).toBe(
      'Muiden: in 2016 samengevoegd tot Gooise Meren en deels naar Weesp (sinds 2022 deel van Amsterdam)',
    );
    expect(describeFormer(MUIDEN, nameOf, 'en')).toBe(
      'Muiden: in 2016 merged into Gooise Meren and partly to Weesp (part of Amsterdam since 2022)',
    );
    expect(describeFormer(SLOCHTEREN, nameOf, 'nl')).toBe(
      'Slochteren: in 2017 deels naar Groningen; in 2018 samengevoegd tot Midden-Groningen',
    );
  });
});
