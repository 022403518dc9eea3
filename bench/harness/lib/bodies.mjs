// Copied from ../shared/bench/lib/bodies.mjs (see ../README.md). Changed: FRESH_MARK is exported (--fresh-bodies).
// Realistic chat request bodies: a system prompt plus a user message of ~N KB of document text
// (a summarisation task, the common large-prompt case). Deterministic, so runs are comparable.
const SYSTEM = 'You are a careful assistant for the operations team. Answer in plain English, cite the ' +
  'section you rely on, and say "not stated" when the document does not answer the question.';

const PARAS = [
  'Section 4.2 of the service agreement sets out how incidents are classified. A severity one incident is any outage that stops more than a quarter of customers from completing orders, and it must be acknowledged within fifteen minutes at any hour. Severity two covers degraded performance that customers notice but can work around.',
  'During the March review the team found that most pages were caused by a single noisy health check on the payments queue. The check fired whenever the queue depth crossed a fixed threshold, even though the consumers were healthy and draining it within seconds. The proposal is to alert on age of the oldest message instead.',
  'Quarterly spend on the hosted language models rose by forty percent, driven mostly by the support assistant, which sends the whole ticket history with every turn. Finance asked for a monthly breakdown by team and for a warning when any team is on track to exceed its budget before the end of the month.',
  'The vendor notified us that the model we use for summaries will be retired at the end of the next quarter. Their recommended successor has a larger context window and a different price per token, and its outputs are somewhat longer, so the effect on cost is not obvious without replaying real traffic.',
  'Legal reviewed the data processing addendum and noted that prompts may be retained for thirty days for abuse monitoring unless zero retention is approved for the account. Until that approval arrives, personal data and customer secrets must not be sent to this vendor, and requests that contain them should go to the self-hosted model.',
  'The on-call handbook asks responders to write a short timeline while the incident is open: when it was detected, who was paged, what was tried, and when service recovered. These notes feed the weekly review, where the team decides which follow-up actions are worth the effort and who owns each one.',
];

function documentText(bytes) {
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += `${PARAS[i % PARAS.length]}\n\n`;
  return text.slice(0, bytes);
}

// kb: size of the user message in KiB; api: 'openai' | 'anthropic'.
/** where --fresh-bodies puts each request's own token: the start of the user message */
export const FRESH_MARK = 'Summarise the incident';

export function chatBody({ kb, stream, api = 'openai' }) {
  const user = `${FRESH_MARK} and cost notes below in five bullet points.\n\n${documentText(kb * 1024)}`;
  if (api === 'anthropic') {
    return JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 256, temperature: 0.2, system: SYSTEM,
      messages: [{ role: 'user', content: user }], ...(stream ? { stream: true } : {}) });
  }
  return JSON.stringify({ model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 256, user: 'bench-app',
    messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }],
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}) });
}

export const apiPath = (api) => (api === 'anthropic' ? '/v1/messages' : '/v1/chat/completions');
