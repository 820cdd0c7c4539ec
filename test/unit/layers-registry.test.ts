import { describe, expect, it } from 'vitest';
import { GEOMETRIES, LAYERS } from '../../geo/layers';
import { DOMAINS, isIsoDate, parseLayerFile } from '../../src/lib/data/parse';

const MISSION_LAYERS = ['jeugdregio-2025', 'veiligthuis-2025', 'politie-eenheid-2025', 'cjg-2025'];

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
  it('has unique ids of the form <kind>-<year>', () => {
    const ids = LAYERS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const layer of LAYERS) {
      expect(layer.id).toBe(`${layer.kind}-${layer.year}`);
      expect(layer.kind).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
    }
  });

  it('refers to a known geometry of the same year', () => {
    for (const layer of LAYERS) {
      const geometry = GEOMETRIES.find((g) => g.id === layer.geometryId);
      expect(geometry, layer.id).toBeDefined();
      expect(geometry?.year, layer.id).toBe(layer.year);
    }
  });

  it('uses only the four domains, grouped in their panel order', () => {
    const order = LAYERS.map((l) => DOMAINS.indexOf(l.domain));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('has names, region nouns and descriptions in both languages', () => {
    for (const layer of LAYERS) {
      for (const text of [layer.name, layer.regionNoun, layer.description]) {
        expect(text.nl.trim(), layer.id).not.toBe('');
        expect(text.en.trim(), layer.id).not.toBe('');
      }
    }
  });

  it('has valid hex colours with at least 3:1 contrast against white', () => {
    for (const layer of LAYERS) {
      expect(layer.color, layer.id).toMatch(/^#[0-9A-Fa-f]{6}$/);
      expect(contrastOnWhite(layer.color), `${layer.id} ${layer.color}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives every layer its own line style, and the mission layers their own colours', () => {
    const styles = LAYERS.map((l) => `${l.color.toUpperCase()} ${JSON.stringify(l.dash ?? [])}`);
    expect(new Set(styles).size).toBe(LAYERS.length);
    const missionColours = LAYERS.filter((l) => MISSION_LAYERS.includes(l.id)).map((l) => l.color.toUpperCase());
    expect(new Set(missionColours).size).toBe(MISSION_LAYERS.length);
  });

  it('shows exactly the four mission layers by default', () => {
    expect(LAYERS.filter((l) => l.isDefaultVisible).map((l) => l.id)).toEqual(expect.arrayContaining(MISSION_LAYERS));
    expect(LAYERS.filter((l) => l.isDefaultVisible)).toHaveLength(MISSION_LAYERS.length);
  });

  it('has ISO reference dates and a citation and licence for every source', () => {
    for (const layer of LAYERS) {
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

  it('cites the 2011 study for every 2011 layout', () => {
    for (const layer of LAYERS) {
      if (layer.layout2011) expect(layer.layout2011.citation, layer.id).toContain('Tabel 6');
    }
  });

  it('has unique relative CSV inputs', () => {
    const inputs = LAYERS.map((l) => l.input);
    expect(new Set(inputs).size).toBe(inputs.length);
    for (const input of inputs) expect(input).toMatch(/^[a-z0-9_-]+\/[a-z0-9_-]+\.csv$/);
  });

  it('describes the CJG layer as partial, dated by its facts and citing them', () => {
    const cjg = LAYERS.find((l) => l.id === 'cjg-2025');
    expect(cjg?.coverage).toEqual({ isComplete: false, allowsMultiMembership: false });
    expect(cjg?.source.referenceDate).toBe('2017-01-01');
    expect(cjg?.source.citation).toContain('van Loon (2017)');
    expect(cjg?.referenceYearColumn).toBe('reference_year');
    expect(cjg?.noteColumn).toBe('source');
  });

  it('produces metadata that the runtime layer parser accepts', () => {
    const buildOnly = ['input', 'noteColumn', 'referenceYearColumn'];
    for (const layer of LAYERS) {
      const meta = Object.fromEntries(Object.entries(layer).filter(([key]) => !buildOnly.includes(key)));
      const file = { format: 'samenwerkingsatlas/layer@1', meta, regions: [] };
      expect(() => parseLayerFile(file, layer.id)).not.toThrow();
    }
  });
});
