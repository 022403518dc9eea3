// `traces: { otlp: URL }`: registers the OpenTelemetry SDK for this process, exporting the request and vendor-call
// spans in batches over OTLP/HTTP (JSON), to a collector, Jaeger, Tempo or a vendor's endpoint. It also registers the
// W3C Trace Context propagator, so a caller's `traceparent` is continued. Loaded only when configured: a gateway
// without `traces:` never loads the SDK, and its spans stay the API's no-ops (or go to an SDK the operator registered
// with `node --import`).
import { diag, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import type { TracesConfig } from '../config/types.ts';
import type { Log } from '../pipeline/ports.ts';

export interface TraceExport {
  /** sends the spans still buffered, then unregisters the SDK */
  close(): Promise<void>;
}

export function exportTraces(config: TracesConfig, log: Log): TraceExport {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    // a caller's sampled traceparent is kept whatever `sample` says: its trace would have a hole otherwise
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sample) }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.otlpUrl, headers: config.headers }))],
  });
  if (!trace.setGlobalTracerProvider(provider)) {
    log.warn({ event: 'traces.not_registered' }, 'traces: another OpenTelemetry SDK is registered in this process; spans go to it, not to traces.otlp');
    void provider.shutdown();
    return { close: () => Promise.resolve() };
  }
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  // the SDK reports a failed export through its diagnostic logger: to the log, or nobody would hear of it
  const host = new URL(config.otlpUrl).host;
  const warn = (message: string): void => log.warn({ event: 'traces.export_failed', collector: host, error: message }, `traces: ${message}`);
  diag.setLogger({ error: warn, warn, info: () => undefined, debug: () => undefined, verbose: () => undefined }, DiagLogLevel.WARN);
  return {
    async close() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      diag.disable();
    },
  };
}
