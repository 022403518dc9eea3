import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfigFile, parseConfig } from './load.ts';

const EXAMPLE = fileURLToPath(new URL('./fixtures/product-example.yaml', import.meta.url));
const ENV = { OPENAI_API_KEY: 'sk-openai-test', ANTHROPIC_API_KEY: 'sk-ant-test', HELPDESK_KEY: 'sk-airlock-helpdesk-secret', AIRLOCK_ADMIN_TOKEN: 'admin-secret' };

function failure(f: () => unknown): ConfigError {
  try {
    f();
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err;
  }
  assert.fail('expected a ConfigError');
}

const VENDOR = '  v: { protocol: openai, base_url: "http://x" }';

test('an unset variable inside a vendor is an error naming the variable, line and path', { timeout: 5000 }, () => {
  const { OPENAI_API_KEY: _o, ...env } = ENV;
  const err = failure(() => loadConfigFile(EXAMPLE, env));
  assert.equal(err.message, `${EXAMPLE}:11: vendors.openai.api_key: environment variable OPENAI_API_KEY is not set`);
  assert.equal(err.file, EXAMPLE);
  assert.equal(err.line, 11);
  assert.equal(err.path, 'vendors.openai.api_key');
  const empty = failure(() => loadConfigFile(EXAMPLE, { ...ENV, OPENAI_API_KEY: '' }));
  assert.match(empty.message, /vendors\.openai\.api_key: environment variable OPENAI_API_KEY is empty/);
});

test('unknown keys, wrong types and bad enums are all reported with file, line and path', { timeout: 5000 }, () => {
  const yaml = [
    'listen: { port: "eighty" }', // 1
    'vendors:', // 2
    '  openai:', // 3
    '    protocl: openai', // 4
    '    base_url: ftp://x', // 5
    '  other: { protocol: grpc, base_url: "http://x" }', // 6
    'teams:', // 7
    '  t: { budget: { usd: -1, per: week } }', // 8
    'log_contnt: true', // 9
  ].join('\n');
  const err = failure(() => parseConfig(yaml, 'airlock.yaml', {}));
  const lines = err.message.split('\n');
  for (const want of [
    'airlock.yaml:1: listen.port: expected a number, got a string',
    'airlock.yaml:3: vendors.openai.protocol: required',
    'airlock.yaml:4: vendors.openai.protocl: unknown key',
    'airlock.yaml:5: vendors.openai.base_url: must be an http:// or https:// URL',
    'airlock.yaml:6: vendors.other.protocol: must be one of: openai, anthropic, gemini',
    'airlock.yaml:8: teams.t.budget.usd: must not be negative',
    'airlock.yaml:8: teams.t.budget.per: must be one of: day, month, window',
    'airlock.yaml:9: log_contnt: unknown key',
  ]) {
    assert.ok(lines.includes(want), `missing "${want}" in\n${err.message}`);
  }
  assert.equal(err.problems.length, lines.length);
  assert.deepEqual(lines, [...lines].sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1])), 'sorted by line');
});

test('a target naming an undefined vendor is an error at its line', { timeout: 5000 }, () => {
  const yaml = ['vendors:', VENDOR, 'models:', '  chat:', '    targets:', '      - { vendor: v, model: a }', '      - { vendor: nope, model: b }', '      - nope2/c'].join('\n');
  const err = failure(() => parseConfig(yaml, 'airlock.yaml', {}));
  assert.equal(
    err.message,
    ['airlock.yaml:7: models.chat.targets[1].vendor: unknown vendor nope', 'airlock.yaml:8: models.chat.targets[2].vendor: unknown vendor nope2'].join('\n'),
  );
});

test('cross references: teams, apps, key models, prices, duplicate keys', { timeout: 5000 }, () => {
  const yaml = [
    'vendors:', // 1
    VENDOR, // 2
    'models: { m: { targets: [v/a] } }', // 3
    'apps: { a: { team: ghost } }', // 4
    'keys:', // 5
    '  - { name: k1, app: a, key: same-secret }', // 6
    '  - { name: k1, app: missing, key: same-secret, models: [m, nomodel] }', // 7
    'prices:', // 8
    '  v/a: { input: 1, output: 2 }', // 9
    '  x/a: { input: 1, output: 2 }', // 10
    '  bare: { input: 1, output: 2 }', // 11
  ].join('\n');
  const err = failure(() => parseConfig(yaml, 'c.yaml', {}));
  assert.deepEqual(err.message.split('\n'), [
    'c.yaml:4: apps.a.team: unknown team ghost',
    'c.yaml:7: keys[1].app: unknown app missing',
    'c.yaml:7: keys[1].models[1]: unknown model nomodel',
    'c.yaml:7: keys[1].name: duplicate key name k1 (also keys[0])',
    'c.yaml:7: keys[1].key: same key value as keys[0]',
    'c.yaml:10: prices.x/a: unknown vendor x',
    'c.yaml:11: prices.bare: price keys are vendor/model',
  ]);
  assert.ok(!err.message.includes('same-secret'), 'never echoes a key');
});

test('data policy terms: bad regex, both or neither of match/regex', { timeout: 5000 }, () => {
  const yaml = [
    'data_policy:',
    '  personal: allow',
    '  terms:',
    '    - { regex: "ACME-[0-9", class: confidential }',
    '    - { match: a, regex: b, class: confidential }',
    '    - { class: confidential }',
    '    - { match: x, class: secret }',
  ].join('\n');
  const lines = failure(() => parseConfig(yaml, 'p.yaml', {})).message.split('\n');
  assert.match(lines[0] ?? '', /^p\.yaml:4: data_policy\.terms\[0\]\.regex: invalid regular expression: /);
  assert.equal(lines[1], 'p.yaml:5: data_policy.terms[1]: give exactly one of match or regex');
  assert.equal(lines[2], 'p.yaml:6: data_policy.terms[2]: give exactly one of match or regex');
  assert.equal(lines[3], 'p.yaml:7: data_policy.terms[3].class: must be one of: public, internal, confidential, personal, special, payment, credentials');
});

test('values are never echoed in errors, and YAML syntax errors name the line', { timeout: 5000 }, () => {
  const typed = failure(() => parseConfig('admin_token: [sk-very-secret]\n', 's.yaml', {}));
  assert.equal(typed.message, 's.yaml:1: admin_token: expected a string, got a list');
  const syntax = failure(() => parseConfig('store: sqlite:a\nredis: a: b\n', 'y.yaml', {}));
  assert.equal(syntax.message, 'y.yaml:2: Nested mappings are not allowed in compact mappings');
  const dup = failure(() => parseConfig('store: sqlite:a\nstore: sqlite:b\n', 'd.yaml', {}));
  assert.equal(dup.line, 2);
  const missing = failure(() => loadConfigFile('/nonexistent/airlock.yaml', {}));
  assert.equal(missing.message, '/nonexistent/airlock.yaml: file not found');
});

test('budgets, short-form targets and malformed references', { timeout: 5000 }, () => {
  const yaml = [
    'vendors:', // 1
    VENDOR, // 2
    'models: { m: { targets: [novendorslash] }, e: { targets: [] } }', // 3
    'teams:', // 4
    '  t: { budget: { usd: 5, per: window } }', // 5
    '  u: { budget: { usd: 5, per: day, window_days: 3 } }', // 6
    'store: ${STORE', // 7
  ].join('\n');
  assert.deepEqual(failure(() => parseConfig(yaml, 'b.yaml', {})).message.split('\n'), [
    'b.yaml:7: store: unterminated ${',
  ]);
  const lines = failure(() => parseConfig(yaml.replace('${STORE', '${STORE:-sqlite:x}'), 'b.yaml', {})).message.split('\n');
  assert.deepEqual(lines, [
    'b.yaml:3: models.m.targets[0]: expected { vendor, model } or "vendor/model"',
    'b.yaml:3: models.e.targets: needs at least one target',
    'b.yaml:5: teams.t.budget.window_days: required when per is window',
    'b.yaml:6: teams.u.budget.window_days: only used with per: window',
  ]);
});

test('documents: the PDF limits load with their defaults, and bad values name their key', { timeout: 5000 }, () => {
  assert.deepEqual(parseConfig('', 'a.yaml', {}).documents, { maxPages: 100, readTimeoutMs: 10_000, threads: 1 });
  assert.deepEqual(parseConfig('documents: { max_pages: 500, read_timeout_ms: 30000, threads: 2 }', 'a.yaml', {}).documents, { maxPages: 500, readTimeoutMs: 30_000, threads: 2 });
  const err = failure(() => parseConfig(['documents:', '  max_pages: 0', '  threads: 1.5', '  pages: 3'].join('\n'), 'a.yaml', {}));
  const lines = err.message.split('\n');
  assert.ok(lines.some((l) => l.startsWith('a.yaml:2: documents.max_pages:')), err.message);
  assert.ok(lines.some((l) => l.startsWith('a.yaml:3: documents.threads:')), err.message);
  assert.ok(lines.includes('a.yaml:4: documents.pages: unknown key'), err.message);
});
