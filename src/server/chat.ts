// The data-plane routes: run the pipeline, then write the answer in the caller's format.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { toAirlockError, type AirlockError } from '../core/errors.ts';
import type { ChatEndpoint } from '../protocols/index.ts';
import type { CountTokensEndpoint, EmbeddingsEndpoint } from '../protocols/index.ts';
import type { Inbound, ResponseMeta } from '../protocols/types.ts';
import type { RequestContext } from '../pipeline/context.ts';
import { settle } from '../pipeline/admit.ts';
import { chargeFailedCalls } from '../pipeline/meter.ts';
import type { Log, RequestLogRow } from '../pipeline/ports.ts';
import { record } from '../pipeline/record.ts';
import { runChat, runCountTokens, runEmbeddings, type Runtime } from '../pipeline/run.ts';
import { endRequestSpan, routeTemplate, startRequestSpan } from '../pipeline/trace-request.ts';
import { readJsonBody } from './body.ts';
import { errorText } from './log.ts';
import { airlockHeaders, pumpStream, sendError, sendJson, serializeSse } from './respond.ts';

export interface ServerLimits {
  maxBodyBytes: number;
}

function costHeader(ctx: RequestContext): Record<string, string> {
  return ctx.costUsd === null ? {} : { 'x-airlock-cost-usd': ctx.costUsd.toFixed(8) };
}

/**
 * The request log's row as a debug line: metadata only, so the content a `log_content` row keeps stays out; its
 * arrival time too, which would clash with the line's own `time`.
 */
function logRequest(log: Log, row: RequestLogRow): void {
  const { content: _content, time: _time, ...fields } = row;
  const target = row.vendor === null ? 'no vendor' : `${row.vendor}/${row.vendorModel ?? ''}`;
  log.debug({ event: 'request', ...fields }, `${row.route} ${row.logicalModel ?? '-'} → ${target}: ${row.status} in ${row.latencyMs} ms`);
}

/**
 * record (journalled before the answer's last byte), end the request's span, then settle the budget hold off the
 * answer's path: in a microtask, which runs once the caller's answer has gone to the socket, so neither a Redis round
 * trip nor the settle's own work comes before it.
 */
function finish(ctx: RequestContext, status: number, code: string | null, rt: Runtime): void {
  chargeFailedCalls(ctx);
  const row = record(ctx, status, code, rt.sink, performance.now());
  if (rt.log.isLevelEnabled('debug')) logRequest(rt.log, row);
  endRequestSpan(ctx, status, code);
  queueMicrotask(() => {
    settle(ctx, rt.admit.counters).catch((err: unknown) => {
      rt.log.error({ event: 'budget.settle_failed', requestId: ctx.id, error: errorText(err) }, `could not settle the budget hold of ${ctx.id}: ${errorText(err)}`);
    });
  });
}

function fail(res: ServerResponse, ctx: RequestContext, codec: Inbound, err: AirlockError, rt: Runtime): void {
  // The caller went away (http.ts aborts ctx.abort when the answer's socket closes unfinished): whatever the
  // pipeline made of the abort, the request ended because of the caller, and nobody is left to read an answer.
  if (ctx.abort.aborted) return finish(ctx, 499, 'client_closed', rt);
  finish(ctx, err.status, err.code, rt);
  if (!res.headersSent) return sendError(res, ctx, codec, err);
  // mid-stream: the caller already has a 200, so the error goes in the stream and the stream ends
  if (!res.destroyed) res.end(serializeSse(codec.streamError(err, ctx.id)));
}

export async function handleChat(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RequestContext,
  endpoint: ChatEndpoint,
  rt: Runtime,
  limits: ServerLimits,
): Promise<void> {
  startRequestSpan(rt.tracer, ctx, req.headers, routeTemplate(endpoint.path, req.url), 'chat');
  try {
    const body = await readJsonBody(req, limits.maxBodyBytes);
    const result = await runChat(ctx, endpoint, req.headers, body, rt);
    const meta: ResponseMeta = {
      id: endpoint.idPrefix + ctx.id,
      model: ctx.logicalModel ?? '',
      created: Math.floor(ctx.time / 1000),
      includeUsage: false,
    };
    if (result.kind === 'json') {
      const rendered = endpoint.codec.render(result.response, meta);
      ctx.ttfbMs = performance.now() - ctx.started;
      finish(ctx, 200, null, rt);
      sendJson(res, 200, rendered, Object.assign(airlockHeaders(ctx), costHeader(ctx)));
      return;
    }
    meta.includeUsage = result.includeUsage;
    res.writeHead(200, Object.assign(airlockHeaders(ctx), { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' }));
    const encoder = endpoint.codec.streamEncoder(meta);
    const complete = await pumpStream(res, result.events, encoder, () => {
      ctx.ttfbMs ??= performance.now() - ctx.started;
    });
    // a vendor failure after the first byte: the caller got an error event; the log and the breaker see it too
    // (not when the caller left: its abort cut the vendor stream, which says nothing about the vendor)
    if (ctx.streamError !== null && ctx.vendor !== null && !ctx.abort.aborted) rt.call.breakers?.record(ctx.vendor, ctx.vendorModel ?? '', 'failure');
    finish(ctx, complete ? 200 : 499, complete ? ctx.streamError : 'client_closed', rt);
    res.end();
  } catch (err) {
    fail(res, ctx, endpoint.codec, toAirlockError(err), rt);
  }
}

export async function handleEmbeddings(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RequestContext,
  endpoint: EmbeddingsEndpoint,
  rt: Runtime,
  limits: ServerLimits,
): Promise<void> {
  startRequestSpan(rt.tracer, ctx, req.headers, routeTemplate(endpoint.path, req.url), 'embeddings');
  try {
    const body = await readJsonBody(req, limits.maxBodyBytes);
    const { response, model, encodingFormat } = await runEmbeddings(ctx, endpoint, req.headers, body, rt);
    const rendered = endpoint.codec.render(response, { model, encodingFormat });
    ctx.ttfbMs = performance.now() - ctx.started;
    finish(ctx, 200, null, rt);
    sendJson(res, 200, rendered, Object.assign(airlockHeaders(ctx), costHeader(ctx)));
  } catch (err) {
    fail(res, ctx, endpoint.errors, toAirlockError(err), rt);
  }
}

export async function handleCountTokens(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RequestContext,
  endpoint: CountTokensEndpoint,
  rt: Runtime,
  limits: ServerLimits,
): Promise<void> {
  // not a GenAI semantic-conventions operation: named like one
  startRequestSpan(rt.tracer, ctx, req.headers, routeTemplate(endpoint.path, req.url), 'count_tokens');
  try {
    const body = await readJsonBody(req, limits.maxBodyBytes);
    const count = await runCountTokens(ctx, endpoint, req.headers, body, rt);
    ctx.ttfbMs = performance.now() - ctx.started;
    finish(ctx, 200, null, rt);
    sendJson(res, 200, endpoint.render(count.tokens), Object.assign(airlockHeaders(ctx), { 'x-airlock-count-source': count.source }));
  } catch (err) {
    fail(res, ctx, endpoint.inbound, toAirlockError(err), rt);
  }
}
