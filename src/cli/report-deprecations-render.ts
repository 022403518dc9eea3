// `airlock report deprecations` as an aligned table, RFC 4180 CSV (one row per target; the apps as a JSON
// cell, as the spend export's Tags) or JSON.
import { renderTable, toCsv, type Column } from './report-format.ts';
import { deprecationsJson, FEED_NOTE, type AppCalls, type Deprecations, type RenderContext, type TargetDeprecation } from '../reports/deprecations.ts';
import { isoSecond } from '../reports/period.ts';

export function renderDeprecations(format: 'table' | 'csv' | 'json', report: Deprecations, ctx: RenderContext): string {
  if (format === 'json') return JSON.stringify(deprecationsJson(report, ctx), null, 2) + '\n';
  if (format === 'csv') return renderCsv(report);
  return renderDeprecationTable(report, ctx);
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
