/**
 * How region borders are drawn, shared by the map (MapLibre) and the SVG export so that both look alike:
 * the line width and the offsets that set the lines of several visible layers side by side. Pure.
 */

/** Distance in pixels between the parallel border lines of two visible layers. */
export const LINE_SPACING_PX = 2.5;
export const LINE_WIDTH_PX = 2;

/**
 * Line offsets for the visible layers, centred on the true border:
 * where layouts share a border you see parallel lines side by side, not one hiding the other.
 * @example lineOffsets(3) // [-2.5, 0, 2.5]
 */
export function lineOffsets(count: number): number[] {
  return Array.from({ length: count }, (_, i) => (i - (count - 1) / 2) * LINE_SPACING_PX);
}
