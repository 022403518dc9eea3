// Breaker state shared by every instance through Redis, without a Redis round trip on the request path:
//   - allow() answers from this process's Breakers, as with one instance (a map lookup);
//   - record() updates them and adds the outcome to a per-circuit tally; every syncMs one EVALSHA sends all
//     tallies to BREAKER_LUA, which runs the state machine over the fleet's outcomes;
//   - a transition decided there is PUBLISHed; every instance (this one too) is subscribed and adopts it, and
//     the script's reply is adopted as well, so a lost message is made up on the next batch.
// The price: another instance sees failures up to syncMs (default 100 ms) plus one round trip late. Redis down:
// each instance keeps its own breakers, exactly as without redis:, and the sync counts its errors.
import { Redis } from 'ioredis';
import type { Clock } from '../../core/clock.ts';
import type { BreakerPort, Breakers, Outcome } from '../../routing/breaker.ts';
import { BREAKER_LUA } from './breakers-lua.ts';

interface Tally {
  vendor: string;
  model: string | undefined;
  requests: number;
  failures: number;
}

type Reply = Array<[number, number]>;

interface Scripts {
  airlockBreakers(numKeys: number, ...args: Array<string | number>): Promise<Reply>;
}

export interface SharedBreakersOptions {
  /** default 'airlock:' */
  prefix?: string;
  syncMs: number;
  clock: Clock;
}

export class SharedBreakers implements BreakerPort {
  private readonly prefix: string;
  private readonly channel: string;
  private readonly pending = new Map<string, Tally>();
  private readonly timer: NodeJS.Timeout;
  private readonly subscriber: Redis;
  private flushing: Promise<void> | null = null;
  /** batches sent, and batches that failed (Redis unreachable): for metrics */
  syncs = 0;
  syncErrors = 0;

  private constructor(
    readonly local: Breakers,
    private readonly redis: Redis,
    private readonly options: SharedBreakersOptions,
  ) {
    this.prefix = options.prefix ?? 'airlock:';
    this.channel = `${this.prefix}br`;
    redis.defineCommand('airlockBreakers', { lua: BREAKER_LUA });
    this.subscriber = redis.duplicate();
    this.subscriber.on('message', (_channel: string, message: string) => this.onMessage(message));
    // on every (re)connect: subscribe, then catch up with what was decided while away
    this.subscriber.on('ready', () => {
      this.subscriber.subscribe(this.channel).then(() => this.catchUp(), () => undefined);
    });
    this.timer = setInterval(() => void this.flush(), options.syncMs);
    this.timer.unref();
  }

  static connect(url: string, local: Breakers, options: SharedBreakersOptions): SharedBreakers {
    const client = new Redis(url, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
    // errors surface as failed batches (syncErrors); ioredis reconnects by itself
    client.on('error', () => undefined);
    const shared = new SharedBreakers(local, client, options);
    shared.subscriber.on('error', () => undefined);
    return shared;
  }

  allow(vendor: string, model: string): boolean {
    return this.local.allow(vendor, model);
  }

  record(vendor: string, model: string, outcome: Outcome): void {
    this.local.record(vendor, model, outcome);
    const failed = outcome === 'failure' ? 1 : 0;
    this.tally(vendor, undefined, failed);
    this.tally(vendor, model, failed);
  }

  /** Sends the outcomes tallied so far; resolves when Redis answered (tests and close() await it). */
  flush(): Promise<void> {
    if (this.flushing !== null) return this.flushing.then(() => this.flush());
    if (this.pending.size === 0) return Promise.resolve();
    const batch = [...this.pending.entries()];
    this.pending.clear();
    this.flushing = this.send(batch).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    this.subscriber.disconnect();
    await this.redis.quit().catch(() => undefined);
  }

  private tally(vendor: string, model: string | undefined, failed: number): void {
    const key = this.circuitKey(vendor, model);
    let t = this.pending.get(key);
    if (t === undefined) this.pending.set(key, (t = { vendor, model, requests: 0, failures: 0 }));
    t.requests++;
    t.failures += failed;
  }

  private async send(batch: Array<[string, Tally]>): Promise<void> {
    const keys = batch.map(([key]) => key);
    const args: Array<string | number> = [this.options.clock.now(), this.channel];
    for (const [, t] of batch) {
      const o = this.local.optionsFor(t.vendor);
      args.push(t.requests, t.failures, o.windowMs, o.minRequests, o.failureRate, o.openMs, o.halfOpenProbes, label(t.vendor, t.model));
    }
    this.syncs++;
    try {
      const reply = await (this.redis as unknown as Scripts).airlockBreakers(keys.length + 1, ...keys, `${this.prefix}br:all`, ...args);
      batch.forEach(([, t], i) => {
        const [state, openedAt] = reply[i] ?? [0, 0];
        if (state === 1) this.local.adopt(t.vendor, t.model, 'open', Number(openedAt));
      });
    } catch {
      this.syncErrors++;
    }
  }

  private onMessage(message: string): void {
    const [name, state, openedAt] = message.split('\n');
    if (name === undefined || (state !== 'open' && state !== 'closed')) return;
    const bar = name.indexOf('|');
    const vendor = bar === -1 ? name : name.slice(0, bar);
    const model = bar === -1 ? undefined : name.slice(bar + 1);
    this.local.adopt(vendor, model, state, Number(openedAt));
  }

  /** Every circuit that is open in Redis now, adopted: for an instance that starts or reconnects. */
  private async catchUp(): Promise<void> {
    try {
      const keys = await this.redis.smembers(`${this.prefix}br:all`);
      const now = this.options.clock.now();
      for (const key of keys) {
        const [st, oa] = await this.redis.hmget(key, 'st', 'oa');
        if (st !== '1' || oa === null) continue;
        const name = key.slice(`${this.prefix}br:`.length);
        const bar = name.indexOf('|');
        const vendor = bar === -1 ? name : name.slice(0, bar);
        if (now - Number(oa) >= this.local.optionsFor(vendor).openMs) continue;
        this.local.adopt(vendor, bar === -1 ? undefined : name.slice(bar + 1), 'open', Number(oa));
      }
    } catch {
      this.syncErrors++;
    }
  }

  private circuitKey(vendor: string, model: string | undefined): string {
    return `${this.prefix}br:${label(vendor, model)}`;
  }
}

/** vendor names hold no '|' (config schema), so the first one splits vendor from model */
function label(vendor: string, model: string | undefined): string {
  return model === undefined ? vendor : `${vendor}|${model}`;
}
