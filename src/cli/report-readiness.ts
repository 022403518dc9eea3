// `airlock report readiness`: per logical model and app, whether a fallback would take over if its first vendor
// went away (report-readiness-model.ts), with the last drill, traffic and spend concentration per vendor over the
// last 30 days and targets retiring within 90 days. Exits 3 when a logical model has no working fallback (or its
// last drill saw it stop answering), so a deploy can be gated on it.
//
// Reviews are the register's as they count now (admin changes included) when the store can be read, else the
// config's; traffic, usual data classes and drills come from the store, read-only.
import type { Config } from '../config/types.ts';
import { effectiveReview } from '../governance/register.ts';
import type { EffectiveReview } from '../governance/types.ts';
import { VendorRegister } from '../governance/vendor-register.ts';
import { retirementOf } from '../routing/deprecation.ts';
import { openRegisterState } from '../store/open.ts';
import { openStoreReader } from '../store/reader.ts';
import { oneOf, reportFlags, runReport } from './report-command.ts';
import type { ReportIo } from './report-io.ts';
import { readiness, readinessJson, READINESS_DAYS, readStoreView, unreadStore, type ModelReadiness, type StoreView } from '../reports/readiness.ts';
import { renderReadinessTable } from './report-readiness-render.ts';
import { reportConfig } from './report-source.ts';

export const READINESS_USAGE = `usage: airlock report readiness [--format table|json] [--config FILE | --store URL]
  --format  table (default) or json
  --config  the config whose logical models, vendors and policy are checked (default ./airlock.yaml, else the demo's)
  --store   read traffic, data classes, reviews and drills from this store URL instead of the config's
A working fallback is a later target on another vendor (and host) that policy lets receive the app's usual data
classes (those it sent over the last 30 days, plus the app's data_class) and that is not retired.
Exit status: 0 when every logical model has a working fallback; 3 when one has none or its last drill saw it stop
answering (gate a deploy on it); 2 for bad arguments; 1 when the config does not load.
`;

export const NOT_READY_EXIT = 3;
const DAY_MS = 86_400_000;
const FORMATS = ['table', 'json'] as const;

interface Args {
  format: (typeof FORMATS)[number];
  config: Config;
  storeUrl: string;
}

async function readStore(url: string, since: number): Promise<StoreView> {
  try {
    const reader = await openStoreReader(url);
    try {
      return await readStoreView(reader, since);
    } finally {
      await reader.close();
    }
  } catch (err) {
    return unreadStore((err as Error).message);
  }
}

/** The register's effective reviews when the store exists; the config's alone otherwise (never creates a store). */
async function reviews(config: Config, url: string, now: number): Promise<(vendor: string) => EffectiveReview> {
  const fromConfig = (vendor: string): EffectiveReview => {
    const cfg = config.vendors.get(vendor);
    return cfg === undefined ? { vendor, status: 'pending', approvedData: [], region: null, termsVersion: null, reason: 'unknown vendor' } : effectiveReview(cfg, undefined, now);
  };
  const opened = await openRegisterState(url, { shared: true, mustExist: true }).catch(() => null);
  if (opened === null) return fromConfig;
  try {
    const register = await VendorRegister.open(config.vendors, opened.state, now);
    const cache = new Map([...config.vendors.keys()].map((name) => [name, register.effective(name, now)]));
    return (vendor) => cache.get(vendor) ?? fromConfig(vendor);
  } finally {
    await opened.close();
  }
}

function parseArguments(argv: string[], io: ReportIo): Args | 'help' {
  const flags = reportFlags(argv, { format: 'table' });
  if (flags === 'help') return 'help';
  const format = oneOf('format', flags.format, FORMATS);
  const config = reportConfig(flags.config, io.env);
  return { format, config, storeUrl: flags.store ?? config.store };
}

export async function readinessReport(argv: string[], io: ReportIo): Promise<number> {
  let notReady = false;
  const code = await runReport('readiness', READINESS_USAGE, io, () => parseArguments(argv, io), async (args) => {
    const now = io.now();
    const since = now - READINESS_DAYS * DAY_MS;
    const view = await readStore(args.storeUrl, since);
    const models: ModelReadiness[] = readiness({
      config: args.config, review: await reviews(args.config, args.storeUrl, now), shares: view.shares, appClasses: view.appClasses,
      drills: view.drills, lookup: retirementOf, now, withinDays: 90,
    });
    notReady = models.some((m) => !m.ready);
    const note = `since ${new Date(since).toISOString().slice(0, 10)}`;
    if (args.format === 'json') return `${JSON.stringify(readinessJson(models, since, view.error), null, 2)}\n`;
    return renderReadinessTable(models, note, view.error);
  });
  return code === 0 && notReady ? NOT_READY_EXIT : code;
}
