/**
 * The typed-in aliases (src/lib/data/aliases.ts) against the CBS gemeenten of 2025 in $GEO_SOURCES
 * (default ../shared/geo-sources); the geo build checks the same, these tests say which entry is wrong.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GEOMETRIES } from '../../geo/layers';
import { ALIASES } from '../../src/lib/data/aliases';
import { normalizeName } from '../../src/lib/data/lookup';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCES = resolve(ROOT, process.env.GEO_SOURCES ?? '../shared/geo-sources');
const GEOMETRY = GEOMETRIES.find((g) => g.id === 'gemeenten-2025')!;
const TOPOLOGY = join(SOURCES, GEOMETRY.topologyInput);

describe('ALIASES', () => {
  it('is the alias list of the 2025 geometry, sorted by code then alias, each with a source', () => {
    expect(GEOMETRY.aliases).toBe(ALIASES);
    const keys = ALIASES.map((a) => `${a.code} ${a.alias}`);
    expect(keys).toEqual([...keys].sort());
    for (const a of ALIASES) expect(a.source.length, a.alias).toBeGreaterThan(10);
  });

  it('names each gemeente by its 2025 code and official name, and is no official name', () => {
    const topology = JSON.parse(readFileSync(TOPOLOGY, 'utf8')) as {
      objects: Record<string, { geometries: { properties: { statcode: string; statnaam: string } }[] }>;
    };
    const names = new Map(
      topology.objects[GEOMETRY.objectName]!.geometries.map((g) => [g.properties.statcode, g.properties.statnaam]),
    );
    const official = new Set([...names.values()].map(normalizeName));
    for (const a of ALIASES) {
      expect(names.get(a.code), a.alias).toBe(a.name);
      expect(official.has(normalizeName(a.alias)), a.alias).toBe(false);
    }
  });
});
