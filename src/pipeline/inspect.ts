// inspect: findings over every outgoing text, plus the classes the caller declared and the app's defaults.
// A caller can add a class, never remove a detection. Inspection fails closed: if a detector throws or takes
// longer than the budget, the request is blocked, not sent.
import { performance } from 'node:perf_hooks';
import type { DataClass } from '../config/types.ts';
import { AirlockError } from '../core/errors.ts';
import type { SlotKind } from '../governance/text-slots.ts';
import type { Detect, Finding } from '../governance/types.ts';

export const DATA_CLASSES: readonly DataClass[] = ['public', 'internal', 'confidential', 'personal', 'special', 'payment', 'credentials'];

export interface Inspection {
  /** findings per text slot, in slot order */
  findings: Finding[][];
  /** values found per class */
  counts: Map<DataClass, number>;
  /** every class present: detected, declared or the app's default */
  classes: Set<DataClass>;
  /** the first rule that found each class, for block messages (never the value) */
  rules: Map<DataClass, string>;
}

export function parseDeclared(header: string | string[] | undefined): DataClass[] {
  if (header === undefined) return [];
  const out: DataClass[] = [];
  for (const raw of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const c = raw.trim();
    if (c === '') continue;
    if (!DATA_CLASSES.includes(c as DataClass)) {
      throw new AirlockError('invalid_request', `x-airlock-data-class: unknown data class '${c.slice(0, 40)}' (one of ${DATA_CLASSES.join(', ')})`, {
        param: 'x-airlock-data-class',
      });
    }
    out.push(c as DataClass);
  }
  return out;
}

/** allowance per KB of inspected text, on top of the base budget */
export const INSPECT_MS_PER_KB = 0.25;

export function inspect(
  visit: (fn: (text: string, kind: SlotKind) => void) => void,
  detect: Detect,
  extraClasses: readonly DataClass[],
  budgetMs: number,
): Inspection {
  const started = performance.now();
  const findings: Finding[][] = [];
  let chars = 0;
  try {
    visit((text) => {
      chars += text.length;
      findings.push(text === '' ? [] : detect(text));
    });
  } catch (err) {
    throw new AirlockError('policy_blocked', 'request blocked: data inspection failed, and Airlock does not send what it could not inspect', { cause: err });
  }
  // The budget catches a detector gone pathological, not a big prompt or a busy machine: it grows with the text
  // at ~10x the detectors' measured cost per KB, on top of a base that absorbs scheduling and GC pauses.
  const allowedMs = budgetMs + (chars / 1024) * INSPECT_MS_PER_KB;
  if (performance.now() - started > allowedMs) {
    throw new AirlockError('policy_blocked', `request blocked: data inspection took longer than ${Math.round(allowedMs)} ms`);
  }
  const counts = new Map<DataClass, number>();
  const rules = new Map<DataClass, string>();
  for (const slot of findings) {
    for (const f of slot) {
      counts.set(f.dataClass, (counts.get(f.dataClass) ?? 0) + 1);
      if (!rules.has(f.dataClass)) rules.set(f.dataClass, f.rule);
    }
  }
  const classes = new Set<DataClass>([...counts.keys(), ...extraClasses]);
  for (const c of extraClasses) if (!rules.has(c)) rules.set(c, 'declared');
  return { findings, counts, classes, rules };
}
