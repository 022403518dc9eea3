// The protocol registry: the one place that maps a protocol name or an inbound route to its codec, so nothing
// outside protocols/ branches on a vendor.
import type { ChatRequest, Protocol } from '../core/canonical.ts';
import type { JsonObject } from '../core/json.ts';
import { anthropicCodec } from './anthropic/index.ts';
import { parseCount, renderCount } from './anthropic/count.ts';
import { geminiCodec } from './gemini/index.ts';
import { renderModelInfo, renderModelPage } from './anthropic/models.ts';
import { openaiCodec, openaiEmbeddingsInbound, renderModel, renderModelList } from './openai/index.ts';
import { responsesInbound } from './responses/index.ts';
import { parseInputTokens, renderInputTokens } from './responses/input-tokens.ts';
import type { EmbeddingsInbound, Inbound, Outbound } from './types.ts';

export const outbounds: Record<Protocol, Outbound> = {
  openai: openaiCodec.outbound,
  anthropic: anthropicCodec.outbound,
  gemini: geminiCodec.outbound,
};

export interface ChatEndpoint {
  path: string;
  codec: Inbound;
  /** prefix of the ids this format's answers carry */
  idPrefix: string;
  /** the header-borne key forms this route accepts besides `Authorization: Bearer` */
  keyHeaders: string[];
  /** the format's name in logs and the request log's route column */
  route: string;
}

function required(codec: Inbound | undefined, name: string): Inbound {
  if (codec === undefined) throw new Error(`protocol ${name} has no inbound codec`);
  return codec;
}

export const chatEndpoints: ChatEndpoint[] = [
  { path: '/v1/chat/completions', codec: required(openaiCodec.inbound, 'openai'), idPrefix: 'chatcmpl-', keyHeaders: [], route: 'chat.completions' },
  // Anthropic SDK 1.x sends Bearer; older SDKs and @ai-sdk/anthropic send x-api-key (PROTOCOLS.md §2).
  { path: '/v1/messages', codec: required(anthropicCodec.inbound, 'anthropic'), idPrefix: 'msg_', keyHeaders: ['x-api-key'], route: 'messages' },
  // stateless: the caller sends the whole conversation; the answer goes out on the chat APIs of any vendor
  { path: '/v1/responses', codec: responsesInbound, idPrefix: 'resp_', keyHeaders: [], route: 'responses' },
];

export const embeddingsEndpoint: { path: string; codec: EmbeddingsInbound; errors: Inbound; route: string } = {
  path: '/v1/embeddings',
  codec: openaiEmbeddingsInbound,
  errors: required(openaiCodec.inbound, 'openai'),
  route: 'embeddings',
};

export interface CountTokensEndpoint {
  path: string;
  parse(body: unknown): ChatRequest;
  render(tokens: number): JsonObject;
  /** the caller's format: its error shape and the protocol headers it forwards */
  inbound: Inbound;
  keyHeaders: string[];
  route: string;
}

/** The input tokens a request would be billed for: Anthropic's `count_tokens` and OpenAI's Responses `input_tokens`. */
export const countTokensEndpoints: CountTokensEndpoint[] = [
  {
    path: '/v1/messages/count_tokens',
    parse: parseCount,
    render: renderCount,
    inbound: required(anthropicCodec.inbound, 'anthropic'),
    keyHeaders: ['x-api-key'],
    route: 'messages.count_tokens',
  },
  {
    path: '/v1/responses/input_tokens',
    parse: parseInputTokens,
    render: renderInputTokens,
    inbound: responsesInbound,
    keyHeaders: [],
    route: 'responses.input_tokens',
  },
];

/** The error shape for routes no endpoint owns (unknown paths, /v1/models). */
export const defaultErrors: Inbound = required(openaiCodec.inbound, 'openai');

/** Only Anthropic's clients send `anthropic-version`: a route no endpoint owns answers them in their own shape. */
export function errorsFor(headers: Record<string, string | string[] | undefined>): Inbound {
  return headers['anthropic-version'] === undefined ? defaultErrors : required(anthropicCodec.inbound, 'anthropic');
}

/** GET /v1/models and /v1/models/{id} in one caller format. `time` is unix ms. */
export interface ModelsFormat {
  list(names: string[], time: number, query: URLSearchParams): JsonObject;
  one(id: string, time: number): JsonObject;
  errors: Inbound;
}

const openaiModels: ModelsFormat = {
  list: (names, time) => renderModelList(names, Math.floor(time / 1000)),
  one: (id, time) => renderModel(id, Math.floor(time / 1000)),
  errors: defaultErrors,
};

const anthropicModels: ModelsFormat = {
  list: (names, time, query) => renderModelPage(names, new Date(time).toISOString(), query),
  one: (id, time) => renderModelInfo(id, new Date(time).toISOString()),
  errors: required(anthropicCodec.inbound, 'anthropic'),
};

/** Both SDKs call the same paths, and each expects its own shapes. */
export function modelsFormat(headers: Record<string, string | string[] | undefined>): ModelsFormat {
  return errorsFor(headers) === defaultErrors ? openaiModels : anthropicModels;
}
export type { Inbound, Outbound, EmbeddingsInbound };
