// decide, the pure part: may this vendor receive these data classes under its current review, and if not,
// what does the policy say to do. Actions combine by precedence block > reroute > pseudonymize > redact > allow.
import type { DataClass, DataPolicyConfig, PolicyAction } from '../config/types.ts';
import type { EffectiveReview } from './types.ts';

const RANK: Record<PolicyAction, number> = { allow: 0, redact: 1, pseudonymize: 2, reroute: 3, block: 4 };

export function stronger(a: PolicyAction, b: PolicyAction): PolicyAction {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Classes nobody configured: credentials never leave; anything else goes only to a vendor approved for it. */
const DEFAULT_ACTION: Record<DataClass, PolicyAction> = {
  public: 'allow',
  internal: 'reroute',
  confidential: 'reroute',
  personal: 'reroute',
  special: 'reroute',
  payment: 'reroute',
  credentials: 'block',
};

export type ResolvedPolicy = Record<DataClass, PolicyAction>;

/** The global policy, tightened (never loosened) by the app's own rules. */
export function resolvePolicy(global: DataPolicyConfig['actions'], app: Partial<Record<DataClass, PolicyAction>> | undefined): ResolvedPolicy {
  const out = { ...DEFAULT_ACTION };
  for (const cls of Object.keys(out) as DataClass[]) {
    const base = global[cls] ?? DEFAULT_ACTION[cls];
    const own = app?.[cls];
    out[cls] = own === undefined ? base : stronger(base, own);
  }
  return out;
}

export interface TargetDecision {
  action: PolicyAction;
  /** the action per present class: allow where the vendor is approved for it */
  perClass: Map<DataClass, PolicyAction>;
  /** the class that decided the action, for messages and records */
  decisive: DataClass | null;
}

export function decideTarget(present: Iterable<DataClass>, review: EffectiveReview, policy: ResolvedPolicy): TargetDecision {
  const perClass = new Map<DataClass, PolicyAction>();
  let action: PolicyAction = 'allow';
  let decisive: DataClass | null = null;
  for (const cls of present) {
    const approved = cls === 'public' || (review.status === 'approved' && review.approvedData.includes(cls));
    const a = approved ? 'allow' : policy[cls];
    perClass.set(cls, a);
    if (RANK[a] > RANK[action]) {
      action = a;
      decisive = cls;
    }
  }
  return { action, perClass, decisive };
}
