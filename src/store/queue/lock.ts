// One process owns a journal. Two flushers on one file would truncate each other's unread records, so a second
// opener (another gateway on the same folder, or a CLI command while the gateway runs) must fail loudly.
// A lock left by a killed process is taken over: its pid no longer exists.
import fs from 'node:fs';

export class JournalLock {
  private released = false;

  private constructor(private readonly path: string) {}

  static acquire(path: string): JournalLock {
    for (let tries = 0; tries < 3; tries++) {
      try {
        const fd = fs.openSync(path, 'wx');
        fs.writeSync(fd, String(process.pid));
        fs.closeSync(fd);
        return new JournalLock(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = readPid(path);
      if (holder !== null && isAlive(holder)) {
        throw new Error(`journal ${path.replace(/\.lock$/, '')} is in use by process ${holder}`);
      }
      fs.rmSync(path, { force: true });
    }
    throw new Error(`could not lock ${path}`);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    fs.rmSync(this.path, { force: true });
  }
}

function readPid(path: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    // Signal 0 checks existence only. EPERM means it exists under another user.
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
