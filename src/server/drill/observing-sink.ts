// The record sink the pipeline writes to, with running drills looking over its shoulder: each request-log row is
// shown to the drill registry before it goes to the store. With no drill running that is one size check.
import type { DataFlowRow, RecordSink, RequestLogRow } from '../../pipeline/ports.ts';
import type { DrillRegistry } from './registry.ts';

export function observingSink(inner: RecordSink, drills: DrillRegistry): RecordSink {
  return {
    write(row: RequestLogRow, flow?: DataFlowRow): void {
      drills.observe(row);
      inner.write(row, flow);
    },
    writeFlow: (row) => inner.writeFlow(row),
    flush: () => inner.flush(),
    close: () => inner.close(),
  };
}
