import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AirlockError, ERROR_CODES, ERROR_SPECS } from './errors.ts';

test('every error code has a status, wire types and retry semantics', { timeout: 1000 }, () => {
  for (const code of ERROR_CODES) {
    const spec = ERROR_SPECS[code];
    assert.ok(spec.status >= 400 && spec.status < 600, code);
    // final errors must be 4xx or carry x-should-retry:false; retryable ones must be statuses SDKs retry
    if (!spec.final) assert.ok(spec.status === 429 || spec.status >= 500, `${code} retryable but ${spec.status}`);
  }
  const e = new AirlockError('upstream_rate_limited', 'slow down', { retryAfterMs: 1000 });
  assert.equal(e.status, 429);
  assert.equal(e.retryAfterMs, 1000);
});

test('docs/errors.md catalogues every code with its status', { timeout: 1000 }, async () => {
  const { readFile } = await import('node:fs/promises');
  const doc = await readFile(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  for (const code of ERROR_CODES) {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
    assert.ok(row, `docs/errors.md lacks ${code}`);
    assert.match(row, new RegExp(`\\| ${ERROR_SPECS[code].status}`), `${code}: status in docs differs`);
  }
});
