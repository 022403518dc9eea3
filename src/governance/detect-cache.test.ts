import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector } from './detect.ts';
import { cachedDetector, fasterHash } from './detect-cache.ts';

const detect = createDetector([{ match: 'Project Falcon', class: 'confidential' }]);
const filler = 'The quarterly numbers look fine and the team agreed on the next steps for the launch. '.repeat(8);
const long = `${filler} Mail grace.hopper@cobol.example about Project Falcon, card 4111 1111 1111 1111.`;

test('a repeated text gets the findings a fresh scan gives, from the cache', () => {
  const cached = cachedDetector(detect);
  const first = cached(long);
  const second = cached(long);
  assert.deepEqual(second, detect(long));
  assert.deepEqual(first, second);
  assert.deepEqual(
    second.map((f) => f.type),
    ['email', 'term', 'card'],
  );
  assert.deepEqual([cached.stats.hits, cached.stats.misses], [1, 1]);
});

test('what a caller does to its findings does not reach the cache', () => {
  const cached = cachedDetector(detect);
  const first = cached(long);
  first.length = 0;
  const second = cached(long);
  const [email] = second;
  assert.ok(email);
  email.start = 0;
  assert.deepEqual(cached(long), detect(long));
});

test('texts that differ in one character are scanned apart', () => {
  const cached = cachedDetector(detect);
  const other = long.replace('grace.hopper', 'grace hopper');
  cached(long);
  assert.deepEqual(cached(other), detect(other));
  assert.equal(cached.stats.hits, 0);
});

test('short texts are not cached; a text used in the last generation stays, one unused for two goes', () => {
  // 4 entries: two generations of 2
  const cached = cachedDetector(detect, { maxEntries: 4 });
  cached('mail a@b.example');
  cached('mail a@b.example');
  assert.equal(cached.stats.size(), 0);
  const texts = ['a', 'b', 'c', 'd'].map((k) => `${filler} ${k}`);
  cached(texts[0] as string);
  cached(texts[1] as string); // young: a, b
  cached(texts[0] as string); // a used again: a hit
  cached(texts[2] as string); // young full: a, b become the old generation; young: c
  cached(texts[0] as string); // a from the old generation moves up; young: c, a
  cached(texts[3] as string); // young full again: the old generation (b) is dropped; old: c, a; young: d
  assert.equal(cached.stats.size(), 3);
  const misses = cached.stats.misses;
  cached(texts[0] as string);
  cached(texts[2] as string);
  cached(texts[3] as string);
  assert.equal(cached.stats.misses, misses, 'a, c and d kept');
  cached(texts[1] as string);
  assert.equal(cached.stats.misses, misses + 1, 'b, unused for two generations, dropped');
});

test('a detector that throws is not cached: the next call scans again and throws again', () => {
  let calls = 0;
  const cached = cachedDetector(() => {
    calls++;
    throw new Error('boom');
  });
  assert.throws(() => cached(long), /boom/);
  assert.throws(() => cached(long), /boom/);
  assert.equal(calls, 2);
});

test('a text with many findings is scanned every time, not kept', () => {
  const cached = cachedDetector(detect, { maxFindings: 3 });
  const list = `${filler} ${['a', 'b', 'c', 'd'].map((k) => `${k}.person@example.org`).join(', ')}`;
  assert.equal(cached(list).length, 4);
  assert.deepEqual(cached(list), detect(list));
  assert.deepEqual([cached.stats.size(), cached.stats.hits, cached.stats.misses], [0, 0, 2]);
});

test('a system prompt of a sentence or two is cached; a greeting is scanned every time', () => {
  const cached = cachedDetector(detect);
  const prompt = 'You are a careful assistant for the operations team. Answer in plain English and cite your sources.';
  cached(prompt);
  cached(prompt);
  cached('Hello there!');
  cached('Hello there!');
  assert.deepEqual([cached.stats.size(), cached.stats.hits, cached.stats.misses], [1, 1, 1]);
});

test('the findings kept over all entries are bounded: a generation holds at most half of them', () => {
  const cached = cachedDetector(detect, { maxTotalFindings: 8 });
  const texts = ['a', 'b', 'c', 'd'].map((k) => `${filler} ${k}.person@example.org and ${k}.other@example.org`);
  for (const t of texts) assert.equal(cached(t).length, 2);
  // a and b (4 findings) fill one generation, c and d the next: 8 findings, all kept
  assert.equal(cached.stats.size(), 4);
  const one = cachedDetector(detect, { maxTotalFindings: 8 });
  for (const t of [...texts, `${filler} e.person@example.org and e.other@example.org`]) one(t);
  assert.equal(one.stats.size(), 3, 'c and d (old), e (young): a and b dropped');
  const misses = one.stats.misses;
  one(texts[2] as string);
  one(texts[3] as string);
  assert.equal(one.stats.misses, misses, 'c and d kept');
  assert.deepEqual(one(texts[0] as string), detect(texts[0] as string));
  assert.equal(one.stats.misses, misses + 1, 'a dropped');
});

test('the cache key hash is one of those asked for that this build has, else SHA-256', () => {
  assert.ok(['sha256', 'blake2b512'].includes(fasterHash(['sha256', 'blake2b512'])));
  // an algorithm OpenSSL does not know (as BLAKE2b under a FIPS provider) is left out, not thrown
  assert.equal(fasterHash(['no-such-hash', 'sha512']), 'sha512');
  assert.equal(fasterHash(['no-such-hash']), 'sha256');
});
