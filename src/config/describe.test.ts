import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describeChains } from './describe.ts';
import { loadConfigFile, parseConfig } from './load.ts';

const EXAMPLE = fileURLToPath(new URL('./fixtures/product-example.yaml', import.meta.url));
const ENV = { OPENAI_API_KEY: 'sk-o', ANTHROPIC_API_KEY: 'sk-a', AIRLOCK_ADMIN_TOKEN: 'adm' };
const JAN_2026 = Date.UTC(2026, 0, 15);

test('describeChains lists each model and its targets in order, then the warnings', { timeout: 5000 }, () => {
  const out = describeChains(loadConfigFile(EXAMPLE, ENV), JAN_2026);
  const lines = out.split('\n');
  assert.equal(lines[0], 'chat');
  assert.match(lines[1] ?? '', /^ {2}1\. openai\/gpt-4o-mini +openai +region us +review approved \(until 2027-06-30\) data: public, internal, personal$/);
  assert.match(lines[2] ?? '', /^ {2}2\. anthropic\/claude-3-5-haiku-20241022 +anthropic +region us +review pending$/);
  assert.match(lines[3] ?? '', /^ {2}3\. onprem\/llama3\.1:8b +openai +region internal +review approved data: public, internal, confidential, personal, special, payment$/);
  assert.equal(lines[4], 'embed');
  assert.match(lines[5] ?? '', /^ {2}1\. openai\/text-embedding-3-small +openai/);
  // columns line up
  assert.equal(lines[1]?.indexOf('region'), lines[3]?.indexOf('region'));
  assert.match(out, /\nwarnings:\n {2}- .*keys\[0\]\.key: environment variable HELPDESK_KEY is not set; key helpdesk-prod is dropped\n$/);
});

test('an expired review shows as counting for pending', { timeout: 5000 }, () => {
  const yaml = 'vendors:\n  v: { protocol: openai, base_url: "http://x", review: { status: approved, expires: 2025-12-31, approved_data: [personal] } }\nmodels: { m: { targets: [v/a] } }\n';
  const config = parseConfig(yaml, 'e.yaml', {});
  assert.match(describeChains(config, JAN_2026), /review approved \(expired 2025-12-31: counts as pending\)\n$/);
  assert.match(describeChains(config, Date.UTC(2025, 11, 31, 23)), /review approved \(until 2025-12-31\) data: personal\n$/);
  assert.equal(describeChains(parseConfig('', 'x.yaml', {})), 'no models configured\n');
});
