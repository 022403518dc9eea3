// Local token counts for answers whose vendor reported no usage (and for the admit-stage estimate). One estimator,
// o200k_base (PROTOCOLS.md §3): exact for current OpenAI models, an approximation for Claude and Gemini, whose
// tokenizers are not public. The result is marked `reported: false` so it is never mistaken for the vendor's count.
import { createRequire } from 'node:module';
import type { Usage } from '../core/canonical.ts';

type O200k = typeof import('gpt-tokenizer/encoding/o200k_base');

// Special-token strings in user text (`<|endoftext|>`) are counted as the plain text they are; gpt-tokenizer's default
// throws on them, which would let a prompt break metering.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

let count: O200k['countTokens'] | undefined;

/**
 * Loaded synchronously through the CommonJS build (`require` of only the o200k_base module, about 2.4 MB of ranks):
 * 251 ms and ~15 MB of heap on the bench machine. `airlock start` loads it before it listens (loadTokenizer), because
 * any gateway needs it sooner or later (a caller who leaves mid-call is metered with a local count) and, loaded on
 * first use, those 251 ms stopped every request in flight. Tests and other embedders load it on first use.
 */
function tokenizer(): O200k['countTokens'] {
  count ??= (createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as O200k).countTokens;
  return count;
}

export function loadTokenizer(): void {
  tokenizer();
}

/** o200k_base tokens in `text`, without chat framing (the few tokens per message a chat template adds). */
export function countTokens(text: string): number {
  return text === '' ? 0 : tokenizer()(text, PLAIN_TEXT);
}

export function estimateUsage(inputTexts: string[], outputText: string): Usage {
  let input = 0;
  for (const text of inputTexts) input += countTokens(text);
  return { input, output: countTokens(outputText), reported: false };
}
