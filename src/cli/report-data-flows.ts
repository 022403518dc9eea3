// `airlock report data-flows`: the record of processing a privacy officer asks for (GDPR Art. 30 style) —
// which data classes went to which vendor, region and terms version, from which app and team, what policy
// did, how often, and when first and last.
//
// It reads the store through a read-only connection, so it works while the gateway runs. Records the gateway
// acknowledged in the last flush interval (~50 ms), or left in the journal of a crashed gateway not yet
// restarted, are not in the store yet and so not in the report.
import type { FlowAggregate } from '../store/sqlite/data-flows.ts';
import { openStoreReader } from '../store/reader.ts';
import { renderTable, toCsv, type Column } from './report-format.ts';
import { oneOf, reportFlags, runReport } from './report-command.ts';
import type { ReportIo } from './report-io.ts';
import { flowsJson } from '../reports/data-flows.ts';
import { isoSecond, parseSince } from '../reports/period.ts';
import { storeUrlFor } from './report-source.ts';

export const DATA_FLOWS_USAGE = `usage: airlock report data-flows [--since 30d|12h|2026-01-01] [--format table|csv|json]
                                [--config FILE | --store URL]
  --since   start of the period: a duration back from now (m, h, d, w) or a UTC date / ISO 8601 instant (default 30d)
  --format  table (default), csv (RFC 4180) or json
  --config  the config naming the store (default ./airlock.yaml, else the built-in demo's)
  --store   read this store URL instead of the config's
A request carrying several data classes counts once in each class's row; 'none' rows are requests with no
sensitive class. Records written in the gateway's last ~50 ms may not be in the store yet.
`;

const FORMATS = ['table', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  since: number;
  format: Format;
  storeUrl: string;
}

function parseArguments(argv: string[], io: ReportIo): Args | 'help' {
  const flags = reportFlags(argv, { since: '30d', format: 'table' });
  if (flags === 'help') return 'help';
  const format = oneOf('format', flags.format, FORMATS);
  return { since: parseSince(flags.since, io.now()), format, storeUrl: storeUrlFor(flags, io.env) };
}

export function dataFlowsReport(argv: string[], io: ReportIo): Promise<number> {
  return runReport('data-flows', DATA_FLOWS_USAGE, io, () => parseArguments(argv, io), async (args) => {
    const reader = await openStoreReader(args.storeUrl);
    try {
      const flows = await reader.dataFlows.aggregate(args.since);
      const requests = await reader.dataFlows.count(args.since);
      return render(args.format, flows, { since: args.since, until: io.now(), requests });
    } finally {
      await reader.close();
    }
  });
}

interface Period {
  since: number;
  until: number;
  requests: number;
}

const COLUMNS: readonly Column[] = [
  { title: 'vendor' }, { title: 'region' }, { title: 'terms' }, { title: 'app' }, { title: 'team' }, { title: 'class' },
  { title: 'action' }, { title: 'requests', align: 'right' }, { title: 'values', align: 'right' }, { title: 'first' }, { title: 'last' },
];

const CSV_HEADER = [
  'vendor', 'region', 'terms_version', 'app', 'team', 'data_class', 'action', 'requests', 'values', 'first_seen', 'last_seen',
] as const;

function cells(f: FlowAggregate, empty: string): string[] {
  return [
    f.vendor ?? empty, f.region ?? empty, f.termsVersion ?? empty, f.app ?? empty, f.team ?? empty, f.dataClass, f.action,
    String(f.requests), String(f.values), isoSecond(f.firstSeen), isoSecond(f.lastSeen),
  ];
}

export function render(format: Format, flows: readonly FlowAggregate[], period: Period): string {
  switch (format) {
    case 'json':
      return JSON.stringify(flowsJson(flows), null, 2) + '\n';
    case 'csv':
      return toCsv(CSV_HEADER, flows.map((f) => cells(f, '')));
    case 'table': {
      const head = `data flows ${isoSecond(period.since)} to ${isoSecond(period.until)}: ${period.requests} requests, ${flows.length} flows\n`;
      if (flows.length === 0) return `${head}no data flows recorded in this period\n`;
      // '-' for no value: a blocked request has no vendor, region or terms.
      return head + renderTable(COLUMNS, flows.map((f) => cells(f, '-')));
    }
  }
}
