// The PDF reader on real PDFs (built by test/helpers/pdf.ts) in its real worker thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPdfReader } from './reader.ts';
import { makeBlankPdf, makeLockedPdf, makePdf } from '../../../test/helpers/pdf.ts';

const b64 = (b: Buffer): string => b.toString('base64');

test('reads the text of every page, and says why when it cannot', { timeout: 30_000 }, async (t) => {
  const reader = createPdfReader({ maxPages: 5 });
  t.after(() => reader.close());

  await t.test('text, line by line, page after page', async () => {
    const read = await reader.read(b64(makePdf(['Invoice for Ada Lovelace', 'Email: ada@example.org (billing)'], 2)));
    assert.deepEqual(read, { ok: true, pages: 2, text: 'Invoice for Ada Lovelace\nEmail: ada@example.org (billing)\n\nInvoice for Ada Lovelace\nEmail: ada@example.org (billing)' });
  });

  await t.test('a page without text reads as empty, not as an error', async () => {
    assert.deepEqual(await reader.read(b64(makeBlankPdf())), { ok: true, pages: 1, text: '' });
  });

  await t.test('not a PDF, a locked PDF, too many pages', async () => {
    const garbage = await reader.read(b64(Buffer.from('GIF89a not a pdf at all')));
    assert.equal(garbage.ok, false);
    assert.equal(!garbage.ok && garbage.reason, 'invalid');
    const locked = await reader.read(b64(makeLockedPdf()));
    assert.equal(!locked.ok && locked.reason, 'encrypted');
    const long = await reader.read(b64(makePdf(['x'], 6)));
    assert.deepEqual(long, { ok: false, reason: 'too_many_pages', pages: 6, detail: '6 pages' });
  });
});

test('a read that takes too long is given up on, and the reader still works after', { timeout: 30_000 }, async (t) => {
  const reader = createPdfReader({ timeoutMs: 1 });
  t.after(() => reader.close());
  // the first read starts the thread (~300 ms), far over 1 ms
  const read = await reader.read(b64(makePdf(['slow'])));
  assert.deepEqual(read, { ok: false, reason: 'timeout', detail: 'not read within 1 ms' });
  const patient = createPdfReader({ timeoutMs: 10_000 });
  t.after(() => patient.close());
  assert.equal((await patient.read(b64(makePdf(['fine'])))).ok, true);
});

test('a reading thread out of memory is a refusal, never the end of the gateway', { timeout: 30_000 }, async (t) => {
  const failures: unknown[] = [];
  const big = b64(makePdf(Array.from({ length: 50 }, (_, i) => `line ${i} of a report`), 20));
  // 16 MiB: the thread starts, then runs out of heap reading 20 pages: this read is refused, the next thread is new
  const small = createPdfReader({ heapMb: 16 });
  t.after(() => small.close());
  assert.deepEqual(await small.read(big), { ok: false, reason: 'too_large', detail: 'it needs more memory to read than a reading thread has' });
  // 1 MiB: the thread dies while starting, outside any read (an 'error' on the pool, which unheard would throw in the
  // process); the read waits for a thread that never comes and times out
  const none = createPdfReader({ heapMb: 1, timeoutMs: 2000, onThreadError: (err) => failures.push(err) });
  t.after(() => none.close());
  // the timeout's timer does not hold the process open (a gateway's listener does): this interval stands in for it
  const alive = setInterval(() => undefined, 500);
  t.after(() => clearInterval(alive));
  assert.deepEqual(await none.read(big), { ok: false, reason: 'timeout', detail: 'not read within 2000 ms' });
  assert.ok(failures.length > 0, 'the thread that died while starting is reported');
});
