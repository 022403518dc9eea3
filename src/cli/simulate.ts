// `airlock simulate`: run one fake vendor in the foreground, for trying the gateway (or a client) without
// vendor keys, and for drills. Model-name tokens script faults per request (see src/simulator/script.ts).
import { parseArgs } from 'node:util';
import { startSimulator, type SimOptions, type SimProtocol } from '../simulator/server.ts';

const usage = `usage: airlock simulate --protocol openai|anthropic|gemini [--port N] [--host H] [--fail-rate R]
                        [--latency-ms N] [--stream-chunks N] [--chunk-delay-ms N] [--api-key K]
`;

const PROTOCOLS: readonly SimProtocol[] = ['openai', 'anthropic', 'gemini'];

class UsageError extends Error {}

function number(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, got '${raw}'`);
  return n;
}

function parse(argv: string[]): SimOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      protocol: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'fail-rate': { type: 'string' },
      'latency-ms': { type: 'string' },
      'stream-chunks': { type: 'string' },
      'chunk-delay-ms': { type: 'string' },
      'api-key': { type: 'string' },
    },
  });
  const protocol = PROTOCOLS.find((p) => p === values.protocol);
  if (protocol === undefined) throw new UsageError(`--protocol must be one of ${PROTOCOLS.join(', ')}`);
  const opts: SimOptions = { protocol, port: number('port', values.port, 0, 65535) ?? 0 };
  if (values.host !== undefined) opts.host = values.host;
  const failRate = number('fail-rate', values['fail-rate'], 0, 1);
  const latencyMs = number('latency-ms', values['latency-ms'], 0, 600_000);
  const streamChunks = number('stream-chunks', values['stream-chunks'], 1, 10_000);
  const chunkDelayMs = number('chunk-delay-ms', values['chunk-delay-ms'], 0, 600_000);
  if (failRate !== undefined) opts.failRate = failRate;
  if (latencyMs !== undefined) opts.latencyMs = latencyMs;
  if (streamChunks !== undefined) opts.streamChunks = Math.floor(streamChunks);
  if (chunkDelayMs !== undefined) opts.chunkDelayMs = chunkDelayMs;
  if (values['api-key'] !== undefined) opts.apiKey = values['api-key'];
  return opts;
}

export async function simulateCommand(argv: string[]): Promise<void> {
  let opts: SimOptions;
  try {
    opts = parse(argv);
  } catch (err) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown or malformed flags
    process.stderr.write(`airlock simulate: ${err instanceof Error ? err.message : String(err)}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const sim = await startSimulator(opts);
  const baseUrl = sim.protocol === 'openai' ? `${sim.url}/v1` : sim.url;
  process.stdout.write(`airlock simulate: ${sim.protocol} on ${sim.url} (base_url ${baseUrl})\n`);
  // exit explicitly, as `airlock start` does: tsx's loader keeps a handle open after the server closes
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
