import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestLogRow } from '../pipeline/ports.ts';
import type { Replayed, ReplayedModel } from '../reports/what-if.ts';
import { day, row, runReport, seededStore, tempDir } from './report-spend.fixture.ts';

const NOW = Date.UTC(2026, 10, 11);
const M = 1_000_000;

// Known history, costs binary-exact. Recorded: chat 3.5 (openai 1.5 + anthropic 2), embed 0.5, summarize never
// priced (null); total 4. chat holds 3M input tokens (0.5M of them cache reads) and 1.25M output tokens.
function history(): RequestLogRow[] {
  const mini = { logicalModel: 'chat', vendor: 'openai', vendorModel: 'gpt-4o-mini' };
  return [
    row({ ...mini, time: day(1), inputTokens: M, outputTokens: M / 2, cacheReadTokens: M / 2, costUsd: 0.75 }),
    row({ ...mini, time: day(2), inputTokens: M, outputTokens: M / 2, cacheReadTokens: null, costUsd: 0.75 }),
    row({ logicalModel: 'chat', vendor: 'anthropic', vendorModel: 'claude-3-5-haiku', time: day(3), inputTokens: M, outputTokens: M / 4, costUsd: 2 }),
    row({ logicalModel: 'embed', vendor: 'openai', vendorModel: 'text-embedding-3-small', time: day(4), inputTokens: 4 * M, outputTokens: 0, costUsd: 0.5 }),
    row({ logicalModel: 'summarize', vendor: 'onprem', vendorModel: 'llama3.1:8b', time: day(5), inputTokens: 2 * M, outputTokens: M, costUsd: null, usageReported: false }),
    // refused before any vendor: no tokens, so nothing to replay
    row({ logicalModel: 'chat', vendor: null, vendorModel: null, status: 403, time: day(5), inputTokens: null, outputTokens: null, cacheReadTokens: null, costUsd: null, usageReported: null }),
    // before the period
    row({ ...mini, time: Date.UTC(2026, 8, 1), inputTokens: M, outputTokens: M, costUsd: 100 }),
  ];
}

interface WhatIfJson {
  since: string;
  until: string;
  scenario: { prices: Record<string, { input: number; output: number; cacheRead?: number }>; routes: Record<string, string>; traffic: number };
  total: Replayed;
  models: ReplayedModel[];
  notes: string[];
}

async function whatIf(url: string, ...argv: string[]): Promise<WhatIfJson> {
  const r = await runReport(['what-if', '--store', url, '--format', 'json', ...argv], NOW);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as WhatIfJson;
}

/** [logical model, recorded, replayed, diff, diff %, unpriced requests] */
const brief = (m: ReplayedModel): [string | null, number, number, number, number | null, number] =>
  [m.logicalModel, m.recordedUsd, m.replayedUsd, m.diffUsd, m.diffPercent, m.unpricedRequests];
const money = (r: Replayed): [number, number, number, number | null] => [r.recordedUsd, r.replayedUsd, r.diffUsd, r.diffPercent];

test('what-if without a scenario: replayed equals recorded; rows never priced and unpriceable are counted apart', { timeout: 10_000 }, async (t) => {
  const r = await whatIf(await seededStore(t, history()));
  assert.equal(r.since, '2026-10-12T00:00:00Z');
  assert.deepEqual(r.scenario, { prices: {}, routes: {}, traffic: 1 });
  assert.deepEqual(r.total, {
    requests: 5, inputTokens: 9 * M, outputTokens: 2.25 * M, cacheReadTokens: M / 2,
    recordedUsd: 4, replayedUsd: 4, diffUsd: 0, diffPercent: 0, unpricedRequests: 1,
  });
  assert.deepEqual(r.models.map(brief), [['chat', 3.5, 3.5, 0, 0, 0], ['embed', 0.5, 0.5, 0, 0, 0], ['summarize', 0, 0, 0, null, 1]]);
  assert.deepEqual(r.models[0]?.replayedOn, ['anthropic/claude-3-5-haiku', 'openai/gpt-4o-mini']);
  assert.match(r.notes.join('\n'), /tokenizer would count/);
  assert.match(r.notes.join('\n'), /1 requests were never priced/);
});

test('what-if --price: the vendor model repriced, cache reads at the input price unless a third value', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t, history());
  // chat/openai: 2M input × 0.5 + 1M output × 2 = 3 (was 1.5)
  const r = await whatIf(url, '--price', 'openai/gpt-4o-mini=0.5,2');
  assert.deepEqual(r.scenario.prices, { 'openai/gpt-4o-mini': { input: 0.5, output: 2 } });
  assert.deepEqual(r.models.map(brief), [['chat', 3.5, 5, 1.5, (1.5 / 3.5) * 100, 0], ['embed', 0.5, 0.5, 0, 0, 0], ['summarize', 0, 0, 0, null, 1]]);
  assert.deepEqual(money(r.total), [4, 5.5, 1.5, 37.5]);
  // 1.5M plain input × 0.5 + 0.5M cache reads × 0.25 + 1M output × 2 = 2.875; the never-priced row priced too
  const cached = await whatIf(url, '--price', 'openai/gpt-4o-mini=0.5,2,0.25', '--price=onprem/llama3.1:8b=0.5,0.5');
  assert.deepEqual(cached.models.map(brief), [['chat', 3.5, 4.875, 1.375, (1.375 / 3.5) * 100, 0], ['embed', 0.5, 0.5, 0, 0, 0], ['summarize', 0, 1.5, 1.5, null, 0]]);
  assert.deepEqual(money(cached.total), [4, 6.875, 2.875, (2.875 / 4) * 100]);
});

test('what-if --route: all of a logical model\'s tokens at the target\'s price', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t, history());
  // chat: 3M input × 1 + 1.25M output × 5 = 9.25
  const r = await whatIf(url, '--route', 'chat=anthropic/claude-haiku-4-5', '--price', 'anthropic/claude-haiku-4-5=1,5');
  assert.deepEqual(r.scenario.routes, { chat: 'anthropic/claude-haiku-4-5' });
  assert.deepEqual(r.models.map(brief), [['chat', 3.5, 9.25, 5.75, (5.75 / 3.5) * 100, 0], ['embed', 0.5, 0.5, 0, 0, 0], ['summarize', 0, 0, 0, null, 1]]);
  assert.deepEqual(r.models[0]?.replayedOn, ['anthropic/claude-haiku-4-5']);
  assert.deepEqual(money(r.total), [4, 9.75, 5.75, 143.75]);
});

test('what-if --traffic: volumes multiplied, recorded unchanged', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t, history());
  for (const traffic of ['x3', '3', 'X3']) {
    const r = await whatIf(url, '--traffic', traffic);
    assert.equal(r.scenario.traffic, 3);
    assert.deepEqual(money(r.total), [4, 12, 8, 200]);
    assert.deepEqual(r.models.map(brief), [['chat', 3.5, 10.5, 7, 200, 0], ['embed', 0.5, 1.5, 1, 200, 0], ['summarize', 0, 0, 0, null, 1]]);
  }
  assert.deepEqual(money((await whatIf(url, '--traffic', 'x0.5')).total), [4, 2, -2, -50]);
});

test('what-if: price, route and traffic combined', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t, history());
  const r = await whatIf(
    url, '--route', 'chat=anthropic/claude-haiku-4-5', '--price', 'anthropic/claude-haiku-4-5=1,5',
    '--price', 'openai/text-embedding-3-small=0.25,0', '--price', 'onprem/llama3.1:8b=0.5,0.5', '--traffic', 'x3',
  );
  // (chat 9.25 + embed 4M × 0.25 = 1 + summarize 2M × 0.5 + 1M × 0.5 = 1.5) × 3 = 35.25
  assert.deepEqual(r.models.map(brief), [
    ['chat', 3.5, 27.75, 24.25, (24.25 / 3.5) * 100, 0], ['embed', 0.5, 3, 2.5, 500, 0], ['summarize', 0, 4.5, 4.5, null, 0],
  ]);
  assert.deepEqual(money(r.total), [4, 35.25, 31.25, 781.25]);
  assert.equal(r.total.unpricedRequests, 0);
});

test('what-if with a config: routes priced by the catalog through the vendor\'s protocol, config prices today', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t, history());
  const file = path.join(tempDir(t), 'airlock.yaml');
  fs.writeFileSync(file, [
    `store: "${url}"`,
    'vendors:',
    '  openai: { protocol: openai, base_url: "http://127.0.0.1:1/v1", region: us, review: { status: approved } }',
    '  anthropic: { protocol: anthropic, base_url: "http://127.0.0.1:1", region: us, review: { status: approved } }',
    '  onprem: { protocol: openai, base_url: "http://127.0.0.1:11434/v1", region: internal, review: { status: approved } }',
    'models:',
    '  chat: { targets: [{ vendor: openai, model: gpt-4o-mini }] }',
    'prices:',
    '  onprem/llama3.1:8b: { input: 0.5, output: 0.5 }',
    '',
  ].join('\n'));
  const run = async (...argv: string[]): Promise<WhatIfJson> => {
    const r = await runReport(['what-if', '--config', file, '--format', 'json', ...argv], NOW);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out) as WhatIfJson;
  };
  // the never-priced summarize row at today's config price: 1.5
  assert.deepEqual(money((await run()).total), [4, 5.5, 1.5, 37.5]);
  // catalog claude-haiku-4-5 at 1 / 5, cache reads 0.1: 2.5 + 0.05 + 6.25 = 8.8
  const routed = await run('--route', 'chat=anthropic/claude-haiku-4-5');
  assert.deepEqual(routed.models.map(brief)[0], ['chat', 3.5, 8.8, 8.8 - 3.5, ((8.8 - 3.5) / 3.5) * 100, 0]);
  const unknown = await runReport(['what-if', '--config', file, '--route', 'chat=nowhere/model-x'], NOW);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /no price for nowhere\/model-x \(neither the config nor the catalog prices it\); give --price nowhere\/model-x=IN,OUT/);
});

test('what-if table: one line per logical model, a total and the notes', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t, history());
  const r = await runReport(['what-if', '--store', url, '--traffic', 'x3', '--price', 'openai/gpt-4o-mini=0.5,2'], NOW);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.equal(lines[0], 'what-if 2026-10-12T00:00:00Z to 2026-11-11T00:00:00Z: price openai/gpt-4o-mini=0.5,2; traffic x3');
  assert.equal(lines[1], 'recorded 4.0000 USD, replayed 16.5000 USD, difference +12.5000 USD (+312.5%)');
  assert.match(lines[2] ?? '', /^logical model\s+requests\s+input tokens\s+output tokens\s+recorded USD\s+replayed USD\s+difference USD\s+difference\s+replayed on$/);
  assert.match(lines[3] ?? '', /^chat\s+3\s+3000000\s+1250000\s+3\.5000\s+15\.0000\s+\+11\.5000\s+\+328\.6%\s+anthropic\/claude-3-5-haiku, openai\/gpt-4o-mini$/);
  assert.match(lines[5] ?? '', /^summarize\s+1\s+2000000\s+1000000\s+0\.0000\s+0\.0000\s+0\.0000\s+-\s+onprem\/llama3\.1:8b$/);
  assert.match(lines[6] ?? '', /^total\s+5\s+9000000\s+2250000\s+4\.0000\s+16\.5000\s+\+12\.5000\s+\+312\.5%$/);
  assert.match(r.out, /note: token counts are as recorded: a different model's tokenizer would count the same text differently/);
  const empty = await runReport(['what-if', '--store', url, '--since', '1h', '--route', 'chat=openai/gpt-4o', '--price', 'openai/gpt-4o=2.5,10'], NOW);
  assert.match(empty.out, /no usage recorded in this period\n/);
  assert.match(empty.out, /note: the route of chat: no usage of logical model chat recorded in this period/);
});

test('what-if: bad arguments exit 2 with the usage', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t, history());
  for (const [argv, reason] of [
    [['--price', 'gpt-4o-mini=1,2'], /--price must be vendor\/model=IN,OUT\[,CACHE_READ\]/],
    [['--price', 'openai/gpt-4o-mini=1'], /--price must be/],
    [['--price', 'openai/gpt-4o-mini=-1,2'], /--price must be/],
    [['--price', 'openai/m=1,2', '--price', 'openai/m=3,4'], /--price openai\/m given twice/],
    [['--route', 'chat'], /--route must be logical=vendor\/model/],
    [['--route', 'chat=haiku'], /--route must be/],
    [['--route', 'chat=anthropic/claude-haiku-4-5'], /no price for anthropic\/claude-haiku-4-5 \(without a config \(--store\) only --price prices a model\)/],
    [['--traffic', 'x0'], /--traffic must be a positive multiplier/],
    [['--traffic', 'triple'], /--traffic must be/],
    [['--format', 'csv'], /--format must be one of table, json/],
    [['--since', 'soon'], /--since must be/],
    [['--by', 'team'], /Unknown option '--by'/],
    [['--config', 'a.yaml'], /give --config or --store, not both/],
  ] as const) {
    const r = await runReport(['what-if', '--store', url, ...argv], NOW);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, reason);
    assert.match(r.err, /usage: airlock report what-if/);
  }
  const missing = await runReport(['what-if', '--store', 'sqlite:/nonexistent/airlock.db'], NOW);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /does not exist/);
  const help = await runReport(['what-if', '--help'], NOW);
  assert.equal(help.code, 0);
  assert.match(help.out, /^usage: airlock report what-if/);
});
