// The composed detector: sorting, overlap resolution, data classes and a timing sanity bound.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDetector, resolveOverlaps } from './detect.ts';
import type { Finding } from './types.ts';

const opts = { timeout: 10_000 };

test('findings are sorted, classed and never carry the value in the rule', opts, () => {
  const text = 'Mail jane.doe@example.com, card 4539 1488 0343 6467, from 203.0.113.9';
  const found = createDetector([])(text);
  assert.deepEqual(found.map((f) => [f.type, f.dataClass]), [['email', 'personal'], ['card', 'payment'], ['ip', 'personal']]);
  for (const f of found) assert.ok(!f.rule.includes(text.slice(f.start, f.end)));
});

test('a credential inside a URL wins over the email-looking host part', opts, () => {
  const text = 'postgres://app:S3cure-pass@db.example.com/app';
  const found = createDetector([])(text);
  assert.deepEqual(found.map((f) => f.type), ['credential']);
});

test('overlaps: higher rank keeps its characters, the lower one is cut or dropped', opts, () => {
  const f = (type: Finding['type'], start: number, end: number): Finding => ({ type, dataClass: 'personal', start, end, rule: type });
  const text = 'x'.repeat(40);
  assert.deepEqual(resolveOverlaps(text, [f('person', 0, 10), f('email', 2, 12)]).map((x) => x.type), ['email']);
  const cut = resolveOverlaps(text, [f('address', 0, 30), f('phone', 20, 30)]);
  assert.deepEqual(cut.map((x) => [x.type, x.start, x.end]), [['address', 0, 20], ['phone', 20, 30]]);
});

test('configured terms take their class from the rule', opts, () => {
  const found = createDetector([{ match: 'Bluebird', class: 'confidential' }])('the bluebird launch');
  assert.deepEqual(found.map((f) => [f.type, f.dataClass, f.rule]), [['term', 'confidential', 'term:Bluebird']]);
});

test('timing sanity: 32 KB scans in under 5 ms', opts, () => {
  const block = 'The deploy of service api-7 finished at 12:04; contact ops@example.com or +1 415 555 0132. ';
  const text = block.repeat(Math.ceil(32768 / block.length)).slice(0, 32768);
  const detect = createDetector([]);
  for (let i = 0; i < 20; i++) detect(text);
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = process.hrtime.bigint();
    detect(text);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  // the best of 15: what the code can do, not how busy the CI machine is (the bench reports the median)
  assert.ok((times[0] ?? 0) < 5, `best ${times[0]} ms, median ${times[7]} ms`);
});
