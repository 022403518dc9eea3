// A vendor's `chat.completion` body → canonical ChatResponse.
import type { ChatResponse, Choice, Finish, Part, Usage } from '../../core/canonical.ts';
import { AirlockError } from '../../core/errors.ts';
import { plainCompletion } from './chunk-guard.ts';
import { vendorCompletion, type VendorCompletion, type VendorUsage } from './vendor-schema.ts';

export function decodeChatResponse(body: unknown): ChatResponse {
  const b = plainCompletion(body) ?? validCompletion(body);
  const choices = b.choices.map((c, i): Choice => {
    const parts: Part[] = [];
    // A refusal is the model's whole answer; without a text part the caller would see an empty reply.
    const text = c.message.content ?? c.message.refusal ?? '';
    if (text !== '') parts.push({ type: 'text', text });
    for (const call of c.message.tool_calls ?? []) {
      parts.push({ type: 'tool_call', id: call.id, name: call.function.name, arguments: call.function.arguments ?? '' });
    }
    return { index: c.index ?? i, parts, finish: decodeFinish(c.finish_reason) };
  });
  return { id: b.id ?? '', model: b.model ?? '', choices, usage: decodeUsage(b.usage) };
}

function validCompletion(body: unknown): VendorCompletion {
  const parsed = vendorCompletion.safeParse(body);
  if (!parsed.success) throw malformed('a chat.completion', parsed.error);
  return parsed.data;
}

/** Unknown is not zero: no usage object, or one without token counts, is `null`. */
export function decodeUsage(usage: VendorUsage | null | undefined): Usage | null {
  if (usage == null || usage.prompt_tokens == null || usage.completion_tokens == null) return null;
  const cached = usage.prompt_tokens_details?.cached_tokens;
  return {
    input: usage.prompt_tokens,
    output: usage.completion_tokens,
    ...(cached == null ? {} : { cacheRead: cached }),
    reported: true,
  };
}

// `function_call` is the deprecated name for a tool call; a missing reason (some compatible servers) is a plain stop.
export function decodeFinish(reason: string | null | undefined): Finish {
  switch (reason) {
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}

export function malformed(what: string, cause?: unknown): AirlockError {
  return new AirlockError('upstream_malformed', `the vendor sent ${what} Airlock could not read`, { cause });
}
