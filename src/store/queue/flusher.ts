// Moves journal records into the backend off the hot path: read a bounded chunk, commit it in one
// transaction, advance the cursor, repeat until caught up. Only one drain runs at a time.
//
// Memory stays bounded by `batchBytes` whatever the backlog: a slow or failing database makes the journal
// file grow on disk, never the heap.
//
// Records appended by this process are also handed over in memory (`offer`), so the common drain commits them
// without reading the file back and parsing every line again; the journal is read only for what memory does not
// hold: a predecessor's leftovers at start, or a backlog that outgrew the in-memory bound.
import type { RecordBackend } from './backend.ts';
import type { CursorFile } from './cursor.ts';
import type { Journal } from './journal.ts';
import { decodeRecord, type JournalRecord } from './records.ts';

export interface FlusherOptions {
  intervalMs: number;
  /** the most journal bytes read and committed per transaction (~2,500 request rows per MiB) */
  batchBytes: number;
  /** truncate the journal once it is fully committed and at least this large */
  compactBytes: number;
  /** fdatasync the cursor around truncations, for the power-loss mode */
  syncCursor: boolean;
}

export interface FlusherStats {
  committed: number;
  skipped: number;
  lastError: unknown;
}

/** Records of one append, with where their line(s) sit in the journal file. */
interface Handed {
  start: number;
  end: number;
  records: JournalRecord[];
}

export class Flusher {
  private offset: number;
  /** appends not yet committed, in file order; contiguous with each other, not always with `offset` */
  private handed: Handed[] = [];
  private handedBytes = 0;
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  private timer: NodeJS.Timeout | null = null;
  readonly stats: FlusherStats = { committed: 0, skipped: 0, lastError: null };

  constructor(
    private readonly journal: Journal,
    private readonly cursor: CursorFile,
    private readonly backend: RecordBackend,
    private readonly options: FlusherOptions,
  ) {
    const saved = cursor.read();
    // A cursor past the end means the journal was truncated (or replaced) after the cursor was written:
    // replaying from 0 is safe because commits are idempotent.
    this.offset = saved <= journal.size ? saved : 0;
  }

  /** bytes written but not yet committed */
  get backlog(): number {
    return this.journal.size - this.offset;
  }

  start(): void {
    // unref: a pending flush must never keep the process alive; close() does the final drain.
    this.timer = setInterval(() => this.kick(), this.options.intervalMs).unref();
    this.kick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * The records just appended at [start, end) of the journal file. Kept only while they extend the in-memory run
   * without a gap and the run stays under `batchBytes`; otherwise the drain reads them from the file.
   */
  offer(start: number, end: number, records: JournalRecord[]): void {
    const last = this.handed[this.handed.length - 1];
    const contiguous = last === undefined ? start >= this.offset : last.end === start;
    if (!contiguous || this.handedBytes + (end - start) > this.options.batchBytes) {
      this.dropHanded();
      return;
    }
    this.handed.push({ start, end, records });
    this.handedBytes += end - start;
  }

  /** Starts a drain unless one is already queued (it will see everything written so far). */
  kick(): void {
    if (this.queued > 0) return;
    this.drain().catch((err: unknown) => {
      this.stats.lastError = err;
    });
  }

  /** Resolves once everything appended before the call is committed; rejects if the backend fails. */
  async flush(): Promise<void> {
    const target = this.journal.end;
    while (this.journal.base + this.offset < target) {
      const before = this.journal.base + this.offset;
      await this.drain();
      if (this.journal.base + this.offset === before) throw new Error('journal flush made no progress');
    }
  }

  private drain(): Promise<void> {
    this.queued++;
    const run = this.tail.then(() => this.drainAll()).finally(() => this.queued--);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async drainAll(): Promise<void> {
    for (;;) {
      const first = this.handed[0];
      if (first !== undefined && first.start === this.offset) {
        await this.commitHanded();
        continue;
      }
      // memory does not start at the cursor: it is behind on disk, so read up to where memory begins
      if (first !== undefined && first.start < this.offset) this.dropHanded();
      const chunk = this.journal.read(this.offset, this.options.batchBytes);
      if (chunk.end === this.offset) return;
      const records = this.decode(chunk.lines);
      // memory overlapping what the file gave us would be committed twice: start memory afresh after it
      if (this.handed[0] !== undefined && this.handed[0].start < chunk.end) this.dropHanded();
      if (records.length > 0) await this.backend.commit(records);
      this.stats.committed += records.length;
      this.stats.lastError = null;
      this.advance(chunk.end);
    }
  }

  private async commitHanded(): Promise<void> {
    const batch = this.handed;
    this.handed = [];
    this.handedBytes = 0;
    const records = batch.length === 1 ? (batch[0] as Handed).records : batch.flatMap((h) => h.records);
    // on failure the journal still holds them: the next drain reads them from there
    if (records.length > 0) await this.backend.commit(records);
    this.stats.committed += records.length;
    this.stats.lastError = null;
    this.advance((batch[batch.length - 1] as Handed).end);
  }

  private dropHanded(): void {
    this.handed = [];
    this.handedBytes = 0;
  }

  private decode(lines: readonly string[]): JournalRecord[] {
    const records: JournalRecord[] = [];
    for (const line of lines) {
      if (line.length === 0) continue;
      const record = decodeRecord(line);
      if (record) records.push(record);
      else this.stats.skipped++;
    }
    return records;
  }

  /** Runs synchronously after a commit, so no append can slip between the size check and the truncation. */
  private advance(end: number): void {
    this.offset = end;
    if (end === this.journal.size && end >= this.options.compactBytes) {
      // Cursor to 0 first: a crash before the truncation replays the whole file (harmless duplicates);
      // the other order could let a stale non-zero cursor skip records appended after restart.
      this.cursor.write(0);
      if (this.options.syncCursor) this.cursor.sync();
      this.journal.truncate();
      this.offset = 0;
      return;
    }
    this.cursor.write(end);
  }
}
