/**
 * Sources of exports across years: an earlier year's gemeenten are named with their year, and a layer drawn on
 * another year's gemeenten says how the gemeenten were matched (issue 10: "CSV exports of cross-year comparisons
 * say which matching was used").
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleYear, readManifest } from '../../src/lib/data/assemble';
import { citeSources, sourceLine, sourcesOf } from '../../src/lib/export/provenance';
import { areasOf2015, matcher } from '../../src/lib/history/matching';
import { projectLayer, withLayers } from '../../src/lib/history/projection';
import { layerOfKind } from '../../src/lib/history/kind-history';

const DATA = join(import.meta.dirname, '..', '..', 'public', 'data');
const source = { nameOf: (f: string) => join(DATA, f), readText: (f: string) => readFile(join(DATA, f), 'utf8') };

describe('sourcesOf across years', () => {
  it('names the year of the gemeenten and the matching of a projected layer', async () => {
    const manifest = await readManifest(source);
    const [y2015, y2016, y2025] = await Promise.all([2015, 2016, 2025].map((y) => assembleYear(source, manifest, y)));
    const matchingOf = matcher(areasOf2015(y2015!.atlas), (year) => (year === 2025 ? y2025!.former : null));
    const matching = matchingOf(y2016!.atlas, y2025!.atlas);
    const projected = projectLayer(layerOfKind(y2025!.atlas, 'veiligthuis')!, matching);
    const atlas = withLayers(y2016!.atlas, [projected]);
    const notes = sourcesOf(atlas, ['veiligthuis-2016', projected.meta.id], 'nl');
    expect(notes[0]!.subject).toBe('Gemeentegrenzen 2016');
    expect(notes[1]!.citation).toBe(y2016!.atlas.layersById.get('veiligthuis-2016')!.meta.source.citation);
    expect(notes[2]!.citation).toContain(`gemeenten gekoppeld: ${matching.method.summary}`);
    expect(notes[2]!.referenceDate).toBe('2025-01-01');
  });
});

describe('sourceLine of the real layers', () => {
  it('cites each distinct source once, and nothing only this repository holds', async () => {
    const manifest = await readManifest(source);
    for (const year of [2025, 2022, 2016, 2015]) {
      const { atlas } = (await assembleYear(source, manifest, year))!;
      const ids = atlas.layers.map((l) => l.meta.id);
      const line = sourceLine(sourcesOf(atlas, ids, 'nl'), 'nl');
      expect(line).not.toMatch(/SOURCES|§|\.md\b|herindelingen-2015-2025\.csv/);
      const cited = citeSources(sourcesOf(atlas, ids, 'nl'));
      // Every layer is named once, and no two cited sources read alike.
      expect(cited.flatMap((c) => c.subjects).sort()).toEqual(
        [`Gemeentegrenzen ${year}`, ...atlas.layers.map((l) => l.meta.name.nl)].sort(),
      );
      const phrases = cited.map((c) => `${c.citation}|${c.referenceDate}|${c.licence}|${c.url}`);
      expect(new Set(phrases).size).toBe(phrases.length);
      // Far fewer sources than layers: the CBS maps of a year and the RegioAtlas export are one source each.
      expect(cited.length).toBeLessThanOrEqual(5);
      expect(line.split('RegioAtlas (regioatlas.nl)').length - 1).toBeLessThanOrEqual(1);
    }
  });
});
