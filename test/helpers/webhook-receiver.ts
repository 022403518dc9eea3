// A webhook receiver on 127.0.0.1 that keeps every JSON body POSTed to it and answers with a chosen status.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

export interface Receiver {
  url: string;
  bodies: Array<Record<string, unknown>>;
  /** every POST, parsed or not */
  posts: number;
  /** the status it answers with; change it to make the receiver fail or recover */
  status: number;
}

export async function startReceiver(t: TestContext, status = 204): Promise<Receiver> {
  const receiver: Receiver = { url: '', bodies: [], posts: 0, status };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST') {
        receiver.posts++;
        try {
          receiver.bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
        } catch {
          // counted in posts, not in bodies
        }
      }
      res.writeHead(receiver.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return receiver;
}

/** polls `check` every 20 ms until it holds or `ms` pass; returns whether it held */
export async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}
