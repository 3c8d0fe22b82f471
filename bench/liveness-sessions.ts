// What the liveness benchmarks (liveness.ts, liveness-light.ts) share: opening a session as the
// capture page gets it, reading its outcome, replaying rendered frames, and counting outcomes.
import type { Person } from '../test/support/synthetic-frames.js';
import type { BenchServer } from './bench-server.js';

/** What GET /session/:id says of a session's outcome. */
export interface SessionOutcome {
  readonly status: string;
  readonly reasons: readonly string[];
}

/** A new session and the capture token of its captureUrl, as the capture page reads it. */
export async function openSession(server: BenchServer): Promise<{ id: string; token: string | null }> {
  const created = await server.post('/session', { clientRequestToken: crypto.randomUUID() });
  const token = new URLSearchParams(new URL(created.body.captureUrl, server.baseUrl).hash.slice(1)).get('token');
  return { id: created.body.SessionId as string, token };
}

export async function readSession(server: BenchServer, id: string): Promise<{ status: string; reasons: string[] }> {
  const response = await fetch(`${server.baseUrl}/session/${id}`, { headers: { Authorization: `Bearer ${server.token}` } });
  return (await response.json()) as { status: string; reasons: string[] };
}

/**
 * A person whose frames are rendered once per pose and noise variant, then replayed: the runs
 * measure the server, not the client's renderer competing with it for the same two cores.
 * Consecutive frames still differ (their seeds do), as the replay check requires.
 */
export function prerendered(person: Person, variants = 4): Person {
  const frames = new Map<string, Promise<Uint8Array>>();
  return {
    render(pose, seed) {
      const key = `${JSON.stringify(pose)}/${seed % variants}`;
      if (!frames.has(key)) frames.set(key, person.render(pose, seed % variants));
      return frames.get(key)!;
    },
  };
}

/** `count/total = percent %` of the runs `counted` picks. */
export function rate<R>(runs: readonly R[], counted: (run: R) => boolean): string {
  const count = runs.filter(counted).length;
  return `${count}/${runs.length} = ${((100 * count) / runs.length).toFixed(1)} %`;
}

/** How the runs ended: each failure reason, or the status of those that did not fail, with counts. */
export function reasonsOf(runs: readonly SessionOutcome[]): string {
  const counts = new Map<string, number>();
  for (const run of runs) for (const reason of run.status === 'failed' ? run.reasons : [run.status]) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => `${reason} ${count}`).join(', ');
}
