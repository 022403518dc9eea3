// The few building blocks every page shares: its header with a refresh button, the loading / error / empty
// states, a table whose number columns align right, status badges and in-app links.
import type { ComponentChildren, JSX } from 'preact';
import { BASE, navigate } from './router.ts';
import type { Resource } from './use-resource.ts';

export function Page(props: { title: string; resource?: Resource<unknown>; tools?: ComponentChildren; children: ComponentChildren }) {
  const r = props.resource;
  return (
    <section class="page">
      <header class="page-head">
        <h1>{props.title}</h1>
        <div class="tools">
          {props.tools}
          {r !== undefined && (
            <button type="button" onClick={r.reload} disabled={r.loading} aria-busy={r.loading}>Refresh</button>
          )}
        </div>
      </header>
      {props.children}
    </section>
  );
}

/** The resource's data once it has some; before that the loading or error state. A later error shows above stale data. */
export function Loaded<T>(props: { resource: Resource<T>; children: (data: T) => ComponentChildren }) {
  const { data, error } = props.resource;
  if (data === null) return error === null ? <p class="loading" role="status">Loading…</p> : <ErrorBox message={error} />;
  return (
    <>
      {error !== null && <ErrorBox message={error} />}
      {props.children(data)}
    </>
  );
}

export function ErrorBox(props: { message: string }) {
  return <p class="error" role="alert">{props.message}</p>;
}

export function Empty(props: { children: ComponentChildren }) {
  return <div class="empty">{props.children}</div>;
}

export interface Column<T> {
  title: string;
  /** right-aligned, tabular figures */
  num?: boolean;
  /** prose that may wrap; other cells keep to one line and the table scrolls sideways */
  wrap?: boolean;
  cell: (row: T) => ComponentChildren;
}

export function Table<T>(props: { columns: Column<T>[]; rows: readonly T[]; rowKey: (row: T, i: number) => string; rowClass?: (row: T) => string | undefined; foot?: T; label?: string }) {
  const cells = (row: T) => props.columns.map((c) => <td class={c.num === true ? 'num' : c.wrap === true ? 'wrap' : undefined}>{c.cell(row)}</td>);
  return (
    <div class="table-wrap">
      <table aria-label={props.label}>
        <thead>
          <tr>{props.columns.map((c) => <th scope="col" class={c.num === true ? 'num' : undefined}>{c.title}</th>)}</tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => <tr key={props.rowKey(row, i)} class={props.rowClass?.(row)}>{cells(row)}</tr>)}
        </tbody>
        {props.foot !== undefined && <tfoot><tr>{cells(props.foot)}</tr></tfoot>}
      </table>
    </div>
  );
}

const TONES: Record<string, string> = {
  approved: 'good', closed: 'good', passed: 'good', delivered: 'good', ready: 'good', allow: 'good',
  pending: 'warn', 'half-open': 'warn', 'no-traffic': 'warn', warn: 'warn', retiring: 'warn', redact: 'warn', pseudonymize: 'warn',
  rejected: 'bad', open: 'bad', failed: 'bad', block: 'bad', retired: 'bad', 'not ready': 'bad', reroute: 'bad',
};

/** `tone` for values the table above does not know, such as an error code. */
export function Badge(props: { value: string; tone?: 'good' | 'warn' | 'bad' }) {
  return <span class={`badge ${props.tone ?? TONES[props.value] ?? 'plain'}`}>{props.value}</span>;
}

/** Label and value pairs, one a line: a single record's fields. */
export function Facts(props: { rows: [string, ComponentChildren][]; label?: string }) {
  return (
    <dl class="facts" aria-label={props.label}>
      {props.rows.map(([k, v]) => (
        <div key={k}><dt>{k}</dt><dd>{v}</dd></div>
      ))}
    </dl>
  );
}

/** An in-app link; `current` marks the navigation's entry for the page on show. */
export function Link(props: { to: string; children: ComponentChildren; current?: boolean }) {
  const onClick = (e: JSX.TargetedMouseEvent<HTMLAnchorElement>): void => {
    // a new tab or window keeps the browser's own behaviour
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(props.to);
  };
  const current = props.current === true;
  return <a href={BASE + props.to} class={current ? 'current' : undefined} aria-current={current ? 'page' : undefined} onClick={onClick}>{props.children}</a>;
}

export const PERIODS = ['24h', '7d', '30d', '90d'] as const;

export function Choice<T extends string>(props: { label: string; value: T; options: readonly T[]; onChange: (value: T) => void }) {
  // label by id: a label wrapping a select would take the options' text into its accessible name
  const id = `choice-${props.label.toLowerCase()}`;
  return (
    <span class="choice">
      <label for={id}>{props.label}</label>{' '}
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as T)}>
        {props.options.map((o) => <option value={o}>{o}</option>)}
      </select>
    </span>
  );
}

/** `vendor/model`, which may break after the slash (not inside the model's name) when the table is short of room. */
export function VendorModel(props: { vendor: string | null; model: string | null }) {
  const { vendor, model } = props;
  if (vendor === null) return <>–</>;
  return model === null ? <>{vendor}</> : <span class="breakable">{vendor}/<wbr /><span class="whole">{model}</span></span>;
}
