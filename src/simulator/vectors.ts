// Deterministic embeddings: the same text always maps to the same unit vector, different texts to different
// ones, so tests can compare vectors across calls, encodings and protocols.
import { createHash } from 'node:crypto';

export const DEFAULT_DIMENSIONS = 8;

/**
 * Each value is already rounded to float32, so the JSON float path and OpenAI's base64 (float32) path decode
 * to identical numbers.
 */
export function embed(text: string, dimensions: number = DEFAULT_DIMENSIONS): number[] {
  const raw: number[] = [];
  for (let block = 0; raw.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let i = 0; i + 4 <= digest.length && raw.length < dimensions; i += 4) raw.push(digest.readUInt32LE(i) / 0x1_0000_0000 - 0.5);
  }
  const norm = Math.sqrt(raw.reduce((n, x) => n + x * x, 0)) || 1;
  return raw.map((x) => Math.fround(x / norm));
}

/** OpenAI's `encoding_format: "base64"`: the raw little-endian float32 array, base64-encoded. */
export function toBase64(vector: number[]): string {
  const buf = Buffer.alloc(vector.length * 4);
  vector.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString('base64');
}
