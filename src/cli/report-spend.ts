// `airlock report spend`: what the gateway's traffic cost, by team, app, key, vendor or model, over a period —
// requests, tokens, cost, each group's share of the total, and how much of the cost Airlock estimated from its
// own token count because the vendor reported no usage. `--format csv` is the chargeback export (FOCUS columns,
// see report-spend-focus.ts) at day × vendor × model × team × app × key granularity, whatever --by says.
//
// Reads the store read-only, so it works while the gateway runs (records of its last ~50 ms may be missing).
import { openStoreReader } from '../store/reader.ts';
import { SPEND_DIMENSIONS, type SpendDimension, type SpendGroup, type SpendLine } from '../store/sqlite/spend.ts';
import { renderTable, type Column } from './report-format.ts';
import { oneOf, reportFlags, runReport } from './report-command.ts';
import type { ReportIo } from './report-io.ts';
import { isoSecond, parseSince } from '../reports/period.ts';
import { share, spendJson, spendTotal, type SpendPeriod, type SpendTotal } from '../reports/spend.ts';
import { storeUrlFor } from './report-source.ts';
import { focusCsv } from './report-spend-focus.ts';

export const SPEND_USAGE = `usage: airlock report spend [--since 30d|12h|2026-01-01] [--by team|app|key|vendor|model]
                           [--format table|csv|json] [--config FILE | --store URL]
  --since   start of the period: a duration back from now (m, h, d, w) or a UTC date / ISO 8601 instant (default 30d)
  --by      the grouping of the table and json (default team); model is vendor/model
  --format  table (default), json, or csv: the chargeback export in FinOps FOCUS columns, one row per UTC day,
            vendor, vendor model, team, app, key and logical model
  --config  the config naming the store (default ./airlock.yaml, else the built-in demo's)
  --store   read this store URL instead of the config's
'estimated' is cost priced from Airlock's own token count where the vendor reported no usage.
`;

const FORMATS = ['table', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  since: number;
  by: SpendDimension;
  format: Format;
  storeUrl: string;
}

function parseArguments(argv: string[], io: ReportIo): Args | 'help' {
  const flags = reportFlags(argv, { since: '30d', by: 'team', format: 'table' });
  if (flags === 'help') return 'help';
  const format = oneOf('format', flags.format, FORMATS);
  const by = oneOf('by', flags.by, SPEND_DIMENSIONS);
  return { since: parseSince(flags.since, io.now()), by, format, storeUrl: storeUrlFor(flags, io.env) };
}

type Data = { kind: 'groups'; format: 'table' | 'json'; groups: SpendGroup[] } | { kind: 'lines'; lines: SpendLine[] };

async function read(args: Args): Promise<Data> {
  const reader = await openStoreReader(args.storeUrl);
  try {
    if (args.format === 'csv') return { kind: 'lines', lines: await reader.spend.lines(args.since) };
    return { kind: 'groups', format: args.format, groups: await reader.spend.byDimension(args.by, args.since) };
  } finally {
    await reader.close();
  }
}

export function spendReport(argv: string[], io: ReportIo): Promise<number> {
  return runReport('spend', SPEND_USAGE, io, () => parseArguments(argv, io), async (args) => {
    const data = await read(args);
    const until = io.now();
    return data.kind === 'lines' ? focusCsv(data.lines, args.since, until) : renderGroups(data.format, data.groups, { by: args.by, since: args.since, until });
  });
}

const usd = (n: number): string => n.toFixed(4);
const percent = (f: number): string => `${(f * 100).toFixed(1)}%`;

export function renderGroups(format: 'table' | 'json', groups: readonly SpendGroup[], period: SpendPeriod): string {
  if (format === 'json') return JSON.stringify(spendJson(groups, period), null, 2) + '\n';
  const total = spendTotal(groups);
  const head = `spend by ${period.by} ${isoSecond(period.since)} to ${isoSecond(period.until)}: ${total.requests} requests, ${usd(total.costUsd)} USD\n`;
  if (groups.length === 0) return `${head}no requests recorded in this period\n`;
  const columns: Column[] = [
    { title: period.by }, { title: 'requests', align: 'right' }, { title: 'input tokens', align: 'right' },
    { title: 'output tokens', align: 'right' }, { title: 'cost USD', align: 'right' }, { title: 'share', align: 'right' },
    { title: 'estimated USD', align: 'right' },
  ];
  const cells = (name: string, g: SpendTotal): string[] => [
    name, String(g.requests), String(g.inputTokens), String(g.outputTokens), usd(g.costUsd), percent(share(g.costUsd, total.costUsd)),
    usd(g.estimatedUsd),
  ];
  return head + renderTable(columns, [...groups.map((g) => cells(g.name ?? '-', g)), cells('total', total)]);
}
