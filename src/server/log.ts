// The gateway's operational log: pino (PRODUCT.md's stack), one JSON line per event on stderr, so a collector
// (journald, Docker, a log shipper) can index `event`, `requestId` or `vendor` without parsing prose.
import { pino, stdTimeFunctions, type DestinationStream } from 'pino';
import type { LogLevel } from '../config/types.ts';
import type { Log } from '../pipeline/ports.ts';

/**
 * No event is given a prompt, an answer or a key: fields are chosen one by one. These paths are the second line: a
 * header-like field that a future event passes along by mistake is censored before the line is written.
 */
const REDACT = [
  'authorization',
  'apiKey',
  'api_key',
  'key',
  'token',
  'adminToken',
  'admin_token',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'headers["x-goog-api-key"]',
  '*.authorization',
  '*.apiKey',
  '*.api_key',
];

/** `to`: where the lines go (tests read them); default stderr, leaving stdout to the CLI's own output. */
export function createLog(level: LogLevel, to: DestinationStream = process.stderr): Log {
  return pino(
    {
      level,
      // 'warn', not 40: the line is read by people as often as by machines
      formatters: { level: (label) => ({ level: label }) },
      timestamp: stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    to,
  );
}

/** An error as one field of a one-line event: its message. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
