// Airlock → an OpenAI-protocol vendor (OpenAI itself and the OpenAI-compatible servers).
import type { Outbound } from '../types.ts';
import { decodeChatResponse } from './decode.ts';
import { decodeEmbeddings, encodeEmbeddings } from './embeddings-out.ts';
import { encodeChatRequest } from './encode.ts';
import { decodeError } from './errors.ts';
import { createStreamDecoder } from './stream-in.ts';

export const openaiOutbound: Outbound = {
  authHeaders: (apiKey) => ({ authorization: `Bearer ${apiKey}` }),
  encode: encodeChatRequest,
  decode: decodeChatResponse,
  decodeError,
  streamDecoder: createStreamDecoder,
  embeddings: { encode: encodeEmbeddings, decode: decodeEmbeddings },
};
