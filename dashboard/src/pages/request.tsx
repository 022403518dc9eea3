// One request: its log row, the data it sent to each vendor tried (classes with how many values, the region and
// terms it went under, the action taken) and, with log_content: true, its prompt and answer as the log keeps them:
// redacted by the gateway before they were stored.
import { Badge, Empty, Facts, Link, Loaded, Page, Table, VendorModel } from '../components.tsx';
import { count, iso, ms, text, usd } from '../format.ts';
import type { RequestDetail, RequestFlow } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { Status } from './requests.tsx';

function classes(f: RequestFlow): string {
  const entries = Object.entries(f.classes);
  return entries.length === 0 ? 'none detected' : entries.map(([c, n]) => `${c} ×${n}`).join(', ');
}

function Row(props: { request: RequestDetail['request'] }) {
  const q = props.request;
  return (
    <Facts label="request" rows={[
      ['time', iso(q.time)], ['request id', <code>{q.requestId}</code>], ['route', q.route],
      ['key', text(q.keyName)], ['app', text(q.app)], ['team', text(q.team)], ['model', text(q.logicalModel)],
      ['vendor', <VendorModel vendor={q.vendor} model={q.vendorModel} />], ['status', <Status row={q} />], ['attempts', count(q.attempts)], ['stream', q.stream ? 'yes' : 'no'],
      ['latency ms', ms(q.latencyMs)], ['first byte ms', ms(q.ttfbMs)], ['tokens in', count(q.inputTokens)],
      ['tokens out', count(q.outputTokens)], ['cost USD', usd(q.costUsd)], ['priced by', text(q.priceSource)],
    ]} />
  );
}

/** The prompt as the log keeps it, a JSON array of its text slots (the messages' texts, in order): one a paragraph. */
function promptText(prompt: string): string {
  try {
    const slots: unknown = JSON.parse(prompt);
    if (Array.isArray(slots) && slots.every((s) => typeof s === 'string')) return slots.join('\n\n');
  } catch {
    // not the array this version writes: show it as it is
  }
  return prompt;
}

function Content(props: { content: RequestDetail['content'] }) {
  const { content } = props;
  if (content === null) return <Empty>Not kept: log_content is off. With <code>log_content: true</code> in the config, the gateway keeps each prompt and answer, redacted.</Empty>;
  return (
    <div class="columns">
      <div>
        <h3>Prompt</h3>
        <pre class="content" aria-label="prompt">{promptText(content.prompt)}</pre>
      </div>
      <div>
        <h3>Answer</h3>
        <pre class="content" aria-label="answer">{content.answer}</pre>
      </div>
    </div>
  );
}

export function RequestPage(props: { id: string }) {
  const r = useResource((s) => s.call<RequestDetail>(`/admin/requests/${encodeURIComponent(props.id)}`), [props.id]);
  return (
    <Page title={`Request ${props.id}`} resource={r} tools={<Link to="requests">All requests</Link>}>
      <Loaded resource={r}>
        {({ request, flows, content }) => (
          <>
            <Row request={request} />
            <h2>Data sent</h2>
            {flows.length === 0 ? <Empty>No data-flow record: the request was not inspected (it failed before its content was read).</Empty> : (
              <Table label="data sent" rows={flows} rowKey={(f, i) => `${f.vendor ?? ''}#${i}`} columns={[
                { title: 'vendor', cell: (f) => text(f.vendor) },
                { title: 'region', cell: (f) => text(f.region) },
                { title: 'terms', cell: (f) => text(f.termsVersion) },
                { title: 'data classes', wrap: true, cell: classes },
                { title: 'action', cell: (f) => <Badge value={f.action} /> },
              ]} />
            )}
            <h2>Content</h2>
            <Content content={content} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
