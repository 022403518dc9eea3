// `airlock status`: asks a running gateway (its admin API) for breakers, vendors' review state and budgets' burn.
// Exit codes: 0 printed, 1 the gateway could not be asked, 2 bad command line.
import { parseArgs } from 'node:util';
import { reportConfig } from './report-source.ts';
import { renderTable } from './report-format.ts';
import { renderTransitions, type TransitionLine } from './status-transitions.ts';
import type { DrillRecord } from '../core/drill.ts';
import { describeDrill } from './drill-render.ts';

const USAGE = `usage: airlock status [--config FILE] [--url URL] [--token TOKEN]
  --config  the gateway's config (default ./airlock.yaml): its listen address and admin_token
  --url     the gateway's address instead of the config's listen address
  --token   the admin token instead of the config's admin_token (or AIRLOCK_ADMIN_TOKEN)
`;

interface Status {
  time: string;
  breakers: { vendor: string; model?: string; state: string; failures: number; requests: number }[];
  vendors: { name: string; status: string; approvedData: string[]; reason: string | null }[];
  budgets: { budget: string; period: string; spentUsd: number; limitUsd: number; onExceed: string; resetAt: string }[];
  breakerTransitions?: TransitionLine[];
  /** drills under way (absent from a gateway without drills) */
  drills?: DrillRecord[];
}

export function renderStatus(s: Status): string {
  const breakers = s.breakers.length === 0 ? 'breakers: none tripped or tracked yet\n'
    : renderTable([{ title: 'vendor' }, { title: 'model' }, { title: 'breaker' }, { title: 'failures', align: 'right' }, { title: 'requests', align: 'right' }],
      s.breakers.map((b) => [b.vendor, b.model ?? '(vendor)', b.state, String(b.failures), String(b.requests)]));
  const vendors = renderTable([{ title: 'vendor' }, { title: 'review' }, { title: 'approved data' }, { title: 'note' }],
    s.vendors.map((v) => [v.name, v.status, v.approvedData.join(',') || '-', v.reason ?? '']));
  const budgets = s.budgets.length === 0 ? 'budgets: none configured\n'
    : renderTable([{ title: 'budget' }, { title: 'period' }, { title: 'spent', align: 'right' }, { title: 'limit', align: 'right' }, { title: 'burn', align: 'right' }, { title: 'on exceed' }, { title: 'resets' }],
      s.budgets.map((b) => [b.budget, b.period, b.spentUsd.toFixed(4), b.limitUsd.toFixed(2), `${((100 * b.spentUsd) / b.limitUsd).toFixed(1)}%`, b.onExceed, b.resetAt]));
  const drills = (s.drills ?? []).length === 0 ? 'drills: none under way\n' : (s.drills ?? []).map((d) => `${describeDrill(d)}\n`).join('');
  return `status at ${s.time}\n\n${breakers}${renderTransitions(s.breakerTransitions)}\n${vendors}\n${budgets}\n${drills}`;
}

export async function statusCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { config: { type: 'string', short: 'c' }, url: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (err) {
    process.stderr.write(`airlock status: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    const config = values.url !== undefined && values.token !== undefined ? null : reportConfig(values.config, process.env);
    const url = values.url ?? `http://${config?.listen.host ?? '127.0.0.1'}:${config?.listen.port ?? 8080}`;
    const token = values.token ?? process.env.AIRLOCK_ADMIN_TOKEN ?? config?.adminToken;
    if (token === undefined) throw new Error('no admin token: set admin_token in the config, AIRLOCK_ADMIN_TOKEN or --token');
    // a CLI call, not the data plane: fetch() is fine here
    const res = await fetch(`${url}/admin/status`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`the gateway at ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    process.stdout.write(renderStatus((await res.json()) as Status));
    return 0;
  } catch (err) {
    process.stderr.write(`airlock status: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
