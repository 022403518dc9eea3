import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../core/canonical.ts';
import { mapTexts, visitTexts } from './text-slots.ts';

test('visitTexts and mapTexts see the same slots in the same order', { timeout: 1000 }, () => {
  const req: ChatRequest = {
    model: 'm',
    system: ['sys a', 'sys b'],
    messages: [
      { role: 'user', parts: [{ type: 'text', text: 'hi' }, { type: 'image', url: 'data:x' }] },
      { role: 'assistant', parts: [{ type: 'text', text: 'calling' }, { type: 'tool_call', id: 'c1', name: 'f', arguments: '{"q":"x"}' }] },
      { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'c1', content: 'result', isError: false }] },
    ],
    tools: [{ name: 'f', description: 'finds', parameters: { type: 'object' } }, { name: 'g', parameters: { type: 'object' } }],
    toolChoice: 'auto',
    stop: [],
    responseFormat: { type: 'text' },
    stream: false,
    includeUsage: false,
    passthrough: { protocol: 'openai', fields: {} },
  };
  const visited: string[] = [];
  visitTexts(req, (t, k) => visited.push(`${k}:${t}`));
  const mapped: string[] = [];
  const copy = mapTexts(req, (t, k) => {
    mapped.push(`${k}:${t}`);
    return t.toUpperCase();
  });
  assert.deepEqual(visited, mapped);
  assert.equal(visited.length, 9);
  assert.deepEqual(copy.system, ['SYS A', 'SYS B']);
  assert.equal(req.system[0], 'sys a', 'the original is untouched');
});
