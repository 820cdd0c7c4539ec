/**
 * Compare two sources of the same layout in the same year (e.g. CBS and RegioAtlas jeugdregio's 2016) as
 * partitions of the year's gemeenten: codes and names of regions do not count, only which gemeenten are
 * together. The outcome goes into the layer's `meta.alsoIn` (see `LayerAgreement` in src/lib/types.ts).
 */
import { compareCodes as compare } from '../../src/lib/model/codes';
import type { MunicipalityCode, Region } from '../../src/lib/types';

/** The outcome of {@link compareLayouts}. */
export interface Agreement {
  agrees: boolean;
  differences: string[];
}

/**
 * Match each region of either side to the region of the other side with which it shares most gemeenten (ties
 * to the lower code). A gemeente agrees when it is in one region on each side and those two regions are each
 * other's match; every other gemeente is a difference, written
 * `<code> <name>: <region code> <region name> | <other side's region name(s)>` (`-` for none), sorted by code.
 * So a gemeente that moved is listed alone, and where two regions are one on the other side, the members of
 * the smaller are listed.
 * @param names gemeente code → name (the year's geometry), for the lines.
 * @example compareLayouts(
 *   [{ code: 'A', name: 'Noord', members: ['GM0001', 'GM0002', 'GM0003'] }, { code: 'B', name: 'Zuid', members: ['GM0004', 'GM0005'] }],
 *   [{ code: 'X', name: 'Noord', members: ['GM0001', 'GM0002'] }, { code: 'Y', name: 'Zuid', members: ['GM0003', 'GM0004', 'GM0005'] }],
 *   new Map([['GM0003', 'Drie'], …]))
 * // { agrees: false, differences: ['GM0003 Drie: A Noord | Zuid'] }
 */
export function compareLayouts(
  layout: readonly Region[],
  other: readonly Region[],
  names: ReadonlyMap<MunicipalityCode, string>,
): Agreement {
  const regionsOf = (regions: readonly Region[]) => {
    const map = new Map<MunicipalityCode, Region[]>();
    for (const region of regions) {
      for (const code of region.members) map.set(code, [...(map.get(code) ?? []), region]);
    }
    return map;
  };
  const here = regionsOf(layout);
  const there = regionsOf(other);
  const bestMatch = (regions: readonly Region[], otherRegionsOf: ReadonlyMap<MunicipalityCode, Region[]>) =>
    new Map(
      regions.map((region) => {
        const counts = new Map<Region, number>();
        for (const code of region.members) {
          for (const r of otherRegionsOf.get(code) ?? []) counts.set(r, (counts.get(r) ?? 0) + 1);
        }
        const [best] = [...counts].sort(([a, x], [b, y]) => y - x || compare(a.code, b.code));
        return [region, best?.[0]] as const;
      }),
    );
  const matchHere = bestMatch(layout, there);
  const matchThere = bestMatch(other, here);

  const differences: string[] = [];
  for (const code of [...new Set([...here.keys(), ...there.keys()])].sort(compare)) {
    const a = here.get(code) ?? [];
    const b = there.get(code) ?? [];
    const agrees = a.length === 1 && b.length === 1 && matchHere.get(a[0]!) === b[0] && matchThere.get(b[0]!) === a[0];
    if (agrees) continue;
    const left = a.map((r) => `${r.code} ${r.name}`).join(', ') || '-';
    const right = b.map((r) => r.name).join(', ') || '-';
    differences.push(`${code} ${names.get(code) ?? ''}: ${left} | ${right}`);
  }
  return { agrees: differences.length === 0, differences };
}
