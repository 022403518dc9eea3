// The term anchors find every place a term can match: the case folds they rely on, the literal prefixes, and the
// scanner against a plain scan of the same regexes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldsOf, literalPrefix, termAnchor } from './terms-anchor.ts';
import { termScanner } from './terms.ts';

const opts = { timeout: 10_000 };

test('a printable ASCII character matches, under /iu, exactly the characters foldsOf lists', opts, () => {
  const ascii = Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i));
  const res = ascii.map((a) => new RegExp(`^${a.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'iu'));
  const any = /^[\u0020-\u007e]$/iu;
  const seen = new Map<string, string[]>();
  for (let u = 0; u <= 0xffff; u++) {
    const c = String.fromCharCode(u);
    if (!any.test(c)) continue;
    ascii.forEach((a, i) => {
      if (res[i]?.test(c)) seen.set(a, [...(seen.get(a) ?? []), c]);
    });
  }
  for (const a of ascii) assert.deepEqual(seen.get(a)?.sort(), foldsOf(a).sort(), a);
  // and no BMP character (control characters, left out, have no case) matches an astral one, so offsets within a
  // term's first word hold in every match
  const bmp = /^[\u0020-\ud7ff\ue000-\uffff]$/iu;
  for (let cp = 0x10000; cp <= 0x10ffff; cp += 1) assert.equal(bmp.test(String.fromCodePoint(cp)), false);
});

test('anchors: the rarest ASCII character of the first word; none without one', opts, () => {
  assert.deepEqual(termAnchor('project falcon'), { chars: ['j', 'J'], offset: 3 });
  assert.deepEqual(termAnchor('kelvin'), { chars: ['k', 'K', '\u212a'], offset: 0 });
  assert.equal(termAnchor('ü'), null);
  assert.deepEqual(literalPrefix('CUST-\\d{6}'), 'CUST-');
  assert.deepEqual(literalPrefix('ab?c'), 'a');
  assert.deepEqual(literalPrefix('CUST|ORD'), '');
  assert.deepEqual(literalPrefix('(?<=x)ab'), '');
});

test('terms: the anchored scan finds what a scan of every position finds', opts, () => {
  // (the long s matches "ski pass" too, but lower-cases to no configured term, as before the anchors)
  const rules = [
    { match: 'Kelvin scale', class: 'internal' as const },
    { match: 'ski pass', class: 'internal' as const },
    { regex: 'ab?c', class: 'internal' as const },
    { regex: 'ID-\\d{2}', class: 'internal' as const },
  ];
  const text = 'the \u212aELVIN   Scale and \u017fKI PASS; xkelvin scale; ac abc abbc ID-12ID-34 ID-5';
  const found = termScanner(rules)(text).map((f) => text.slice(f.start, f.end));
  assert.deepEqual(found, ['\u212aELVIN   Scale', 'ac', 'abc', 'ID-12', 'ID-34']);
});
