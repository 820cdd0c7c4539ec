import { describe, expect, it } from 'vitest';
import { placeLabels, type LabelCandidate } from '../../src/lib/geo/label-placement';

const measure = (text: string) => text.length * 10;
const viewport = { width: 400, height: 300 };
const c = (key: string, x: number, y: number, priority: number): LabelCandidate => ({ key, text: key, x, y, priority });

describe('placeLabels', () => {
  it('keeps the higher-priority label where two overlap', () => {
    const placed = placeLabels([c('small', 100, 100, 1), c('large', 105, 102, 9)], measure, viewport);
    expect(placed.map((p) => p.key)).toEqual(['large']);
  });
  it('keeps labels that do not overlap', () => {
    const placed = placeLabels([c('a', 50, 50, 1), c('b', 300, 200, 1)], measure, viewport);
    expect(placed.map((p) => p.key).sort()).toEqual(['a', 'b']);
  });
  it('drops labels that would leave the viewport', () => {
    expect(placeLabels([c('edge', 2, 150, 1)], measure, viewport)).toEqual([]);
  });
  it('never returns two overlapping boxes (random candidates)', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const candidates = Array.from({ length: 200 }, (_, i) => c(`L${i}`, rand() * 400, rand() * 300, rand()));
    const placed = placeLabels(candidates, measure, viewport);
    expect(placed.length).toBeGreaterThan(3);
    for (const a of placed) {
      for (const b of placed) {
        if (a === b) continue;
        const overlapX = Math.abs(a.x - b.x) < (a.width + b.width) / 2;
        const overlapY = Math.abs(a.y - b.y) < (a.height + b.height) / 2;
        expect(overlapX && overlapY).toBe(false);
      }
    }
  });
});
