// The Anthropic Messages codec (POST /v1/messages), both directions.
import type { ProtocolCodec } from '../types.ts';
import { decodeCount, encodeCount } from './count.ts';
import { decodeError, renderError, streamError } from './errors.ts';
import { parse, render } from './inbound.ts';
import { authHeaders, decode, encode } from './outbound.ts';
import { streamDecoder } from './stream-in.ts';
import { streamEncoder } from './stream-out.ts';

export const anthropicCodec: ProtocolCodec = {
  // anthropic-beta turns on API features (1M context, interleaved thinking, …) that only Anthropic understands
  inbound: { parse, render, streamEncoder, renderError, streamError, forwardHeaders: ['anthropic-beta'] },
  outbound: { authHeaders, encode, decode, decodeError, streamDecoder, countTokens: { encode: encodeCount, decode: decodeCount } },
};
