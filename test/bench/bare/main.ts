/**
 * The benchmark's baseline page: the least a MapLibre page needs to draw the gemeenten. It fetches
 * only the municipalities topology (URL in the `topology` query parameter), converts it with
 * topojson-client's `feature`, draws a fill and a line layer, and marks the map container with
 * `data-map-ready="true"` after the first `idle`, as the app's MapView does. No validation, no layers,
 * no dissolve: the floor the app's time to first map is compared with.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { feature } from 'topojson-client';
import type { MunicipalityTopology } from '../../../src/lib/types';

const container = document.getElementById('map');
const topologyUrl = new URLSearchParams(location.search).get('topology');
if (!container || !topologyUrl) throw new Error('bare page: needs #map and ?topology=<url>');

// Started before the map, so download and map start-up overlap.
const topology = fetch(topologyUrl).then((res) => {
  if (!res.ok) throw new Error(`${topologyUrl}: HTTP ${res.status}`);
  return res.json() as Promise<MunicipalityTopology>;
});

maplibregl.setWorkerUrl(workerUrl);
const map = new maplibregl.Map({
  container,
  style: {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f4f6f8' } }],
  },
  // The same view as the app: the Netherlands with a 16 px margin, no fade-in.
  bounds: [3.3, 50.75, 7.23, 53.56],
  fitBoundsOptions: { padding: 16 },
  fadeDuration: 0,
});
map.on('load', () => {
  // A failed fetch stays an unhandled rejection, which the bench reports as a page error.
  void topology.then((t) => {
    const gemeenten = feature(t, t.objects.municipalities);
    map.addSource('gemeenten', { type: 'geojson', data: gemeenten });
    map.addLayer({ id: 'gemeente-fill', type: 'fill', source: 'gemeenten', paint: { 'fill-color': '#ffffff' } });
    map.addLayer({
      id: 'gemeente-line',
      type: 'line',
      source: 'gemeenten',
      paint: { 'line-color': '#b9c0c8', 'line-width': 0.5 },
    });
    map.once('idle', () => container.setAttribute('data-map-ready', 'true'));
  });
});
