// `airlock report what-if`: replay the recorded usage of a period under other prices, routes or traffic, and
// show per logical model and in total the recorded cost, the replayed cost and the difference. The replay's
// rules are in report-what-if-replay.ts, the scenario's flags in report-what-if-scenario.ts.
//
// Reads the store read-only, so it works while the gateway runs (records of its last ~50 ms may be missing).
import type { Config } from '../config/types.ts';
import { openStoreReader } from '../store/reader.ts';
import { reportConfig } from './report-source.ts';
import { oneOf, reportFlags, runReport } from './report-command.ts';
import { renderTable, type Column } from './report-format.ts';
import type { ReportIo } from './report-io.ts';
import { isoSecond, parseSince } from '../reports/period.ts';
import { replay, whatIfJson, whatIfNotes, type Replayed, type WhatIf } from '../reports/what-if.ts';
import { parseScenario, requireRoutePrices, todaysPrices, type PriceLookup, type Scenario } from '../reports/what-if-scenario.ts';

export const WHAT_IF_USAGE = `usage: airlock report what-if [--since 30d|12h|2026-01-01] [--price vendor/model=IN,OUT[,CACHE_READ]]...
                             [--route logical=vendor/model]... [--traffic x3] [--format table|json]
                             [--config FILE | --store URL]
  --since    start of the period: a duration back from now (m, h, d, w) or a UTC date / ISO 8601 instant (default 30d)
  --price    price vendor/model at IN and OUT (and CACHE_READ) USD per million tokens instead of today's; repeatable
  --route    send all of a logical model's recorded tokens to vendor/model instead; repeatable
  --traffic  multiply the recorded volumes: x3, 3 or x0.5 (default x1)
  --format   table (default) or json
  --config   the config naming the store and today's prices (default ./airlock.yaml, else the built-in demo's)
  --store    read this store URL instead of the config's; then only --price prices a routed model
Recorded is the logged cost. Replayed reprices what --price or --route touch; the rest keeps its logged cost,
rows never priced get today's price. Token counts stay as recorded.
`;

const FORMATS = ['table', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  since: number;
  format: Format;
  storeUrl: string;
  scenario: Scenario;
  today: PriceLookup;
}

/** The config that names the store and prices; none with --store. */
function configFor(flags: { config?: string | undefined; store?: string | undefined }, env: NodeJS.ProcessEnv): Config | null {
  return flags.store !== undefined ? null : reportConfig(flags.config, env);
}

function parseArguments(argv: string[], io: ReportIo): Args | 'help' {
  const flags = reportFlags(argv, { since: '30d', format: 'table', traffic: 'x1' }, ['price', 'route']);
  if (flags === 'help') return 'help';
  const format = oneOf('format', flags.format, FORMATS);
  const since = parseSince(flags.since, io.now());
  const scenario = parseScenario(flags.price, flags.route, flags.traffic);
  const config = configFor(flags, io.env);
  const today = todaysPrices(config);
  requireRoutePrices(scenario, today, config !== null);
  return { since, format, scenario, today, storeUrl: config?.store ?? (flags.store as string) };
}

export function whatIfReport(argv: string[], io: ReportIo): Promise<number> {
  return runReport('what-if', WHAT_IF_USAGE, io, () => parseArguments(argv, io), async (args) => {
    const reader = await openStoreReader(args.storeUrl);
    let result: WhatIf;
    try {
      result = replay(await reader.usageReplay.usage(args.since), args.scenario, args.today);
    } finally {
      await reader.close();
    }
    const period = { since: args.since, until: io.now() };
    return args.format === 'json' ? JSON.stringify(whatIfJson(result, args.scenario, period), null, 2) + '\n' : renderWhatIfTable(result, args.scenario, period);
  });
}


const usd = (n: number): string => n.toFixed(4);
const signed = (n: number): string => (n > 0 ? '+' : '') + usd(n);
const percent = (p: number | null): string => (p === null ? '-' : `${p > 0 ? '+' : ''}${p.toFixed(1)}%`);

function describe(s: Scenario): string {
  const parts = [
    ...[...s.prices].map(([key, p]) => `price ${key}=${p.input},${p.output}${p.cacheRead === undefined ? '' : `,${p.cacheRead}`}`),
    ...[...s.routes].map(([logical, t]) => `route ${logical}=${t.vendor}/${t.model}`),
  ];
  if (s.traffic !== 1) parts.push(`traffic x${s.traffic}`);
  return parts.length === 0 ? 'no change (today\'s prices for rows never priced)' : parts.join('; ');
}

export function renderWhatIfTable(result: WhatIf, scenario: Scenario, period: { since: number; until: number }): string {
  const t = result.total;
  const head =
    `what-if ${isoSecond(period.since)} to ${isoSecond(period.until)}: ${describe(scenario)}\n` +
    `recorded ${usd(t.recordedUsd)} USD, replayed ${usd(t.replayedUsd)} USD, difference ${signed(t.diffUsd)} USD (${percent(t.diffPercent)})\n`;
  const footer = whatIfNotes(result, scenario).map((n) => `note: ${n}\n`).join('');
  if (result.models.length === 0) return `${head}no usage recorded in this period\n${footer}`;
  const columns: Column[] = [
    { title: 'logical model' }, { title: 'requests', align: 'right' }, { title: 'input tokens', align: 'right' },
    { title: 'output tokens', align: 'right' }, { title: 'recorded USD', align: 'right' }, { title: 'replayed USD', align: 'right' },
    { title: 'difference USD', align: 'right' }, { title: 'difference', align: 'right' }, { title: 'replayed on' },
  ];
  const cells = (name: string, r: Replayed, on: string): string[] => [
    name, String(r.requests), String(r.inputTokens), String(r.outputTokens), usd(r.recordedUsd), usd(r.replayedUsd),
    signed(r.diffUsd), percent(r.diffPercent), on,
  ];
  const rows = result.models.map((m) => cells(m.logicalModel ?? '-', m, m.replayedOn.join(', ') || '-'));
  return head + renderTable(columns, [...rows, cells('total', t, '')]) + footer;
}
