// The durable half of the record queue: an append-only file of JSON lines.
//
// Durability trade-off. `append` returns once writeSync has handed the bytes to the kernel: they sit in the
// page cache and survive a crash of this process (SIGKILL, OOM kill, uncaught exception), which is the promise
// RecordSink makes. They do not survive a power loss or kernel panic until the kernel writes them back (Linux:
// within ~30 s). `fsyncIntervalMs` bounds that window by calling fdatasync on a timer; an fsync per write
// would cost milliseconds on the hot path, so it is never done inline. Default: off.
import fs from 'node:fs';

const NEWLINE = 0x0a;

export interface JournalOptions {
  /** fdatasync the journal every N ms; 0 (default) leaves write-back to the kernel */
  fsyncIntervalMs?: number;
}

export interface JournalChunk {
  lines: string[];
  /** file offset just past the last complete line read */
  end: number;
}

export class Journal {
  readonly path: string;
  private readonly fd: number;
  private bytes: number;
  /** bytes removed by truncations since open: lets callers compare positions across truncations */
  private truncated = 0;
  private readonly syncTimer: NodeJS.Timeout | null;
  private closed = false;

  constructor(path: string, options: JournalOptions = {}) {
    this.path = path;
    // 'a+': every write lands at the end (O_APPEND) and positioned reads still work (pread).
    this.fd = fs.openSync(path, 'a+');
    this.bytes = fs.fstatSync(this.fd).size;
    this.sealTornTail();
    const every = options.fsyncIntervalMs ?? 0;
    this.syncTimer = every > 0 ? setInterval(() => this.syncSoon(), every).unref() : null;
  }

  /** bytes in the file now */
  get size(): number {
    return this.bytes;
  }

  /** a position that only grows: total bytes ever appended to this journal since open, plus the initial size */
  get end(): number {
    return this.truncated + this.bytes;
  }

  /** where file offset 0 sits on the `end` scale */
  get base(): number {
    return this.truncated;
  }

  /** Synchronous so that the record is in the kernel before the caller acknowledges its request. */
  append(line: string): void {
    if (this.closed) throw new Error('journal is closed');
    const buf = Buffer.from(line + '\n', 'utf8');
    let done = 0;
    // writeSync may write less than asked (a full disk, a signal); a partial line would corrupt its successor.
    while (done < buf.length) done += fs.writeSync(this.fd, buf, done, buf.length - done);
    this.bytes += buf.length;
  }

  /** Complete lines from `from`, about `maxBytes` of them (more if a single line is longer). */
  read(from: number, maxBytes: number): JournalChunk {
    const available = this.bytes - from;
    if (available <= 0) return { lines: [], end: from };
    let want = Math.min(maxBytes, available);
    for (;;) {
      const buf = Buffer.allocUnsafe(want);
      const got = fs.readSync(this.fd, buf, 0, want, from);
      const last = buf.subarray(0, got).lastIndexOf(NEWLINE);
      if (last >= 0) {
        const text = buf.toString('utf8', 0, last);
        return { lines: text.split('\n'), end: from + last + 1 };
      }
      // No newline yet: either one line is longer than maxBytes (read more), or the tail is incomplete.
      if (want >= available) return { lines: [], end: from };
      want = Math.min(want * 2, available);
    }
  }

  /** Empties the file. The caller must have stored everything in it and persisted its cursor as 0 first. */
  truncate(): void {
    fs.ftruncateSync(this.fd, 0);
    this.truncated += this.bytes;
    this.bytes = 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.syncTimer) {
      clearInterval(this.syncTimer);
      fs.fdatasyncSync(this.fd);
    }
    fs.closeSync(this.fd);
  }

  private syncSoon(): void {
    // Async so the event loop keeps serving requests while the disk catches up; a close racing it yields EBADF.
    fs.fdatasync(this.fd, () => undefined);
  }

  /**
   * A power loss can leave a torn last line without its newline. Terminating it makes it one bad line the
   * reader skips, instead of gluing it to the first record appended after restart and losing that one too.
   */
  private sealTornTail(): void {
    if (this.bytes === 0) return;
    const last = Buffer.alloc(1);
    fs.readSync(this.fd, last, 0, 1, this.bytes - 1);
    if (last[0] !== NEWLINE) this.append('');
  }
}
