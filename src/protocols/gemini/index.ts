// The Gemini codec. Gemini is only spoken to vendors for now, so there is no inbound half.
import type { Outbound, ProtocolCodec } from '../types.ts';
import { decodeCount, encodeCount } from './count.ts';
import { decodeEmbeddings, encodeEmbeddings } from './embeddings.ts';
import { decodeError } from './errors.ts';
import { authHeaders, encode } from './outbound.ts';
import { decode } from './response.ts';
import { streamDecoder } from './stream-in.ts';

const outbound: Outbound = {
  authHeaders,
  encode,
  decode,
  decodeError,
  streamDecoder,
  embeddings: { encode: encodeEmbeddings, decode: decodeEmbeddings },
  countTokens: { encode: encodeCount, decode: decodeCount },
};

export const geminiCodec: ProtocolCodec = { outbound };
