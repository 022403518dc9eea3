// Local token counts for answers whose vendor reported no usage (and for the admit-stage estimate). One estimator,
// o200k_base (PROTOCOLS.md §3): exact for current OpenAI models, an approximation for Claude and Gemini, whose
// tokenizers are not public. The result is marked `reported: false` so it is never mistaken for the vendor's count.
import { createRequire } from 'node:module';
import type { Usage } from '../core/canonical.ts';

type Tiktoken = typeof import('tiktoken');

let count: ((text: string) => number) | undefined;

/**
 * OpenAI's own tokenizer (tiktoken's Rust, built to WebAssembly), loaded synchronously through its CommonJS build:
 * ~250 ms. Its ranks live in WebAssembly memory, outside V8's heap. gpt-tokenizer, used before, counts the same and
 * 1.5-2.5 times as fast (on stop 15's VM 2.7-3.6 against 1.4 M tokens/s on made-up prose, 1.3-1.5 against 0.9 on 32 KiB
 * of markdown and code), but kept its 200,000 ranks as JavaScript strings: ~15 MB and more than half of the gateway's
 * heap objects, which every major GC marked. Under c128 on 32 KiB prompts those GCs come about once a second; with
 * the ranks out of the heap their median pause went from 16 to 11 ms and their concurrent marking (which shares the
 * gateway's core) from 155-158 to 118 ms, and a forced full GC of a process holding only the tokenizer from 17-20 ms
 * to 3-5. Counting is the rare path (a vendor that reports no usage, a caller who left).
 * `airlock start` loads it before it listens (loadTokenizer): loaded on first use, every request in flight waited.
 * Tests and other embedders load it on first use.
 *
 * `encode_ordinary` reads special-token strings in user text (`<|endoftext|>`) as the plain text they are, never as
 * control tokens and never as an error, so no prompt can break metering.
 */
function tokenizer(): (text: string) => number {
  if (count === undefined) {
    const encoding = (createRequire(import.meta.url)('tiktoken') as Tiktoken).get_encoding('o200k_base');
    count = (text) => encoding.encode_ordinary(text).length;
  }
  return count;
}

export function loadTokenizer(): void {
  tokenizer();
}

/** o200k_base tokens in `text`, without chat framing (the few tokens per message a chat template adds). */
export function countTokens(text: string): number {
  return text === '' ? 0 : tokenizer()(text);
}

export function estimateUsage(inputTexts: string[], outputText: string): Usage {
  let input = 0;
  for (const text of inputTexts) input += countTokens(text);
  return { input, output: countTokens(outputText), reported: false };
}
