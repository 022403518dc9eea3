// Where a report writes and what it reads from its surroundings, passed in so tests can capture and pin them.

export interface Output {
  write(text: string, done: (err?: Error | null) => void): unknown;
}

export interface ReportIo {
  stdout: Output;
  stderr: Output;
  env: NodeJS.ProcessEnv;
  /** epoch ms; the end of every report's period */
  now: () => number;
}

export function reportIo(partial: Partial<ReportIo> = {}): ReportIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, now: Date.now, ...partial };
}

/** Resolves once the text is handed off, so a caller that exits right after cannot cut a piped output short. */
export function emit(out: Output, text: string): Promise<void> {
  return new Promise((resolve) => {
    out.write(text, () => resolve());
  });
}
