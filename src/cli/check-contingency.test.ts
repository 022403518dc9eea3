import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCommand, type Output } from './check.ts';

function capture(): Output & { text: string } {
  const out = { text: '', write(chunk: string, done: (err?: Error | null) => void) { out.text += chunk; done(); return true; } };
  return out;
}

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test('airlock check: breaker settings, retired and retiring targets, a model with nothing left', { timeout: 5000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-check-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'airlock.yaml');
  writeFileSync(file, `breaker: { failure_rate: 0.3, min_requests: 5 }
redis: redis://127.0.0.1:6379
vendors:
  a: { protocol: openai, base_url: "http://127.0.0.1:1/v1", breaker: { open_ms: 60000 } }
  b: { protocol: anthropic, base_url: "http://127.0.0.1:2" }
prices: { a/old: { input: 0, output: 0 }, a/soon: { input: 0, output: 0 }, a/next: { input: 0, output: 0 }, a/gone: { input: 0, output: 0 } }
models:
  chat:
    targets:
      - { vendor: a, model: old, retires: ${day(-3)}, successor: b/claude-sonnet-4-5 }
      - { vendor: a, model: soon, retires: ${day(10)}, successor: next }
  dead:
    targets: [{ vendor: a, model: gone, retires: ${day(-1)} }]
`);
  const out = capture();
  const err = capture();
  assert.equal(await checkCommand(['--config', file], out, err, {}), 0, err.text);
  assert.match(out.text, new RegExp(`- models\\.chat\\.targets\\[0\\]: a/old retired on ${day(-3)} \\(config\\): b/claude-sonnet-4-5 serves in its place`));
  assert.match(out.text, new RegExp(`- models\\.chat\\.targets\\[1\\]: a/soon retires on ${day(10)} \\(in 10 days, config\\); then a/next`));
  assert.match(out.text, /- models\.dead\.targets\[0\]: a\/gone retired on .* and has no successor: it is skipped, never called/);
  assert.match(out.text, /- models\.dead: every target is retired with no successor; requests answer model_retired \(410\)/);
  assert.match(out.text, /^breakers: opens at 30% failed of ≥ 5 requests in 30 s, stays open 15 s, then 1 probe; shared through Redis \(sync every 100 ms\)$/m);
  assert.match(out.text, /^ {2}a: opens at 30% failed of ≥ 5 requests in 30 s, stays open 60 s, then 1 probe$/m);
});
