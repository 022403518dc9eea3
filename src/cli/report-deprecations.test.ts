import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { RequestLogRow } from '../pipeline/ports.ts';
import { parseCsv, row, runReport, seededStore, tempDir } from './report-spend.fixture.ts';

type After = { after(fn: () => void): void };

/** 2026-11-11T00:00:00Z: gpt-4-0613 (shutdown 2026-10-23) is 19 days retired, o3 and gpt-5-mini retire 2026-12-11 */
const NOW = Date.UTC(2026, 10, 11);
const at = (month: number, day: number): number => Date.UTC(2026, month - 1, day, 12);

// legacy: both targets retired; chat: an unlisted model first, a retiring one second; reason: retiring, then a
// date the publisher gives only as "not before"; local: nothing listed; classic: an alias of gpt-4-0613, alone.
const MODELS = `models:
  legacy: { targets: [{ vendor: openai, model: gpt-4-0613 }, { vendor: anthropic, model: claude-3-5-haiku-20241022 }] }
  chat: { targets: [{ vendor: openai, model: gpt-4o-mini }, { vendor: openai, model: gpt-5-mini-2025-08-07 }] }
  reason: { targets: [{ vendor: openai, model: o3-2025-04-16 }, { vendor: google, model: gemini-3.1-flash-lite }] }
  local: { targets: [{ vendor: onprem, model: "llama3.1:8b" }] }
  classic: { targets: [{ vendor: openai, model: gpt-4 }] }
`;

function configYaml(store: string): string {
  return `store: ${store}
vendors:
  openai: { protocol: openai, base_url: https://api.openai.com/v1 }
  anthropic: { protocol: anthropic, base_url: https://api.anthropic.com }
  google: { protocol: gemini, base_url: https://generativelanguage.googleapis.com }
  onprem: { protocol: openai, base_url: "http://127.0.0.1:11434/v1" }
${MODELS}`;
}

function history(): RequestLogRow[] {
  const helpdesk = { app: 'helpdesk', team: 'support' };
  const batch = { app: 'batch', team: 'research' };
  const legacy = { logicalModel: 'legacy' };
  return [
    row({ ...helpdesk, ...legacy, vendor: 'openai', vendorModel: 'gpt-4-0613', time: at(10, 20) }),
    row({ ...helpdesk, ...legacy, vendor: 'anthropic', vendorModel: 'claude-3-5-haiku-20241022', time: at(11, 1) }),
    row({ ...helpdesk, ...legacy, vendor: 'anthropic', vendorModel: 'claude-3-5-haiku-20241022', time: at(11, 2) }),
    // refused before any vendor: a call to the logical model that no target served
    row({ ...helpdesk, ...legacy, vendor: null, vendorModel: null, status: 403, time: at(11, 3) }),
    // more than 30 days back: not counted
    row({ ...batch, ...legacy, vendor: 'openai', vendorModel: 'gpt-4-0613', time: at(10, 1) }),
    row({ ...batch, logicalModel: 'chat', vendor: 'openai', vendorModel: 'gpt-4o-mini', time: at(11, 5) }),
    row({ ...batch, logicalModel: 'chat', vendor: 'openai', vendorModel: 'gpt-4o-mini', time: at(11, 6) }),
    row({ ...batch, logicalModel: 'chat', vendor: 'openai', vendorModel: 'gpt-4o-mini', time: at(11, 7) }),
    row({ ...batch, logicalModel: 'chat', vendor: 'openai', vendorModel: 'gpt-5-mini-2025-08-07', time: at(11, 8) }),
    row({ ...helpdesk, logicalModel: 'chat', vendor: 'openai', vendorModel: 'gpt-4o-mini', time: at(11, 9) }),
    row({ ...helpdesk, logicalModel: 'reason', vendor: 'openai', vendorModel: 'o3-2025-04-16', time: at(11, 10) }),
  ];
}

async function setup(t: After, store?: string): Promise<string> {
  const url = store ?? (await seededStore(t, history()));
  const file = path.join(tempDir(t), 'airlock.yaml');
  fs.writeFileSync(file, configYaml(url));
  return file;
}

interface Target {
  logicalModel: string; position: number; chainLength: number; vendor: string; vendorModel: string; feedId: string;
  shutdown: string; precision: string | null; daysLeft: number; announced: string | null; replacement: string | null;
  source: string | null; status: string; apps: { app: string | null; requests: number; served: number }[] | null;
  served: number | null; note: string | null; successor: string | null; origin: string;
}
interface Report {
  now: string; withinDays: number; traffic: { since: string; until: string; error?: string };
  retired: number; retiring: number; later: number; targets: Target[]; noTargetOutlives: { logicalModel: string; date: string }[];
}

async function json(argv: string[], now = NOW): Promise<{ code: number; report: Report }> {
  const r = await runReport(['deprecations', '--format', 'json', ...argv], now);
  assert.equal(r.err, '');
  return { code: r.code, report: JSON.parse(r.out) as Report };
}

const OPENAI = 'https://developers.openai.com/api/docs/deprecations';
const ANTHROPIC = 'https://platform.claude.com/docs/en/about-claude/model-deprecations';
const GOOGLE = 'https://ai.google.dev/gemini-api/docs/deprecations';
// from the shutdown day the feed's replacement serves in a retired target's place (routing/lifecycle.ts)
const FIRST_NOTE = 'replaced by openai/gpt-5.6-sol since 2026-10-23';
const ONLY_NOTE = FIRST_NOTE;
const HAIKU_NOTE = 'replaced by anthropic/claude-haiku-4-5-20251001 since 2026-02-19';

test('deprecations json: every listed target by shutdown date, days left, apps of the last 30 days; exit 3', { timeout: 10_000 }, async (t) => {
  const config = await setup(t);
  const { code, report } = await json(['--config', config]);
  assert.equal(code, 3, 'a configured target is past its shutdown date');
  assert.equal(report.now, '2026-11-11T00:00:00Z');
  assert.deepEqual(report.traffic, { since: '2026-10-12T00:00:00Z', until: '2026-11-11T00:00:00Z' });
  assert.deepEqual([report.withinDays, report.retired, report.retiring, report.later], [90, 3, 2, 1]);
  const brief = (x: Target): unknown[] => [x.logicalModel, x.position, x.vendor, x.vendorModel, x.shutdown, x.daysLeft, x.announced, x.replacement, x.status];
  assert.deepEqual(report.targets.map(brief), [
    ['legacy', 2, 'anthropic', 'claude-3-5-haiku-20241022', '2026-02-19', -265, '2025-12-19', 'claude-haiku-4-5-20251001', 'retired'],
    ['classic', 1, 'openai', 'gpt-4', '2026-10-23', -19, '2026-04-22', 'gpt-5.6-sol', 'retired'],
    ['legacy', 1, 'openai', 'gpt-4-0613', '2026-10-23', -19, '2026-04-22', 'gpt-5.6-sol', 'retired'],
    ['chat', 2, 'openai', 'gpt-5-mini-2025-08-07', '2026-12-11', 30, '2026-06-11', 'gpt-5.6-terra', 'retiring'],
    ['reason', 1, 'openai', 'o3-2025-04-16', '2026-12-11', 30, '2026-06-11', 'gpt-5.6-sol', 'retiring'],
    ['reason', 2, 'google', 'gemini-3.1-flash-lite', '2027-05-07', 177, null, 'gemini-3.5-flash-lite', 'later'],
  ]);
  assert.deepEqual(report.targets.map((x) => x.source), [ANTHROPIC, OPENAI, OPENAI, OPENAI, OPENAI, GOOGLE]);
  assert.deepEqual(report.targets.map((x) => x.note), [HAIKU_NOTE, ONLY_NOTE, FIRST_NOTE, null, null, null]);
  assert.deepEqual(report.targets.map((x) => [x.successor, x.origin]).slice(0, 3), [
    ['anthropic/claude-haiku-4-5-20251001', 'catalog'], ['openai/gpt-5.6-sol', 'catalog'], ['openai/gpt-5.6-sol', 'catalog'],
  ]);
  assert.deepEqual(report.targets.map((x) => [x.feedId, x.chainLength, x.precision]), [
    ['claude-3-5-haiku-20241022', 2, null], ['gpt-4-0613', 1, null], ['gpt-4-0613', 2, null], ['gpt-5-mini-2025-08-07', 2, null],
    ['o3-2025-04-16', 2, null], ['gemini-3.1-flash-lite', 2, 'earliest'],
  ]);
  // helpdesk's refused request counts as a call to legacy that no target served; batch's legacy call is 41 days old
  assert.deepEqual(report.targets.map((x) => [x.apps, x.served]), [
    [[{ app: 'helpdesk', requests: 4, served: 2 }], 2],
    [[], 0],
    [[{ app: 'helpdesk', requests: 4, served: 1 }], 1],
    [[{ app: 'batch', requests: 4, served: 1 }, { app: 'helpdesk', requests: 1, served: 0 }], 1],
    [[{ app: 'helpdesk', requests: 1, served: 1 }], 1],
    [[{ app: 'helpdesk', requests: 1, served: 0 }], 0],
  ]);
  assert.deepEqual(report.noTargetOutlives, [{ logicalModel: 'classic', date: '2026-10-23' }, { logicalModel: 'legacy', date: '2026-10-23' }]);
});

test('deprecations table: the source on every row, the chains that end', { timeout: 10_000 }, async (t) => {
  const config = await setup(t);
  const r = await runReport(['deprecations', '--config', config], NOW);
  assert.equal(r.code, 3);
  assert.equal(r.err, '');
  assert.equal(
    r.out,
    [
      'deprecations at 2026-11-11T00:00:00Z, window 90 days: 6 targets with a shutdown date (3 retired, 2 retiring, 1 later)',
      "dates from the catalog's model-eol feed, a community-maintained seed set: verify each against its source",
      'logical model    #  vendor     vendor model               shutdown               days left  announced   replacement                status    apps, 30 d           served  source                                                               note',
      `legacy         2/2  anthropic  claude-3-5-haiku-20241022  2026-02-19                  -265  2025-12-19  claude-haiku-4-5-20251001  retired   helpdesk 4                2  ${ANTHROPIC}  ${HAIKU_NOTE}`,
      `classic        1/1  openai     gpt-4                      2026-10-23                   -19  2026-04-22  gpt-5.6-sol                retired   -                         0  ${OPENAI}                  ${ONLY_NOTE}`,
      `legacy         1/2  openai     gpt-4-0613                 2026-10-23                   -19  2026-04-22  gpt-5.6-sol                retired   helpdesk 4                1  ${OPENAI}                  ${FIRST_NOTE}`,
      `chat           2/2  openai     gpt-5-mini-2025-08-07      2026-12-11                    30  2026-06-11  gpt-5.6-terra              retiring  batch 4, helpdesk 1       1  ${OPENAI}`,
      `reason         1/2  openai     o3-2025-04-16              2026-12-11                    30  2026-06-11  gpt-5.6-sol                retiring  helpdesk 1                1  ${OPENAI}`,
      `reason         2/2  google     gemini-3.1-flash-lite      2027-05-07 (earliest)        177  -           gemini-3.5-flash-lite      later     helpdesk 1                0  ${GOOGLE}`,
      'classic: no target outlives 2026-10-23',
      'legacy: no target outlives 2026-10-23',
      '',
    ].join('\n'),
  );
});

test('deprecations csv: one RFC 4180 row per target, parsed back', { timeout: 10_000 }, async (t) => {
  const config = await setup(t);
  const r = await runReport(['deprecations', '--config', config, '--format', 'csv'], NOW);
  assert.equal(r.code, 3);
  const [header, ...rows] = parseCsv(r.out);
  assert.deepEqual(header, [
    'logical_model', 'position', 'chain_length', 'vendor', 'vendor_model', 'feed_id', 'shutdown', 'date_precision', 'days_left',
    'announced', 'replacement', 'source', 'status', 'served_30d', 'apps_30d', 'no_target_outlives', 'note',
  ]);
  assert.equal(rows.length, 6);
  assert.deepEqual(rows[2], [
    'legacy', '1', '2', 'openai', 'gpt-4-0613', 'gpt-4-0613', '2026-10-23', '', '-19', '2026-04-22', 'gpt-5.6-sol', OPENAI, 'retired', '1',
    '[{"app":"helpdesk","requests":4,"served":1}]', '2026-10-23', FIRST_NOTE,
  ]);
  assert.deepEqual(rows[5], [
    'reason', '2', '2', 'google', 'gemini-3.1-flash-lite', 'gemini-3.1-flash-lite', '2027-05-07', 'earliest', '177', '', 'gemini-3.5-flash-lite',
    GOOGLE, 'later', '0', '[{"app":"helpdesk","requests":1,"served":0}]', '', '',
  ]);
  const chat = rows[3] ?? [];
  assert.deepEqual(JSON.parse(chat[14] ?? ''), [{ app: 'batch', requests: 4, served: 1 }, { app: 'helpdesk', requests: 1, served: 0 }]);
});

test('deprecations --within moves the window; nothing retired exits 0', { timeout: 10_000 }, async (t) => {
  const config = await setup(t);
  const wide = await json(['--config', config, '--within', '26w']);
  assert.equal(wide.code, 3);
  assert.deepEqual([wide.report.withinDays, wide.report.retiring, wide.report.later], [182, 3, 0]);
  assert.deepEqual(wide.report.noTargetOutlives.map((e) => [e.logicalModel, e.date]), [['classic', '2026-10-23'], ['legacy', '2026-10-23'], ['reason', '2027-05-07']]);
  const none = await json(['--config', config, '--within', '0d']);
  assert.deepEqual(none.report.targets.map((x) => x.status), ['retired', 'retired', 'retired', 'later', 'later', 'later']);
  // on 2026-01-01 nothing has retired yet: claude-3-5-haiku is 49 days off, inside the default window
  const before = await json(['--config', config], Date.UTC(2026, 0, 1));
  assert.equal(before.code, 0);
  assert.deepEqual(before.report.targets.map((x) => [x.vendorModel, x.daysLeft, x.status]).slice(0, 2), [['claude-3-5-haiku-20241022', 49, 'retiring'], ['gpt-4', 295, 'later']]);
  assert.ok(before.report.targets.every((x) => x.note === null));
  // the shutdown day itself counts as retired (calls stop from 00:00 UTC)
  const onTheDay = await json(['--config', config], Date.UTC(2026, 1, 19, 0, 0, 1));
  assert.equal(onTheDay.code, 3);
  assert.deepEqual(onTheDay.report.targets.map((x) => [x.daysLeft, x.status])[0], [0, 'retired']);
});

test('deprecations without a readable store: apps unknown, dates and exit code unchanged', { timeout: 10_000 }, async (t) => {
  const config = await setup(t, `sqlite:${path.join(tempDir(t), 'never-started.db')}`);
  const { code, report } = await json(['--config', config]);
  assert.equal(code, 3);
  assert.match(report.traffic.error ?? '', /does not exist/);
  assert.equal(report.targets.length, 6);
  assert.ok(report.targets.every((x) => x.apps === null && x.served === null));
  const table = await runReport(['deprecations', '--config', config], NOW);
  assert.match(table.out, /^apps unknown \('\?'\): store .*never-started\.db does not exist/m);
  assert.match(table.out, /retired {3}\?\s+\? {2}https/);
});

test('deprecations: bad arguments exit 2 with the usage; a missing config exits 1; --help documents exit 3', { timeout: 10_000 }, async (t) => {
  const config = await setup(t);
  for (const [argv, reason] of [
    [['--within', 'soon'], /--within must be a number of days or weeks like 90d or 12w; got 'soon'/],
    [['--within', '3m'], /--within must be/],
    [['--format', 'yaml'], /--format must be one of table, csv, json; got 'yaml'/],
    [['--by', 'app'], /Unknown option '--by'/],
    [['--store', 'sqlite:x.db'], /give --config or --store, not both/],
  ] as const) {
    const r = await runReport(['deprecations', '--config', config, ...argv], NOW);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, reason);
    assert.match(r.err, /usage: airlock report deprecations/);
    assert.equal(r.out, '');
  }
  const missing = await runReport(['deprecations', '--config', path.join(tempDir(t), 'nope.yaml')], NOW);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /file not found/);
  const help = await runReport(['deprecations', '--help'], NOW);
  assert.equal(help.code, 0);
  assert.match(help.out, /^usage: airlock report deprecations/);
  assert.match(help.out, /3 when printed and at least one configured target is already past its shutdown\s+date/);
  const listed = await runReport(['--help'], NOW);
  assert.match(listed.out, /deprecations \[--within 90d\]/);
  assert.doesNotMatch(listed.out, /deprecations.*not available/);
});
