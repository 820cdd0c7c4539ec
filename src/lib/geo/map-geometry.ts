/**
 * Everything the map draws, computed once per loaded atlas: per layer its dissolved regions,
 * region borders, "no data" area, fill colours and label points. Pure.
 * Toggling layers later only changes visibility, never these sources (STYLE.md §4).
 */
import { merge } from 'topojson-client';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon } from 'geojson';
import type { Atlas } from '../data/atlas';
import type { LayerId, RegionCode } from '../types';
import {
  dissolveRegions,
  indexMunicipalityGeometries,
  municipalityBorders,
  municipalityFeatures,
  outline,
  regionBorders,
} from './dissolve';
import type { RegionFeatureProps } from './dissolve';
import { colourRegions } from './colouring';
import { regionLabelPoint } from './label-points';

/** A region label: where to put the region's name. */
export interface RegionLabel {
  code: RegionCode;
  name: string;
  /** [longitude, latitude] inside the region. */
  lngLat: [number, number];
  /** Member count, used to give larger regions priority when labels collide. */
  memberCount: number;
}

export interface LayerGeometry {
  layerId: LayerId;
  regions: FeatureCollection<MultiPolygon, RegionFeatureProps>;
  borders: MultiLineString;
  /** The gemeenten in no region of this layer, merged; null when the layer covers all. */
  noData: Feature<MultiPolygon> | null;
  colourIndex: Map<RegionCode, number>;
  labels: RegionLabel[];
}

export interface MapGeometry {
  municipalities: ReturnType<typeof municipalityFeatures>;
  municipalityBorders: MultiLineString;
  outline: MultiLineString;
  layers: Map<LayerId, LayerGeometry>;
}

/** Compute the map geometry of every layer of the atlas. */
export function buildMapGeometry(atlas: Atlas): MapGeometry {
  const { topology } = atlas;
  const geometriesByCode = indexMunicipalityGeometries(topology);
  const layers = new Map<LayerId, LayerGeometry>();
  for (const layer of atlas.layers) {
    const id = layer.meta.id;
    const regions = dissolveRegions(topology, layer.regions, id);
    const uncovered = atlas.municipalities
      .filter((m) => !layer.regionsByMember.has(m.code))
      .flatMap((m) => geometriesByCode.get(m.code) ?? []);
    const noData: Feature<MultiPolygon> | null =
      uncovered.length === 0 ? null : { type: 'Feature', properties: {}, geometry: merge(topology, uncovered) };
    layers.set(id, {
      layerId: id,
      regions,
      borders: regionBorders(topology, layer.regionsByMember),
      noData,
      colourIndex: colourRegions(topology, layer.regions),
      labels: regions.features.map((f) => ({
        code: f.properties.code,
        name: f.properties.name,
        lngLat: regionLabelPoint(f),
        memberCount: f.properties.memberCount,
      })),
    });
  }
  return {
    municipalities: municipalityFeatures(topology),
    municipalityBorders: municipalityBorders(topology),
    outline: outline(topology),
    layers,
  };
}
