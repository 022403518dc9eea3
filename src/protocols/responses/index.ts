// The OpenAI Responses front door (POST /v1/responses): what `client.responses.create` in the openai SDK and the
// default model of @ai-sdk/openai send. Stateless: every request carries its conversation (parse.ts).
import type { Inbound } from '../types.ts';
import { renderError } from '../openai/render.ts';
import { parseResponsesRequest } from './parse.ts';
import { renderResponse } from './render.ts';
import { createStreamEncoder, streamError } from './stream-out.ts';

export const responsesInbound: Inbound = {
  parse: parseResponsesRequest,
  render: renderResponse,
  streamEncoder: createStreamEncoder,
  renderError,
  streamError,
};
