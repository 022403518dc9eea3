// A gateway over simulated OpenAI and Anthropic vendors with a config written by the test, for budget, rate-limit
// and alert tests that need vendor-level settings (budgets on a vendor) the general stack helper does not expose.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { stringify } from 'yaml';
import { parseConfig } from '../../src/config/load.ts';
import { startGateway, type Gateway } from '../../src/server/gateway.ts';
import { startSimulator, type Simulator } from '../../src/simulator/server.ts';
import { KEY } from './stack.ts';

export const ADMIN = 'admin-token-for-cost-tests';

export interface CostStack {
  openai: Simulator;
  anthropic: Simulator;
  dir: string;
  /** the config document before YAML, for restarts */
  doc: Record<string, unknown>;
  start(): Promise<Gateway>;
  /** closes one gateway before the test ends (a restart) */
  stop(g: Gateway): Promise<void>;
}

/** `build` gets the simulators' base URLs and returns the whole config document. */
export async function costStack(t: TestContext, build: (urls: { openai: string; anthropic: string }, dir: string) => Record<string, unknown>): Promise<CostStack> {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-cost-'));
  const [openai, anthropic] = await Promise.all([startSimulator({ protocol: 'openai', port: 0 }), startSimulator({ protocol: 'anthropic', port: 0 })]);
  const gateways: Gateway[] = [];
  t.after(async () => {
    await Promise.all(gateways.map((g) => g.close()));
    await Promise.all([openai.close(), anthropic.close()]);
    rmSync(dir, { recursive: true, force: true });
  });
  const doc = build({ openai: `${openai.url}/v1`, anthropic: anthropic.url }, dir);
  return {
    openai,
    anthropic,
    dir,
    doc,
    async start() {
      const g = await startGateway(parseConfig(stringify(doc), join(dir, 'airlock.yaml'), {}), { port: 0 });
      gateways.push(g);
      return g;
    },
    async stop(g) {
      gateways.splice(gateways.indexOf(g), 1);
      await g.close();
    },
  };
}

export function vendor(protocol: 'openai' | 'anthropic', baseUrl: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return { protocol, base_url: baseUrl, api_key: 'sim-key', review: { status: 'approved', approved_data: ['public', 'internal'] }, retry: { max_retries: 0 }, ...more };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function chat(g: Gateway, content = 'hi', maxTokens = 10, key = KEY): Promise<Answer> {
  const res = await fetch(`${g.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat', max_tokens: maxTokens, messages: [{ role: 'user', content }] }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** polls until the counters' spent for a budget moves past `than` (settles run after the answer) */
export async function spentAbove(g: Gateway, budget: string, period: string, than: number): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const spent = await g.runtime.admit.counters.spent(budget, period);
    if (spent > than + 1e-12) return spent;
    await new Promise((r) => setTimeout(r, 10));
  }
  return g.runtime.admit.counters.spent(budget, period);
}

export const today = (): string => new Date().toISOString().slice(0, 10);
