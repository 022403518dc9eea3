// Canonical Usage.input counts every prompt token, cached or not; Anthropic's input_tokens counts only the uncached
// remainder, with cache reads and writes reported beside it
// (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance).
import type { Usage } from '../../core/canonical.ts';
import type { WireUsage } from './schema.ts';

export type AnthropicUsage = {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
};

/** Unknown usage still has to be numbers on this wire, so it renders as zeros. */
export function toWireUsage(usage: Usage | null | undefined): AnthropicUsage {
  const cacheRead = usage?.cacheRead ?? 0;
  const cacheWrite = usage?.cacheWrite ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.input ?? 0) - cacheRead - cacheWrite),
    output_tokens: usage?.output ?? 0,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}

/** `base` holds what message_start said; message_delta counters overwrite it when present (they are totals). */
export function fromWireUsage(wire: WireUsage, base?: Usage): Usage {
  const cacheRead = wire.cache_read_input_tokens ?? base?.cacheRead;
  const cacheWrite = wire.cache_creation_input_tokens ?? base?.cacheWrite;
  const uncached = wire.input_tokens ?? (base === undefined ? 0 : base.input - (base.cacheRead ?? 0) - (base.cacheWrite ?? 0));
  const usage: Usage = { input: uncached + (cacheRead ?? 0) + (cacheWrite ?? 0), output: wire.output_tokens, reported: true };
  if (cacheRead !== undefined) usage.cacheRead = cacheRead;
  if (cacheWrite !== undefined) usage.cacheWrite = cacheWrite;
  return usage;
}
