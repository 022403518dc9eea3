// `airlock report deprecations`: every configured target whose vendor model the catalog's model-eol feed gives
// a shutdown date (routing/deprecation.ts), with the days left, the feed's replacement and source, and the apps
// that called its logical model in the last 30 days. Exits 3 when a target is already past its shutdown date,
// so CI can gate a config on it.
//
// The targets come from the config; the traffic from its store, read-only. A store that cannot be read (CI has
// the config but not the gateway's database) leaves the app columns unknown and says why: the dates alone are
// what a gate needs.
import type { Config } from '../config/types.ts';
import { targetRetirement } from '../routing/lifecycle.ts';
import { openStoreReader } from '../store/reader.ts';
import type { ModelTraffic } from '../store/sqlite/model-traffic.ts';
import { oneOf, reportFlags, runReport } from './report-command.ts';
import { deprecations, TRAFFIC_DAYS, type Traffic } from '../reports/deprecations.ts';
import { parseWithin } from '../reports/period.ts';
import { renderDeprecations } from './report-deprecations-render.ts';
import type { ReportIo } from './report-io.ts';
import { reportConfig } from './report-source.ts';

export const DEPRECATIONS_USAGE = `usage: airlock report deprecations [--within 90d|12w] [--format table|csv|json] [--config FILE | --store URL]
  --within  the warning window: a target whose shutdown falls within it is 'retiring', after it 'later' (default 90d)
  --format  table (default), csv or json
  --config  the config whose logical models and store are read (default ./airlock.yaml, else the built-in demo's)
  --store   read the traffic from this store URL instead of the config's (models still from ./airlock.yaml or the demo)
Dates, replacements and sources come from the config's retires:/successor: on a target, else the catalog's
model-eol feed, a community-maintained seed set: verify a date against its source before acting on it. From
its shutdown date a target is replaced by its successor, or skipped (never called) when it has none: the note
says which. Apps are those that called the logical model in the last 30 days; 'served' counts the requests
this target answered.
Exit status: 0 when printed; 3 when printed and at least one configured target is already past its shutdown
date (gate CI on it); 2 for bad arguments; 1 when the config does not load.
`;

/** exit code when a configured target is already retired */
export const RETIRED_EXIT = 3;
const DAY_MS = 86_400_000;
const FORMATS = ['table', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  withinDays: number;
  format: Format;
  config: Config;
  storeUrl: string;
}

function parseArguments(argv: string[], io: ReportIo): Args | 'help' {
  const flags = reportFlags(argv, { within: '90d', format: 'table' });
  if (flags === 'help') return 'help';
  const format = oneOf('format', flags.format, FORMATS);
  const withinDays = parseWithin(flags.within);
  const config = reportConfig(flags.config, io.env);
  return { withinDays, format, config, storeUrl: flags.store ?? config.store };
}

async function readTraffic(storeUrl: string, since: number): Promise<{ lines: ModelTraffic[] | null; error?: string }> {
  try {
    const reader = await openStoreReader(storeUrl);
    try {
      return { lines: await reader.modelTraffic.since(since) };
    } finally {
      await reader.close();
    }
  } catch (err) {
    return { lines: null, error: (err as Error).message };
  }
}

export async function deprecationsReport(argv: string[], io: ReportIo): Promise<number> {
  let retired = false;
  const code = await runReport('deprecations', DEPRECATIONS_USAGE, io, () => parseArguments(argv, io), async (args) => {
    const now = io.now();
    const since = now - TRAFFIC_DAYS * DAY_MS;
    const read = await readTraffic(args.storeUrl, since);
    const report = deprecations({ models: args.config.models.values(), lookup: (t) => targetRetirement(t), traffic: read.lines, now, withinDays: args.withinDays });
    retired = report.retired > 0;
    const traffic: Traffic = { since, ...(read.error === undefined ? {} : { error: read.error }) };
    return renderDeprecations(args.format, report, { now, withinDays: args.withinDays, traffic });
  });
  return code === 0 && retired ? RETIRED_EXIT : code;
}
