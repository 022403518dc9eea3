import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestLogRow } from '../pipeline/ports.ts';
import { day, parseCsv, row, runReport, seededStore } from './report-spend.fixture.ts';

const NOW = Date.UTC(2026, 10, 11);
const AWKWARD = 'ops, "night"';

// Known answers: support 1.75 USD (0.25 estimated), research 2.125; total 3.875. Costs are binary-exact.
function history(): RequestLogRow[] {
  const helpdesk = { team: 'support', app: 'helpdesk', keyName: 'helpdesk-prod', logicalModel: 'chat' };
  const batch = { team: 'research', app: 'batch', keyName: 'batch-key', logicalModel: 'chat' };
  const mini = { vendor: 'openai', vendorModel: 'gpt-4o-mini' };
  return [
    row({ ...helpdesk, ...mini, time: day(1, 10), inputTokens: 1000, outputTokens: 500, costUsd: 0.5, usageReported: true }),
    row({ ...helpdesk, ...mini, time: day(1, 11), inputTokens: 200, outputTokens: 100, costUsd: 0.25, usageReported: false }),
    row({ ...helpdesk, vendor: 'anthropic', vendorModel: 'claude-3-5-haiku', time: day(2), inputTokens: 2000, outputTokens: 1000, costUsd: 1, usageReported: true }),
    row({ ...batch, ...mini, time: day(3, 1), inputTokens: 4000, outputTokens: 0, costUsd: 2, usageReported: true }),
    // refused before any vendor: counted as a request, no tokens, no cost (unknown, not zero)
    row({ ...helpdesk, vendor: null, vendorModel: null, status: 403, time: day(3, 2), inputTokens: null, outputTokens: null, cacheReadTokens: null, usageReported: null, costUsd: null }),
    row({ ...batch, vendor: 'onprem', vendorModel: 'llama3.1:8b', time: day(3, 3), inputTokens: 100, outputTokens: 50, costUsd: 0, usageReported: false }),
    row({ team: 'research', app: AWKWARD, keyName: null, logicalModel: 'chat', ...mini, time: day(3, 4), inputTokens: 10, outputTokens: 10, costUsd: 0.125, usageReported: true }),
  ];
}

interface Group { name: string | null; requests: number; inputTokens: number; outputTokens: number; costUsd: number; estimatedUsd: number; estimatedRequests: number; share: number }
interface SpendJson { by: string; total: Omit<Group, 'name' | 'share'>; groups: Group[] }

async function json(url: string, ...argv: string[]): Promise<SpendJson> {
  const r = await runReport(['spend', '--store', url, '--format', 'json', ...argv], NOW);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as SpendJson;
}

const brief = (g: Group): [string | null, number, number] => [g.name, g.requests, g.costUsd];

test('spend by team (the default): requests, tokens, cost, share, estimated part', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t, history());
  const r = await json(url);
  assert.equal(r.by, 'team');
  assert.deepEqual(r.total, { requests: 7, inputTokens: 7310, outputTokens: 1660, costUsd: 3.875, estimatedUsd: 0.25, estimatedRequests: 2 });
  assert.deepEqual(r.groups, [
    { name: 'research', requests: 3, inputTokens: 4110, outputTokens: 60, costUsd: 2.125, estimatedUsd: 0, estimatedRequests: 1, share: 2.125 / 3.875 },
    { name: 'support', requests: 4, inputTokens: 3200, outputTokens: 1600, costUsd: 1.75, estimatedUsd: 0.25, estimatedRequests: 1, share: 1.75 / 3.875 },
  ]);
});

test('spend by app, key, vendor and model, dearest first, unknown names last', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t, history());
  assert.deepEqual((await json(url, '--by', 'app')).groups.map(brief), [['batch', 2, 2], ['helpdesk', 4, 1.75], [AWKWARD, 1, 0.125]]);
  assert.deepEqual((await json(url, '--by', 'key')).groups.map(brief), [['batch-key', 2, 2], ['helpdesk-prod', 4, 1.75], [null, 1, 0.125]]);
  assert.deepEqual((await json(url, '--by', 'vendor')).groups.map(brief), [['openai', 4, 2.875], ['anthropic', 1, 1], ['onprem', 1, 0], [null, 1, 0]]);
  assert.deepEqual((await json(url, '--by=model')).groups.map(brief), [
    ['openai/gpt-4o-mini', 4, 2.875], ['anthropic/claude-3-5-haiku', 1, 1], ['onprem/llama3.1:8b', 1, 0], [null, 1, 0],
  ]);
  const since = await json(url, '--since', '2026-11-02');
  assert.deepEqual(since.groups.map(brief), [['research', 3, 2.125], ['support', 2, 1]]);
  assert.equal(since.total.estimatedUsd, 0);
});

test('spend table: aligned columns with a total row', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t, history());
  const r = await runReport(['spend', '--store', url, '--by', 'vendor', '--since', '2026-11-01'], NOW);
  assert.equal(r.code, 0, r.err);
  assert.equal(
    r.out,
    [
      'spend by vendor 2026-11-01T00:00:00Z to 2026-11-11T00:00:00Z: 7 requests, 3.8750 USD',
      'vendor     requests  input tokens  output tokens  cost USD   share  estimated USD',
      'openai            4          5210            610    2.8750   74.2%         0.2500',
      'anthropic         1          2000           1000    1.0000   25.8%         0.0000',
      'onprem            1           100             50    0.0000    0.0%         0.0000',
      '-                 1             0              0    0.0000    0.0%         0.0000',
      'total             7          7310           1660    3.8750  100.0%         0.2500',
      '',
    ].join('\n'),
  );
  const empty = await runReport(['spend', '--store', url, '--since', '1h'], NOW);
  assert.equal(empty.out, 'spend by team 2026-11-10T23:00:00Z to 2026-11-11T00:00:00Z: 0 requests, 0.0000 USD\nno requests recorded in this period\n');
});

test('csv: FOCUS chargeback rows per day and charge identity, parsed back to the exact total', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t, history());
  const r = await runReport(['spend', '--store', url, '--format', 'csv', '--since', '2026-11-01T06:00:00Z'], NOW);
  assert.equal(r.code, 0, r.err);
  const [header, ...rows] = parseCsv(r.out);
  assert.ok(header);
  assert.deepEqual(header, [
    'BilledCost', 'ListCost', 'BillingCurrency', 'ConsumedQuantity', 'ConsumedUnit', 'ChargePeriodStart', 'ChargePeriodEnd',
    'ProviderName', 'ServiceName', 'SkuId', 'Tags',
  ]);
  assert.equal(rows.length, 6, 'the two helpdesk requests of Nov 1 share one line');
  const col = (name: string): number => header.indexOf(name);
  const billed = rows.reduce((n, row) => n + Number(row[col('BilledCost')]), 0);
  assert.equal(billed, 3.875);
  assert.ok(rows.every((row) => row[col('BilledCost')] === row[col('ListCost')] && row[col('ConsumedUnit')] === 'Tokens'));
  assert.deepEqual(rows[0], [
    '0.75', '0.75', 'USD', '1800', 'Tokens', '2026-11-01T06:00:00Z', '2026-11-02T00:00:00Z', 'openai', 'gpt-4o-mini', 'openai/gpt-4o-mini',
    '{"team":"support","app":"helpdesk","key":"helpdesk-prod","logical_model":"chat"}',
  ]);
  const awkward = rows.find((row) => (JSON.parse(row[col('Tags')]!) as { app?: string }).app === AWKWARD);
  assert.deepEqual(awkward?.slice(0, 10), ['0.125', '0.125', 'USD', '20', 'Tokens', '2026-11-03T00:00:00Z', '2026-11-04T00:00:00Z', 'openai', 'gpt-4o-mini', 'openai/gpt-4o-mini']);
  const refused = rows.find((row) => row[col('ProviderName')] === '');
  assert.deepEqual(refused?.slice(0, 10), ['0', '0', 'USD', '0', 'Tokens', '2026-11-03T00:00:00Z', '2026-11-04T00:00:00Z', '', '', '']);
  const perTeam = new Map<string, number>();
  for (const row of rows) {
    const team = (JSON.parse(row[col('Tags')]!) as { team: string }).team;
    perTeam.set(team, (perTeam.get(team) ?? 0) + Number(row[col('BilledCost')]));
  }
  assert.deepEqual(Object.fromEntries(perTeam), { support: 1.75, research: 2.125 });
});

test('spend: bad arguments exit 2 with the usage; a missing store exits 1', { timeout: 10_000 }, async (t) => {
  const url = await seededStore(t, history());
  for (const [argv, reason] of [
    [['--by', 'region'], /--by must be one of team, app, key, vendor, model; got 'region'/],
    [['--format', 'cyclonedx'], /--format must be one of table, csv, json/],
    [['--since', 'soon'], /--since must be/],
    [['--config', 'a.yaml'], /give --config or --store, not both/],
  ] as const) {
    const r = await runReport(['spend', '--store', url, ...argv], NOW);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, reason);
    assert.match(r.err, /usage: airlock report spend/);
  }
  const missing = await runReport(['spend', '--store', 'sqlite:/nonexistent/airlock.db'], NOW);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /does not exist/);
  const help = await runReport(['spend', '--help'], NOW);
  assert.equal(help.code, 0);
  assert.match(help.out, /^usage: airlock report spend/);
});
