// `airlock <command>`: one file per command; this only dispatches. Commands PRODUCT.md lists that later
// work brings (none at the moment) answer with a clear "not yet" rather than a usage error.
const commands: Record<string, () => Promise<(argv: string[]) => Promise<number | void>>> = {
  start: async () => (await import('./start.ts')).startCommand,
  check: async () => (await import('./check.ts')).checkCommand,
  simulate: async () => (await import('./simulate.ts')).simulateCommand,
  status: async () => (await import('./status.ts')).statusCommand,
  report: async () => (await import('./report.ts')).reportCommand,
  vendors: async () => (await import('./vendors.ts')).vendorsCommand,
  drill: async () => (await import('./drill.ts')).drillCommand,
  keys: async () => (await import('./keys.ts')).keysCommand,
  store: async () => (await import('./store.ts')).storeCommand,
};
const later: string[] = [];

const usage = `usage: airlock <command> [options]

  start     [--config FILE] [--port N] [--host H]   run the gateway (no config: the built-in demo)
  check     --config FILE                           validate a config, print each model's target chain
  simulate  --protocol openai|anthropic|gemini --port N [--fail-rate R] [--latency-ms N] [--stream-chunks N]
  report    data-flows|register|spend|forecast|what-if|deprecations|readiness [--since 30d] [--format table|csv|json|cyclonedx] [--config FILE]
  status    [--config FILE] [--url URL] [--token T]    breakers, vendors' review state, budgets' burn of a running gateway
  vendors   list | show NAME | review NAME --status S [--data a,b] [--expires DATE] [--by NAME]  [--config FILE]
  drill     --vendor NAME --fault outage|errors|latency|truncate [--share 0.1] [--duration 5m] [--canary]   | stop [ID] | list | show ID
  keys      create NAME --app APP [--models a,b] | revoke NAME | list [--format table|json]  [--config FILE]
  store     copy --to postgres://… [--from sqlite:FILE | --config FILE]   a SQLite store's history into Postgres
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage);
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (load === undefined) {
    process.stderr.write(later.includes(name) ? `airlock ${name}: not available in this version yet\n` : `airlock: unknown command '${name}'\n\n${usage}`);
    return 2;
  }
  const run = await load();
  return (await run(rest)) ?? 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`airlock: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
