// Copied unchanged from ../shared/bench/lib/checks.mjs (see ../README.md).
// Pre-flight for each target, before any load: a JSON call and a streamed call must succeed
// with the right shape and reach the mock (its counters move), and a slow stream (20 chunks,
// 20 ms apart) must arrive incrementally: first byte long before the last, i.e. no buffering.
import http from 'node:http';

export function post(url, body, headers = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let ttfb = null;
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      const parts = [];
      res.on('data', (c) => { ttfb ??= performance.now() - t0; parts.push(c); });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(parts).toString(), ttfb_ms: ttfb, total_ms: performance.now() - t0 }));
      res.on('error', (e) => resolve({ status: 0, text: String(e), ttfb_ms: ttfb, total_ms: performance.now() - t0 }));
    });
    req.on('error', (e) => resolve({ status: 0, text: String(e) }));
    req.setTimeout(10000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

export async function getJson(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => { let s = ''; res.on('data', (c) => { s += c; }); res.on('end', () => { try { resolve(JSON.parse(s)); } catch (e) { reject(e); } }); }).on('error', reject);
  });
}

export async function preflight({ url, headers, api, mockUrl, bodyOf }) {
  const problems = [];
  const before = await getJson(`${mockUrl}/__stats`);
  const json = await post(url, bodyOf({ kb: 2, stream: false, api }), headers);
  if (json.status !== 200) problems.push(`json: HTTP ${json.status} ${json.text.slice(0, 200)}`);
  else {
    try {
      const o = JSON.parse(json.text);
      const text = api === 'anthropic' ? o.content?.[0]?.text : o.choices?.[0]?.message?.content;
      if (!text) problems.push('json: no completion text');
      if (!(o.usage && (o.usage.total_tokens || o.usage.output_tokens))) problems.push('json: no usage block');
    } catch { problems.push('json: body is not JSON'); }
  }
  const sse = await post(url, bodyOf({ kb: 32, stream: true, api }), headers);
  if (sse.status !== 200) problems.push(`sse: HTTP ${sse.status} ${sse.text.slice(0, 200)}`);
  else {
    if (!String(sse.headers['content-type']).startsWith('text/event-stream')) problems.push(`sse: content-type ${sse.headers['content-type']}`);
    const end = api === 'anthropic' ? 'event: message_stop' : 'data: [DONE]';
    if (!sse.text.includes(end)) problems.push(`sse: stream lacks "${end}"`);
    if (api !== 'anthropic' && !/"usage":\{"prompt_tokens"/.test(sse.text)) problems.push('sse: no usage chunk');
  }
  const slowBody = JSON.parse(bodyOf({ kb: 2, stream: true, api }));
  slowBody.model = 'mock-delay-20';
  const slow = await post(url, JSON.stringify(slowBody), headers);
  const buffered = slow.status === 200 && slow.ttfb_ms > slow.total_ms * 0.5;
  if (slow.status !== 200) problems.push(`slow sse: HTTP ${slow.status}`);
  else if (buffered) problems.push(`slow sse: buffered (first byte ${slow.ttfb_ms.toFixed(0)} ms of ${slow.total_ms.toFixed(0)} ms)`);
  const after = await getJson(`${mockUrl}/__stats`);
  const hits = after.requests - before.requests;
  if (hits !== 3) problems.push(`mock saw ${hits} of 3 requests`);
  return { ok: problems.length === 0, problems, mock_hits: hits,
    slow_stream_ttfb_ms: slow.ttfb_ms ?? null, slow_stream_total_ms: slow.total_ms ?? null, buffered };
}
