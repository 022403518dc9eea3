// Cost alerts, newest first: budget thresholds crossed and spend anomalies, with their webhook delivery.
import { Badge, Empty, Loaded, Page, Table } from '../components.tsx';
import { instant } from '../format.ts';
import type { Alert } from '../types.ts';
import { useResource } from '../use-resource.ts';

export function AlertsTable(props: { alerts: Alert[] }) {
  return (
    <Table label="alerts" rows={props.alerts} rowKey={(a) => a.id} columns={[
      { title: 'time', cell: (a) => instant(a.time) },
      { title: 'kind', cell: (a) => a.kind },
      { title: 'subject', cell: (a) => a.subject },
      { title: 'message', wrap: true, cell: (a) => a.message },
      { title: 'webhook', cell: (a) => <Badge value={a.webhook} /> },
    ]} />
  );
}

export function Alerts() {
  const r = useResource((s) => s.call<{ alerts: Alert[] }>('/admin/alerts?limit=100'), []);
  return (
    <Page title="Alerts" resource={r}>
      <Loaded resource={r}>
        {({ alerts }) => alerts.length === 0
          ? <Empty>No cost alerts yet. Set budgets (with <code>alerts:</code> thresholds) in the config; crossing one raises an alert here and on the webhook.</Empty>
          : <AlertsTable alerts={alerts} />}
      </Loaded>
    </Page>
  );
}
