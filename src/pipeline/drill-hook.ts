// Where a running drill (`airlock drill`, server/drill/) reaches the call stage: asked once per vendor call, so
// it must cost next to nothing when no drill runs (the registry answers from an empty map).
import type { OutboundRequest } from '../protocols/types.ts';
import type { Timeouts } from '../config/types.ts';
import type { SendResult, VendorClient } from '../vendors/client.ts';
import { sendWithFault, type Fault } from '../vendors/fault.ts';
import type { RequestContext } from './context.ts';
import type { Cancel } from '../core/cancel.ts';

export interface DrillHook {
  /** the fault this request's call to `vendor` gets, or null */
  faultFor(ctx: RequestContext, vendor: string): Fault | null;
}

/** client.send, unless a drill injects a fault into this call. */
export function sendOrFault(
  ctx: RequestContext,
  drills: DrillHook | undefined,
  client: VendorClient,
  req: OutboundRequest,
  timeouts: Timeouts,
  signal: Cancel,
): Promise<SendResult> {
  const fault = drills === undefined ? null : drills.faultFor(ctx, client.name);
  return fault === null ? client.send(req, timeouts, signal) : sendWithFault(client, fault, req, timeouts, signal);
}
