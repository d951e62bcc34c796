/**
 * The engine's client connection can close while a call is still being retried: the retry ends with
 * CANCELLED instead of throwing "Channel has been shut down" from a timer, outside any caller.
 */
import { createServer, connect, type Socket } from 'node:net';
import { connectClient } from '../../src/temporal/client-connection';
import { testTemporalAddress } from '../harness/harness-env';

/** A TCP relay to the test's Temporal server that can be cut: calls through it then fail UNAVAILABLE. */
async function startRelay(target: string) {
  const [host, port] = target.split(':') as [string, string];
  const sockets = new Set<Socket>();
  let open = true;
  const server = createServer((client) => {
    if (!open) return client.destroy();
    const upstream = connect(Number(port), host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as { port: number }).port}`,
    async cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

test('a call retrying while the connection closes ends with CANCELLED, and nothing throws outside it', async () => {
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', record);
  const relay = await startRelay(testTemporalAddress());
  try {
    const client = await connectClient(relay.address);
    await relay.cut();
    // Temporal is unreachable now: the SDK retries this call from a timer, with backoff
    const call = client.connection.workflowService.getSystemInfo({});
    const outcome = call.then(
      () => 'answered',
      (error: unknown) => (error as { code?: number }).code,
    );
    await client.close();
    // the pending retry reaches the closed connection's gate: the call ends, it does not hang
    expect(await outcome).toBe(1); // grpc CANCELLED
    expect(uncaught).toEqual([]);
  } finally {
    process.off('uncaughtException', record);
  }
});

test('a call made after close fails in its caller', async () => {
  const client = await connectClient(testTemporalAddress());
  await client.close();
  await expect(client.connection.workflowService.getSystemInfo({})).rejects.toThrow(/shut down/);
});
