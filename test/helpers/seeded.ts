// A seeded pseudo-random source for generated test inputs (xorshift32): the same inputs on every run, so a failure
// names a text that fails again.
export function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** `count` pieces drawn from `pieces`, joined. */
export function piecesText(next: () => number, pieces: readonly string[], count: number): string {
  let text = '';
  for (let k = 0; k < count; k++) text += pieces[Math.floor(next() * pieces.length)];
  return text;
}
