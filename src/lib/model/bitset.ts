/**
 * Bitsets over gemeente numbers (32 gemeenten a word), for member sets, coverage and set algebra in the
 * statistics: an intersection of two 342-gemeente sets is 11 word operations.
 */

/** Words of a bitset over `count` bits. */
export function wordCountFor(count: number): number {
  return Math.ceil(count / 32);
}

/** Set bit `n` of a bitset. */
export function setBit(bits: Uint32Array, n: number): void {
  bits[n >>> 5]! |= 1 << (n & 31);
}

/** Whether bit `n` of a bitset is set. */
export function hasBit(bits: Uint32Array, n: number): boolean {
  return (bits[n >>> 5]! & (1 << (n & 31))) !== 0;
}

/** Number of set bits. */
export function popcount(bits: Uint32Array): number {
  let count = 0;
  for (let word of bits) {
    // Hamming weight by parallel bit sums (Hacker's Delight, fig. 5-2).
    word -= (word >>> 1) & 0x55555555;
    word = (word & 0x33333333) + ((word >>> 2) & 0x33333333);
    count += Math.imul((word + (word >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return count;
}

/** Number of bits set in all three bitsets. */
export function popcountAnd3(a: Uint32Array, b: Uint32Array, c: Uint32Array): number {
  const words = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) words[i] = a[i]! & b[i]! & c[i]!;
  return popcount(words);
}
