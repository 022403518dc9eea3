import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfigFile, parseConfig } from './load.ts';

const EXAMPLE = fileURLToPath(new URL('./fixtures/product-example.yaml', import.meta.url));
const ENV = { OPENAI_API_KEY: 'sk-openai-test', ANTHROPIC_API_KEY: 'sk-ant-test', HELPDESK_KEY: 'sk-airlock-helpdesk-secret', AIRLOCK_ADMIN_TOKEN: 'admin-secret' };

test('log and traces: absent in the PRODUCT.md example, which logs at info and exports no spans', { timeout: 5000 }, () => {
  const c = loadConfigFile(EXAMPLE, ENV);
  assert.deepEqual(c.log, { level: 'info' });
  assert.equal(c.traces, undefined);
});

test('log.level and traces: read with their defaults, ${VAR} in an exporter header', { timeout: 5000 }, () => {
  const yaml = ['log: { level: debug }', 'traces:', '  otlp: http://collector:4318/v1/traces', '  headers: { x-honeycomb-team: "${HC_KEY}" }'].join('\n');
  const c = parseConfig(yaml, 'a.yaml', { HC_KEY: 'hc-secret' });
  assert.deepEqual(c.log, { level: 'debug' });
  assert.deepEqual(c.traces, { otlpUrl: 'http://collector:4318/v1/traces', sample: 1, serviceName: 'airlock', headers: { 'x-honeycomb-team': 'hc-secret' } });
  const sampled = parseConfig('traces: { otlp: "https://otel.example/v1/traces", sample: 0.25, service_name: airlock-eu }', 'b.yaml', {});
  assert.equal(sampled.traces?.sample, 0.25);
  assert.equal(sampled.traces?.serviceName, 'airlock-eu');
});

test('a bad level, a share above 1 or a non-http endpoint is an error naming file, line and key', { timeout: 5000 }, () => {
  const yaml = ['log: { level: loud }', 'traces:', '  otlp: grpc://collector:4317', '  sample: 2'].join('\n');
  let message = '';
  try {
    parseConfig(yaml, 'obs.yaml', {});
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    message = err.message;
  }
  assert.match(message, /obs\.yaml:1: log\.level: /);
  assert.match(message, /obs\.yaml:3: traces\.otlp: must be an http/);
  assert.match(message, /obs\.yaml:4: traces\.sample: /);
});
