/**
 * Greedy label placement without overlap, on screen coordinates. Pure: the caller projects.
 * MapLibre's own symbol collision needs glyphs from a server; we draw labels as HTML instead
 * and keep the same rule: no label hides another.
 */

export interface LabelCandidate {
  key: string;
  text: string;
  /** Screen position of the label's centre, pixels. */
  x: number;
  y: number;
  /** Higher goes first. */
  priority: number;
}

export interface PlacedLabel extends LabelCandidate {
  width: number;
  height: number;
}

/**
 * Place labels in priority order, dropping any whose box would overlap an already placed one
 * (with `padding` pixels around each) or leave the viewport.
 * @param measure width in pixels of a label's text
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  measure: (text: string) => number,
  viewport: { width: number; height: number },
  lineHeight = 14,
  padding = 3,
): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const ordered = [...candidates].sort((a, b) => b.priority - a.priority || a.key.localeCompare(b.key));
  for (const c of ordered) {
    const width = measure(c.text);
    const box = {
      left: c.x - width / 2,
      right: c.x + width / 2,
      top: c.y - lineHeight / 2,
      bottom: c.y + lineHeight / 2,
    };
    if (box.left < 0 || box.top < 0 || box.right > viewport.width || box.bottom > viewport.height) continue;
    const collides = placed.some(
      (p) =>
        box.left - padding < p.x + p.width / 2 &&
        box.right + padding > p.x - p.width / 2 &&
        box.top - padding < p.y + p.height / 2 &&
        box.bottom + padding > p.y - p.height / 2,
    );
    if (!collides) placed.push({ ...c, width, height: lineHeight });
  }
  return placed;
}
