// Child process for the crash-recovery test: writes rows through the sink, then dies by SIGKILL before the
// flusher has run, the way an OOM kill would end a gateway. argv: <store url> <journal dir> <rows> [flows],
// where `flows` also writes a data-flow record after every request row, interleaved as the pipeline does.
import fs from 'node:fs';
import { openSqliteStore } from './open.ts';
import { sampleFlow } from './sample-flows.fixture.ts';
import { sampleRow } from './sample-rows.fixture.ts';

const [url, journalDir, rows, flows] = process.argv.slice(2);
if (!url || !journalDir || !rows) throw new Error('usage: crash-writer <url> <journalDir> <rows>');
// A flush interval far beyond the test's life: only the journal can carry these rows across the crash.
const store = openSqliteStore(url, { journalDir, flushIntervalMs: 3_600_000 });
const n = Number(rows);
for (let i = 0; i < n; i++) {
  store.sink.write(sampleRow(i, { usageReported: i % 3 === 0 ? null : i % 3 === 1 }));
  if (flows === 'flows') store.sink.writeFlow(sampleFlow(i, i % 4 === 0 ? { classes: {}, action: 'allow' } : {}));
}
// Synchronous write, so the parent reads it before the kill; no microtask (and so no drain) runs in between.
fs.writeSync(1, 'written\n');
process.kill(process.pid, 'SIGKILL');
