// The gateway's log and tracer, from the config's `log:` and `traces:`.
import { trace, type Tracer } from '@opentelemetry/api';
import type { DestinationStream } from 'pino';
import type { Config } from '../config/types.ts';
import type { Log } from '../pipeline/ports.ts';
import { createLog } from './log.ts';

export interface Observability {
  log: Log;
  tracer: Tracer;
  /** sends the spans still buffered and unregisters the SDK this started, if any */
  close(): Promise<void>;
}

/** `logTo`: where the log's JSON lines go (default stderr). */
export async function observe(config: Config, logTo?: DestinationStream): Promise<Observability> {
  const log = createLog(config.log.level, logTo);
  // the SDK is loaded only when configured: without it spans are the API's no-ops, or go to an SDK the operator
  // registered with `node --import`
  const traces = config.traces === undefined ? null : (await import('./trace-export.ts')).exportTraces(config.traces, log);
  // after exportTraces registered its provider, so the tracer is the SDK's own, not a proxy asking on every span
  const tracer = trace.getTracer('airlock');
  return { log, tracer, close: async () => traces?.close() };
}
