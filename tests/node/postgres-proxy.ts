// A TCP proxy in front of the throw-away PostgreSQL: the test cuts its connections (and refuses new ones) and restores
// it on the same port — a database that goes away while the central API runs, for real, on loopback.
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/** A TCP proxy to PostgreSQL whose connections the test can cut (and refuse new ones) and restore, on one port. */
export async function startPostgresProxy(targetPort: number) {
  const sockets = new Set<Socket>();
  let listener: Server | undefined;
  let port = 0;
  const listen = () => new Promise<void>((resolve, reject) => {
    listener = createServer((client) => {
      const upstream = connect(targetPort, '127.0.0.1');
      sockets.add(client);
      sockets.add(upstream);
      const drop = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream).pipe(client);
    });
    listener.once('error', reject);
    listener.listen(port, '127.0.0.1', () => {
      port = (listener!.address() as AddressInfo).port;
      resolve();
    });
  });
  const stop = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    if (listener) listener.close(() => resolve());
    else resolve();
    listener = undefined;
  });
  await listen();
  return { get port() { return port; }, cut: stop, restore: listen, close: stop };
}
