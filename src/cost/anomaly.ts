// Spend anomalies: an hour whose spend is above the mean + k·stddev of the hours before it, and above a floor (so a
// quiet baseline does not turn cents into alerts). The current hour counts as it goes, so a runaway loop is caught
// within the hour. Hours with no requests spent $0. Pure: the hourly series comes from the store.

export const HOUR_MS = 3_600_000;

export interface AnomalyRule {
  baselineHours: number;
  k: number;
  floorUsd: number;
}

export interface AnomalyFinding {
  /** hour number (epoch ms / HOUR_MS) the episode began */
  startHour: number;
  /** the current hour's spend, and the baseline it broke */
  spendUsd: number;
  meanUsd: number;
  stddevUsd: number;
  thresholdUsd: number;
}

/** spend by hour number; an absent hour is $0 */
export type HourlySpend = ReadonlyMap<number, number>;

function judge(series: HourlySpend, hour: number, rule: AnomalyRule): Omit<AnomalyFinding, 'startHour'> | null {
  let sum = 0;
  let sq = 0;
  for (let h = hour - rule.baselineHours; h < hour; h++) {
    const v = series.get(h) ?? 0;
    sum += v;
    sq += v * v;
  }
  const n = rule.baselineHours;
  const mean = sum / n;
  const stddev = Math.sqrt(Math.max(0, sq / n - mean * mean));
  const thresholdUsd = mean + rule.k * stddev;
  const spendUsd = series.get(hour) ?? 0;
  if (spendUsd <= thresholdUsd || spendUsd <= rule.floorUsd) return null;
  return { spendUsd, meanUsd: mean, stddevUsd: stddev, thresholdUsd };
}

/**
 * The anomaly `hour` is part of, or null. The episode starts at the earliest hour of the unbroken run of anomalous
 * hours ending at `hour` (each judged against its own baseline), looked for at most `lookback` hours back, so a spike
 * that lasts three hours is one episode with one key.
 */
export function anomalyAt(series: HourlySpend, hour: number, rule: AnomalyRule, lookback = 24): AnomalyFinding | null {
  const now = judge(series, hour, rule);
  if (now === null) return null;
  let start = hour;
  while (start > hour - lookback && judge(series, start - 1, rule) !== null) start--;
  return { startHour: start, ...now };
}
