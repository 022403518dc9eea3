// The month's daily spend as an inline SVG bar chart: no chart library, no inline style (the CSP forbids it), so
// sizes are SVG attributes and colours come from the stylesheet. One bar per day of the series, each with its
// amount as a tooltip; the whole chart is one image to assistive technology, named by its title.
import { cents } from '../format.ts';

const SLOT = 20; // per day: a 31-day month is 620 units wide, close to its size on screen, so text stays legible
const BAR = 14;
const TOP = 18;
const PLOT = 100;
const HEIGHT = TOP + PLOT + 22;

export function DailyChart(props: { series: { date: string; usd: number }[]; label: string }) {
  const { series, label } = props;
  const max = Math.max(0, ...series.map((d) => d.usd));
  const scale = max > 0 ? PLOT / max : 0;
  const width = Math.max(31, series.length) * SLOT;
  const first = series[0];
  const last = series.at(-1);
  return (
    <svg class="chart" role="img" aria-label={label} viewBox={`0 0 ${width} ${HEIGHT}`}>
      <title>{label}</title>
      <text class="axis" x={0} y={12}>{`max ${cents(max)} USD a day`}</text>
      {series.map((d, i) => {
        const h = d.usd * scale;
        return (
          <rect class="bar" x={i * SLOT + (SLOT - BAR) / 2} y={TOP + PLOT - h} width={BAR} height={h}>
            <title>{`${d.date}: ${cents(d.usd)} USD`}</title>
          </rect>
        );
      })}
      <line class="baseline" x1={0} x2={series.length * SLOT} y1={TOP + PLOT} y2={TOP + PLOT} />
      {first !== undefined && <text class="axis" x={0} y={HEIGHT - 4}>{first.date}</text>}
      {last !== undefined && series.length > 1 && <text class="axis" x={series.length * SLOT} y={HEIGHT - 4} text-anchor="end">{last.date}</text>}
    </svg>
  );
}
