// `airlock report register --format csv|cyclonedx [--config FILE] [--out FILE]`: the vendor register export.
// CSV follows DORA's register of information (columns in governance/register-csv.ts); CycloneDX is a 1.6 BOM
// with one service per vendor. `airlock report` dispatches here.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { registerCsv } from '../governance/register-csv.ts';
import { registerBom } from '../governance/register-cyclonedx.ts';
import { emit, openRegisterSession, type Output } from './register-session.ts';

const USAGE = 'usage: airlock report register [--format csv|cyclonedx] [--config FILE] [--out FILE]   (default csv, ./airlock.yaml, stdout)\n';

function toolVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** argv: the arguments after `report register`. */
export async function reportRegisterCommand(argv: string[], stdout: Output = process.stdout, stderr: Output = process.stderr, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: { config?: string; format: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { config: { type: 'string', short: 'c' }, format: { type: 'string', default: 'csv' }, out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    await emit(stderr, `${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help === true) return emit(stdout, USAGE).then(() => 0);
  if (values.format !== 'csv' && values.format !== 'cyclonedx') {
    await emit(stderr, `--format must be csv or cyclonedx, got '${values.format}'\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    const now = Date.now();
    const session = await openRegisterSession(values.config, env, now);
    try {
      const entries = session.register.list(now);
      text =
        values.format === 'csv'
          ? registerCsv(entries, session.config.models)
          : `${JSON.stringify(registerBom(entries, session.config.models, { now, serial: randomUUID(), toolVersion: toolVersion() }), null, 2)}\n`;
    } finally {
      await session.close();
    }
    if (values.out !== undefined) writeFileSync(values.out, text);
    else await emit(stdout, text);
    return 0;
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    await emit(stderr, `airlock report register: ${err.message}\n`);
    return 1;
  }
}
