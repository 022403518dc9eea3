import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pseudonyms, replaceFindings } from './pseudonymize.ts';
import { Restorer } from './restore.ts';
import type { Finding } from './types.ts';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const f = (type: Finding['type'], start: number, end: number, dataClass: Finding['dataClass'] = 'personal'): Finding => ({ type, dataClass, start, end, rule: type });

test('pseudonyms are consistent per value and typed', { timeout: 1000 }, () => {
  const text = 'Ann Lee wrote to ann@example.org; Ann Lee again.';
  const vault = new Pseudonyms();
  const out = replaceFindings(text, [f('person', 0, 7), f('email', 17, 32), f('person', 34, 41)], () => 'pseudonymize', vault, 'text');
  assert.equal(out.text, '<PERSON_1> wrote to <EMAIL_1>; <PERSON_1> again.');
  assert.equal(out.count, 3);
  assert.equal(vault.byPlaceholder.get('<PERSON_1>'), 'Ann Lee');
  const red = replaceFindings(text, [f('email', 17, 32)], () => 'redact', new Pseudonyms(), 'text');
  assert.equal(red.text, 'Ann Lee wrote to [EMAIL]; Ann Lee again.');
});

test('restore: whole text, and JSON channels get escaped values', { timeout: 1000 }, () => {
  const r = new Restorer(new Map([['<PERSON_1>', 'Ann "Nan" Lee'], ['<ADDRESS_1>', '1 Main St\nSpringfield']]));
  assert.equal(r.restore('Hi <PERSON_1> at <ADDRESS_1>', 'text'), 'Hi Ann "Nan" Lee at 1 Main St\nSpringfield');
  const json = `{"to":"<PERSON_1>","addr":"<ADDRESS_1>"}`;
  assert.deepEqual(JSON.parse(r.restore(json, 'json')), { to: 'Ann "Nan" Lee', addr: '1 Main St\nSpringfield' });
  assert.equal(r.restore('a <PERSON_9> and <PERSON_1', 'text'), 'a <PERSON_9> and <PERSON_1', 'unknown or partial placeholders stay');
});

test('chunk-split law: any split of the stream restores to the same text', { timeout: 5000 }, () => {
  const vault = new Map([
    ['<PERSON_1>', 'Ann Lee'],
    ['<PERSON_12>', 'Bo Li'],
    ['<EMAIL_1>', 'ann@example.org'],
  ]);
  const stream = 'Dear <PERSON_1>, <PERSON_12> wrote <EMAIL_1> (<PERSON_1>) < not one <PERSON_ <EMAIL_1>';
  const expected = 'Dear Ann Lee, Bo Li wrote ann@example.org (Ann Lee) < not one <PERSON_ ann@example.org';
  const rand = seeded(42);
  const splits: number[][] = [[], Array.from({ length: stream.length - 1 }, (_, i) => i + 1)];
  for (let k = 0; k < 200; k++) {
    const cuts = new Set<number>();
    const n = 1 + Math.floor(rand() * 12);
    for (let i = 0; i < n; i++) cuts.add(1 + Math.floor(rand() * (stream.length - 1)));
    splits.push([...cuts].sort((a, b) => a - b));
  }
  for (const cuts of splits) {
    const r = new Restorer(vault);
    let out = '';
    let prev = 0;
    for (const c of [...cuts, stream.length]) {
      out += r.push('t:0', 'text', stream.slice(prev, c));
      prev = c;
    }
    out += r.flush('t:0', 'text');
    assert.equal(out, expected, `splits ${cuts.join(',')}`);
  }
});

test('holds back no more than a placeholder can be', { timeout: 1000 }, () => {
  const r = new Restorer(new Map([['<PERSON_1>', 'Ann']]));
  assert.equal(r.push('c', 'text', 'hello <PER'), 'hello ');
  assert.equal(r.push('c', 'text', 'SON_1> and <'), 'Ann and ');
  assert.equal(r.push('c', 'text', 'b>old'), '<b>old');
  assert.equal(r.push('c', 'text', 'x'.repeat(20) + '<'), 'x'.repeat(20));
  assert.equal(r.flush('c', 'text'), '<');
});
