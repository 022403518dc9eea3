import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpolate, shieldReferences } from './interpolate.ts';

test('interpolate substitutes, defaults, escapes and reports missing variables', { timeout: 1000 }, () => {
  const env = { A: 'alpha', EMPTY: '' };
  assert.deepEqual(interpolate('x-${A}-${B:-beta}-${EMPTY:-d}', env), { value: 'x-alpha-beta-d', missing: [], malformed: null });
  assert.deepEqual(interpolate('$${A} costs $5', env).value, '${A} costs $5');
  const r = interpolate('${NOPE}/${EMPTY}', env);
  assert.deepEqual(r.missing, [
    { name: 'NOPE', reason: 'not set' },
    { name: 'EMPTY', reason: 'empty' },
  ]);
  assert.equal(interpolate('${1BAD}', env).malformed, 'invalid variable reference ${1BAD}');
  assert.equal(interpolate('abc ${A', env).malformed, 'unterminated ${');
  assert.equal(interpolate('${A:-}', {}).value, '', 'an explicit empty default is allowed');
});

test('shieldReferences keeps references inert through YAML parsing and restores them', { timeout: 1000 }, () => {
  const text = 'k: { key: ${HELPDESK_KEY}, other: "$${X}" }\n# ${COMMENT}\n';
  const s = shieldReferences(text);
  assert.ok(!s.text.includes('{HELPDESK_KEY}'));
  assert.equal(s.text.split('\n').length, text.split('\n').length, 'same lines');
  const placeholder = /AirlockRef\d+x\d+x/.exec(s.text)?.[0] ?? '';
  assert.equal(s.restore(`pre ${placeholder} post`), 'pre ${HELPDESK_KEY} post');
  assert.equal(s.restore('untouched'), 'untouched');
  const clash = shieldReferences('a: AirlockRef0x ${V}');
  assert.ok(clash.text.startsWith('a: AirlockRef0x AirlockRef1x'), 'the tag avoids text already in the file');
});
