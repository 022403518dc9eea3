// The one thing the queue needs from a database. SQLite implements it now; Postgres (and a ClickHouse or Kafka
// exporter) later. Commit may be async so a networked backend fits without changing the queue.
import type { JournalRecord } from './records.ts';

export interface RecordBackend {
  /**
   * Stores the records in one transaction, or throws and stores none of them. Must be idempotent per record
   * (a primary key and INSERT OR IGNORE / ON CONFLICT DO NOTHING): after a crash between this commit and the
   * journal cursor's advance, the same records are committed again.
   */
  commit(records: readonly JournalRecord[]): void | Promise<void>;
}
