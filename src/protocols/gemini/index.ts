// The Gemini codec: to vendors, and from callers on @google/genai or the REST API. A Gemini caller names the model
// and whether to stream in the path, not the body, so its inbound half is made per request (`geminiInbound`).
import type { Inbound, Outbound, ProtocolCodec } from '../types.ts';
import { decodeCount, encodeCount } from './count.ts';
import { decodeEmbeddings, encodeEmbeddings } from './embeddings.ts';
import { decodeError } from './errors.ts';
import { parseGenerateContent } from './inbound.ts';
import { renderError, streamError } from './inbound-errors.ts';
import { renderGenerateContent } from './render.ts';
import { createStreamEncoder } from './stream-out.ts';
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

export function geminiInbound(model: string, stream: boolean): Inbound {
  return {
    parse: (body) => parseGenerateContent(body, model, stream),
    render: renderGenerateContent,
    streamEncoder: createStreamEncoder,
    renderError,
    streamError,
  };
}
