// The report readers of a SQLite file, answered by one worker thread (report-thread.ts) instead of the gateway's
// own: the admin API's reports scan the request log, which the gateway must not stop serving for. piscina keeps
// the thread (started on the first report, ended after 10 idle minutes), queues calls and restarts it if it dies.
import { Piscina } from 'piscina';
import type { StoreReaders } from '../reader.ts';
import type { ReaderCall } from './report-thread.ts';

// every method of every reader: `satisfies` fails the build when a reader gains one that is not listed here
const METHODS = {
  requestLog: { recent: true, byId: true, count: true },
  dataFlows: { byRequest: true, allByRequest: true, since: true, count: true, aggregate: true },
  spend: { byDimension: true, lines: true, daily: true },
  modelTraffic: { since: true },
  usageReplay: { usage: true },
  drills: { byId: true, recent: true, latestByVendor: true },
  readiness: { vendorShares: true, appClasses: true },
} as const satisfies { [R in keyof StoreReaders]: Record<keyof StoreReaders[R], true> };

export interface ThreadedReaders {
  readers: StoreReaders;
  close(): Promise<void>;
}

export function threadedReaders(url: string): ThreadedReaders {
  let pool: Piscina<ReaderCall, unknown> | null = null;
  const open = (): Piscina<ReaderCall, unknown> =>
    (pool ??= new Piscina<ReaderCall, unknown>({
      filename: new URL('./report-thread.ts', import.meta.url).href,
      // the thread loads TypeScript through tsx, found from here: `airlock start` may run in any folder
      execArgv: ['--import', import.meta.resolve('tsx')],
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 10 * 60_000,
    }));
  const readers: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const [reader, methods] of Object.entries(METHODS)) {
    readers[reader] = Object.fromEntries(Object.keys(methods).map((method) => [method, (...args: unknown[]) => open().run({ url, reader, method, args })]));
  }
  return {
    readers: readers as unknown as StoreReaders,
    async close() {
      const p = pool;
      pool = null;
      if (p !== null) await p.destroy();
    },
  };
}
