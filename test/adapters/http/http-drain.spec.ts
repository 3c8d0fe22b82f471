import { Agent, createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpDrain } from '../../../src/adapters/http/http-drain.js';

describe('HttpDrain', () => {
  let server: Server;
  let drain: HttpDrain;
  let onRequest: (answer: () => void) => void;
  const agent = new Agent({ keepAlive: true });

  beforeEach(async () => {
    server = createServer((_request, response) => onRequest(() => response.end('done')));
    // Far longer than any test: a drain that waits for idle keep-alive connections to time out would hang.
    server.keepAliveTimeout = 120_000;
    drain = new HttpDrain(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(() => {
    server.closeAllConnections();
    server.close(() => undefined);
    agent.destroy();
  });

  /** A keep-alive GET; resolves with the response once its body has arrived. */
  function request(through = agent): Promise<IncomingMessage & { text: string }> {
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      get({ port, host: '127.0.0.1', agent: through }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve(Object.assign(response, { text })));
      }).once('error', reject);
    });
  }

  it('answers a request in flight with Connection: close, closes idle keep-alive connections, and resolves true', async () => {
    onRequest = (answer) => answer();
    const earlier = await request();
    let answer!: () => void;
    const arrived = new Promise<void>((resolve) => (onRequest = (a) => ((answer = a), resolve())));
    const inFlight = request(new Agent({ keepAlive: true }));
    await arrived;

    const drained = drain.drain(30_000);
    answer();

    const response = await inFlight;
    expect([earlier.text, response.text]).toEqual(['done', 'done']);
    expect(response.headers.connection).toBe('close');
    await expect(drained).resolves.toBe(true);
  });

  it('cuts a request still running after the grace period and resolves false', async () => {
    const arrived = new Promise<void>((resolve) => (onRequest = () => resolve()));
    const stuck = request();
    await arrived;

    await expect(drain.drain(50)).resolves.toBe(false);
    await expect(stuck).rejects.toThrow('socket hang up');
  });
});
