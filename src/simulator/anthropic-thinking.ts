// Extended thinking as the Anthropic API does it: with `thinking: {type: 'enabled', budget_tokens}` the answer opens
// with a signed thinking block; a thinking block sent back must carry the signature the API gave it; and a tool-use
// turn sent back while thinking is on must start with its thinking block
// (https://docs.claude.com/en/docs/build-with-claude/extended-thinking).
import { createHash } from 'node:crypto';
import { isObject } from './wire.ts';

export interface SimThinking {
  text: string;
  signature: string;
}

/** The simulator's signature: a hash of the thinking text, so a block changed on its way back no longer matches. */
export function signatureOf(text: string): string {
  return createHash('sha256').update(`sim-thinking\u0000${text}`).digest('base64');
}

export function thinkingEnabled(body: Record<string, unknown>): boolean {
  return isObject(body.thinking) && body.thinking.type === 'enabled';
}

export function thinkingFor(lastUserText: string, toolResults: string[] | null): SimThinking {
  const text = toolResults === null ? `The user wrote: ${lastUserText}` : `The tool answered: ${toolResults.join('\n')}`;
  return { text, signature: signatureOf(text) };
}

const DOCS = 'Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

/** The API's 400 message for a thinking request it refuses, or null. */
export function checkThinking(body: Record<string, unknown>, messages: unknown[]): string | null {
  for (const [i, m] of messages.entries()) {
    if (!isObject(m) || !Array.isArray(m.content)) continue;
    for (const [j, b] of m.content.entries()) {
      if (isObject(b) && b.type === 'thinking' && (typeof b.thinking !== 'string' || b.signature !== signatureOf(b.thinking))) {
        return `messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`;
      }
    }
  }
  if (!thinkingEnabled(body)) return null;
  const budget = isObject(body.thinking) ? body.thinking.budget_tokens : undefined;
  if (typeof budget !== 'number' || budget < 1024) return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
  if (typeof body.max_tokens === 'number' && body.max_tokens <= budget) return '`max_tokens` must be greater than `thinking.budget_tokens`. ' + DOCS;
  // the last assistant turn, when a tool result answers it, must open with its thinking
  const last = messages.length - 2;
  const turn = messages[last];
  const answer = messages[last + 1];
  if (!isObject(turn) || turn.role !== 'assistant' || !Array.isArray(turn.content) || !isObject(answer) || !Array.isArray(answer.content)) return null;
  const usesTool = turn.content.some((b) => isObject(b) && b.type === 'tool_use');
  const first: unknown = turn.content[0];
  const opensWithThinking = isObject(first) && (first.type === 'thinking' || first.type === 'redacted_thinking');
  if (!usesTool || opensWithThinking) return null;
  const found = isObject(first) && typeof first.type === 'string' ? first.type : 'text';
  return (
    `messages.${last}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${found}\`. When \`thinking\` is enabled, a final ` +
    '`assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you ' +
    'include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. ' + DOCS
  );
}
