/**
 * How region borders are drawn, shared by the map (MapLibre), the legend and the SVG export so that all look alike:
 * the line width and the offsets that set the lines of several visible layers side by side. Pure.
 */

/** Distance in pixels between the parallel border lines of two visible layers, at most (see lineOffsets). */
export const LINE_SPACING_PX = 2.5;
export const LINE_WIDTH_PX = 2;
/**
 * The farthest a layer's line is drawn from the true border. With LINE_SPACING_PX alone, 50 visible layers would put
 * the outermost lines 61 px away, drawing borders kilometres from where they are (and spikes at sharp corners).
 */
export const MAX_LINE_OFFSET_PX = 7.5;

/**
 * Line offsets for the visible layers, centred on the true border:
 * where layouts share a border you see parallel lines side by side, not one hiding the other.
 * Up to 7 layers they are LINE_SPACING_PX apart; more share the band of ±MAX_LINE_OFFSET_PX, closer together (from 9
 * layers on, closer than a line is wide, so shared borders become a striped band rather than separate lines).
 * @example lineOffsets(3) // [-2.5, 0, 2.5]
 * @example lineOffsets(11) // [-7.5, -6, …, 6, 7.5]
 */
export function lineOffsets(count: number): number[] {
  const spacing = count > 1 ? Math.min(LINE_SPACING_PX, (2 * MAX_LINE_OFFSET_PX) / (count - 1)) : LINE_SPACING_PX;
  return Array.from({ length: count }, (_, i) => (i - (count - 1) / 2) * spacing);
}

/** A layer's border line: colour and MapLibre dash array (in line widths; none: solid). */
export interface LineStyle {
  color: string;
  dash?: number[];
}

/**
 * The line colours the atlas assigns when the registry's styles of visible layers collide: Okabe-Ito with its
 * orange darkened to #AD7700 and without its light sky blue and yellow, plus Tol's wine and indigo; each has
 * at least 3:1 contrast on white (a unit test checks).
 */
export const LINE_COLOURS: readonly string[] = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#AD7700',
  '#000000',
  '#882255',
  '#332288',
];

/** Solid, dashed, dotted and dash-dot, in line widths: told apart at a glance and by colour-blind eyes. */
export const LINE_DASHES: readonly (readonly number[] | undefined)[] = [undefined, [4, 2], [1, 2], [4, 2, 1, 2]];

const styleKey = (color: string, dash: readonly number[] | undefined): string =>
  `${color.toLowerCase()}|${dash?.join(',') ?? ''}`;

/**
 * Distinct line styles for the visible layers. The registry gives every layer a colour and dash, but with about
 * fifty layers in a year some share one; two visible layers must never look alike, so the layers shown by
 * default (the mission layers) keep theirs, then every other layer in the given order keeps its own if no
 * layer before it has that style, and otherwise gets the first free combination of LINE_COLOURS × LINE_DASHES
 * (dash by dash, so the first stand-ins are solid lines). Beyond 32 visible layers combinations repeat. The
 * map, legend and export all call this with the layers the map draws, so they always agree (the catalogue shows
 * the same styles for those layers).
 * @example assignLineStyles([{ id: 'a', color: '#000000' }, { id: 'b', color: '#000000' }]).get('b') // { color: '#0072B2' }
 */
export function assignLineStyles(
  layers: readonly { id: string; color: string; dash?: number[]; isDefaultVisible?: boolean }[],
): Map<string, LineStyle> {
  const styles = new Map<string, LineStyle>();
  const taken = new Set<string>();
  const keep = (layer: (typeof layers)[number]) => {
    const key = styleKey(layer.color, layer.dash);
    if (taken.has(key)) return false;
    taken.add(key);
    styles.set(layer.id, layer.dash ? { color: layer.color, dash: layer.dash } : { color: layer.color });
    return true;
  };
  for (const layer of layers) if (layer.isDefaultVisible) keep(layer);
  for (const layer of layers) {
    if (styles.has(layer.id) || keep(layer)) continue;
    const free = LINE_DASHES.flatMap((dash) => LINE_COLOURS.map((color) => ({ color, dash }))).find(
      ({ color, dash }) => !taken.has(styleKey(color, dash)),
    );
    const style = free ?? { color: layer.color, dash: layer.dash };
    taken.add(styleKey(style.color, style.dash));
    styles.set(layer.id, style.dash ? { color: style.color, dash: [...style.dash] } : { color: style.color });
  }
  return styles;
}
