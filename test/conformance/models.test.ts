// GET /v1/models and /v1/models/{id}: the logical models a key may call, in the shape of the SDK that asks (the
// Anthropic SDK sends anthropic-version and pages with after_id / before_id; the openai SDK gets one list).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { KEY, startStack } from '../helpers/stack.ts';
import { MATRIX_MODELS } from './shared.ts';

const NAMES = Object.keys(MATRIX_MODELS);
const LIMITED_KEY = 'sk-test-limited-key';

test('models: listed and retrieved by both SDKs, limited to what the key may call', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, {
    models: { ...MATRIX_MODELS, 'team/chat': ['sim-openai/gpt-4o-mini'] },
    extra: {
      keys: [
        { name: 'test-key', app: 'tests', key: KEY },
        { name: 'limited', app: 'tests', key: LIMITED_KEY, models: ['via-anthropic', 'team/chat'] },
      ],
    },
  });
  const all = [...NAMES, 'team/chat'];
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const anthropic = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });

  await t.test('openai SDK: list, retrieve (a / in the name too), unknown → NotFoundError', async () => {
    const list = await openai.models.list();
    assert.deepEqual(list.data.map((m) => m.id), all);
    const one = await openai.models.retrieve('via-gemini');
    assert.deepEqual({ id: one.id, object: one.object, owned_by: one.owned_by }, { id: 'via-gemini', object: 'model', owned_by: 'airlock' });
    assert.ok(Number.isInteger(one.created) && one.created > 1_700_000_000);
    assert.equal((await openai.models.retrieve('team/chat')).id, 'team/chat');
    const missing = await openai.models.retrieve('gpt-nope').catch((e: unknown) => e);
    assert.ok(missing instanceof OpenAI.NotFoundError);
    assert.match(missing.message, /gpt-nope/);
  });

  await t.test('Anthropic SDK: ModelInfo pages, auto-paginated over after_id; retrieve; unknown → NotFoundError', async () => {
    const first = await anthropic.models.list({ limit: 3 });
    assert.deepEqual(first.data.map((m) => m.id), all.slice(0, 3));
    assert.equal(first.has_more, true);
    assert.equal(first.first_id, all[0]);
    assert.equal(first.last_id, all[2]);
    const info = first.data[0];
    assert.deepEqual({ type: info?.type, display_name: info?.display_name }, { type: 'model', display_name: all[0] });
    assert.ok(!Number.isNaN(Date.parse(info?.created_at ?? '')));
    const seen: string[] = [];
    for await (const m of anthropic.models.list({ limit: 2 })) seen.push(m.id);
    assert.deepEqual(seen, all);
    assert.deepEqual((await anthropic.models.list()).data.map((m) => m.id), all, 'the default limit (20) holds them all');
    const back = await anthropic.models.list({ before_id: all[4] as string, limit: 2 });
    assert.deepEqual(back.data.map((m) => m.id), all.slice(2, 4));
    assert.equal(back.has_more, true);
    const one = await anthropic.models.retrieve('team/chat');
    assert.equal(one.id, 'team/chat');
    assert.equal(one.type, 'model');
    const missing = await anthropic.models.retrieve('claude-nope').catch((e: unknown) => e);
    assert.ok(missing instanceof Anthropic.NotFoundError);
    assert.equal((missing.error as { error?: { type?: string } }).error?.type, 'not_found_error');
    const badCursor = await anthropic.models.list({ after_id: 'nope' }).catch((e: unknown) => e);
    assert.ok(badCursor instanceof Anthropic.BadRequestError);
    const badLimit = await anthropic.models.list({ limit: 0 }).catch((e: unknown) => e);
    assert.ok(badLimit instanceof Anthropic.BadRequestError);
  });

  await t.test('a key limited to some models sees and retrieves only those; no key is a 401 in each shape', async () => {
    const limited = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: LIMITED_KEY, maxRetries: 0 });
    assert.deepEqual((await limited.models.list()).data.map((m) => m.id), ['via-anthropic', 'team/chat']);
    const hidden = await limited.models.retrieve('via-openai').catch((e: unknown) => e);
    assert.ok(hidden instanceof OpenAI.NotFoundError);
    const limitedAnthropic = new Anthropic({ baseURL: stack.url, apiKey: LIMITED_KEY, maxRetries: 0 });
    assert.deepEqual((await limitedAnthropic.models.list()).data.map((m) => m.id), ['via-anthropic', 'team/chat']);
    const noKey = await fetch(`${stack.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } });
    assert.equal(noKey.status, 401);
    assert.equal(((await noKey.json()) as { type: string }).type, 'error');
    const noKeyOpenai = await fetch(`${stack.url}/v1/models/via-openai`);
    assert.equal(noKeyOpenai.status, 401);
    assert.equal(((await noKeyOpenai.json()) as { error: { type: string } }).error.type, 'authentication_error');
  });
});
