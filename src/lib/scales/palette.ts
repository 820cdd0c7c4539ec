/**
 * Colours of the map that are not per-layer metadata. Pure.
 * Region fills are light and categorical; neighbouring regions get different indices
 * (see geo/colouring.ts), so eight colours are more than a planar layout needs in practice.
 */

/** Light categorical fills (ColorBrewer Set3-like), drawn at FILL_OPACITY so borders on top stay legible. */
export const FILL_PALETTE: readonly string[] = [
  '#8dd3c7',
  '#fdb462',
  '#bebada',
  '#fb8072',
  '#80b1d3',
  '#b3de69',
  '#fccde5',
  '#ffed6f',
];

export const FILL_OPACITY = 0.45;

/** Opacity of the congruence colouring of gemeenten, on the map and in exports. */
export const CONGRUENCE_OPACITY = 0.85;

/** Colour of a fill palette index; indices beyond the palette wrap (never expected for planar maps). */
export function fillColour(index: number): string {
  return FILL_PALETTE[index % FILL_PALETTE.length] ?? '#cccccc';
}

export const MAP_COLOURS = {
  background: '#f4f6f8',
  land: '#ffffff',
  municipalityLine: '#b9c0c8',
  outline: '#59626d',
  hover: '#1b1f24',
  selected: '#111111',
  /** "Always together" gemeenten. */
  mark: '#7b3294',
  noDataHatch: [110, 118, 128, 90] as const,
};

/**
 * An RGBA diagonal hatch tile for "no data" areas (MapLibre `addImage` input).
 * @param size tile edge in pixels; the stripe repeats every `size` pixels.
 */
export function hatchPattern(
  size: number,
  rgba: readonly [number, number, number, number],
): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // One-pixel-wide stripe from bottom-left to top-right, continuous across tiles.
      if ((x + y) % size === 0) data.set(rgba, (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}
