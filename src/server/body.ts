import type { IncomingMessage } from 'node:http';
import { AirlockError } from '../core/errors.ts';

/** Reads and parses a JSON body, refusing more than `limit` bytes without buffering them. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new AirlockError('payload_too_large', `request body is larger than ${limit} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw new AirlockError('payload_too_large', `request body is larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  if (size === 0) throw new AirlockError('invalid_request', 'request body is empty; expected a JSON object');
  try {
    return JSON.parse(chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AirlockError('invalid_request', 'request body is not valid JSON');
  }
}
