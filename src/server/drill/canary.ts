// Synthetic canary requests for `airlock drill --canary`: a fixed, harmless prompt (public data, nothing personal)
// sent to the gateway's own listener with a key minted for the drill, so each canary runs the whole pipeline —
// identify, inspect, policy, budgets, fallback, record — exactly like a caller's request. A model that takes no
// chat request (an embeddings model) gets an embeddings canary instead.
import { setTimeout as sleep } from 'node:timers/promises';

const PROMPT = 'Airlock drill canary: reply with the single word ok.';
const CANARY_TIMEOUT_MS = 120_000;
const BASELINE_EXTRA = 3;

type Kind = 'chat' | 'embeddings';

export interface CanaryOptions {
  /** the gateway's own base URL */
  url: string;
  key: string;
  models: string[];
  intervalMs: number;
}

export class Canaries {
  private readonly kinds = new Map<string, Kind>();
  private round = 0;

  constructor(private readonly opts: CanaryOptions) {}

  /**
   * Canaries without the fault, whole and streamed, for the latency baseline: a few, so the first one's cold
   * connections do not set it.
   */
  async baseline(): Promise<void> {
    await Promise.all(this.opts.models.map(async (model) => {
      if (await this.send(model, 'chat', false)) this.kinds.set(model, 'chat');
      else if (await this.send(model, 'embeddings', false)) this.kinds.set(model, 'embeddings');
      const kind = this.kinds.get(model);
      if (kind === undefined) return;
      for (let i = 0; i < BASELINE_EXTRA; i++) await this.send(model, kind, kind === 'chat' && i % 2 === 0);
    }));
  }

  /** A round of canaries per interval until `signal` aborts; the round under way finishes. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      this.round++;
      // alternate whole and streamed answers: a truncated body and a cut stream fail differently
      const stream = this.round % 2 === 0;
      await Promise.all(this.opts.models.map((m) => this.send(m, this.kinds.get(m) ?? 'chat', stream && this.kinds.get(m) !== 'embeddings')));
      try {
        await sleep(this.opts.intervalMs, undefined, { signal });
      } catch {
        return;
      }
    }
  }

  private async send(model: string, kind: Kind, stream: boolean): Promise<boolean> {
    const path = kind === 'chat' ? '/v1/chat/completions' : '/v1/embeddings';
    const body = kind === 'chat' ? { model, messages: [{ role: 'user', content: PROMPT }], max_tokens: 16, stream } : { model, input: PROMPT };
    try {
      const res = await fetch(`${this.opts.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.opts.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(CANARY_TIMEOUT_MS),
      });
      await res.arrayBuffer();
      return res.ok;
    } catch {
      // the gateway records the canary's outcome itself; a canary that could not even be sent counts as nothing
      return false;
    }
  }
}
