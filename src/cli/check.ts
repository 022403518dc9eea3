// `airlock check --config FILE`: validate a config and print what each logical model may receive.
// Exit codes: 0 valid, 1 invalid config, 2 bad command line (the usual usage-error code).
import { parseArgs } from 'node:util';
import { describeChains } from '../config/describe.ts';
import { breakerSummary, lifecycleWarnings } from './check-contingency.ts';
import { costSummary } from './check-cost.ts';
import { loadCatalog } from '../cost/catalog.ts';
import { createPriceSource } from '../cost/pricing.ts';
import { ConfigError, loadConfigFile } from '../config/load.ts';
import type { Config } from '../config/types.ts';

export interface Output {
  write(text: string, done: (err?: Error | null) => void): unknown;
}

// Resolves once the text is handed off, so a caller that exits right after cannot cut a piped output short.
function emit(out: Output, text: string): Promise<void> {
  return new Promise((resolve) => {
    out.write(text, () => resolve());
  });
}

const USAGE = 'usage: airlock check [--config FILE]   (default ./airlock.yaml)\n';

/** Where logs and spans go. Header values are credentials more often than not: only their names are shown. */
function observabilitySummary(config: Config): string {
  const t = config.traces;
  let traces = 'off (an SDK registered with node --import receives the spans)';
  if (t !== undefined) {
    const where = new URL(t.otlpUrl);
    const headers = Object.keys(t.headers);
    traces = `OTLP/HTTP to ${where.host}${where.pathname}, ${t.sample * 100}% of new traces, service ${t.serviceName}${headers.length === 0 ? '' : `, headers ${headers.join(', ')}`}`;
  }
  return `log: ${config.log.level} and above, JSON lines on stderr\ntraces: ${traces}\n`;
}

/** argv: the arguments after `check`. Streams are parameters so tests can read what was printed. */
export async function checkCommand(
  argv: string[],
  stdout: Output = process.stdout,
  stderr: Output = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let file: string;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { config: { type: 'string', short: 'c', default: './airlock.yaml' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help === true) {
      await emit(stdout, USAGE);
      return 0;
    }
    file = values.config;
  } catch (err) {
    await emit(stderr, `${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const config = loadConfigFile(file, env);
    const now = Date.now();
    config.warnings.push(...createPriceSource(config, loadCatalog()).warnings(), ...lifecycleWarnings(config, now));
    await emit(stdout, `ok: ${file}\n${describeChains(config)}\n${costSummary(config, now)}${breakerSummary(config)}${observabilitySummary(config)}`);
    return 0;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    await emit(stderr, `${err.message}\n`);
    return 1;
  }
}
