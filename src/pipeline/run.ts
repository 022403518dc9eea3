// The stages in order for one chat or embeddings request. inspect, decide and admit join here with the
// governance and cost work; each is a plain function over the same context.
import type { ChatResponse, EmbeddingsResponse, StreamEvent } from '../core/canonical.ts';
import type { Config } from '../config/types.ts';
import type { ChatEndpoint, EmbeddingsInbound } from '../protocols/index.ts';
import { planTargets } from '../routing/plan.ts';
import { callChat, callEmbeddings, type CallDeps } from './call.ts';
import type { RequestContext } from './context.ts';
import { identify, type KeyIndex } from './identify.ts';
import { meter, meterStream } from './meter.ts';
import type { ReadinessProbe, RecordSink } from './ports.ts';
import { openChatStream } from './stream.ts';

export interface Runtime {
  config: Config;
  keys: KeyIndex;
  call: CallDeps;
  sink: RecordSink;
  readiness: ReadinessProbe;
}

export type Headers = Record<string, string | string[] | undefined>;

export type ChatResult =
  | { kind: 'json'; response: ChatResponse }
  /** includeUsage: the caller's own wish for a usage event; the codec asks the vendor for usage regardless */
  | { kind: 'stream'; events: AsyncGenerator<StreamEvent[]>; includeUsage: boolean };

export async function runChat(ctx: RequestContext, endpoint: ChatEndpoint, headers: Headers, body: unknown, rt: Runtime): Promise<ChatResult> {
  // identify before accept: an unauthenticated caller learns nothing about the request's validity
  ctx.principal = identify(headers, endpoint.keyHeaders, rt.keys);
  const req = endpoint.codec.parse(body);
  ctx.logicalModel = req.model;
  ctx.stream = req.stream;
  const targets = planTargets(rt.config, req.model, ctx.principal.models);
  if (req.stream) {
    const events = meterStream(ctx, await openChatStream(ctx, req, targets, rt.call), rt.config);
    return { kind: 'stream', events, includeUsage: req.includeUsage };
  }
  const response = await callChat(ctx, req, targets, rt.call);
  meter(ctx, response.usage, rt.config);
  return { kind: 'json', response };
}

export async function runEmbeddings(
  ctx: RequestContext,
  codec: EmbeddingsInbound,
  headers: Headers,
  body: unknown,
  rt: Runtime,
): Promise<{ response: EmbeddingsResponse; model: string; encodingFormat: 'float' | 'base64' }> {
  ctx.principal = identify(headers, [], rt.keys);
  const req = codec.parse(body);
  ctx.logicalModel = req.model;
  const targets = planTargets(rt.config, req.model, ctx.principal.models);
  const response = await callEmbeddings(ctx, req, targets, rt.call);
  meter(ctx, response.usage, rt.config);
  return { response, model: req.model, encodingFormat: req.encodingFormat ?? 'float' };
}
