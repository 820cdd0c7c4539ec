import { describe, expect, it } from 'vitest';
import { ALL_LAYERS, GEOMETRIES, KINDS, LAYERS, TABLES } from '../../geo/layers';
import { DOMAINS, isIsoDate, parseLayerFile } from '../../src/lib/data/parse';

const MISSION_LAYERS = ['jeugdregio-2025', 'veiligthuis-2025', 'politie-eenheid-2025', 'cjg-2025'];
const MISSION_KINDS = ['jeugdregio', 'veiligthuis', 'politie-eenheid', 'cjg'];
const YEARS = [...new Set(ALL_LAYERS.map((l) => l.year))];
const layersOf = (year: number) => ALL_LAYERS.filter((l) => l.year === year);

/** WCAG 2 relative luminance of `#rrggbb` (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of a colour against white (luminance 1). */
function contrastOnWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

describe('WCAG contrast helper', () => {
  it('matches known ratios', () => {
    expect(contrastOnWhite('#000000')).toBeCloseTo(21, 5);
    expect(contrastOnWhite('#FFFFFF')).toBeCloseTo(1, 5);
    // #767676 is the classic lightest grey with 4.5:1 on white.
    expect(contrastOnWhite('#767676')).toBeCloseTo(4.54, 2);
  });
});

describe('layer registry', () => {
  it('has the layers of the newest year as LAYERS: one panel, in ALL_LAYERS order', () => {
    expect(LAYERS).toEqual(ALL_LAYERS.filter((l) => l.year === 2025));
    const kinds2025 = TABLES.filter((t) => t.year === 2025).map((t) => t.kind.kind);
    expect(LAYERS.map((l) => l.kind).sort()).toEqual([...new Set(kinds2025)].sort());
    expect(kinds2025.length).toBe(new Set(kinds2025).size);
  });

  it('has unique ids of the form <kind>-<year>', () => {
    const ids = ALL_LAYERS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const layer of ALL_LAYERS) {
      expect(layer.id).toBe(`${layer.kind}-${layer.year}`);
      expect(layer.kind).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
    }
  });

  it('refers to a known geometry of the same year', () => {
    for (const layer of ALL_LAYERS) {
      const geometry = GEOMETRIES.find((g) => g.id === layer.geometryId);
      expect(geometry, layer.id).toBeDefined();
      expect(geometry?.year, layer.id).toBe(layer.year);
    }
  });

  it('lists the years newest first, and within a year uses only known domains, grouped in the catalogue order', () => {
    expect(YEARS).toEqual([...YEARS].sort((a, b) => b - a));
    for (const year of YEARS) {
      const order = layersOf(year).map((l) => DOMAINS.indexOf(l.domain));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect(order, String(year)).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('has names, region nouns and descriptions in both languages', () => {
    for (const layer of ALL_LAYERS) {
      for (const text of [layer.name, layer.regionNoun, layer.description]) {
        expect(text.nl.trim(), layer.id).not.toBe('');
        expect(text.en.trim(), layer.id).not.toBe('');
      }
    }
  });

  it('has valid hex colours with at least 3:1 contrast against white', () => {
    for (const layer of ALL_LAYERS) {
      expect(layer.color, layer.id).toMatch(/^#[0-9A-Fa-f]{6}$/);
      expect(contrastOnWhite(layer.color), `${layer.id} ${layer.color}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives every layer of a year its own line style, and the mission layers their own colours', () => {
    for (const year of YEARS) {
      const layers = layersOf(year);
      const styles = layers.map((l) => `${l.color.toUpperCase()} ${JSON.stringify(l.dash ?? [])}`);
      expect(new Set(styles).size, String(year)).toBe(layers.length);
    }
    const missionColours = ALL_LAYERS.filter((l) => MISSION_LAYERS.includes(l.id)).map((l) => l.color.toUpperCase());
    expect(new Set(missionColours).size).toBe(MISSION_LAYERS.length);
  });

  it('shows the mission layers of every year by default, except the CJG layer (five known gemeenten)', () => {
    const shown = MISSION_LAYERS.filter((id) => id !== 'cjg-2025');
    const visible2025 = layersOf(2025).filter((l) => l.isDefaultVisible);
    expect(visible2025.map((l) => l.id).sort()).toEqual([...shown].sort());
    for (const layer of ALL_LAYERS) {
      expect(layer.isDefaultVisible, layer.id).toBe(MISSION_KINDS.includes(layer.kind) && layer.kind !== 'cjg');
    }
  });

  it('gives every kind its own line style, whatever the year: a line looks the same wherever it is shown', () => {
    const styles = Object.values(KINDS).map(
      (k) => `${k.color.toUpperCase()} ${JSON.stringify('dash' in k ? k.dash : [])}`,
    );
    expect(new Set(styles).size).toBe(styles.length);
  });

  it('gives every year of a kind the metadata of that kind (as its newest year): domain, names, description, style', () => {
    for (const layer of ALL_LAYERS) {
      const kind = Object.values(KINDS).find((k) => k.kind === layer.kind);
      expect(kind, layer.id).toBeDefined();
      const latest = ALL_LAYERS.find((l) => l.kind === layer.kind)!; // newest year first
      for (const key of ['domain', 'name', 'regionNoun', 'description', 'coverage', 'color', 'dash'] as const) {
        expect(layer[key], `${layer.id} ${key}`).toEqual(kind![key as keyof typeof kind]);
        expect(layer[key], `${layer.id} ${key}`).toEqual(latest[key]);
      }
    }
  });

  it("has one layer per table entry, each of its year's geometry and dated 1 January of the year unless noted", () => {
    expect(ALL_LAYERS).toHaveLength(TABLES.length);
    for (const layer of ALL_LAYERS) {
      expect(layer.geometryId, layer.id).toBe(`gemeenten-${layer.year}`);
      if (layer.kind === 'cjg') continue; // dated by its facts (2017), see below
      // The RegioAtlas tables are dated by their export (SOURCES.md §5).
      const expected = layer.source.licence === 'ODC-PDDL-1.0' ? '2016-03-21' : `${layer.year}-01-01`;
      expect(layer.source.referenceDate, layer.id).toBe(expected);
    }
  });

  it('has the layouts of every year: jeugd, GGD, veiligheidsregio 2015-2025, Veilig Thuis 2016 and 2020-2025, the other CBS kinds 2016 and 2025', () => {
    const yearsOf = (kind: string) =>
      ALL_LAYERS.filter((l) => l.kind === kind)
        .map((l) => l.year)
        .sort();
    const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
    for (const kind of ['jeugdregio', 'ggd', 'veiligheidsregio']) expect(yearsOf(kind)).toEqual(range(2015, 2025));
    expect(yearsOf('veiligthuis')).toEqual([2016, ...range(2020, 2025)]);
    for (const kind of ['politie-eenheid', 'zorgkantoor', 'arrondissement', 'provincie', 'arbeidsmarktregio', 'rmc']) {
      expect(yearsOf(kind), kind).toEqual([2016, 2025]);
    }
    expect(yearsOf('cjg')).toEqual([2025]);
    // Every other kind is a RegioAtlas layout of 2016 only, read from the export as it is.
    const multiYear = ['jeugdregio', 'ggd', 'veiligheidsregio', 'veiligthuis', 'cjg', 'politie-eenheid'];
    const others = ['zorgkantoor', 'arrondissement', 'provincie', 'arbeidsmarktregio', 'rmc'];
    for (const kind of Object.values(KINDS).map((k) => k.kind)) {
      if (multiYear.includes(kind) || others.includes(kind)) continue;
      expect(yearsOf(kind), kind).toEqual([2016]);
      expect(ALL_LAYERS.find((l) => l.kind === kind)?.regioAtlas, kind).toBeDefined();
    }
  });

  it('compares the CBS layers of 2016 with RegioAtlas, read as it is', () => {
    const compared = ALL_LAYERS.filter((l) => l.compareWith);
    expect(compared.map((l) => l.id).sort()).toEqual(['ggd-2016', 'jeugdregio-2016', 'veiligheidsregio-2016']);
    for (const layer of compared) {
      expect(layer.compareWith!.input, layer.id).toMatch(/^regioatlas-2016\/(Sociaal|Veiligheid)\/[a-z0-9]+\.csv$/);
      expect(layer.compareWith!.regioAtlas, layer.id).toBeDefined();
      expect(layer.compareWith!.source.referenceDate, layer.id).toBe('2016-03-21');
      expect(layer.source.citation, layer.id).toContain('CBS');
    }
  });

  it('has ISO reference dates and a citation and licence for every source', () => {
    for (const layer of ALL_LAYERS) {
      expect(isIsoDate(layer.source.referenceDate), layer.id).toBe(true);
      expect(layer.source.citation.trim(), layer.id).not.toBe('');
      expect(layer.source.licence.trim(), layer.id).not.toBe('');
    }
    for (const geometry of GEOMETRIES) {
      expect(isIsoDate(geometry.source.referenceDate), geometry.id).toBe(true);
      expect(geometry.inhabitantsDate === null || isIsoDate(geometry.inhabitantsDate), geometry.id).toBe(true);
      expect(geometry.inhabitantsInput === null).toBe(geometry.inhabitantsDate === null);
    }
  });

  it('has one geometry per year 2015-2025, newest first; the years between are merged from the 2015 map', () => {
    expect(GEOMETRIES.map((g) => g.year)).toEqual(Array.from({ length: 11 }, (_, i) => 2025 - i));
    for (const g of GEOMETRIES) {
      expect(g.id).toBe(`gemeenten-${g.year}`);
      expect(g.history, g.id).toBeDefined();
      expect(g.former === undefined, g.id).toBe(g.year === 2015);
      expect(g.former?.isMapChecked ?? false, g.id).toBe(g.year === 2025);
      expect(g.compose !== undefined, g.id).toBe(g.year > 2015 && g.year < 2023);
      if (g.compose) {
        expect(g.topologyInput).toBe(g.history!.startTopologyInput);
        expect(g.inhabitantsDate).toBe('2015-01-01');
      }
    }
  });

  it('cites the 2011 study for every 2011 layout', () => {
    for (const layer of ALL_LAYERS) {
      if (layer.layout2011) expect(layer.layout2011.citation, layer.id).toContain('Tabel 6');
    }
  });

  it('has unique relative CSV inputs: membership tables, or RegioAtlas exports read as they are', () => {
    const inputs = ALL_LAYERS.map((l) => l.input);
    expect(new Set(inputs).size).toBe(inputs.length);
    for (const layer of ALL_LAYERS) {
      if (layer.regioAtlas) {
        expect(layer.input).toMatch(/^regioatlas-2016\/(Bestuurlijk|Fysiek|Sociaal|Veiligheid)\/[a-z0-9]+\.csv$/);
      } else {
        expect(layer.input).toMatch(/^[a-z0-9_-]+\/[a-z0-9_-]+\.csv$/);
      }
    }
  });

  it('describes the CJG layer as partial, dated by its facts and citing them', () => {
    const cjg = ALL_LAYERS.find((l) => l.id === 'cjg-2025');
    expect(cjg?.coverage).toEqual({ isComplete: false, allowsMultiMembership: false });
    expect(cjg?.source.referenceDate).toBe('2017-01-01');
    expect(cjg?.source.citation).toContain('van Loon (2017)');
    expect(cjg?.referenceYearColumn).toBe('reference_year');
    expect(cjg?.noteColumn).toBe('source');
  });

  it('produces metadata that the runtime layer parser accepts', () => {
    const buildOnly = ['input', 'noteColumn', 'referenceYearColumn', 'regioAtlas', 'compareWith'];
    for (const layer of ALL_LAYERS) {
      const meta = Object.fromEntries(Object.entries(layer).filter(([key]) => !buildOnly.includes(key)));
      const file = { format: 'samenwerkingsatlas/layer@1', meta, regions: [] };
      expect(() => parseLayerFile(file, layer.id)).not.toThrow();
    }
  });
});
