// cache_control on OpenAI-format requests (the LiteLLM convention) onto canonical parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChatRequest } from './parse.ts';

const T = { timeout: 5_000 };
const M = { type: 'ephemeral' };
const H = { type: 'ephemeral', ttl: '1h' };

test('marks land on the part, the message\'s last part, the system entry and the tool they were set on', T, () => {
  const req = parseChatRequest({
    model: 'm',
    messages: [
      { role: 'developer', content: 'rules' },
      { role: 'system', content: 'long rules', cache_control: H },
      { role: 'user', content: 'plain', cache_control: M },
      { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }], cache_control: H },
      { role: 'user', content: [{ type: 'text', text: 'c', cache_control: M }, { type: 'text', text: 'd' }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }], cache_control: M },
      { role: 'tool', tool_call_id: 'c1', content: [{ type: 'text', text: 'r', cache_control: H }] },
      { role: 'user', content: 'unmarked' },
    ],
    tools: [{ type: 'function', function: { name: 'f' } }, { type: 'function', function: { name: 'g' }, cache_control: M }],
  });
  assert.deepEqual(req.systemCache, [null, H]);
  assert.deepEqual(req.messages.map((m) => m.parts.map((p) => p.cache ?? null)), [[M], [null, H], [M, null], [M], [H], [null]]);
  assert.deepEqual(req.tools.map((t) => t.cache ?? null), [null, M]);
});

test('a request without marks gets none, and no systemCache', T, () => {
  const req = parseChatRequest({ model: 'm', messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'u' }] });
  assert.equal(req.systemCache, undefined);
  assert.equal('cache' in (req.messages[0]?.parts[0] ?? {}), false);
});
