// The Anthropic Messages codec (POST /v1/messages), both directions.
import type { ProtocolCodec } from '../types.ts';
import { decodeCount, encodeCount } from './count.ts';
import { decodeError, renderError, streamError } from './errors.ts';
import { parse, render } from './inbound.ts';
import { authHeaders, decode, encode } from './outbound.ts';
import { streamDecoder } from './stream-in.ts';
import { streamEncoder } from './stream-out.ts';

export const anthropicCodec: ProtocolCodec = {
  inbound: { parse, render, streamEncoder, renderError, streamError },
  outbound: { authHeaders, encode, decode, decodeError, streamDecoder, countTokens: { encode: encodeCount, decode: decodeCount } },
};
