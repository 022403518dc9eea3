// Thinking blocks ↔ canonical reasoning parts, the same both ways for callers and vendors: a `thinking` block with
// its signature, or a `redacted_thinking` block's opaque data, kept byte for byte.
import type { Part } from '../../core/canonical.ts';
import type { ErrorCode } from '../../core/errors.ts';
import type { JsonObject } from '../../core/json.ts';
import { parseWith, redactedThinkingBlock, thinkingBlock } from './schema.ts';

type Reasoning = Extract<Part, { type: 'reasoning' }>;

export function reasoningPart(block: { type: string }, at: readonly (string | number)[], code: ErrorCode): Reasoning {
  if (block.type === 'redacted_thinking') return { type: 'reasoning', text: '', signature: '', redactedData: parseWith(redactedThinkingBlock, block, at, code).data };
  const b = parseWith(thinkingBlock, block, at, code);
  return { type: 'reasoning', text: b.thinking, signature: b.signature };
}

export function reasoningBlock(part: Reasoning): JsonObject {
  return part.redactedData === undefined ? { type: 'thinking', thinking: part.text, signature: part.signature } : { type: 'redacted_thinking', data: part.redactedData };
}
