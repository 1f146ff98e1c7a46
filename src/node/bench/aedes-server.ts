/**
 * aedes, the loopback benchmark's anchor, alone in its process: listens on 127.0.0.1 and a free
 * port, prints `listening on HOST:PORT` like `npm run broker`, stops on SIGTERM/SIGINT.
 */
import { createServer, type AddressInfo } from 'node:net';
import { Aedes } from 'aedes';

const aedes = await Aedes.createBroker();
const server = createServer(aedes.handle);
server.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) }, () => {
  const { address, port } = server.address() as AddressInfo;
  console.log(`listening on ${address}:${port}`);
});
const stop = (): void => {
  aedes.close(() => server.close(() => process.exit(0)));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
