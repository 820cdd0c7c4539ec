/**
 * The building blocks or the coarsest common groups of a set of layouts as a layer of their own, so that the map
 * dissolves, colours, labels and exports them like any layer (issue 11). Pure. The layer exists only while the
 * congruence map shows it; it is never stored or listed in the catalogue.
 */
import type { Atlas, AtlasLayer } from '../data/atlas';
import type { LayerFile, LayerId, Region } from '../types';
import type { BuildingBlocks } from './blocks';

/** Which grouping of the layer set the layer draws. */
export type BlocksKind = 'blocks' | 'groups';

/** The id of the derived layer of a year: one per kind, whatever the layer set (the set is in its description). */
export function blocksLayerId(kind: BlocksKind, year: number): LayerId {
  return `${kind === 'blocks' ? 'bouwstenen' : 'gemeenschappelijke-groepen'}-${year}`;
}

/**
 * The derived layer: one region per block (`B001`, …, "Bouwsteen 1") or per coarse group (`G001`, …), its members
 * the block's gemeenten. Its source names the chosen layers and its reference date is the latest of theirs.
 * Blocks leave out the gemeenten some chosen layer does not cover, groups those no chosen layer covers, so the
 * layer is partial exactly when the figures are.
 * @example blocksLayerFile(atlas, blocks, [jeugd, vt], 'blocks').regions[0] // { code: 'B001', name: 'Bouwsteen 1', members: [...] }
 */
export function blocksLayerFile(
  atlas: Atlas,
  computed: BuildingBlocks,
  layers: readonly AtlasLayer[],
  kind: BlocksKind,
): LayerFile {
  const year = atlas.geometry.year;
  const items = kind === 'blocks' ? computed.blocks : computed.groups;
  const width = Math.max(3, String(items.length).length);
  const [prefix, noun] = kind === 'blocks' ? ['B', 'Bouwsteen'] : ['G', 'Groep'];
  const regions: Region[] = items.map((item) => ({
    code: `${prefix}${String(item.number).padStart(width, '0')}`,
    name: `${noun} ${item.number}`,
    members: item.codes,
  }));
  const namesNl = layers.map((l) => l.meta.name.nl).join(', ');
  const namesEn = layers.map((l) => l.meta.name.en).join(', ');
  const isComplete = kind === 'blocks' ? computed.leftOut.length === 0 : computed.ungroupedCodes.length === 0;
  const referenceDate = layers.map((l) => l.meta.source.referenceDate).sort((a, b) => b.localeCompare(a))[0]!;
  return {
    format: 'samenwerkingsatlas/layer@1',
    meta: {
      id: blocksLayerId(kind, year),
      kind: kind === 'blocks' ? 'bouwstenen' : 'gemeenschappelijke-groepen',
      year,
      geometryId: atlas.geometry.id,
      domain: 'eigen',
      name:
        kind === 'blocks'
          ? { nl: `Bouwstenen van ${layers.length} indelingen`, en: `Building blocks of ${layers.length} layouts` }
          : {
              nl: `Kleinste gemeenschappelijke groepen van ${layers.length} indelingen`,
              en: `Smallest common groups of ${layers.length} layouts`,
            },
      regionNoun: kind === 'blocks' ? { nl: 'bouwsteen', en: 'building block' } : { nl: 'groep', en: 'group' },
      description:
        kind === 'blocks'
          ? {
              nl: `Groepen gemeenten die in elk van deze indelingen samen zitten: ${namesNl}.`,
              en: `Groups of gemeenten that are together in every one of these layouts: ${namesEn}.`,
            }
          : {
              nl: `De kleinste groepen die hele regio’s van elk van deze indelingen bevatten: ${namesNl}.`,
              en: `The smallest groups that hold whole regions of every one of these layouts: ${namesEn}.`,
            },
      source: {
        citation: `Afgeleid uit ${layers.map((l) => `${l.meta.name.nl} (${l.meta.source.citation})`).join('; ')}`,
        licence: [...new Set(layers.map((l) => l.meta.source.licence))].join('; '),
        referenceDate,
      },
      coverage: { isComplete, allowsMultiMembership: false },
      color: '#332288',
      isDefaultVisible: false,
    },
    regions,
  };
}
