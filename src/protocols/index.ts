// The protocol registry: the one place that maps a protocol name or an inbound route to its codec, so nothing
// outside protocols/ branches on a vendor.
import type { ChatRequest, Protocol } from '../core/canonical.ts';
import type { JsonObject } from '../core/json.ts';
import { anthropicCodec } from './anthropic/index.ts';
import { parseCount, renderCount } from './anthropic/count.ts';
import { geminiCodec, geminiInbound } from './gemini/index.ts';
import { parseCountTokens as parseGeminiCount } from './gemini/inbound.ts';
import { parseEmbed, renderEmbed } from './gemini/embed-in.ts';
import { renderGeminiModel, renderGeminiModelPage } from './gemini/models.ts';
import type { GeminiCall } from './gemini/paths.ts';
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

export interface EmbeddingsEndpoint {
  path: string;
  codec: EmbeddingsInbound;
  errors: Inbound;
  keyHeaders: string[];
  route: string;
}

export const embeddingsEndpoint: EmbeddingsEndpoint = {
  path: '/v1/embeddings',
  codec: openaiEmbeddingsInbound,
  errors: required(openaiCodec.inbound, 'openai'),
  keyHeaders: [],
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

// Gemini callers send their key as x-goog-api-key (@google/genai), or as ?key= (REST examples; http.ts moves it here).
const GEMINI_KEY_HEADERS = ['x-goog-api-key'];

/** generateContent and streamGenerateContent: the path names the model and the streaming, so the endpoint is per call. */
export function geminiChatEndpoint(call: GeminiCall): ChatEndpoint {
  const stream = call.method === 'streamGenerateContent';
  return { path: '', codec: geminiInbound(call.model, stream), idPrefix: '', keyHeaders: GEMINI_KEY_HEADERS, route: `gemini.${call.method}` };
}

/** embedContent and batchEmbedContents (what @google/genai's models.embedContent calls). */
export function geminiEmbedEndpoint(call: GeminiCall): EmbeddingsEndpoint {
  const batch = call.method === 'batchEmbedContents';
  return {
    path: '',
    codec: { parse: (body) => parseEmbed(body, call.model, batch), render: (res) => renderEmbed(res, batch) },
    errors: geminiErrors,
    keyHeaders: GEMINI_KEY_HEADERS,
    route: `gemini.${call.method}`,
  };
}

export function geminiCountEndpoint(call: GeminiCall): CountTokensEndpoint {
  return {
    path: '',
    parse: (body) => parseGeminiCount(body, call.model),
    render: (tokens) => ({ totalTokens: tokens }),
    inbound: geminiErrors,
    keyHeaders: GEMINI_KEY_HEADERS,
    route: 'gemini.countTokens',
  };
}

/** The error shape for routes no endpoint owns (unknown paths, /v1/models). */
export const defaultErrors: Inbound = required(openaiCodec.inbound, 'openai');
const geminiErrors: Inbound = geminiInbound('', false);

type Headers = Record<string, string | string[] | undefined>;

/** A Gemini caller: a Gemini key header, or a path only the Gemini API has. */
function isGeminiCaller(headers: Headers, path: string): boolean {
  return headers['x-goog-api-key'] !== undefined || path.startsWith('/v1beta/') || path === '/v1beta' || (path.startsWith('/v1/models/') && path.includes(':'));
}

/**
 * A route no endpoint owns answers in its caller's shape: only Anthropic's clients send `anthropic-version`, only
 * Gemini's use x-goog-api-key and /v1beta.
 */
export function errorsFor(headers: Headers, path = ''): Inbound {
  if (headers['anthropic-version'] !== undefined) return required(anthropicCodec.inbound, 'anthropic');
  return isGeminiCaller(headers, path) ? geminiErrors : defaultErrors;
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

const geminiModels: ModelsFormat = {
  list: (names, _time, query) => renderGeminiModelPage(names, query),
  one: (id) => renderGeminiModel(id),
  errors: geminiErrors,
};

/** The three SDKs call the same paths (@google/genai 3.x: /v1/models too), and each expects its own shapes. */
export function modelsFormat(headers: Headers, path: string): ModelsFormat {
  const errors = errorsFor(headers, path);
  return errors === defaultErrors ? openaiModels : errors === geminiErrors ? geminiModels : anthropicModels;
}
export type { Inbound, Outbound, EmbeddingsInbound };
