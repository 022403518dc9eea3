// Starts store-holder.fixture.ts and resolves once it holds the store with its rows committed; the child is
// stopped when the test ends. Shared by the reader and report tests.
import { spawn } from 'node:child_process';

const holder = new URL('./store-holder.fixture.ts', import.meta.url).pathname;
// `--import tsx` resolves from the working directory: run the child from the repo root whatever ours is.
const repoRoot = new URL('../../', import.meta.url).pathname;

export function holdStore(t: { after(fn: () => Promise<void>): void }, url: string, rows = 5): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', holder, url, String(rows)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('ready\n')) resolve(child.pid ?? 0);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => reject(new Error(`store holder exited (${code ?? signal}) before ready: ${stderr}`)));
  });
}
