import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from './load.ts';

const VENDORS = `vendors:
  a: { protocol: openai, base_url: "http://127.0.0.1:1/v1", breaker: { min_requests: 3, open_ms: 60000 } }
  b: { protocol: anthropic, base_url: "http://127.0.0.1:2" }
`;

function problems(yaml: string): string[] {
  try {
    parseConfig(yaml, 'c.yaml', {});
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message.split('\n');
  }
  return assert.fail('expected a ConfigError');
}

test('breaker and deprecation defaults when the config says nothing', { timeout: 2000 }, () => {
  const c = parseConfig('', 'empty.yaml', {});
  assert.deepEqual(c.breaker, { windowMs: 30_000, minRequests: 10, failureRate: 0.5, openMs: 15_000, halfOpenProbes: 1, syncMs: 100 });
  assert.deepEqual(c.deprecation, { warnDays: 90 });
});

test('top-level breaker settings, and a vendor override merged over them', { timeout: 2000 }, () => {
  const c = parseConfig(`breaker: { failure_rate: 0.25, window_ms: 60000, half_open_probes: 3, sync_ms: 50 }
deprecation: { warn_days: 30 }
${VENDORS}`, 'b.yaml', {});
  assert.deepEqual(c.breaker, { windowMs: 60_000, minRequests: 10, failureRate: 0.25, openMs: 15_000, halfOpenProbes: 3, syncMs: 50 });
  assert.deepEqual(c.vendors.get('a')?.breaker, { windowMs: 60_000, minRequests: 3, failureRate: 0.25, openMs: 60_000, halfOpenProbes: 3 });
  assert.equal(c.vendors.get('b')?.breaker, undefined, 'no override: the top-level settings apply');
  assert.deepEqual(c.deprecation, { warnDays: 30 });
});

test('bad breaker values and dates name their line and key', { timeout: 2000 }, () => {
  const lines = problems(`breaker: { failure_rate: 1.5, min_requests: 0, sync_ms: 60000, open_after: 3 }
vendors:
  a: { protocol: openai, base_url: "http://127.0.0.1:1/v1", breaker: { window_ms: -5 } }
models:
  m: { targets: [{ vendor: a, model: x, retires: 2027-02-30 }] }
deprecation: { warn_days: -1 }
`);
  for (const want of [
    /^c\.yaml:1: breaker\.failure_rate: .*at most 1/,
    /^c\.yaml:1: breaker\.min_requests: /,
    /^c\.yaml:1: breaker\.sync_ms: /,
    /^c\.yaml:1: breaker\.open_after: unknown key/,
    /^c\.yaml:3: vendors\.a\.breaker\.window_ms: /,
    /^c\.yaml:5: models\.m\.targets\[0\]\.retires: is not a calendar date/,
    /^c\.yaml:6: deprecation\.warn_days: /,
  ]) assert.ok(lines.some((l) => want.test(l)), `no line matching ${want} in\n${lines.join('\n')}`);
});

test('successor: vendor/model, or a model of the same vendor; an unknown vendor prefix is warned about', { timeout: 2000 }, () => {
  const c = parseConfig(`${VENDORS}models:
  m:
    targets:
      - { vendor: a, model: x, retires: 2027-01-01, successor: b/claude-new }
      - { vendor: a, model: y, successor: y-2 }
      - { vendor: a, model: z, successor: meta-llama/Llama-3.1-8B }
`, 's.yaml', {});
  const [x, y, z] = c.models.get('m')?.targets ?? [];
  assert.deepEqual([x?.retires, x?.successor], ['2027-01-01', { vendor: 'b', model: 'claude-new' }]);
  assert.deepEqual([y?.retires, y?.successor], [undefined, { vendor: 'a', model: 'y-2' }]);
  assert.deepEqual(z?.successor, { vendor: 'a', model: 'meta-llama/Llama-3.1-8B' });
  assert.deepEqual(c.warnings, ["models.m.targets[2].successor: 'meta-llama/Llama-3.1-8B' is read as a model of vendor a (no vendor named meta-llama)"]);
});
