// `airlock drill`: injects a vendor fault at a running gateway's outbound edge (its admin API, admin-drills.ts),
// waits for the drill to end (Ctrl-C stops it early) and prints its record. Also `stop`, `list` and `show`.
// Exit codes: 0 printed and every affected model kept answering; 3 printed and one stopped answering (gate on
// it); 1 the gateway could not be asked; 2 bad command line.
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DrillRecord } from '../core/drill.ts';
import { adminRequest, adminTarget, type AdminTarget } from './admin-client.ts';
import { describeDrill, renderDrill, renderDrillList } from './drill-render.ts';

const USAGE = `usage: airlock drill --vendor NAME --fault outage|errors|latency|truncate [--share 0.1] [--duration 5m] [--canary]
                     [--latency 2s] [--detach] [--format table|json] [--config FILE] [--url URL] [--token T]
       airlock drill stop [ID] [--vendor NAME]     (or: airlock drill --stop [ID])   end a drill now
       airlock drill list                                                           drills under way and recent
       airlock drill show ID                                                        one drill's record
  --fault     outage: connections refused; errors: 503 answers; latency: every call slower by --latency;
              truncate: answers cut after their first bytes. Injected by Airlock; the vendor is never touched.
  --share     the share of live requests to the vendor that get the fault (default 0.1; 0 with --canary alone)
  --canary    synthetic canary requests (a fixed harmless prompt) to every logical model that uses the vendor,
              through the whole pipeline and its policy
  --duration  how long the fault stays (default 5m; ms, s, m, h); the drill then stops by itself
  --detach    start it and return at once; \`airlock drill show ID\` prints the record later
Exit status: 0 when every affected model kept answering; 3 when one did not; 2 bad arguments; 1 gateway unreachable.
`;

const FAILED_EXIT = 3;

const OPTIONS = {
  vendor: { type: 'string' }, fault: { type: 'string' }, share: { type: 'string' }, duration: { type: 'string' },
  latency: { type: 'string' }, canary: { type: 'boolean' }, detach: { type: 'boolean' }, stop: { type: 'boolean' },
  format: { type: 'string', default: 'table' }, config: { type: 'string', short: 'c' }, url: { type: 'string' },
  token: { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (m === null) throw new UsageError(`--${flag} must be a duration like 500ms, 30s, 5m or 1h; got '${text}'`);
  return Math.round(Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h']);
}

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function startBody(v: Values): Record<string, unknown> {
  if (v.vendor === undefined || v.fault === undefined) throw new UsageError('--vendor and --fault are required');
  const body: Record<string, unknown> = { vendor: v.vendor, fault: v.fault, canary: v.canary === true };
  if (v.share !== undefined) {
    const share = Number(v.share);
    if (!Number.isFinite(share) || share < 0 || share > 1) throw new UsageError(`--share must be a number from 0 to 1; got '${v.share}'`);
    body.share = share;
  }
  if (v.duration !== undefined) body.duration_ms = parseDuration(v.duration, 'duration');
  if (v.latency !== undefined) body.latency_ms = parseDuration(v.latency, 'latency');
  return body;
}

function print(record: DrillRecord, format: string): number {
  process.stdout.write(format === 'json' ? `${JSON.stringify(record, null, 2)}\n` : renderDrill(record));
  return record.result === 'failed' ? FAILED_EXIT : 0;
}

/** Polls until the drill ends; Ctrl-C asks the gateway to stop it and still prints the record. */
async function follow(target: AdminTarget, started: DrillRecord, format: string): Promise<number> {
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
  };
  process.once('SIGINT', onSigint);
  try {
    if (process.stderr.isTTY) process.stderr.write(`${describeDrill(started)}\n`);
    for (;;) {
      if (interrupted) {
        const stopped = await adminRequest(target, 'POST', `/admin/drills/${encodeURIComponent(started.id)}/stop`, {}, 180_000);
        return print(stopped.drill as DrillRecord, format);
      }
      const now = (await adminRequest(target, 'GET', `/admin/drills/${encodeURIComponent(started.id)}`)).drill as DrillRecord;
      if (now.endedAt !== null) return print(now, format);
      if (process.stderr.isTTY) {
        const affected = now.models.reduce((n, m) => n + m.affected, 0);
        process.stderr.write(`\r${Math.round((Date.now() - now.startedAt) / 1000)}s of ${Math.round(now.durationMs / 1000)}s, ${affected} requests affected (Ctrl-C stops it)   `);
      }
      await sleep(Math.min(500, Math.max(100, started.durationMs / 10)));
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    if (process.stderr.isTTY) process.stderr.write('\n');
  }
}

async function run(v: Values, positionals: string[]): Promise<number> {
  const [sub, id] = positionals;
  const format = v.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json; got '${format}'`);
  const stopping = v.stop === true || sub === 'stop';
  const stopId = sub === 'stop' ? id : sub;
  if (sub !== undefined && !stopping && sub !== 'list' && sub !== 'show') throw new UsageError(`unknown drill command '${sub}'`);
  if (sub === 'show' && id === undefined) throw new UsageError('airlock drill show needs a drill id');
  const target = adminTarget(v, process.env);
  if (stopping) {
    const records = stopId !== undefined
      ? [(await adminRequest(target, 'POST', `/admin/drills/${encodeURIComponent(stopId)}/stop`, {}, 180_000)).drill as DrillRecord]
      : ((await adminRequest(target, 'POST', '/admin/drills/stop', v.vendor === undefined ? {} : { vendor: v.vendor }, 180_000)).drills as DrillRecord[]);
    if (records.length === 0) process.stdout.write('no drill was running\n');
    return Math.max(0, ...records.map((r) => print(r, format)));
  }
  if (sub === 'list') {
    const all = await adminRequest(target, 'GET', '/admin/drills');
    process.stdout.write(format === 'json' ? `${JSON.stringify(all, null, 2)}\n` : renderDrillList(all.running as DrillRecord[], all.recent as DrillRecord[]));
    return 0;
  }
  if (sub === 'show') return print((await adminRequest(target, 'GET', `/admin/drills/${encodeURIComponent(id ?? '')}`)).drill as DrillRecord, format);
  const body = startBody(v);
  // canaries' baseline runs before the answer: allow for a slow vendor
  const started = (await adminRequest(target, 'POST', '/admin/drills', body, 180_000)).drill as DrillRecord;
  if (v.detach === true) {
    process.stdout.write(`${describeDrill(started)}\nairlock drill show ${started.id}   prints its record; airlock drill stop ${started.id}   ends it\n`);
    return 0;
  }
  return follow(target, started, format);
}

export async function drillCommand(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help === true) {
      process.stdout.write(USAGE);
      return 0;
    }
    return await run(values, positionals);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`airlock drill: ${err.message}\n${USAGE}`);
      return 2;
    }
    process.stderr.write(`airlock drill: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
