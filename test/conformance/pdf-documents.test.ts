// PDFs through Airlock: an Anthropic document block, an OpenAI file part or a Responses input_file reaches every
// vendor protocol whole, after Airlock has read its text and inspected it. A PDF cannot be rewritten, so data the
// policy would change blocks it; what Airlock cannot read does not leave.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { KEY, PROTOCOLS, startStack, type Stack } from '../helpers/stack.ts';
import { AI_SDK_LINES } from './lines.ts';
import { makeBlankPdf, makeLockedPdf, makePdf } from '../helpers/pdf.ts';

// synthetic values made up for these tests
const EMAIL = 'ada.lovelace@analytical.example';
const SECRET = 'sk-proj-' + 'Q7vT2mX9kL4pR8sW1nB6yZ3cF5hJ0dG2aE7uK9iM4oN1qV8xT6rS3wP5lY2bC7';
const PLAIN = makePdf(['Quarterly report', 'Revenue grew in every region.']).toString('base64');
const PERSONAL = makePdf(['Invoice', `Billing contact: ${EMAIL}`]).toString('base64');

type Body = Record<string, unknown>;
const lastBody = (stack: Stack, p: (typeof PROTOCOLS)[number]): Body => (stack.sims[p].received.at(-1)?.body ?? {}) as Body;
const count = (stack: Stack): number => PROTOCOLS.reduce((n, p) => n + stack.sims[p].received.length, 0);

/** The PDF as each vendor protocol received it, from the last request's body. */
function pdfAt(p: (typeof PROTOCOLS)[number], body: Body): unknown {
  if (p === 'anthropic') {
    const blocks = (body.messages as { content: { type: string }[] }[])[0]?.content ?? [];
    return blocks.find((b) => b.type === 'document');
  }
  if (p === 'openai') {
    const parts = (body.messages as { content: { type: string }[] }[]).at(-1)?.content ?? [];
    return parts.find((b) => b.type === 'file');
  }
  const parts = (body.contents as { parts: { inlineData?: unknown }[] }[])[0]?.parts ?? [];
  return parts.find((x) => x.inlineData !== undefined);
}

const EXPECTED = {
  anthropic: { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PLAIN }, title: 'Q3 report' },
  openai: { type: 'file', file: { filename: 'Q3 report', file_data: `data:application/pdf;base64,${PLAIN}` } },
  gemini: { inlineData: { mimeType: 'application/pdf', data: PLAIN } },
};

async function pdfStack(t: Parameters<typeof startStack>[0]): Promise<Stack> {
  return startStack(t, {
    models: { 'via-openai': ['sim-openai/m'], 'via-anthropic': ['sim-anthropic/m'], 'via-gemini': ['sim-gemini/m'], both: ['sim-openai/m', 'sim-anthropic/m'] },
    reviews: {
      // personal data may go to Anthropic as it is; OpenAI's review leaves it out, so it is pseudonymized there
      'sim-openai': { status: 'approved', approved_data: ['public', 'internal'] },
      'sim-anthropic': { status: 'approved', approved_data: ['public', 'internal', 'personal'] },
    },
    extra: { data_policy: { credentials: 'block', personal: 'pseudonymize', payment: 'redact' } },
  });
}

test('PDF documents reach every vendor protocol whole, after inspection', { timeout: 60_000 }, async (t) => {
  const stack = await pdfStack(t);
  const anthropic = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });
  const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const document = (data: string): Anthropic.DocumentBlockParam => ({ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data }, title: 'Q3 report' });

  for (const out of PROTOCOLS) {
    await t.test(`Anthropic SDK → ${out}: the PDF arrives byte for byte beside the question`, async () => {
      const { data, response } = await anthropic.messages
        .create({ model: `via-${out}`, max_tokens: 100, messages: [{ role: 'user', content: [document(PLAIN), { type: 'text', text: 'Summarize it.' }] }] })
        .withResponse();
      assert.equal(response.status, 200);
      assert.equal(data.content[0]?.type, 'text');
      assert.deepEqual(pdfAt(out, lastBody(stack, out)), EXPECTED[out]);
      assert.equal(response.headers.get('x-airlock-redactions'), '0');
    });
  }

  await t.test('openai SDK file part → Anthropic document, and its file name kept for OpenAI vendors', async () => {
    const file = { type: 'file' as const, file: { filename: 'q3.pdf', file_data: `data:application/pdf;base64,${PLAIN}` } };
    await openai.chat.completions.create({ model: 'via-anthropic', messages: [{ role: 'user', content: [file, { type: 'text', text: 'Summarize it.' }] }] });
    assert.deepEqual(pdfAt('anthropic', lastBody(stack, 'anthropic')), { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PLAIN } });
    await openai.chat.completions.create({ model: 'via-openai', messages: [{ role: 'user', content: [file, { type: 'text', text: 'Summarize it.' }] }] });
    assert.deepEqual(pdfAt('openai', lastBody(stack, 'openai')), file);
  });

  await t.test('Responses input_file → Gemini inlineData', async () => {
    await openai.responses.create({
      model: 'via-gemini',
      input: [{ role: 'user', content: [{ type: 'input_file', filename: 'q3.pdf', file_data: `data:application/pdf;base64,${PLAIN}` }, { type: 'input_text', text: 'Summarize it.' }] }],
    });
    assert.deepEqual(pdfAt('gemini', lastBody(stack, 'gemini')), { inlineData: { mimeType: 'application/pdf', data: PLAIN } });
  });

  await t.test("count_tokens with a PDF: the vendor's count endpoint gets the document as sent", async () => {
    const counted = await anthropic.messages.countTokens({ model: 'via-anthropic', messages: [{ role: 'user', content: [document(PLAIN), { type: 'text', text: 'How long?' }] }] });
    assert.ok(counted.input_tokens > 0);
    const received = stack.sims.anthropic.received.at(-1);
    assert.equal(received?.path, '/v1/messages/count_tokens');
    assert.deepEqual(pdfAt('anthropic', (received?.body ?? {}) as Body), EXPECTED.anthropic);
  });
});

test('what a PDF holds decides where it may go, and a PDF is never rewritten', { timeout: 60_000 }, async (t) => {
  const stack = await pdfStack(t);
  const anthropic = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });
  const ask = (model: string, data: string) =>
    anthropic.messages.create({ model, max_tokens: 50, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data } }, { type: 'text', text: 'Summarize.' }] }] });

  await t.test('personal data in a PDF goes to a vendor approved for it as it is', async () => {
    await ask('via-anthropic', PERSONAL);
    assert.equal((pdfAt('anthropic', lastBody(stack, 'anthropic')) as { source: { data: string } }).source.data, PERSONAL);
    await stack.gateway.store.sink.flush();
    const flow = (await stack.gateway.store.dataFlows.since(0)).at(-1);
    assert.equal(flow?.vendor, 'sim-anthropic');
    assert.equal(flow?.action, 'allow');
    assert.ok(flow !== undefined && 'personal' in flow.classes, JSON.stringify(flow));
  });

  await t.test('where the policy would pseudonymize it, the PDF is blocked, not sent unchanged', async () => {
    const before = count(stack);
    await assert.rejects(ask('via-openai', PERSONAL), (err: unknown) => {
      assert.ok(err instanceof Anthropic.PermissionDeniedError, String(err));
      assert.match(err.message, /PDF document holds data the policy would redact or pseudonymize.*cannot rewrite a PDF/);
      return true;
    });
    assert.equal(count(stack), before, 'a vendor received the request');
  });

  await t.test('fallback passes over a target the PDF may not reach unchanged, to one it may', async () => {
    // both: sim-openai first (would pseudonymize, which a PDF cannot be), then sim-anthropic (approved as it is)
    const before = stack.sims.openai.received.length;
    const { response } = await ask('both', PERSONAL).withResponse();
    assert.equal(response.headers.get('x-airlock-vendor'), 'sim-anthropic');
    assert.equal(stack.sims.openai.received.length, before);
    assert.equal((pdfAt('anthropic', lastBody(stack, 'anthropic')) as { source: { data: string } }).source.data, PERSONAL);
  });

  await t.test('a secret in a PDF is blocked for every vendor, and recorded', async () => {
    const secret = makePdf(['Deployment notes', `OPENAI_API_KEY=${SECRET}`]).toString('base64');
    const before = count(stack);
    await assert.rejects(ask('via-anthropic', secret), (err: unknown) => err instanceof Anthropic.PermissionDeniedError && /credentials/.test(err.message));
    assert.equal(count(stack), before);
    await stack.gateway.store.sink.flush();
    const flow = (await stack.gateway.store.dataFlows.since(0)).at(-1);
    assert.equal(flow?.action, 'block');
    assert.doesNotMatch(JSON.stringify([(await stack.gateway.store.dataFlows.since(0)), (await stack.gateway.store.requestLog.recent(100))]), /Q7vT2mX9|ada\.lovelace/);
  });

  await t.test('what cannot be read is not sent: a scan, a locked PDF, a broken one, one over 100 pages', async () => {
    const before = count(stack);
    await assert.rejects(ask('via-anthropic', makeBlankPdf().toString('base64')), (err: unknown) => {
      assert.ok(err instanceof Anthropic.PermissionDeniedError);
      assert.match(err.message, /PDF document 1 has no text Airlock can read \(a scanned document\?\)/);
      return true;
    });
    await assert.rejects(ask('via-anthropic', makeLockedPdf().toString('base64')), (err: unknown) => {
      assert.ok(err instanceof Anthropic.BadRequestError);
      assert.match(err.message, /password-protected/);
      assert.equal(err.headers?.get('x-should-retry'), 'false');
      return true;
    });
    await assert.rejects(ask('via-anthropic', Buffer.from('%PDF-1.4 truncated').toString('base64')), (err: unknown) => err instanceof Anthropic.BadRequestError && /not a readable PDF/.test(err.message));
    await assert.rejects(ask('via-anthropic', makePdf(['x'], 101).toString('base64')), (err: unknown) => err instanceof Anthropic.BadRequestError && /has 101 pages; Airlock reads PDFs of up to 100 pages/.test(err.message));
    assert.equal(count(stack), before);
  });

  await t.test('PDFs Airlock would not see are refused by name: by URL, by file id, with context or citations', async () => {
    const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
    const refused = async (p: Promise<unknown>, param: RegExp): Promise<void> => {
      await assert.rejects(p, (err: unknown) => {
        assert.ok(err instanceof Anthropic.BadRequestError || err instanceof OpenAI.BadRequestError, String(err));
        assert.match(err.message, param);
        return true;
      });
    };
    const base = { model: 'via-anthropic', max_tokens: 10 };
    await refused(anthropic.messages.create({ ...base, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'url', url: 'https://example.org/x.pdf' } }] }] }), /messages\.0\.content\.0\.source\.type: a PDF by URL/);
    await refused(anthropic.messages.create({ ...base, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PLAIN }, context: 'from HR' }] }] }), /content\.0\.context/);
    await refused(anthropic.messages.create({ ...base, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PLAIN }, citations: { enabled: true } }] }] }), /content\.0\.citations/);
    await refused(openai.chat.completions.create({ model: 'via-anthropic', messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-abc' } }] }] }), /messages\[0\]\.content\[0\]\.file\.file_id'?: a file by id/);
    await refused(openai.chat.completions.create({ model: 'via-anthropic', messages: [{ role: 'user', content: [{ type: 'file', file: { file_data: 'data:text/csv;base64,YSxi', filename: 'a.csv' } }] }] }), /only base64 PDF data/);
  });
});

test('the budget hold counts a PDF as text and as page images: a long one is refused before any vendor sees it', { timeout: 60_000 }, async (t) => {
  // $3 per million input tokens; the hold for 30 pages is 30 × 1,600 tokens = $0.144 at least, over a $0.10 budget,
  // while the same PDF's text alone ("page text" 30 times) would be a few hundred tokens
  const stack = await startStack(t, {
    models: { 'via-anthropic': ['sim-anthropic/m'] },
    extra: { apps: { tests: { budget: { usd: 0.1, per: 'day', on_exceed: 'block' } } }, prices: { 'sim-anthropic/m': { input: 3, output: 15 } } },
  });
  const anthropic = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });
  const ask = (pages: number) =>
    anthropic.messages.create({
      model: 'via-anthropic',
      max_tokens: 10,
      messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: makePdf(['page text'], pages).toString('base64') } }, { type: 'text', text: 'Read.' }] }],
    });
  await ask(2);
  const before = stack.sims.anthropic.received.length;
  await assert.rejects(ask(30), (err: unknown) => err instanceof Anthropic.APIError && err.status === 402);
  assert.equal(stack.sims.anthropic.received.length, before);
});

for (const { line, ai, createAnthropic, createOpenAI } of AI_SDK_LINES) test(`the AI SDK (${line}) sends PDFs as file parts, through each of its providers`, { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, { models: { 'via-openai': ['sim-openai/m'], 'via-anthropic': ['sim-anthropic/m'], 'via-gemini': ['sim-gemini/m'] } });
  const message = { role: 'user' as const, content: [{ type: 'file' as const, data: Buffer.from(PLAIN, 'base64'), mediaType: 'application/pdf', filename: 'q3.pdf' }, { type: 'text' as const, text: 'Summarize it.' }] };
  const providers = {
    // @ai-sdk/anthropic: a document block
    anthropic: createAnthropic({ baseURL: `${stack.url}/v1`, apiKey: KEY }),
    // @ai-sdk/openai's default model: the Responses API, an input_file
    responses: createOpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY }),
    // @ai-sdk/openai's chat model: a chat file part
    chat: (id: string) => createOpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY }).chat(id),
  };
  for (const [name, provider] of Object.entries(providers)) {
    await t.test(`${name} → every protocol`, async () => {
      for (const out of PROTOCOLS) {
        const res = await ai.generateText({ model: provider(`via-${out}`), messages: [message], maxRetries: 0 });
        assert.equal(res.finishReason, 'stop');
        const sent = pdfAt(out, lastBody(stack, out)) as Body;
        // each protocol's own form (a document block, a file part, inlineData), holding the same bytes
        assert.ok(sent !== undefined, `${name} → ${out}: no PDF reached the vendor`);
        assert.ok(JSON.stringify(sent).includes(PLAIN), `${name} → ${out}: the PDF changed`);
      }
    });
  }
});

test('a PDF a tool returned (Claude Code reading a .pdf) reaches every protocol, inspected like any', { timeout: 60_000 }, async (t) => {
  const stack = await pdfStack(t);
  const anthropic = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });
  const read = (model: string, data: string) =>
    anthropic.messages.create({
      model,
      max_tokens: 50,
      tools: [{ name: 'Read', input_schema: { type: 'object', properties: { file_path: { type: 'string' } } } }],
      messages: [
        { role: 'user', content: 'What does q3.pdf say?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: 'q3.pdf' } }] },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'PDF file read' }, { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data } }] }],
        },
      ],
    });

  await t.test('Anthropic: inside the tool result, after its text', async () => {
    await read('via-anthropic', PLAIN);
    const turn = (lastBody(stack, 'anthropic').messages as { content: { type: string; content?: unknown }[] }[])[2];
    assert.deepEqual(turn?.content[0]?.content, [{ type: 'text', text: 'PDF file read' }, { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PLAIN } }]);
  });

  await t.test('OpenAI: the tool message holds the text, the file follows as a labelled user message', async () => {
    await read('via-openai', PLAIN);
    const messages = lastBody(stack, 'openai').messages as { role: string; content: unknown }[];
    assert.deepEqual(messages.slice(-2), [
      { role: 'tool', tool_call_id: 'toolu_1', content: 'PDF file read' },
      { role: 'user', content: [{ type: 'text', text: 'files returned by tool call toolu_1:' }, { type: 'file', file: { filename: 'document.pdf', file_data: `data:application/pdf;base64,${PLAIN}` } }] },
    ]);
  });

  await t.test('Gemini: after the function response, in the same turn', async () => {
    await read('via-gemini', PLAIN);
    const contents = lastBody(stack, 'gemini').contents as { role: string; parts: Record<string, unknown>[] }[];
    const last = contents.at(-1);
    assert.deepEqual(last?.parts.map((p) => Object.keys(p)[0]), ['functionResponse', 'inlineData']);
    assert.deepEqual(last?.parts[1], { inlineData: { mimeType: 'application/pdf', data: PLAIN } });
  });

  await t.test('its text is inspected: personal data where the policy would pseudonymize it blocks the request', async () => {
    const before = stack.sims.openai.received.length;
    await assert.rejects(read('via-openai', PERSONAL), (err: unknown) => err instanceof Anthropic.PermissionDeniedError && /cannot rewrite a PDF/.test(err.message));
    assert.equal(stack.sims.openai.received.length, before);
    // and a scan returned by a tool is not sent either
    await assert.rejects(read('via-anthropic', makeBlankPdf().toString('base64')), (err: unknown) => err instanceof Anthropic.PermissionDeniedError && /no text Airlock can read/.test(err.message));
  });

  await t.test('Responses function_call_output with an input_file', async () => {
    const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: KEY, maxRetries: 0 });
    await openai.responses.create({
      model: 'via-anthropic',
      input: [
        { role: 'user', content: 'What does q3.pdf say?' },
        { type: 'function_call', call_id: 'call_1', name: 'Read', arguments: '{"file_path":"q3.pdf"}' },
        { type: 'function_call_output', call_id: 'call_1', output: [{ type: 'input_text', text: 'PDF file read' }, { type: 'input_file', filename: 'q3.pdf', file_data: `data:application/pdf;base64,${PLAIN}` }] },
      ],
      tools: [{ type: 'function', name: 'Read', parameters: { type: 'object', properties: { file_path: { type: 'string' } } }, strict: false }],
    });
    const turn = (lastBody(stack, 'anthropic').messages as { content: { type: string; content?: unknown }[] }[]).at(-1);
    assert.deepEqual(turn?.content[0]?.content, [{ type: 'text', text: 'PDF file read' }, { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PLAIN } }]);
  });
});

test('PDF reads show in /metrics: by outcome, their pages and how long they took', { timeout: 60_000 }, async (t) => {
  const admin = 'pdf-metrics-admin';
  const stack = await startStack(t, { models: { 'via-anthropic': ['sim-anthropic/m'] }, extra: { admin_token: admin } });
  const anthropic = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });
  const ask = (data: string) =>
    anthropic.messages.create({ model: 'via-anthropic', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data } }, { type: 'text', text: 'Read.' }] }] });
  await ask(makePdf(['three pages'], 3).toString('base64'));
  await ask(PLAIN);
  await assert.rejects(ask(makeLockedPdf().toString('base64')), Anthropic.BadRequestError);
  const text = await (await fetch(`${stack.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } })).text();
  assert.match(text, /^airlock_pdf_reads_total\{outcome="ok"\} 2$/m);
  assert.match(text, /^airlock_pdf_reads_total\{outcome="encrypted"\} 1$/m);
  assert.match(text, /^airlock_pdf_pages_total 4$/m);
  assert.match(text, /^airlock_pdf_read_seconds_count 3$/m);
});

test('documents.max_pages sets how long a PDF Airlock reads may be', { timeout: 60_000 }, async (t) => {
  const stack = await startStack(t, { models: { 'via-anthropic': ['sim-anthropic/m'] }, extra: { documents: { max_pages: 2 } } });
  const anthropic = new Anthropic({ baseURL: stack.url, apiKey: KEY, maxRetries: 0 });
  const ask = (pages: number) =>
    anthropic.messages.create({ model: 'via-anthropic', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: makePdf(['page'], pages).toString('base64') } }] }] });
  await ask(2);
  await assert.rejects(ask(3), (err: unknown) => err instanceof Anthropic.BadRequestError && /has 3 pages; Airlock reads PDFs of up to 2 pages/.test(err.message));
});
