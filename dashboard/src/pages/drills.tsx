// Drills: the ones running and the last recorded, each with whether every affected logical model kept answering.
import { Badge, Empty, Loaded, Page, Table } from '../components.tsx';
import { instant, percent, text } from '../format.ts';
import type { Drill } from '../types.ts';
import { useResource } from '../use-resource.ts';

function models(d: Drill): string {
  if (d.models.length === 0) return '–';
  return d.models.map((m) => `${m.model} ${m.answered}/${m.affected}`).join(', ');
}

export function DrillsTable(props: { drills: Drill[] }) {
  return (
    <Table label="drills" rows={props.drills} rowKey={(d) => d.id} columns={[
      { title: 'id', cell: (d) => <code>{d.id}</code> },
      { title: 'vendor', cell: (d) => d.vendor },
      { title: 'fault', cell: (d) => d.fault },
      { title: 'live share', num: true, cell: (d) => percent(d.share) },
      { title: 'canary', cell: (d) => (d.canary ? 'yes' : 'no') },
      { title: 'started', cell: (d) => instant(d.startedAt) },
      { title: 'ended', cell: (d) => (d.endedAt === null ? 'running' : `${instant(d.endedAt)} (${text(d.endedBy)})`) },
      { title: 'result', cell: (d) => (d.result === null ? '–' : <Badge value={d.result} />) },
      { title: 'models answered / affected', wrap: true, cell: models },
    ]} />
  );
}

export function Drills() {
  const r = useResource((s) => s.call<{ running: Drill[]; recent: Drill[] }>('/admin/drills'), []);
  return (
    <Page title="Drills" resource={r}>
      <Loaded resource={r}>
        {({ running, recent }) => (
          <>
            <h2>Running</h2>
            {running.length === 0 ? <Empty>No drill is running.</Empty> : <DrillsTable drills={running} />}
            <h2>Recent</h2>
            {recent.length === 0
              ? <Empty>No drill has been recorded. Rehearse an outage with <code>airlock drill --vendor NAME --fault outage --canary</code>.</Empty>
              : <DrillsTable drills={recent} />}
          </>
        )}
      </Loaded>
    </Page>
  );
}
