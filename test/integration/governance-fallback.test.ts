// A fallback sends the request to more than one vendor: each gets it redacted for its own review, and the
// data-flow record names every vendor that was sent the data, not only the one that answered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { KEY, startStack } from '../helpers/stack.ts';

// synthetic value made up for this test
const EMAIL = 'grace.hopper@cobol.example';

test('every vendor a fallback sent the request to is on the data-flow record', { timeout: 30_000 }, async (t) => {
  const stack = await startStack(t, {
    models: { fb: ['sim-openai/fail-500', 'sim-anthropic/m'] },
    reviews: {
      'sim-openai': { status: 'approved', approved_data: ['public', 'internal'] },
      'sim-anthropic': { status: 'approved', approved_data: ['public', 'internal', 'personal'] },
    },
    extra: { data_policy: { personal: 'pseudonymize' } },
  });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const { data, response } = await openai.chat.completions
    .create({ model: 'fb', messages: [{ role: 'user', content: `mail ${EMAIL} today` }] })
    .withResponse();
  assert.equal(response.headers.get('x-airlock-vendor'), 'sim-anthropic');
  assert.equal(data.choices[0]?.message.content, `echo: mail ${EMAIL} today`);
  // the failing vendor is not approved for personal data: it saw only the pseudonym, twice (one retry)
  const toOpenai = stack.sims.openai.received.map((r) => JSON.stringify(r.body));
  assert.equal(toOpenai.length, 2);
  for (const body of toOpenai) assert.match(body, /<EMAIL_1>/);
  assert.match(JSON.stringify(stack.sims.anthropic.received.at(-1)?.body), /grace\.hopper/);

  await stack.gateway.store.sink.flush();
  const id = response.headers.get('x-airlock-request-id') ?? '';
  const flows = (await stack.gateway.store.dataFlows.allByRequest(id));
  assert.deepEqual(
    flows.map((f) => [f.vendor, f.action, f.classes]),
    [['sim-openai', 'pseudonymize', { personal: 1 }], ['sim-anthropic', 'allow', { personal: 1 }]],
  );
  assert.equal((await stack.gateway.store.dataFlows.byRequest(id))?.vendor, 'sim-anthropic');
  assert.equal((await stack.gateway.store.dataFlows.count(0)), 1, 'one request, however many vendors');
  const agg = (await stack.gateway.store.dataFlows.aggregate(0)).filter((a) => a.dataClass === 'personal');
  assert.deepEqual(
    agg.map((a) => [a.vendor, a.action, a.requests, a.values]),
    [['sim-anthropic', 'allow', 1, 1], ['sim-openai', 'pseudonymize', 1, 1]],
  );
  assert.doesNotMatch(JSON.stringify(flows), /grace\.hopper/);
});
