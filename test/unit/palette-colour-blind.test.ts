/**
 * The layer palette stays distinguishable under the three common colour-vision deficiencies:
 * simulated with the matrices of Machado, Oliveira & Fernandes (2009, severity 1.0) in linear RGB,
 * compared as CIE76 ΔE in CIELAB. Layers that share a colour in any vision must differ in dash pattern.
 */
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../geo/layers';

type Rgb = [number, number, number];
const MACHADO: Record<string, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const hex = (h: string): Rgb => [1, 3, 5].map((i) => toLinear(parseInt(h.slice(i, i + 2), 16) / 255)) as Rgb;
const clamp = (v: number) => Math.min(1, Math.max(0, v));

function simulate(rgb: Rgb, m: number[][] | null): Rgb {
  if (!m) return rgb;
  return m.map((row) => clamp(row[0]! * rgb[0] + row[1]! * rgb[1] + row[2]! * rgb[2])) as Rgb;
}

function lab([r, g, b]: Rgb): Rgb {
  const f = (t: number) => (t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

const deltaE = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const MISSION = ['jeugdregio-2025', 'veiligthuis-2025', 'politie-eenheid-2025', 'cjg-2025'];
const visions: [string, number[][] | null][] = [['normal', null], ...Object.entries(MACHADO)];

describe('layer colours under colour-vision deficiencies', () => {
  for (const [vision, matrix] of visions) {
    it(`the four mission layers differ clearly in ${vision} vision (ΔE ≥ 12, or a different dash pattern)`, () => {
      const layers = LAYERS.filter((l) => MISSION.includes(l.id));
      expect(layers).toHaveLength(4);
      for (const a of layers) {
        for (const b of layers) {
          if (a.id >= b.id) continue;
          const distance = deltaE(lab(simulate(hex(a.color), matrix)), lab(simulate(hex(b.color), matrix)));
          const isDashDifferent = JSON.stringify(a.dash ?? null) !== JSON.stringify(b.dash ?? null);
          expect(distance >= 12 || isDashDifferent, `${a.id} vs ${b.id}: ΔE ${distance.toFixed(1)}`).toBe(true);
        }
      }
    });

    it(`every two layers with nearly the same colour in ${vision} vision have different dash patterns`, () => {
      for (const a of LAYERS) {
        for (const b of LAYERS) {
          if (a.id >= b.id) continue;
          const distance = deltaE(lab(simulate(hex(a.color), matrix)), lab(simulate(hex(b.color), matrix)));
          if (distance < 5) {
            expect(JSON.stringify(a.dash ?? null), `${a.id} vs ${b.id}`).not.toBe(JSON.stringify(b.dash ?? null));
          }
        }
      }
    });
  }
});
