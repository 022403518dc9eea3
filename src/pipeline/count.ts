// count: the input tokens a chat request would be billed for at the target it would go to. A vendor with a count
// endpoint (Anthropic, Gemini) is asked, through the same fallback, retries and breakers as a call; for one without
// (OpenAI's chat wire has none) Airlock counts locally with o200k, exact for current OpenAI models, and sends nothing.
import type { ChatRequest } from '../core/canonical.ts';
import { AirlockError } from '../core/errors.ts';
import { countTokens } from '../cost/estimate.ts';
import { visitTexts } from '../governance/text-slots.ts';
import type { Outbound } from '../protocols/types.ts';
import type { BreakerPort } from '../routing/breaker.ts';
import { runFallback } from '../routing/fallback.ts';
import { attemptJson, clientFor, noteAnswered, type CallDeps } from './call.ts';
import type { RequestContext } from './context.ts';
import type { DecidedTarget } from './decide.ts';
import { traceAttempt } from './trace-attempt.ts';

export interface TokenCount {
  tokens: number;
  /** vendor: the vendor's own count; local: o200k, counted here */
  source: 'vendor' | 'local';
}

// OpenAI's chat framing for its current models: each message opens with a few tokens, and the answer is primed with
// three more (the openai-cookbook's "How to count tokens with tiktoken").
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;

/** o200k over every text that would leave, plus the chat framing; images are not counted. */
export function localCount(req: ChatRequest): number {
  let tokens = REPLY_PRIMING + PER_MESSAGE * (req.system.length + req.messages.length);
  visitTexts(req, (text) => {
    tokens += countTokens(text);
  });
  for (const t of req.tools) tokens += countTokens(t.name);
  return tokens;
}

export async function callCount(ctx: RequestContext, targets: DecidedTarget<ChatRequest>[], deps: CallDeps): Promise<TokenCount> {
  const counter = (t: DecidedTarget<ChatRequest>): Outbound['countTokens'] => clientFor(deps, t).outbound.countTokens;
  const local = new Set(targets.filter((t) => counter(t) === undefined).map((t) => t.vendor));
  try {
    const outcome = await runFallback<TokenCount, DecidedTarget<ChatRequest>>(
      targets,
      async (t, n) => {
        const count = counter(t);
        if (count === undefined) return { ok: true, value: { tokens: localCount(t.request), source: 'local' } };
        // like a call, a count request hands the (redacted) prompt to the vendor: it goes on record
        ctx.sentTo.push(t);
        return traceAttempt(ctx, t, n, () => attemptJson(ctx, deps, t, () => count.encode(t.request, t.model), (_, body) => ({ tokens: count.decode(body), source: 'vendor' as const })));
      },
      { ...deps, breakers: remoteOnly(deps.breakers, local) },
      ctx.abort,
    );
    ctx.attempts = outcome.attempts;
    if (outcome.value.source === 'vendor') noteAnswered(ctx, outcome.target);
    return outcome.value;
  } catch (err) {
    if (err instanceof AirlockError) ctx.attempts = err.attempts;
    throw err;
  }
}

/** A local count says nothing of its vendor's health, and an open circuit does not stop Airlock counting. */
function remoteOnly(breakers: BreakerPort | undefined, local: Set<string>): BreakerPort | undefined {
  if (breakers === undefined) return undefined;
  return {
    allow: (vendor, model) => local.has(vendor) || breakers.allow(vendor, model),
    record: (vendor, model, outcome) => {
      if (!local.has(vendor)) breakers.record(vendor, model, outcome);
    },
  };
}
