// `airlock report deprecations` as an aligned table, RFC 4180 CSV (one row per target; the apps as a JSON
// cell, as the spend export's Tags) or JSON.
import { renderTable, toCsv, type Column } from './report-format.ts';
import type { AppCalls, Deprecations, TargetDeprecation } from './report-deprecations-model.ts';

export interface Traffic {
  /** epoch ms: the request log is read from here to now */
  since: number;
  /** why the request log could not be read; the app columns are then unknown */
  error?: string;
}

export interface RenderContext {
  now: number;
  withinDays: number;
  traffic: Traffic;
}

const FEED_NOTE = "dates from the catalog's model-eol feed, a community-maintained seed set: verify each against its source";

function isoSecond(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function renderDeprecations(format: 'table' | 'csv' | 'json', report: Deprecations, ctx: RenderContext): string {
  if (format === 'json') return renderJson(report, ctx);
  if (format === 'csv') return renderCsv(report);
  return renderDeprecationTable(report, ctx);
}

function renderJson(report: Deprecations, ctx: RenderContext): string {
  const traffic = { since: isoSecond(ctx.traffic.since), until: isoSecond(ctx.now), ...(ctx.traffic.error === undefined ? {} : { error: ctx.traffic.error }) };
  const { targets, noTargetOutlives, retired, retiring, later } = report;
  return JSON.stringify({ now: isoSecond(ctx.now), withinDays: ctx.withinDays, note: FEED_NOTE, traffic, retired, retiring, later, targets, noTargetOutlives }, null, 2) + '\n';
}

const CSV_HEADER = [
  'logical_model', 'position', 'chain_length', 'vendor', 'vendor_model', 'feed_id', 'shutdown', 'date_precision', 'days_left',
  'announced', 'replacement', 'source', 'status', 'served_30d', 'apps_30d', 'no_target_outlives', 'note',
];

function renderCsv(report: Deprecations): string {
  const ends = new Map(report.noTargetOutlives.map((e) => [e.logicalModel, e.date]));
  const rows = report.targets.map((t) => [
    t.logicalModel, String(t.position), String(t.chainLength), t.vendor, t.vendorModel, t.feedId, t.shutdown, t.precision ?? '',
    String(t.daysLeft), t.announced ?? '', t.replacement ?? '', t.source ?? '', t.status, t.served === null ? '' : String(t.served),
    t.apps === null ? '' : JSON.stringify(t.apps), ends.get(t.logicalModel) ?? '', t.note ?? '',
  ]);
  return toCsv(CSV_HEADER, rows);
}

function appsCell(apps: readonly AppCalls[] | null): string {
  if (apps === null) return '?';
  if (apps.length === 0) return '-';
  return apps.map((a) => `${a.app ?? '(no app)'} ${a.requests}`).join(', ');
}

function shutdownCell(t: TargetDeprecation): string {
  return t.precision === 'earliest' ? `${t.shutdown} (earliest)` : t.shutdown;
}

const COLUMNS: Column[] = [
  { title: 'logical model' }, { title: '#', align: 'right' }, { title: 'vendor' }, { title: 'vendor model' }, { title: 'shutdown' },
  { title: 'days left', align: 'right' }, { title: 'announced' }, { title: 'replacement' }, { title: 'status' },
  { title: 'apps, 30 d' }, { title: 'served', align: 'right' }, { title: 'source' }, { title: 'note' },
];

export function renderDeprecationTable(report: Deprecations, ctx: RenderContext): string {
  const n = report.targets.length;
  const counts = `${report.retired} retired, ${report.retiring} retiring, ${report.later} later`;
  let head = `deprecations at ${isoSecond(ctx.now)}, window ${ctx.withinDays} days: ${n} target${n === 1 ? '' : 's'} with a shutdown date (${counts})\n${FEED_NOTE}\n`;
  if (ctx.traffic.error !== undefined) head += `apps unknown ('?'): ${ctx.traffic.error}\n`;
  if (n === 0) return `${head}no configured target has a shutdown date in the feed\n`;
  const rows = report.targets.map((t) => [
    t.logicalModel, `${t.position}/${t.chainLength}`, t.vendor, t.vendorModel, shutdownCell(t), String(t.daysLeft), t.announced ?? '-',
    t.replacement ?? '-', t.status, appsCell(t.apps), t.served === null ? '?' : String(t.served), t.source ?? '-', t.note ?? '',
  ]);
  const ends = report.noTargetOutlives.map((e) => `${e.logicalModel}: no target outlives ${e.date}\n`).join('');
  return head + renderTable(COLUMNS, rows) + ends;
}
