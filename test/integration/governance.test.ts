// Data governance end to end: what actually reaches the simulated vendor, what the caller gets back, and what
// is recorded, for every in-format × out-protocol pair.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { KEY, PROTOCOLS, startStack, type Stack } from '../helpers/stack.ts';

// synthetic values made up for these tests
const EMAIL = 'ada.lovelace@analytical.example';
const CARD = '4111 1111 1111 1111';
const SECRET = 'sk-proj-' + 'Q7vT2mX9kL4pR8sW1nB6yZ3cF5hJ0dG2aE7uK9iM4oN1qV8xT6rS3wP5lY2bC7';

const lastBody = (stack: Stack, p: (typeof PROTOCOLS)[number]): string => JSON.stringify(stack.sims[p].received.at(-1)?.body ?? null);

async function governed(t: Parameters<typeof startStack>[0], streamChunks = 13): Promise<Stack> {
  const models: Record<string, string[]> = {};
  for (const p of PROTOCOLS) models[`via-${p}`] = [`sim-${p}/m`];
  models['falcon'] = ['sim-openai/m', 'sim-anthropic/m'];
  return startStack(t, {
    models,
    sim: { streamChunks },
    reviews: {
      'sim-openai': { status: 'approved', approved_data: ['public', 'internal'] },
      'sim-anthropic': { status: 'approved', approved_data: ['public', 'internal', 'confidential'] },
      'sim-gemini': { status: 'approved', approved_data: ['public', 'internal'] },
    },
    extra: {
      data_policy: {
        credentials: 'block',
        payment: 'redact',
        personal: 'pseudonymize',
        confidential: 'reroute',
        special: 'reroute',
        terms: [{ match: 'Project Falcon', class: 'confidential' }],
      },
    },
  });
}

test('governance end to end', { timeout: 60_000 }, async (t) => {
  const stack = await governed(t);
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const anthropic = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });
  const prompt = `Write to ${EMAIL} about card ${CARD}, and greet ${EMAIL} again.`;

  for (const out of PROTOCOLS) {
    const model = `via-${out}`;
    await t.test(`${out}: pseudonymized at the vendor, restored for the openai SDK, streamed and not`, async () => {
      const { data, response } = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: prompt }] }).withResponse();
      const sent = lastBody(stack, out);
      assert.doesNotMatch(sent, /ada\.lovelace|4111/);
      assert.match(sent, /<EMAIL_1>.*\[CARD\].*<EMAIL_1>/);
      assert.equal(data.choices[0]?.message.content, `echo: Write to ${EMAIL} about card [CARD], and greet ${EMAIL} again.`);
      assert.equal(response.headers.get('x-airlock-redactions'), '3');
      const stream = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: prompt }], stream: true });
      let text = '';
      for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
      assert.equal(text, `echo: Write to ${EMAIL} about card [CARD], and greet ${EMAIL} again.`);
    });

    await t.test(`${out}: restored for the Anthropic SDK, streamed, and in tool results`, async () => {
      const final = await anthropic.messages.stream({ model, max_tokens: 500, messages: [{ role: 'user', content: prompt }] }).finalMessage();
      assert.equal(final.content[0]?.type === 'text' ? final.content[0].text : '', `echo: Write to ${EMAIL} about card [CARD], and greet ${EMAIL} again.`);
      const res = await anthropic.messages.create({
        model,
        max_tokens: 500,
        tools: [{ name: 'lookup', input_schema: { type: 'object', properties: { q: { type: 'string' } } } }],
        messages: [
          { role: 'user', content: 'look it up' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'x' } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: `owner: ${EMAIL}` }] },
        ],
      });
      assert.doesNotMatch(lastBody(stack, out), /ada\.lovelace/);
      assert.equal(res.content[0]?.type === 'text' ? res.content[0].text : '', `tool result: owner: ${EMAIL}`);
    });

    await t.test(`${out}: a planted secret is blocked before any vendor, in both formats`, async () => {
      const before = stack.sims[out].received.length;
      const err = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: `my key is ${SECRET}` }] }).catch((e: unknown) => e);
      assert.ok(err instanceof OpenAI.PermissionDeniedError);
      assert.match(err.message, /credentials/);
      assert.doesNotMatch(JSON.stringify(err.error), new RegExp(SECRET.slice(8, 30)));
      assert.equal(err.headers.get('x-should-retry'), 'false');
      const aerr = await anthropic.messages.create({ model, max_tokens: 10, messages: [{ role: 'user', content: `key ${SECRET}` }] }).catch((e: unknown) => e);
      assert.ok(aerr instanceof Anthropic.PermissionDeniedError);
      assert.equal(stack.sims[out].received.length, before, 'nothing reached the vendor');
    });
  }

  await t.test('fields that ride to the vendor untranslated are inspected too: user, prediction, metadata', async () => {
    await openai.chat.completions.create({
      model: 'via-openai',
      user: EMAIL,
      prediction: { type: 'content', content: `Dear ${EMAIL}, card ${CARD}` },
      messages: [{ role: 'user', content: 'draft the reply' }],
    });
    const sent = stack.sims.openai.received.at(-1)?.body as { user: string; prediction: { content: string } };
    assert.equal(sent.user, '<EMAIL_1>');
    assert.equal(sent.prediction.content, 'Dear <EMAIL_1>, card [CARD]');
    const before = stack.sims.anthropic.received.length;
    const err = await anthropic.messages
      .create({ model: 'via-anthropic', max_tokens: 10, metadata: { user_id: SECRET }, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    assert.ok(err instanceof Anthropic.PermissionDeniedError, String(err));
    assert.match(err.message, /credentials/);
    assert.equal(stack.sims.anthropic.received.length, before, 'nothing reached the vendor');
  });

  await t.test('an image given by web address is inspected too: data in its query is rewritten, inline images pass', async () => {
    const inline = 'data:image/png;base64,iVBORw0KGgo=';
    await openai.chat.completions.create({
      model: 'via-openai',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'describe these' },
            { type: 'image_url', image_url: { url: `https://img.example/chart.png?owner=${EMAIL}` } },
            { type: 'image_url', image_url: { url: inline } },
          ],
        },
      ],
    });
    const parts = (stack.sims.openai.received.at(-1)?.body as { messages: { content: { image_url?: { url: string } }[] }[] }).messages[0]?.content ?? [];
    assert.equal(parts[1]?.image_url?.url, 'https://img.example/chart.png?owner=<EMAIL_1>');
    assert.equal(parts[2]?.image_url?.url, inline);
  });

  await t.test('reroute: a confidential term skips the vendor not approved for it', async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: 'falcon', messages: [{ role: 'user', content: 'status of project falcon?' }] })
      .withResponse();
    assert.equal(response.headers.get('x-airlock-vendor'), 'sim-anthropic');
    assert.equal(data.choices[0]?.message.content, 'echo: status of project falcon?');
    const err = await openai.chat.completions.create({ model: 'via-openai', messages: [{ role: 'user', content: 'Project Falcon plans' }] }).catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.PermissionDeniedError);
    assert.match(err.message, /confidential.*reroute/);
  });

  await t.test('a declared class is added, never removes a detection', async () => {
    const err = await openai.chat.completions
      .create({ model: 'via-openai', messages: [{ role: 'user', content: 'hello' }] }, { headers: { 'x-airlock-data-class': 'special' } })
      .catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.PermissionDeniedError);
    const declaredPublic = await openai.chat.completions
      .create({ model: 'via-openai', messages: [{ role: 'user', content: `key ${SECRET}` }] }, { headers: { 'x-airlock-data-class': 'public' } })
      .catch((e: unknown) => e);
    assert.ok(declaredPublic instanceof OpenAI.PermissionDeniedError);
    const bad = await openai.chat.completions
      .create({ model: 'via-openai', messages: [{ role: 'user', content: 'x' }] }, { headers: { 'x-airlock-data-class': 'secret-stuff' } })
      .catch((e: unknown) => e);
    assert.ok(bad instanceof OpenAI.BadRequestError);
  });

  await t.test('the data-flow record and the request log hold classes and counts, never values', async () => {
    await stack.gateway.store.sink.flush();
    const flows = (await stack.gateway.store.dataFlows.since(0));
    const pseudo = flows.find((f) => f.vendor === 'sim-openai' && f.action === 'pseudonymize');
    assert.ok(pseudo);
    assert.deepEqual(pseudo.classes, { personal: 2, payment: 1 });
    const blockedFlow = flows.find((f) => f.action === 'block' && 'credentials' in f.classes);
    assert.ok(blockedFlow);
    assert.equal(blockedFlow.vendor, null);
    const rerouted = flows.find((f) => f.action === 'reroute');
    assert.equal(rerouted?.vendor, 'sim-anthropic');
    const everything = JSON.stringify([flows, (await stack.gateway.store.requestLog.recent(1000))]);
    assert.doesNotMatch(everything, /ada\.lovelace|4111 1111|Q7vT2mX9kL4pR8sW/);
  });
});
