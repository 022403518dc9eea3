// The requests page's filters as a form. What it applies goes to the address bar's query string (the page reads
// it from there), so a filtered view survives a reload and can be shared as a link.
import { useState } from 'preact/hooks';

/** The query parameters /admin/requests filters on, with their labels; the URL uses the API's own names. */
export const FILTERS = [
  ['app', 'App'],
  ['team', 'Team'],
  ['key', 'Key name'],
  ['model', 'Model'],
  ['vendor', 'Vendor'],
] as const;
const OUTCOMES = [['', 'all'], ['ok', 'ok (2xx)'], ['error', 'errors']] as const;
export const DEFAULT_LIMIT = 50;

/** The filters and page size in `query`, applied as a new query (paging starts again from the newest). */
export function RequestFilters(props: { query: URLSearchParams; onApply: (next: URLSearchParams) => void }) {
  const [values, setValues] = useState(() => Object.fromEntries(['outcome', 'limit', ...FILTERS.map(([p]) => p)].map((p) => [p, props.query.get(p) ?? ''])));
  const set = (param: string, value: string): void => setValues((v) => ({ ...v, [param]: value }));
  const submit = (e: Event): void => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [param, value] of Object.entries(values)) if (value.trim() !== '') next.set(param, value.trim());
    props.onApply(next);
  };
  return (
    <form class="filters" role="search" aria-label="filter requests" onSubmit={submit}>
      {/* label by id: a label wrapping a select would take the options' text into its accessible name */}
      <span>
        <label for="filter-outcome">Outcome</label>{' '}
        <select id="filter-outcome" name="outcome" value={values.outcome} onChange={(e) => set('outcome', e.currentTarget.value)}>
          {OUTCOMES.map(([value, label]) => <option value={value}>{label}</option>)}
        </select>
      </span>
      {FILTERS.map(([param, label]) => (
        <label>{label}{' '}
          <input type="text" name={param} placeholder="any" value={values[param]} onInput={(e) => set(param, e.currentTarget.value)} />
        </label>
      ))}
      <label>Per page{' '}
        <input type="number" name="limit" min={1} max={1000} placeholder={String(DEFAULT_LIMIT)} value={values.limit} onInput={(e) => set('limit', e.currentTarget.value)} />
      </label>
      <button type="submit">Apply</button>
    </form>
  );
}
