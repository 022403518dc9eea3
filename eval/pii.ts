// `npm run eval:pii`: scores Airlock's detectors on the labeled PII set with the set's own scorer.
//   --gold FILE     the JSONL set (default: ../shared/data/pii/dev.jsonl beside the repo)
//   --scorer FILE   the scorer (default: score.mjs next to the default set)
//   anything else (--errors N, --json) is passed to the scorer.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(repoRoot, '../shared/data/pii');

function takeOption(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
}

const rest = process.argv.slice(2);
const gold = path.resolve(takeOption(rest, '--gold') ?? path.join(dataDir, 'dev.jsonl'));
const scorer = path.resolve(takeOption(rest, '--scorer') ?? path.join(dataDir, 'score.mjs'));
const missing = [gold, scorer].filter((f) => !existsSync(f));
if (missing.length > 0) {
  console.error(`eval:pii: not found: ${missing.join(', ')}`);
  console.error('The labeled set lives outside the repo (../shared/data/pii); pass --gold FILE and --scorer FILE to point elsewhere.');
  process.exit(2);
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', scorer, '--gold', gold, '--detector', path.join(repoRoot, 'eval/detector.ts'), '--name', 'airlock', ...rest],
  { stdio: 'inherit', cwd: repoRoot },
);
process.exit(result.status ?? 1);
