// How far into the journal the store has committed, kept in a sidecar file next to the journal.
//
// It lives outside the database so every backend shares one queue. It is written after the backend's commit,
// so a crash in between leaves it behind, never ahead: the replay then re-commits records the store already
// has, which the backends ignore (idempotent inserts).
import fs from 'node:fs';

const WIDTH = 8;

export class CursorFile {
  private readonly fd: number;
  private readonly buf = Buffer.alloc(WIDTH);

  constructor(path: string) {
    // Not 'a': on Linux positioned writes to an O_APPEND file go to the end, and this file is overwritten in place.
    this.fd = openReadWrite(path);
  }

  read(): number {
    const got = fs.readSync(this.fd, this.buf, 0, WIDTH, 0);
    return got === WIDTH ? Number(this.buf.readBigUInt64LE(0)) : 0;
  }

  /** One 8-byte write inside one page: a process crash leaves either the old or the new value. */
  write(offset: number): void {
    this.buf.writeBigUInt64LE(BigInt(offset), 0);
    fs.writeSync(this.fd, this.buf, 0, WIDTH, 0);
  }

  sync(): void {
    fs.fdatasyncSync(this.fd);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

function openReadWrite(path: string): number {
  try {
    return fs.openSync(path, 'r+');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return fs.openSync(path, 'w+');
  }
}
