// The PeerJS server (npm package `peer`) as the benchmarks' peer: 127.0.0.1, the port given (0 = free).
// Limits that would stop a load test by design are lifted so the server itself is measured:
// concurrent_limit (default 5000 clients) and alive_timeout (our clients send no HEARTBEAT).
// On SIGUSR2 it runs a full GC (needs --expose-gc) and prints the live heap, for the memory benchmark.
// It exits when its parent closes stdin, so a killed benchmark leaves no server behind.
import { PeerServer } from 'peer';

const port = Number(process.argv[2] || 0);
PeerServer({ host: '127.0.0.1', port, path: '/', concurrent_limit: 1_000_000, alive_timeout: 24 * 3600_000 },
  (server) => console.log(`PEERJS_LISTENING ${server.address().port}`));

process.on('SIGUSR2', () => {
  if (typeof global.gc !== 'function') {
    console.log('PEERJS_HEAP_USED -1 (start node with --expose-gc)');
    return;
  }
  global.gc();
  console.log(`PEERJS_HEAP_USED ${process.memoryUsage().heapUsed}`);
});
process.on('SIGTERM', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
