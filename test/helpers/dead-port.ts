// A port on 127.0.0.1 that nothing listens on (bind, note it, close): a vendor that refuses connections.
import { createServer } from 'node:http';

export async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
