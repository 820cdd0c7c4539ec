import { describe, expect, it } from 'vitest';
import { assignLineStyles, LINE_COLOURS, LINE_DASHES } from '../../src/lib/scales/line-style';

const key = (s: { color: string; dash?: number[] }) => `${s.color.toLowerCase()}|${s.dash?.join(',') ?? ''}`;

describe('assignLineStyles', () => {
  it('keeps every registry style when no two visible layers share one', () => {
    const layers = [
      { id: 'a', color: '#0072B2' },
      { id: 'b', color: '#0072B2', dash: [4, 2] },
      { id: 'c', color: '#000000', dash: [1, 2] },
    ];
    const styles = assignLineStyles(layers);
    expect(layers.map((l) => styles.get(l.id))).toEqual([
      { color: '#0072B2' },
      { color: '#0072B2', dash: [4, 2] },
      { color: '#000000', dash: [1, 2] },
    ]);
  });

  it('gives a layer whose style an earlier layer has the first free combination, solid lines first', () => {
    const styles = assignLineStyles([
      { id: 'a', color: '#0072B2' },
      { id: 'b', color: '#0072b2' },
      { id: 'c', color: '#D55E00' },
    ]);
    // #0072B2 solid is taken by a; #D55E00 solid is c's own, taken after b: b gets the next free solid colour.
    expect(styles.get('b')).toEqual({ color: '#D55E00' });
    expect(styles.get('c')).not.toEqual({ color: '#D55E00' });
    expect(new Set([...styles.values()].map(key)).size).toBe(3);
  });

  it('lets the layers shown by default keep their style, whatever their place in the order', () => {
    const styles = assignLineStyles([
      { id: 'other', color: '#009E73', dash: [4, 2] },
      { id: 'police', color: '#009E73', dash: [4, 2], isDefaultVisible: true },
    ]);
    expect(styles.get('police')).toEqual({ color: '#009E73', dash: [4, 2] });
    expect(styles.get('other')).not.toEqual({ color: '#009E73', dash: [4, 2] });
  });

  it('makes up to every colour × dash combination distinct, and only then repeats', () => {
    const combinations = LINE_COLOURS.length * LINE_DASHES.length;
    const layers = Array.from({ length: combinations + 3 }, (_, i) => ({ id: `l${i}`, color: '#000000' }));
    const styles = assignLineStyles(layers);
    const first = layers.slice(0, combinations).map((l) => key(styles.get(l.id)!));
    expect(new Set(first).size).toBe(combinations);
    expect(styles.size).toBe(layers.length);
    for (const s of styles.values()) expect(LINE_COLOURS.map((c) => c.toLowerCase())).toContain(s.color.toLowerCase());
  });
});
