/**
 * What-if editing: copy any layer into a draft user layer, move gemeenten between its regions, rename it.
 * Every function returns a new layer and leaves its input alone, so the app can keep the draft in state,
 * recompute the statistics from it on every move (they are `$derived` from the layer) and save it as a
 * user layer when the user is done. Pure.
 */
import { DataError } from '../errors';
import { compareCodes } from '../model/codes';
import type { LayerFile, LocalizedText, MunicipalityCode, Region, RegionCode } from '../types';
import {
  MAX_LAYER_NAME_LENGTH,
  cleanText,
  coverageOf,
  membershipCounts,
  pickColour,
  shortHash,
  userLayerId,
} from './build-layer';

/**
 * Move gemeente `code` from region `fromRegion` to region `toRegion` of a user layer (domain `eigen`; start
 * from any other layer with {@link startDraft}).
 * - `fromRegion` null: the gemeente is added to `toRegion` (it was in no region, or it gains a second one);
 * - `toRegion` null: the gemeente leaves `fromRegion` and so, unless it is in another region, the layer;
 * - moving into a region it is already in just removes it from `fromRegion`.
 * Regions left without gemeenten are dropped; members stay sorted. Coverage is recomputed from the data:
 * multi-membership when any gemeente is in two regions, complete when every code of `allCodes` (the atlas's
 * gemeenten) is covered; without `allCodes`, a complete layer stays complete unless the gemeente left it,
 * and an incomplete one stays incomplete. Moving from a region to itself returns `layer` unchanged.
 * Throws a plain `Error` (a caller's bug) for a layer that is not a user layer, an unknown region code, or
 * a `fromRegion` the gemeente is not in.
 * @example moveMunicipality(draft, 'GM0005', 'R2', 'R1').regions.find((r) => r.code === 'R1')?.members
 * // ['GM0001', 'GM0002', 'GM0003', 'GM0005']
 */
export function moveMunicipality(
  layer: LayerFile,
  code: MunicipalityCode,
  fromRegion: RegionCode | null,
  toRegion: RegionCode | null,
  allCodes?: Iterable<MunicipalityCode>,
): LayerFile {
  if (layer.meta.domain !== 'eigen') {
    throw new Error(`moveMunicipality: layer ${layer.meta.id} is not a user layer; start a draft first`);
  }
  if (fromRegion === toRegion) return layer;
  const from = fromRegion === null ? null : layer.regions.find((r) => r.code === fromRegion);
  const to = toRegion === null ? null : layer.regions.find((r) => r.code === toRegion);
  if (from === undefined) throw new Error(`moveMunicipality: no region ${fromRegion} in layer ${layer.meta.id}`);
  if (to === undefined) throw new Error(`moveMunicipality: no region ${toRegion} in layer ${layer.meta.id}`);
  if (from && !from.members.includes(code)) {
    throw new Error(`moveMunicipality: gemeente ${code} is not in region ${fromRegion} of layer ${layer.meta.id}`);
  }
  const regions: Region[] = layer.regions
    .map((r) => {
      let members = r.members;
      if (r === from) members = members.filter((m) => m !== code);
      if (r === to && !members.includes(code)) members = [...members, code].sort(compareCodes);
      return { ...r, members: [...members] };
    })
    .filter((r) => r.members.length > 0);
  const counts = membershipCounts(regions);
  const coverage =
    allCodes === undefined
      ? {
          isComplete: layer.meta.coverage.isComplete && counts.has(code),
          allowsMultiMembership: [...counts.values()].some((n) => n > 1),
        }
      : coverageOf(regions, allCodes);
  return { ...layer, meta: { ...layer.meta, coverage }, regions };
}

/**
 * Start a what-if draft from any layer: a user layer (domain `eigen`) with the same regions, named
 * "`names.nl` (wat-als)" / "`names.en` (what-if)", id `eigen-whatif-<hash>-<year>` (the hash over the source
 * layer's id, `today` and a counter that skips `takenIds`), the source naming the layer it came from with
 * reference date `today`, and a colour from the user palette other than the source layer's.
 * `names` is normally the source layer's own name.
 */
export function startDraft(
  layer: LayerFile,
  names: LocalizedText,
  today: string,
  takenIds: Iterable<string> = [],
): LayerFile {
  const taken = new Set(takenIds);
  let n = 0;
  let kind: string;
  let hash: string;
  do {
    hash = shortHash(`${layer.meta.id}\n${today}\n${n++}`);
    kind = `eigen-whatif-${hash}`;
  } while (taken.has(userLayerId(kind, layer.meta.year)));
  const name = {
    nl: cleanText(`${names.nl} (wat-als)`, MAX_LAYER_NAME_LENGTH).text,
    en: cleanText(`${names.en} (what-if)`, MAX_LAYER_NAME_LENGTH).text,
  };
  const { source } = layer.meta;
  return {
    format: layer.format,
    meta: {
      id: userLayerId(kind, layer.meta.year),
      kind,
      year: layer.meta.year,
      geometryId: layer.meta.geometryId,
      domain: 'eigen',
      name,
      regionNoun: { ...layer.meta.regionNoun },
      description: {
        nl: `Wat-als-variant van ${names.nl}, met verplaatste gemeenten.`,
        en: `What-if variant of ${names.en}, with municipalities moved.`,
      },
      source: {
        citation: `Wat-als op basis van ${names.nl} (${source.citation})`,
        ...(source.url === undefined ? {} : { url: source.url }),
        licence: source.licence,
        referenceDate: today,
      },
      coverage: { ...layer.meta.coverage },
      color: pickColour(parseInt(hash, 36), [layer.meta.color]),
      isDefaultVisible: true,
    },
    regions: layer.regions.map((r) => ({ ...r, members: [...r.members] })),
  };
}

/**
 * The layer with a new name (one text for both languages, or a text per language), cleaned as imported
 * names are (control characters removed, white space collapsed, at most 80 characters). The id stays.
 * Throws `DataError` for a name that is empty after cleaning.
 */
export function renameLayer(layer: LayerFile, name: string | LocalizedText): LayerFile {
  const given = typeof name === 'string' ? { nl: name, en: name } : name;
  const cleaned = {
    nl: cleanText(given.nl, MAX_LAYER_NAME_LENGTH).text,
    en: cleanText(given.en, MAX_LAYER_NAME_LENGTH).text,
  };
  if (cleaned.nl === '' || cleaned.en === '') throw new DataError(`Layer ${layer.meta.id}: a name cannot be empty`);
  return { ...layer, meta: { ...layer.meta, name: cleaned } };
}

/** The codes of the regions gemeente `code` is in, sorted (empty when it is in none). */
export function regionCodesOf(layer: LayerFile, code: MunicipalityCode): RegionCode[] {
  return layer.regions
    .filter((r) => r.members.includes(code))
    .map((r) => r.code)
    .sort(compareCodes);
}
