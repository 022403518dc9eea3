import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RETRY, DEFAULT_TIMEOUTS, hashKey, loadConfigFile, parseConfig } from './load.ts';
import type { Config } from './types.ts';

const EXAMPLE = fileURLToPath(new URL('./fixtures/product-example.yaml', import.meta.url));
const ENV = { OPENAI_API_KEY: 'sk-openai-test', ANTHROPIC_API_KEY: 'sk-ant-test', HELPDESK_KEY: 'sk-airlock-helpdesk-secret', AIRLOCK_ADMIN_TOKEN: 'admin-secret' };

// Maps and nested objects flattened, so "the plain key is nowhere in the config" can be asserted on text.
function dump(config: Config): string {
  return JSON.stringify(config, (_k, v: unknown): unknown => (v instanceof Map ? (Object.fromEntries(v) as unknown) : v));
}

test('the PRODUCT.md example loads into the expected normalized config', { timeout: 5000 }, () => {
  const c = loadConfigFile(EXAMPLE, ENV);
  assert.equal(c.source, EXAMPLE);
  assert.deepEqual(c.listen, { host: '127.0.0.1', port: 8080 });
  assert.equal(c.store, 'sqlite:./airlock.db');
  assert.equal(c.redis, null);
  assert.equal(c.adminToken, 'admin-secret');
  assert.equal(c.logContent, false);
  assert.deepEqual([...c.vendors.keys()], ['openai', 'anthropic', 'onprem']);
  assert.deepEqual(c.vendors.get('openai'), {
    name: 'openai',
    protocol: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    apiKey: 'sk-openai-test',
    region: 'us',
    terms: { version: '2026-01-01', retentionDays: 30, trainsOnData: false, zeroDataRetention: false, dpaSigned: true, url: 'https://openai.com/policies' },
    review: { status: 'approved', expires: '2027-06-30', approvedData: ['public', 'internal', 'personal'] },
    timeouts: DEFAULT_TIMEOUTS,
    retry: DEFAULT_RETRY,
    headers: {},
  });
  assert.deepEqual(c.vendors.get('anthropic')?.review, { status: 'pending', approvedData: [] });
  assert.equal(c.vendors.get('anthropic')?.terms.version, '2025-09-01');
  const onprem = c.vendors.get('onprem');
  assert.equal(onprem?.apiKey, undefined);
  assert.equal(onprem?.baseUrl, 'http://127.0.0.1:11434/v1');
  assert.deepEqual(onprem?.review.approvedData, ['public', 'internal', 'confidential', 'personal', 'special', 'payment']);
  assert.deepEqual(
    c.models.get('chat')?.targets.map((t) => `${t.vendor}/${t.model}`),
    ['openai/gpt-4o-mini', 'anthropic/claude-3-5-haiku-20241022', 'onprem/llama3.1:8b'],
  );
  assert.deepEqual(c.models.get('embed')?.targets, [{ vendor: 'openai', model: 'text-embedding-3-small', timeouts: DEFAULT_TIMEOUTS }]);
  assert.deepEqual(c.dataPolicy, {
    actions: { credentials: 'block', payment: 'redact', personal: 'pseudonymize', special: 'reroute', confidential: 'reroute' },
    terms: [
      { match: 'Project Falcon', class: 'confidential' },
      { regex: 'ACME-[0-9]{6}', class: 'confidential' },
    ],
  });
  assert.deepEqual(c.teams.get('support'), { name: 'support', budget: { usd: 500, per: 'month', onExceed: 'block' } });
  assert.deepEqual(c.apps.get('helpdesk'), {
    name: 'helpdesk',
    team: 'support',
    budget: { usd: 50, per: 'day', onExceed: 'block' },
    rate: { rpm: 600, tpm: 200000 },
  });
  assert.deepEqual(c.keys, [{ name: 'helpdesk-prod', app: 'helpdesk', hash: hashKey('sk-airlock-helpdesk-secret') }]);
  assert.deepEqual(c.prices.get('onprem/llama3.1:8b'), { input: 0, output: 0 });
  assert.deepEqual(c.warnings, []);
});

test('keys are kept only as sha256 hashes', { timeout: 5000 }, () => {
  const c = loadConfigFile(EXAMPLE, ENV);
  assert.equal(hashKey('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.notEqual(c.keys[0]?.hash, ENV.HELPDESK_KEY);
  assert.match(c.keys[0]?.hash ?? '', /^[0-9a-f]{64}$/);
  assert.ok(!dump(c).includes(ENV.HELPDESK_KEY));
  assert.ok(dump(c).includes('sk-openai-test'), 'vendor keys are needed to call vendors and stay');
});

test('an unset key variable drops that key with a warning; an unset admin token turns the admin API off', { timeout: 5000 }, () => {
  const { HELPDESK_KEY: _k, AIRLOCK_ADMIN_TOKEN: _a, ...env } = ENV;
  const c = loadConfigFile(EXAMPLE, env);
  assert.deepEqual(c.keys, []);
  assert.equal(c.adminToken, undefined);
  assert.equal(c.warnings.length, 2);
  assert.match(c.warnings.join('\n'), /product-example\.yaml:4: admin_token: environment variable AIRLOCK_ADMIN_TOKEN is not set; the admin API is off/);
  assert.match(c.warnings.join('\n'), /product-example\.yaml:52: keys\[0\]\.key: environment variable HELPDESK_KEY is not set; key helpdesk-prod is dropped/);
});

test('${VAR:-default}, empty variables, escapes and typed interpolation', { timeout: 5000 }, () => {
  const yaml = [
    'listen: { host: "${HOST:-0.0.0.0}", port: ${PORT:-9090} }',
    'log_content: ${LOG:-true}',
    'vendors:',
    '  v: { protocol: openai, base_url: "${BASE:-http://localhost:1234/v1/}", api_key: "pre-$${LITERAL}-${KEY}" }',
  ].join('\n');
  const c = parseConfig(yaml, 'a.yaml', { KEY: 'k1', HOST: '' });
  assert.deepEqual(c.listen, { host: '0.0.0.0', port: 9090 });
  assert.equal(c.logContent, true);
  assert.equal(c.vendors.get('v')?.baseUrl, 'http://localhost:1234/v1', 'trailing slash stripped');
  assert.equal(c.vendors.get('v')?.apiKey, 'pre-${LITERAL}-k1');
});

test('a variable value cannot inject YAML structure', { timeout: 5000 }, () => {
  const yaml = 'vendors:\n  v: { protocol: openai, base_url: "http://x", api_key: ${KEY} }\n';
  const evil = 'x }\n  evil: { protocol: openai, base_url: "http://evil" ';
  const c = parseConfig(yaml, 'a.yaml', { KEY: evil });
  assert.deepEqual([...c.vendors.keys()], ['v']);
  assert.equal(c.vendors.get('v')?.apiKey, evil);
});

test('unquoted dates and numbers in text fields keep the characters as written', { timeout: 5000 }, () => {
  const yaml = [
    'vendors:',
    '  v:',
    '    protocol: openai',
    '    base_url: http://x/',
    '    terms: { version: 2026-01-01 }',
    '    review: { status: approved, date: 2025-12-01, expires: 2027-06-30T00:00:00Z, by: alice }',
    '  w: { protocol: gemini, base_url: "http://y", terms: { version: 1.10 } }',
    'models:',
    '  m: { targets: [v/3.5, "w/models/gemini-2.0-flash", { vendor: v, model: 4, timeouts: { first_byte_ms: 1000 } }] }',
  ].join('\n');
  const c = parseConfig(yaml, 'a.yaml', {});
  assert.equal(c.vendors.get('v')?.terms.version, '2026-01-01');
  assert.deepEqual(c.vendors.get('v')?.review, { status: 'approved', reviewer: 'alice', date: '2025-12-01', expires: '2027-06-30', approvedData: [] });
  assert.equal(c.vendors.get('w')?.terms.version, '1.10');
  const targets = c.models.get('m')?.targets ?? [];
  assert.deepEqual(targets.map((t) => [t.vendor, t.model]), [['v', '3.5'], ['w', 'models/gemini-2.0-flash'], ['v', '4']]);
  assert.equal(targets[2]?.timeouts.firstByteMs, 1000);
  assert.equal(targets[2]?.timeouts.connectMs, DEFAULT_TIMEOUTS.connectMs);
});

test('vendor timeouts, retry and headers override defaults; an empty file is the default config', { timeout: 5000 }, () => {
  const yaml = [
    'vendors:',
    '  v: { protocol: anthropic, base_url: "https://a", timeouts: { connect_ms: 100 }, retry: { max_retries: 0 }, headers: { x-team: "1" } }',
    'models: { m: { targets: [v/x] } }',
  ].join('\n');
  const v = parseConfig(yaml, 'a.yaml', {}).vendors.get('v');
  assert.deepEqual(v?.timeouts, { ...DEFAULT_TIMEOUTS, connectMs: 100 });
  assert.deepEqual(v?.retry, { ...DEFAULT_RETRY, maxRetries: 0 });
  assert.deepEqual(v?.headers, { 'x-team': '1' });
  const empty = parseConfig('', 'empty.yaml', {});
  assert.deepEqual(empty.listen, { host: '127.0.0.1', port: 8080 });
  assert.equal(empty.store, 'sqlite:./airlock.db');
  assert.deepEqual(empty.dataPolicy, { actions: { credentials: 'block' }, terms: [] });
  assert.equal(empty.vendors.size, 0);
});
