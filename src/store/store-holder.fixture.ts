// Child process standing in for a running gateway: opens the store normally (journal lock held), writes the
// seeded data flows and `rows` request rows, flushes, prints "ready", then keeps the store open until SIGTERM.
// argv: <store url> <rows>.
import fs from 'node:fs';
import { openSqliteStore } from './open.ts';
import { seededFlows } from './sample-flows.fixture.ts';
import { sampleRow } from './sample-rows.fixture.ts';

const [url, rows] = process.argv.slice(2);
if (!url || !rows) throw new Error('usage: store-holder <url> <rows>');
const store = openSqliteStore(url);
for (let i = 0; i < Number(rows); i++) store.sink.write(sampleRow(i));
for (const flow of seededFlows()) store.sink.writeFlow(flow);
await store.sink.flush();
fs.writeSync(1, 'ready\n');
const keepAlive = setInterval(() => undefined, 60_000);
process.once('SIGTERM', () => {
  clearInterval(keepAlive);
  void store.close().then(() => process.exit(0));
});
