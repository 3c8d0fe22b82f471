import type { Server, ServerResponse } from 'node:http';

/**
 * Stops an HTTP server gracefully. `server.close()` alone stops accepting and waits for requests in
 * flight, but then also for every keep-alive connection to time out (5 s each by default), and keeps
 * serving new requests that arrive on them. Once draining, every response says `Connection: close`
 * and each connection is closed as soon as it is idle. Create it before the server takes traffic,
 * so it sees every request in flight.
 */
export class HttpDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly server: Server) {
    server.on('request', (_request, response: ServerResponse) => {
      this.inFlight.add(response);
      if (this.draining) closeAfter(response);
      response.once('close', () => {
        this.inFlight.delete(response);
        if (this.draining) setImmediate(() => server.closeIdleConnections());
      });
    });
  }

  /** Requests being served now. */
  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  /**
   * Stops accepting connections and resolves once every request in flight has been answered, or
   * after `graceMs`, when the remaining connections are cut. True if nothing had to be cut.
   */
  async drain(graceMs: number): Promise<boolean> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const response of this.inFlight) closeAfter(response);
    this.server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
    const drained = await Promise.race([closed.then(() => true as const), expired]);
    clearTimeout(timer);
    if (!drained) {
      this.server.closeAllConnections();
      await closed;
    }
    return drained;
  }
}

/** Tells the client this connection ends with the response, and makes Node close it then. */
function closeAfter(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('Connection', 'close');
}
