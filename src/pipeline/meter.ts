// meter: cost from the vendor's reported usage. (Local counting for vendors that report none comes with the
// catalog and tokenizer work; until then such answers have unknown usage and cost, never zero.)
import type { StreamEvent, Usage } from '../core/canonical.ts';
import type { Config } from '../config/types.ts';
import { costUsd } from '../cost/price.ts';
import type { RequestContext } from './context.ts';

export function meter(ctx: RequestContext, usage: Usage | null, config: Config): void {
  ctx.usage = usage;
  ctx.costUsd = ctx.vendor === null ? null : costUsd(usage, config.prices.get(`${ctx.vendor}/${ctx.vendorModel ?? ''}`));
}

export async function* meterStream(ctx: RequestContext, events: AsyncGenerator<StreamEvent[]>, config: Config): AsyncGenerator<StreamEvent[]> {
  try {
    for await (const batch of events) {
      for (const ev of batch) if (ev.type === 'usage') meter(ctx, ev.usage, config);
      yield batch;
    }
  } finally {
    await events.return(undefined);
  }
}
