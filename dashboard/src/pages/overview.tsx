// The overview: what `airlock status` shows (breakers, vendors' effective reviews, budgets' burn, drills under
// way) and the newest cost alerts, polled while the tab is visible.
import { Badge, Empty, Link, Loaded, Page, Table } from '../components.tsx';
import { count, iso, list, percent, text, usd } from '../format.ts';
import type { Alert, Status } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { AlertsTable } from './alerts.tsx';
import { DrillsTable } from './drills.tsx';

const POLL_MS = 5000;

type Budget = Status['budgets'][number];

function Budgets(props: { budgets: Budget[] }) {
  if (props.budgets.length === 0) return <Empty>No budgets are configured. Give a team, app, key or vendor a <code>budget:</code> in the config to see its burn here.</Empty>;
  return (
    <Table label="budgets" rows={props.budgets} rowKey={(b) => b.budget} columns={[
      { title: 'budget', cell: (b) => b.budget },
      { title: 'period', cell: (b) => b.period },
      { title: 'spent USD', num: true, cell: (b) => usd(b.spentUsd) },
      { title: 'limit USD', num: true, cell: (b) => b.limitUsd.toFixed(2) },
      { title: 'burn', num: true, cell: (b) => <Burn budget={b} /> },
      { title: 'on exceed', cell: (b) => b.onExceed },
      { title: 'resets', cell: (b) => iso(b.resetAt) },
    ]} />
  );
}

function Burn(props: { budget: Budget }) {
  const { spentUsd, limitUsd } = props.budget;
  const share = limitUsd > 0 ? spentUsd / limitUsd : 0;
  return (
    <span class="burn">
      <meter min={0} max={1} low={0.8} high={0.95} optimum={0} value={Math.min(share, 1)} />
      {percent(share)}
    </span>
  );
}

function Breakers(props: { status: Status }) {
  const { breakers, breakerTransitions = [] } = props.status;
  return (
    <>
      {breakers.length === 0 ? <Empty>No circuit breaker has tracked traffic yet; they appear with the first calls to a vendor.</Empty> : (
        <Table label="breakers" rows={breakers} rowKey={(b) => `${b.vendor}/${b.model ?? ''}`} columns={[
          { title: 'vendor', cell: (b) => b.vendor },
          { title: 'model', cell: (b) => b.model ?? '(vendor)' },
          { title: 'state', cell: (b) => <Badge value={b.state} /> },
          { title: 'failures', num: true, cell: (b) => count(b.failures) },
          { title: 'requests', num: true, cell: (b) => count(b.requests) },
        ]} />
      )}
      {breakerTransitions.length > 0 && (
        <Table label="breaker transitions" rows={breakerTransitions} rowKey={(t, i) => `${t.at}-${i}`} columns={[
          { title: 'at', cell: (t) => iso(t.at) },
          { title: 'vendor', cell: (t) => t.vendor },
          { title: 'model', cell: (t) => t.model ?? '(vendor)' },
          { title: 'from', cell: (t) => t.from },
          { title: 'to', cell: (t) => <Badge value={t.to} /> },
          { title: 'decided by', cell: (t) => (t.shared === true ? 'shared (Redis)' : 'this instance') },
        ]} />
      )}
    </>
  );
}

export function Overview() {
  const r = useResource((s) => Promise.all([s.call<Status>('/admin/status'), s.call<{ alerts: Alert[] }>('/admin/alerts?limit=10')]), [], POLL_MS);
  return (
    <Page title="Overview" resource={r}>
      <Loaded resource={r}>
        {([status, { alerts }]) => (
          <>
            <p class="summary">Status at {iso(status.time)}, refreshed every {POLL_MS / 1000} s while this tab is visible.</p>
            <h2>Vendors</h2>
            <Table label="vendors" rows={status.vendors} rowKey={(v) => v.name} columns={[
              { title: 'vendor', cell: (v) => <Link to={`vendors/${encodeURIComponent(v.name)}`}>{v.name}</Link> },
              { title: 'review in force', cell: (v) => <Badge value={v.status} /> },
              { title: 'approved data', wrap: true, cell: (v) => list(v.approvedData) },
              { title: 'note', wrap: true, cell: (v) => text(v.reason) },
            ]} />
            <h2>Budgets</h2>
            <Budgets budgets={status.budgets} />
            <h2>Circuit breakers</h2>
            <Breakers status={status} />
            <h2>Drills under way</h2>
            {(status.drills ?? []).length === 0 ? <Empty>No drill is running. Start one with <code>airlock drill --vendor NAME --fault outage</code>.</Empty> : <DrillsTable drills={status.drills ?? []} />}
            <h2>Newest alerts</h2>
            {alerts.length === 0 ? <Empty>No cost alerts yet: they are raised when spend crosses a budget threshold or departs from its usual hourly pattern.</Empty> : <AlertsTable alerts={alerts} />}
            <p class="more"><Link to="alerts">All alerts</Link></p>
          </>
        )}
      </Loaded>
    </Page>
  );
}
