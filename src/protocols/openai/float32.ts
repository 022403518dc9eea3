// OpenAI's `encoding_format: "base64"`: the vector as little-endian IEEE-754 float32 bytes, base64-encoded.
// The openai Node SDK asks for it by default and decodes it with `new Float32Array(buffer)`.

export function encodeFloat32Base64(vector: number[]): string {
  const buf = Buffer.alloc(vector.length * 4);
  vector.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString('base64');
}

/** null when the text is not a whole number of float32 values */
export function decodeFloat32Base64(text: string): number[] | null {
  const buf = Buffer.from(text, 'base64');
  if (buf.length % 4 !== 0) return null;
  const out: number[] = [];
  for (let i = 0; i < buf.length; i += 4) out.push(buf.readFloatLE(i));
  return out;
}
