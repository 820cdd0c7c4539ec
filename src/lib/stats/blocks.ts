/**
 * Building blocks of a set of k ≥ 2 layouts (issue 11, "Congruence across many layouts"). Pure.
 *
 * - The common refinement: the groups of gemeenten that are together in every chosen layout. Two gemeenten
 *   share a block when each chosen layer puts them in the same set of regions (with single membership: the same
 *   region; with multi-membership: exactly the same regions, the rule of `separates` in layer-model.ts). A
 *   block need not be contiguous (a region with an exclave makes one that is not).
 * - The coarsest common grouping: the smallest groups of gemeenten that hold whole regions of every chosen
 *   layout, i.e. the connected components of the graph joining two gemeenten when they share a region in any
 *   chosen layout (union-find over the regions' members).
 *
 * Coverage: the refinement (like congruence, see congruence.ts) rests on the gemeenten every chosen layer covers;
 * the others are listed apart in `leftOut` with the layers that lack them, so a gap in one layer's coverage is not
 * taken for a block of its own. The coarse groups hold whole regions, so they take every gemeente at least one
 * chosen layer covers (a region's members that another layer lacks stay in the region's group); gemeenten in no
 * region of any chosen layer are in no group (`ungroupedCodes`). Every block lies inside one group.
 *
 * Everything runs on the layer models (gemeente numbers, region member lists), once per layer set: the refinement
 * in O(n·k) map look-ups, the grouping in O(Σ region sizes).
 */
import type { Atlas, AtlasLayer } from '../data/atlas';
import { DataError } from '../errors';
import { hasBit, popcount } from '../model/bitset';
import { layerModel, type LayerModel } from '../model/layer-model';
import type { LayerId, MunicipalityCode, RegionCode } from '../types';

/** A gemeente that some chosen layers do not cover, so that the figures of the layer set leave it out. */
export interface LeftOutMunicipality {
  code: MunicipalityCode;
  /** The chosen layers that give it no region, in the order the layers were given. */
  missingLayerIds: LayerId[];
}

/** Which gemeenten the figures of a set of layers rest on. */
export interface LayerSetCoverage {
  /** The chosen layers, in the order given. */
  layerIds: LayerId[];
  /** Gemeenten every chosen layer covers: the ground set of the congruence and the refinement. */
  commonCount: number;
  /** All gemeenten of the geometry. */
  totalCount: number;
  /** The other gemeenten (`totalCount − commonCount` of them), by code. */
  leftOut: LeftOutMunicipality[];
}

/** The layer models of a validated set of layers and the bitset of the gemeenten they all cover. */
export interface LayerSet {
  models: LayerModel[];
  /** Bitset over gemeente numbers: covered by every chosen layer. */
  common: Uint32Array;
  coverage: LayerSetCoverage;
}

/**
 * The models of `layers` on the atlas and their common coverage.
 * Throws DataError for fewer than two layers or a layer given twice (by id).
 * @example
 * layerSetOf(grid, [rows, partial]).coverage
 * // { layerIds: ['rows-2025', 'partial-2025'], commonCount: 4, totalCount: 9,
 * //   leftOut: [{ code: 'GM0003', missingLayerIds: ['partial-2025'] }, …] }
 */
export function layerSetOf(atlas: Atlas, layers: readonly AtlasLayer[]): LayerSet {
  if (layers.length < 2) {
    throw new DataError(`Comparing layouts takes at least two layers, not ${layers.length}`);
  }
  const layerIds = layers.map((l) => l.meta.id);
  const twice = layerIds.find((id, i) => layerIds.indexOf(id) !== i);
  if (twice !== undefined) throw new DataError(`Layer ${twice} is chosen more than once`);
  const models = layers.map((layer) => layerModel(atlas.index, layer));
  const common = Uint32Array.from(models[0]!.covered);
  for (const model of models.slice(1)) for (let w = 0; w < common.length; w++) common[w]! &= model.covered[w]!;
  const codes = atlas.index.codes;
  const leftOut: LeftOutMunicipality[] = [];
  for (let n = 0; n < codes.length; n++) {
    if (hasBit(common, n)) continue;
    leftOut.push({
      code: codes[n]!,
      missingLayerIds: layerIds.filter((_, j) => !hasBit(models[j]!.covered, n)),
    });
  }
  return {
    models,
    common,
    coverage: { layerIds, commonCount: popcount(common), totalCount: codes.length, leftOut },
  };
}

/**
 * The block of every gemeente in the common refinement of a layer set: per gemeente number its block index
 * (0, 1, …, in the order of the blocks' first gemeente numbers, i.e. of their first codes), or -1 when not every
 * layer covers it. Two common gemeenten share a block exactly when every layer gives them the same set of regions.
 */
export function refinementBlocks(set: LayerSet): { blockOf: Int32Array; blockCount: number } {
  const { models, common } = set;
  const itemCount = models[0]!.setKey.length;
  const blockOf = new Int32Array(itemCount).fill(-1);
  // Number the tuples (setKey₀, …, setKeyₖ₋₁) layer by layer: the pair (number so far, next layer's set key)
  // gets a dense number on first sight. Dense numbers stay below n and set keys below n + regions, so the
  // pair's code is an exact integer.
  const widths = models.map((model) => {
    let max = -1;
    for (const key of model.setKey) if (key > max) max = key;
    return max + 1;
  });
  const numbering = models.map(() => new Map<number, number>());
  for (let n = 0; n < itemCount; n++) {
    if (!hasBit(common, n)) continue;
    let key = models[0]!.setKey[n]!;
    for (let j = 1; j < models.length; j++) {
      const pair = key * widths[j]! + models[j]!.setKey[n]!;
      const numbers = numbering[j]!;
      let next = numbers.get(pair);
      if (next === undefined) {
        next = numbers.size;
        numbers.set(pair, next);
      }
      key = next;
    }
    // The last layer's numbers were handed out in gemeente order, so they already are the block indices.
    blockOf[n] = key;
  }
  return { blockOf, blockCount: numbering[models.length - 1]!.size };
}

/** The regions of one layer that a block or group is made of. */
export interface LayerRegionCodes {
  layerId: LayerId;
  /** Region codes, sorted. */
  regionCodes: RegionCode[];
}

/** A block of the common refinement: gemeenten together in every chosen layout. */
export interface BuildingBlock {
  /** 1, 2, …: blocks numbered in the order of their first gemeente code. */
  number: number;
  /** Its gemeenten, sorted by code (at least one). */
  codes: MunicipalityCode[];
  /** Per chosen layer (in the given order): the region(s) every gemeente of the block is in. */
  regions: LayerRegionCodes[];
}

/** A group of the coarsest common grouping: the smallest union of whole regions of every chosen layout. */
export interface CoarseGroup {
  /** 1, 2, …: groups numbered in the order of their first gemeente code. */
  number: number;
  /** Its gemeenten, sorted by code. */
  codes: MunicipalityCode[];
  /** Per chosen layer (in the given order): the regions inside the group (every region is in exactly one group). */
  regions: LayerRegionCodes[];
}

/** The building blocks of a set of layouts. */
export interface BuildingBlocks extends LayerSetCoverage {
  /** The common refinement on the `commonCount` gemeenten every layer covers, by number. */
  blocks: BuildingBlock[];
  blockCount: number;
  /** The coarsest common grouping of the gemeenten at least one layer covers, by number. */
  groups: CoarseGroup[];
  groupCount: number;
  /** Gemeenten no chosen layer covers (so in no group), by code. */
  ungroupedCodes: MunicipalityCode[];
}

/**
 * The common refinement and the coarsest common grouping of `layers` (see the module comment).
 * Throws DataError for fewer than two layers or a layer given twice.
 * @example
 * // Grid rows against columns: every cell is a block of its own; the rows and columns chain into one group.
 * const b = computeBuildingBlocks(grid, [rows, columns]);
 * [b.blockCount, b.groupCount] // [9, 1]
 * b.blocks[0] // { number: 1, codes: ['GM0001'], regions: [{ layerId: 'rows-2025', regionCodes: ['R1'] },
 * //            { layerId: 'columns-2025', regionCodes: ['C1'] }] }
 */
export function computeBuildingBlocks(atlas: Atlas, layers: readonly AtlasLayer[]): BuildingBlocks {
  const set = layerSetOf(atlas, layers);
  const { models, coverage } = set;
  const codes = atlas.index.codes;
  const regionCodesOf = (j: number, regionNumbers: Iterable<number>): LayerRegionCodes => ({
    layerId: coverage.layerIds[j]!,
    // Region numbers follow code order (layer-model.ts), so ascending numbers give sorted codes.
    regionCodes: [...regionNumbers].sort((x, y) => x - y).map((r) => models[j]!.regions[r]!.code),
  });

  const { blockOf, blockCount } = refinementBlocks(set);
  const blockMembers: number[][] = Array.from({ length: blockCount }, () => []);
  blockOf.forEach((b, n) => {
    if (b >= 0) blockMembers[b]!.push(n);
  });
  const blocks = blockMembers.map((members, b): BuildingBlock => ({
    number: b + 1,
    codes: members.map((n) => codes[n]!),
    regions: models.map((model, j) => regionCodesOf(j, model.regionsOf[members[0]!]!)),
  }));

  const { groupOf, groupCount } = coarseGroups(models, codes.length);
  const groupMembers: number[][] = Array.from({ length: groupCount }, () => []);
  const ungroupedCodes: MunicipalityCode[] = [];
  groupOf.forEach((g, n) => {
    if (g >= 0) groupMembers[g]!.push(n);
    else ungroupedCodes.push(codes[n]!);
  });
  // Per layer and group: its regions (a region's members are all in one group, so its first member tells which).
  const groupRegions = models.map((model) => {
    const lists: number[][] = Array.from({ length: groupCount }, () => []);
    model.members.forEach((members, r) => {
      if (members.length > 0) lists[groupOf[members[0]!]!]!.push(r);
    });
    return lists;
  });
  const groups = groupMembers.map((members, g): CoarseGroup => ({
    number: g + 1,
    codes: members.map((n) => codes[n]!),
    regions: models.map((_, j) => regionCodesOf(j, groupRegions[j]![g]!)),
  }));
  return { ...coverage, blocks, blockCount, groups, groupCount, ungroupedCodes };
}

/**
 * Connected components of "shares a region in some layer", by union-find (path halving, union by index):
 * per gemeente number its group index (0, 1, … in the order of the groups' first gemeente numbers), or -1 for a
 * gemeente in no region of any layer.
 */
function coarseGroups(models: readonly LayerModel[], itemCount: number): { groupOf: Int32Array; groupCount: number } {
  const parent = Int32Array.from({ length: itemCount }, (_, n) => n);
  const rootOf = (n: number): number => {
    while (parent[n] !== n) {
      parent[n] = parent[parent[n]!]!;
      n = parent[n]!;
    }
    return n;
  };
  const isGrouped = new Uint8Array(itemCount);
  for (const model of models) {
    for (const members of model.members) {
      const first = members[0];
      if (first === undefined) continue;
      isGrouped[first] = 1;
      for (let i = 1; i < members.length; i++) {
        const m = members[i]!;
        isGrouped[m] = 1;
        const a = rootOf(first);
        const b = rootOf(m);
        // The smaller number becomes the root, so every root is its group's first gemeente.
        if (a < b) parent[b] = a;
        else if (b < a) parent[a] = b;
      }
    }
  }
  const groupOf = new Int32Array(itemCount).fill(-1);
  let groupCount = 0;
  for (let n = 0; n < itemCount; n++) {
    if (!isGrouped[n]) continue;
    const root = rootOf(n);
    // A root precedes its members, so its group index is set by the time they are reached.
    groupOf[n] = root === n ? groupCount++ : groupOf[root]!;
  }
  return { groupOf, groupCount };
}
