// `airlock report <name>`: dispatches to one file per report. Reports PRODUCT.md lists that later work brings
// answer with a clear "not yet" (exit 2), like main.ts does for commands.
import { emit, reportIo, type ReportIo } from './report-io.ts';

const LATER: string[] = [];

const USAGE = `usage: airlock report <report> [options]

  data-flows  [--since 30d] [--format table|csv|json] [--config FILE]   what data went to which vendor (GDPR Art. 30 style)
  register    the vendor register export
  spend       [--since 30d] [--by team|app|key|vendor|model] [--format table|csv|json] [--config FILE]   spend and chargeback (FOCUS CSV)
  forecast    [--format table|json] [--config FILE]   month-end spend projection and budget run-out dates
  what-if     [--since 30d] [--price v/m=IN,OUT]... [--route logical=v/m]... [--traffic x3] [--format table|json]   replay usage under other prices, routes, traffic
  deprecations [--within 90d] [--format table|csv|json] [--config FILE]   targets the model-eol feed retires; exit 3 if one already has
  readiness   [--format table|json] [--config FILE]   fallbacks, last drills, vendor concentration; exit 3 if a model has no working fallback

airlock report <report> --help for a report's options
`;

// A variable specifier: the register report is built separately, and this file must compile without it.
const REGISTER_MODULE = './report-register.ts';

interface RegisterModule {
  reportRegisterCommand(argv: string[]): Promise<number>;
}

async function register(rest: string[], io: ReportIo): Promise<number> {
  let mod: RegisterModule;
  try {
    mod = (await import(REGISTER_MODULE)) as RegisterModule;
  } catch (err) {
    // Only the register file itself being absent means "not yet"; a broken import inside it must surface.
    const missing = (err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes('report-register');
    if (!missing) throw err;
    await emit(io.stderr, 'airlock report register: not available in this version yet\n');
    return 2;
  }
  return mod.reportRegisterCommand(rest);
}

/** argv: the arguments after `report`. */
export async function reportCommand(argv: string[], partial: Partial<ReportIo> = {}): Promise<number> {
  const io = reportIo(partial);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await emit(name === undefined ? io.stderr : io.stdout, USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === 'data-flows') return (await import('./report-data-flows.ts')).dataFlowsReport(rest, io);
  if (name === 'register') return register(rest, io);
  if (name === 'spend') return (await import('./report-spend.ts')).spendReport(rest, io);
  if (name === 'forecast') return (await import('./report-forecast.ts')).forecastReport(rest, io);
  if (name === 'what-if') return (await import('./report-what-if.ts')).whatIfReport(rest, io);
  if (name === 'deprecations') return (await import('./report-deprecations.ts')).deprecationsReport(rest, io);
  if (name === 'readiness') return (await import('./report-readiness.ts')).readinessReport(rest, io);
  await emit(io.stderr, LATER.includes(name) ? `airlock report ${name}: not available in this version yet\n` : `airlock report: unknown report '${name}'\n\n${USAGE}`);
  return 2;
}
