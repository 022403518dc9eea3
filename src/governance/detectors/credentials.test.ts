// Vendor formats, private keys, JWTs, connection strings and assignments — and their look-alikes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAssignedSecrets } from './credentials-assign.ts';
import { findUrlPasswords } from './credentials-userinfo.ts';
import { findPrivateKeys, findVendorKeys } from './credentials.ts';

const opts = { timeout: 5000 };
const rules = (text: string): string[] => findVendorKeys(text).map((f) => f.rule);
// Built at run time so no scanner mistakes this test file for a leak.
const rand = (n: number, alphabet = 'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7cF0'): string =>
  Array.from({ length: n }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join('');

test('vendor keys by published format', opts, () => {
  assert.deepEqual(rules(`key ghp_${rand(36)} here`), ['github-token']);
  assert.deepEqual(rules(`AKIA${'QZ2T4V6X7W3Y5R2S'}`), ['aws-access-key']);
  assert.deepEqual(rules(`sk-ant-api03-${rand(90)}`), ['anthropic-key']);
  assert.deepEqual(rules(`x=sk_live_${rand(24)}`), ['stripe-key']);
  assert.deepEqual(rules(`xoxb-123456789012-1234567890123-${rand(24)}`), ['slack-token']);
  assert.deepEqual(rules(`AIza${rand(35)}`), ['gcp-api-key']);
  assert.deepEqual(rules(`glpat-${rand(20)}`), ['gitlab-token']);
});

test('placeholders, short keys, foreign prefixes and git hashes are not keys', opts, () => {
  assert.deepEqual(rules('ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'), []);
  assert.deepEqual(rules('sk_live_abc123'), []);
  assert.deepEqual(rules(`sk_live_${'A'.repeat(24)}`), []);
  assert.deepEqual(rules(`xsk_live_${rand(24)}`), []);
  assert.deepEqual(rules('commit 3f786850e387550fdab836ed7e6dc881de23001b merged'), []);
  assert.deepEqual(rules('xoxb-Slack_BOT_TOKEN'), []);
});

test('JWT and private-key blocks; stub keys are not', opts, () => {
  const jwt = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${rand(43)}`;
  assert.deepEqual(rules(`Authorization: Bearer ${jwt}`), ['jwt']);
  const key = `-----BEGIN RSA PRIVATE KEY-----\n${rand(64)}\n${rand(64)}\n-----END RSA PRIVATE KEY-----`;
  assert.equal(findPrivateKeys(`x\n${key}\ny`).length, 1);
  assert.deepEqual(findPrivateKeys('-----BEGIN PRIVATE KEY-----\n***\n-----END PRIVATE KEY-----'), []);
});

test('passwords in URLs and curl, not templates', opts, () => {
  const text = 'DB=postgres://app:Tr1cky-pass@db.local:5432/app and mongodb+srv://u:p@ss%40w0rd@cluster.example.net/x';
  assert.equal(findUrlPasswords(text).length, 2);
  assert.deepEqual(findUrlPasswords('mysql://${DB_USER}:${PASSWORD}@host/db and https://{USER}:{PASS}@x.com'), []);
  assert.deepEqual(findUrlPasswords('https://user:xxxx@demo.com'), []);
  assert.equal(findUrlPasswords("curl -u 'deploy:h4rd~T0guess' https://x").length, 1);
  assert.deepEqual(findUrlPasswords('curl -u "$USER:$PASSWORD" https://x'), []);
});

test('secret-looking names with random values; ids, templates and code are not', opts, () => {
  const text = `DB_PASSWORD=hunter22\napi_key: "${rand(32)}"\n"client_secret": "${rand(40)}"`;
  assert.deepEqual(findAssignedSecrets(text).map((f) => f.rule), ['password-assignment', 'secret-assignment', 'secret-assignment']);
  const misses = 'password=${PASSWORD}\nkey_name = "prod-key-2"\nclientId = "73082700-1f09-405b-80d0-3131bfd6272d"\nkey_length = cfg.key_length\nPASSWORD=changeme';
  assert.deepEqual(findAssignedSecrets(misses), []);
});
