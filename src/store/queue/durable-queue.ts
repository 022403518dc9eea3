// RecordSink over a journal file and a background flusher: write() appends one line synchronously (durable
// against a process crash once it returns), and the flusher commits batches to the backend later.
import fs from 'node:fs';
import type { DataFlowRow, RecordSink, RequestLogRow } from '../../pipeline/ports.ts';
import type { RecordBackend } from './backend.ts';
import { CursorFile } from './cursor.ts';
import { Flusher, type FlusherStats } from './flusher.ts';
import { Journal } from './journal.ts';
import { JournalLock } from './lock.ts';
import { encodeRecord, type JournalRecord } from './records.ts';

export interface DurableQueueOptions {
  journalPath: string;
  backend: RecordBackend;
  flushIntervalMs?: number;
  /** 0 = off (survives process crashes only); N = fdatasync the journal every N ms (bounds power-loss loss) */
  fsyncIntervalMs?: number;
  batchBytes?: number;
  compactBytes?: number;
  /** delete the journal files on close (a :memory: database has nothing to recover into) */
  ephemeral?: boolean;
}

const MiB = 1024 * 1024;

export class DurableQueue implements RecordSink {
  private readonly journal: Journal;
  private readonly cursor: CursorFile;
  private readonly lock: JournalLock;
  private readonly flusher: Flusher;
  /** a backlog beyond this starts a drain now instead of at the next tick, keeping transactions moderate */
  private readonly eagerBytes: number;
  private closing: Promise<void> | null = null;

  constructor(private readonly options: DurableQueueOptions) {
    this.lock = JournalLock.acquire(`${options.journalPath}.lock`);
    const fsyncIntervalMs = options.fsyncIntervalMs ?? 0;
    try {
      this.journal = new Journal(options.journalPath, { fsyncIntervalMs });
      this.cursor = new CursorFile(`${options.journalPath}.offset`);
    } catch (err) {
      this.lock.release();
      throw err;
    }
    const batchBytes = options.batchBytes ?? MiB;
    this.eagerBytes = Math.floor(batchBytes / 4);
    this.flusher = new Flusher(this.journal, this.cursor, options.backend, {
      intervalMs: options.flushIntervalMs ?? 50,
      batchBytes,
      compactBytes: options.compactBytes ?? 4 * MiB,
      syncCursor: fsyncIntervalMs > 0,
    });
    // Starting the flusher replays whatever a crashed predecessor left beyond the cursor.
    this.flusher.start();
  }

  get stats(): Readonly<FlusherStats> {
    return this.flusher.stats;
  }

  write(row: RequestLogRow, flow?: DataFlowRow): void {
    // one journal append (one syscall) for both records of a request: this runs before every answer's last byte
    const log: JournalRecord = { kind: 'request_log', row };
    if (flow === undefined) this.append(encodeRecord(log), [log]);
    else {
      const dataFlow: JournalRecord = { kind: 'data_flow', row: flow };
      this.append(`${encodeRecord(log)}\n${encodeRecord(dataFlow)}`, [log, dataFlow]);
    }
  }

  writeFlow(row: DataFlowRow): void {
    const record: JournalRecord = { kind: 'data_flow', row };
    this.append(encodeRecord(record), [record]);
  }

  flush(): Promise<void> {
    return this.flusher.flush();
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  /** `lines`: one or more encoded records, newline-separated (JSON text never holds a raw newline) */
  private append(lines: string, records: JournalRecord[]): void {
    if (this.closing) throw new Error('record sink is closed');
    const start = this.journal.size;
    this.journal.append(lines);
    this.flusher.offer(start, this.journal.size, records);
    if (this.flusher.backlog > this.eagerBytes) this.flusher.kick();
  }

  private async shutdown(): Promise<void> {
    this.flusher.stop();
    try {
      // If the backend fails here the records stay in the journal and the next open replays them.
      await this.flusher.flush();
    } finally {
      this.journal.close();
      this.cursor.close();
      if (this.options.ephemeral) removeJournalFiles(this.options.journalPath);
      this.lock.release();
    }
  }
}

function removeJournalFiles(path: string): void {
  for (const file of [path, `${path}.offset`]) fs.rmSync(file, { force: true });
}
