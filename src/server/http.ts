// The node:http listener and the path → handler table. Measured against bare node:http in bench/.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { AirlockError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { chatEndpoints, countTokensEndpoints, defaultErrors, embeddingsEndpoint, errorsFor, geminiChatEndpoint, geminiCountEndpoint, geminiEmbedEndpoint, modelsFormat } from '../protocols/index.ts';
import { geminiCall, type GeminiCall } from '../protocols/gemini/paths.ts';
import { newContext, type RequestContext } from '../pipeline/context.ts';
import { identify } from '../pipeline/identify.ts';
import type { Runtime } from '../pipeline/run.ts';
import { visibleModels } from '../routing/plan.ts';
import { isAdminPath, type AdminHandler } from './admin.ts';
import { handleChat, handleCountTokens, handleEmbeddings, type ServerLimits } from './chat.ts';
import { createDashboardHandler, isDashboardPath } from './dashboard.ts';
import type { MetricsHandler } from './metrics-endpoint.ts';
import { airlockHeaders, sendError, sendJson } from './respond.ts';

export const DEFAULT_LIMITS: ServerLimits = { maxBodyBytes: 32 * 1024 * 1024 };

const chatByPath = new Map(chatEndpoints.map((e) => [e.path, e]));
const countByPath = new Map(countTokensEndpoints.map((e) => [e.path, e]));
// one per process: the built files are the same for every gateway in it
const dashboard = createDashboardHandler();

function route(req: IncomingMessage, res: ServerResponse, rt: Runtime, limits: ServerLimits, admin?: AdminHandler, metrics?: MetricsHandler): Promise<void> | void {
  const q = req.url?.indexOf('?') ?? -1;
  const path = q === -1 ? (req.url ?? '/') : (req.url ?? '/').slice(0, q);
  // the runtime's clock (the system's unless a test moves it), so records, headers and the plan agree on the day
  const ctx = newContext(newId(''), path, rt.call.clock.now(), performance.now());
  // a caller that goes away mid-answer aborts the vendor call too
  res.once('close', () => {
    if (!res.writableFinished) ctx.abort.abort(new Error('client closed'));
  });
  if (path === '/metrics' && metrics !== undefined) return metrics(req, res);
  if (admin !== undefined && isAdminPath(path)) return admin(req, res, ctx, path, q === -1 ? '' : (req.url ?? '').slice(q + 1));
  const chat = chatByPath.get(path);
  if (chat !== undefined) {
    ctx.route = chat.route;
    if (req.method !== 'POST') return methodNotAllowed(res, ctx, chat.codec);
    return handleChat(req, res, ctx, chat, rt, limits);
  }
  if (path === embeddingsEndpoint.path) {
    ctx.route = embeddingsEndpoint.route;
    if (req.method !== 'POST') return methodNotAllowed(res, ctx, embeddingsEndpoint.errors);
    return handleEmbeddings(req, res, ctx, embeddingsEndpoint, rt, limits);
  }
  const count = countByPath.get(path);
  if (count !== undefined) {
    ctx.route = count.route;
    if (req.method !== 'POST') return methodNotAllowed(res, ctx, count.inbound);
    return handleCountTokens(req, res, ctx, count, rt, limits);
  }
  let gemini: GeminiCall | null;
  try {
    gemini = geminiCall(path);
  } catch (err) {
    req.resume();
    return sendError(res, ctx, errorsFor(req.headers, path), err instanceof AirlockError ? err : new AirlockError('internal', 'internal error'));
  }
  if (gemini !== null) return geminiRoute(gemini, req, res, ctx, rt, limits, q === -1 ? '' : (req.url ?? '').slice(q + 1));
  if (isDashboardPath(path)) return dashboard(req, res, path);
  if (req.method === 'GET') return getRoute(path, req, res, ctx, rt);
  req.resume();
  sendError(res, ctx, errorsFor(req.headers, path), new AirlockError('not_found', noRoute(req.method ?? '', path)));
}

/** POST /{v1beta|v1}/models/{model}:{method}: the Gemini API's model methods, for @google/genai and REST callers. */
function geminiRoute(call: GeminiCall, req: IncomingMessage, res: ServerResponse, ctx: RequestContext, rt: Runtime, limits: ServerLimits, query: string): Promise<void> | void {
  const chat = call.method === 'generateContent' || call.method === 'streamGenerateContent' ? geminiChatEndpoint(call) : null;
  const count = call.method === 'countTokens' ? geminiCountEndpoint(call) : null;
  const embed = chat === null && count === null ? geminiEmbedEndpoint(call) : null;
  const errors = chat?.codec ?? count?.inbound ?? embed?.errors ?? defaultErrors;
  ctx.route = `gemini.${call.method}`;
  if (req.method !== 'POST') return methodNotAllowed(res, ctx, errors);
  const params = new URLSearchParams(query);
  // Google's REST examples put the key in the query; the SDK sends the header. A header wins.
  const key = params.get('key');
  if (key !== null && req.headers['x-goog-api-key'] === undefined && req.headers.authorization === undefined) req.headers['x-goog-api-key'] = key;
  // Without alt=sse the API streams one JSON array, which no SSE reader (and no Airlock encoder) speaks.
  if (call.method === 'streamGenerateContent' && params.get('alt') !== 'sse') {
    req.resume();
    return sendError(res, ctx, errors, new AirlockError('unsupported_parameter', 'streamGenerateContent is served as server-sent events only: add ?alt=sse (as @google/genai does)', { param: 'alt' }));
  }
  if (chat !== null) return handleChat(req, res, ctx, chat, rt, limits);
  if (count !== null) return handleCountTokens(req, res, ctx, count, rt, limits);
  if (embed !== null) return handleEmbeddings(req, res, ctx, embed, rt, limits);
}

function getRoute(path: string, req: IncomingMessage, res: ServerResponse, ctx: RequestContext, rt: Runtime): void {
  if (path === '/healthz') return sendJson(res, 200, { status: 'ok' }, {});
  if (path === '/readyz') {
    const ready = rt.readiness.ready();
    return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'store unreachable', config: rt.config.source }, {});
  }
  if (path === '/v1/models' || path.startsWith('/v1/models/') || path === '/v1beta/models' || path.startsWith('/v1beta/models/')) return models(path, req, res, ctx, rt);
  sendError(res, ctx, errorsFor(req.headers, path), new AirlockError('not_found', noRoute('GET', path)));
}

// every SDK lists models: the Anthropic ones may send x-api-key, @google/genai sends x-goog-api-key
const MODELS_KEY_HEADERS = ['x-api-key', 'x-goog-api-key'];

/** The logical models the key may call, listed or one by id, in the format of the SDK that asks. */
function models(path: string, req: IncomingMessage, res: ServerResponse, ctx: RequestContext, rt: Runtime): void {
  const format = modelsFormat(req.headers, path);
  try {
    const principal = identify(req.headers, MODELS_KEY_HEADERS, rt.keys);
    const names = visibleModels(rt.config, principal.models);
    if (path === '/v1/models' || path === '/v1beta/models') {
      const q = req.url?.indexOf('?') ?? -1;
      const query = new URLSearchParams(q === -1 ? '' : (req.url ?? '').slice(q + 1));
      return sendJson(res, 200, format.list(names, ctx.time, query), airlockHeaders(ctx));
    }
    const id = modelId(path.slice(path.startsWith('/v1beta/') ? '/v1beta/models/'.length : '/v1/models/'.length));
    if (!names.includes(id)) throw new AirlockError('model_not_found', `model '${id.slice(0, 200)}' does not exist or this key may not use it`, { param: 'model' });
    return sendJson(res, 200, format.one(id, ctx.time), airlockHeaders(ctx));
  } catch (err) {
    return sendError(res, ctx, format.errors, err instanceof AirlockError ? err : new AirlockError('internal', 'internal error'));
  }
}

/** The SDKs percent-encode the id into the path (a logical model name may hold a `/`). */
function modelId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AirlockError('invalid_request', 'the model id in the path is not valid percent-encoding', { param: 'model' });
  }
}

/** A stored response (retrieve, delete, cancel, input items) or a message batch is state Airlock does not keep: the 404 says so. */
function noRoute(method: string, path: string): string {
  if (path.startsWith('/v1/responses/')) return `no route for ${method} ${path}: Airlock keeps no responses (each answer is returned once, with store: false)`;
  if (path.startsWith('/v1/messages/batches')) return `no route for ${method} ${path}: Airlock keeps no message batches; send each request to POST /v1/messages`;
  return `no route for ${method} ${path}`;
}

function methodNotAllowed(res: ServerResponse, ctx: RequestContext, codec: typeof defaultErrors): void {
  res.setHeader('allow', 'POST');
  sendError(res, ctx, codec, new AirlockError('method_not_allowed', 'use POST on this path'));
}

export function createGatewayServer(rt: Runtime, limits: ServerLimits = DEFAULT_LIMITS, admin?: AdminHandler, metrics?: MetricsHandler): Server {
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const done = route(req, res, rt, limits, admin, metrics);
    if (done !== undefined) {
      done.catch((err: unknown) => {
        // the handlers answer every error themselves; reaching here is a bug, but the process must survive it
        rt.log.error({ event: 'request.unhandled', error: err instanceof Error ? err.message : String(err) }, 'unhandled request error');
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    }
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 0; // streams may run long; per-target total timeouts bound them
  return server;
}
