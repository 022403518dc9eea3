// The what-if page's scenario as a form. What it applies goes to the query string in the API's own parameters
// (since, price and route repeated, traffic), so a scenario can be shared as a link and the page sends the API
// exactly what the address bar holds. The API judges the values: prices are text fields, so a wrong one typed
// in reaches it and comes back as its message rather than being silently dropped by a number field.
import { useState } from 'preact/hooks';
import { Choice, ErrorBox, PERIODS } from '../components.tsx';

export const DEFAULT_SINCE = '30d';

interface PriceRow { id: number; target: string; input: string; output: string; cacheRead: string }
interface RouteRow { id: number; logical: string; target: string }

let nextId = 0;
const priceRow = (target = '', input = '', output = '', cacheRead = ''): PriceRow => ({ id: nextId++, target, input, output, cacheRead });
const routeRow = (logical = '', target = ''): RouteRow => ({ id: nextId++, logical, target });

/** `vendor/model=IN,OUT[,CACHE_READ]` back into its fields; a malformed one keeps its text where it can, for the API to name. */
function parsePrice(param: string): PriceRow {
  const eq = param.lastIndexOf('=');
  if (eq < 0) return priceRow(param);
  const [input = '', output = '', ...rest] = param.slice(eq + 1).split(',');
  return priceRow(param.slice(0, eq), input, output, rest.join(','));
}

function parseRoute(param: string): RouteRow {
  const eq = param.indexOf('=');
  return eq < 0 ? routeRow(param) : routeRow(param.slice(0, eq), param.slice(eq + 1));
}

const blank = (...fields: string[]): boolean => fields.every((f) => f.trim() === '');

function toQuery(since: string, prices: PriceRow[], routes: RouteRow[], traffic: string): URLSearchParams {
  const q = new URLSearchParams({ since });
  for (const p of prices) {
    if (blank(p.target, p.input, p.output, p.cacheRead)) continue;
    const values = [p.input, p.output, ...(blank(p.cacheRead) ? [] : [p.cacheRead])].map((v) => v.trim());
    q.append('price', `${p.target.trim()}=${values.join(',')}`);
  }
  for (const r of routes) if (!blank(r.logical, r.target)) q.append('route', `${r.logical.trim()}=${r.target.trim()}`);
  // traffic x1 is the API's default: leaving it out keeps a shared link short
  if (traffic.trim() !== '' && Number(traffic) !== 1) q.set('traffic', traffic.trim());
  return q;
}

export function WhatIfForm(props: { query: URLSearchParams; error: string | null; onApply: (next: URLSearchParams) => void }) {
  const { query } = props;
  const [since, setSince] = useState(query.get('since') ?? DEFAULT_SINCE);
  const [prices, setPrices] = useState(() => {
    const given = query.getAll('price').map(parsePrice);
    return given.length > 0 ? given : [priceRow()];
  });
  const [routes, setRoutes] = useState(() => {
    const given = query.getAll('route').map(parseRoute);
    return given.length > 0 ? given : [routeRow()];
  });
  const [traffic, setTraffic] = useState(query.get('traffic') ?? '1');
  // a hand-edited since (2026-01-01, 12h) stays selectable instead of turning into 30d on the next replay
  const periods: readonly string[] = PERIODS.includes(since as (typeof PERIODS)[number]) ? PERIODS : [...PERIODS, since];

  const setPrice = (id: number, field: keyof Omit<PriceRow, 'id'>, value: string): void =>
    setPrices((rows) => rows.map((r) => (r.id === id ? { ...r, [field]: value } : r)));
  const setRoute = (id: number, field: keyof Omit<RouteRow, 'id'>, value: string): void =>
    setRoutes((rows) => rows.map((r) => (r.id === id ? { ...r, [field]: value } : r)));
  const submit = (e: Event): void => {
    e.preventDefault();
    props.onApply(toQuery(since, prices, routes, traffic));
  };

  return (
    <form class="what-if" aria-label="scenario" onSubmit={submit}>
      <div class="line">
        <Choice label="Period" value={since} options={periods} onChange={setSince} />
        <label>Traffic ×{' '}<input type="number" name="traffic" min={0} step="any" value={traffic} onInput={(e) => setTraffic(e.currentTarget.value)} /></label>
      </div>
      <fieldset>
        <legend>Price overrides, USD per million tokens</legend>
        {prices.map((p, i) => (
          <div class="row" key={p.id}>
            <label>vendor/model{' '}<input aria-label={`price ${i + 1} vendor/model`} type="text" class="target" placeholder="vendor/model" value={p.target} onInput={(e) => setPrice(p.id, 'target', e.currentTarget.value)} /></label>
            <label>input{' '}<input aria-label={`price ${i + 1} input`} type="text" inputMode="decimal" class="usd" value={p.input} onInput={(e) => setPrice(p.id, 'input', e.currentTarget.value)} /></label>
            <label>output{' '}<input aria-label={`price ${i + 1} output`} type="text" inputMode="decimal" class="usd" value={p.output} onInput={(e) => setPrice(p.id, 'output', e.currentTarget.value)} /></label>
            <label>cache read{' '}<input aria-label={`price ${i + 1} cache read`} type="text" inputMode="decimal" class="usd" placeholder="optional" value={p.cacheRead} onInput={(e) => setPrice(p.id, 'cacheRead', e.currentTarget.value)} /></label>
            <button type="button" onClick={() => setPrices((rows) => rows.filter((r) => r.id !== p.id))} aria-label={`remove price ${i + 1}`}>Remove</button>
          </div>
        ))}
        <button type="button" onClick={() => setPrices((rows) => [...rows, priceRow()])}>Add price</button>
      </fieldset>
      <fieldset>
        <legend>Routes: all of a logical model's tokens on another vendor model</legend>
        {routes.map((r, i) => (
          <div class="row" key={r.id}>
            <label>logical model{' '}<input aria-label={`route ${i + 1} logical model`} type="text" class="logical" value={r.logical} onInput={(e) => setRoute(r.id, 'logical', e.currentTarget.value)} /></label>
            <label>to{' '}<input aria-label={`route ${i + 1} to`} type="text" class="target" placeholder="vendor/model" value={r.target} onInput={(e) => setRoute(r.id, 'target', e.currentTarget.value)} /></label>
            <button type="button" onClick={() => setRoutes((rows) => rows.filter((x) => x.id !== r.id))} aria-label={`remove route ${i + 1}`}>Remove</button>
          </div>
        ))}
        <button type="button" onClick={() => setRoutes((rows) => [...rows, routeRow()])}>Add route</button>
      </fieldset>
      <button type="submit">Replay</button>
      {props.error !== null && <ErrorBox message={props.error} />}
    </form>
  );
}
