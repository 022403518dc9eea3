// `airlock vendors list|show NAME|review NAME …`: the vendor register from the command line, against the store
// the config names. Exit codes: 0 done, 1 config, store or review refused, 2 bad command line.
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { ReviewStatus } from '../config/types.ts';
import { AirlockError } from '../core/errors.ts';
import type { AuditEvent } from '../governance/register.ts';
import type { RegisterEntry, VendorRegister } from '../governance/vendor-register.ts';
import { emit, openRegisterSession, type Output } from './register-session.ts';
import { renderTable } from './report-format.ts';

const USAGE = `usage: airlock vendors list [--config FILE]
       airlock vendors show NAME [--config FILE]
       airlock vendors review NAME --status approved|rejected|pending [--data personal,payment] [--expires YYYY-MM-DD] [--by NAME] [--config FILE]
  --config defaults to ./airlock.yaml
`;

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  status: { type: 'string' },
  data: { type: 'string' },
  expires: { type: 'string' },
  by: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function list(register: VendorRegister): string {
  const columns = ['NAME', 'PROTOCOL', 'REGION', 'STATUS', 'APPROVED DATA', 'EXPIRES', 'TERMS', 'NOTE'].map((title) => ({ title }));
  const rows: string[][] = [];
  for (const e of register.list()) {
    rows.push([e.name, e.protocol, e.region ?? '-', e.effective.status, e.effective.approvedData.join(',') || '-', e.review.expires ?? '-', e.terms.version ?? '-', e.effective.reason ?? '']);
  }
  return renderTable(columns, rows);
}

function yesNo(v: boolean | undefined): string {
  return v === undefined ? 'unknown' : v ? 'yes' : 'no';
}

function statusOf(snapshot: unknown): string {
  const s = snapshot as { status?: unknown; effective?: { status?: unknown } } | null;
  if (s === null || typeof s !== 'object') return '-';
  const eff = s.effective?.status;
  return typeof eff === 'string' ? eff : typeof s.status === 'string' ? s.status : '-';
}

function auditLine(e: AuditEvent): string {
  return `  ${new Date(e.time).toISOString()}  ${e.actor}  ${e.action}  ${statusOf(e.before)} -> ${statusOf(e.after)}\n`;
}

function show(e: RegisterEntry, events: AuditEvent[]): string {
  const t = e.terms;
  const r = e.review;
  const lines: [string, string][] = [
    ['vendor', e.name],
    ['protocol', e.protocol],
    ['base_url', e.baseUrl],
    ['region', e.region ?? '-'],
    ['terms', `version ${t.version ?? '-'}; retention ${t.retentionDays === undefined ? 'unknown' : `${t.retentionDays} days`}; trains on data ${yesNo(t.trainsOnData)}; zero data retention ${yesNo(t.zeroDataRetention)}; DPA signed ${yesNo(t.dpaSigned)}`],
    ['terms url', t.url ?? '-'],
    ['subprocessors', t.subprocessors ?? '-'],
    ['review', `${r.status}${r.reviewer ? ` by ${r.reviewer}` : ''}${r.date ? ` on ${r.date}` : ''} (from ${r.origin})`],
    ['expires', r.expires ?? 'never'],
    ['approved data', r.approvedData.join(', ') || '-'],
    ['approved terms', r.approvedTermsVersion ?? '-'],
    ['effective', `${e.effective.status}${e.effective.reason ? `: ${e.effective.reason}` : ''}`],
    ['may receive', e.effective.approvedData.join(', ') || '-'],
  ];
  const head = lines.map(([k, v]) => `${k.padEnd(15)}${v}\n`).join('');
  return `${head}audit (newest first):\n${events.length === 0 ? '  none\n' : events.map(auditLine).join('')}`;
}

function defaultActor(env: NodeJS.ProcessEnv): string {
  try {
    return os.userInfo().username;
  } catch {
    return env.USER ?? 'cli';
  }
}

async function review(register: VendorRegister, name: string, v: Values, env: NodeJS.ProcessEnv): Promise<string> {
  if (v.status === undefined) throw new AirlockError('invalid_request', '--status is required');
  const data = v.data?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const { before, after } = await register.review(name, {
    // applyChange checks the value
    status: v.status as ReviewStatus,
    ...(data === undefined ? {} : { approvedData: data }),
    ...(v.expires === undefined ? {} : { expires: v.expires }),
    by: v.by ?? defaultActor(env),
  });
  const eff = after.effective;
  return `${name}: ${before.effective.status} -> ${eff.status}${eff.reason ? ` (${eff.reason})` : ''}; may receive: ${eff.approvedData.join(', ') || '-'}; expires: ${after.review.expires ?? 'never'}\n`;
}

async function run(register: VendorRegister, sub: string, name: string | undefined, v: Values, env: NodeJS.ProcessEnv): Promise<string> {
  if (sub === 'list') return list(register);
  if (name === undefined) throw new AirlockError('invalid_request', `vendors ${sub} needs a vendor NAME`);
  if (sub === 'review') return review(register, name, v, env);
  const entry = register.show(name);
  if (entry === undefined) throw new AirlockError('not_found', `no vendor named '${name}' in the config`);
  return show(entry, await register.audit(10, name));
}

/** argv: the arguments after `vendors`. */
export async function vendorsCommand(argv: string[], stdout: Output = process.stdout, stderr: Output = process.stderr, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true }));
  } catch (err) {
    await emit(stderr, `${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [sub, name, ...extra] = positionals;
  if (values.help === true) return emit(stdout, USAGE).then(() => 0);
  if (sub === undefined || !['list', 'show', 'review'].includes(sub) || extra.length > 0 || (sub === 'list' && name !== undefined)) {
    await emit(stderr, USAGE);
    return 2;
  }
  try {
    const session = await openRegisterSession(values.config, env);
    try {
      await emit(stdout, await run(session.register, sub, name, values, env));
    } finally {
      await session.close();
    }
    return 0;
  } catch (err) {
    // ConfigError, AirlockError (unknown vendor, bad review) and store errors all end here
    if (!(err instanceof Error)) throw err;
    await emit(stderr, `airlock vendors: ${err.message}\n`);
    return 1;
  }
}
