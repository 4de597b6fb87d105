import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

/**
 * A Signet that has just started refuses v2 requests dated in its first second (its replay horizon,
 * docs/signing.md). Signet's own client signs such a request again, dated the next second, so a
 * script run right after a start just works; and the server runs the request once.
 */
describe('the client against a Signet that has just started', () => {
  const clock = new FixedClock(Date.UTC(2026, 10, 28, 12, 0, 0, 300));
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ clock, justStarted: true });
  });
  afterAll(async () => {
    await service.close();
  });

  it('is answered after one more signature, dated the second after the start', async () => {
    const sent: string[] = [];
    const client = new SignetClient({
      baseUrl: service.baseUrl,
      ...DEMO_API_KEY,
      now: () => clock.now(),
      sleep: async (ms) => clock.advance(ms / 1000),
      fetch: async (input, init) => {
        sent.push(new Headers(init?.headers).get('x-signet-date') ?? '');
        return fetch(input, init);
      },
    });
    const response = await client.get('/api/hello/');
    expect(response.status).toBe(200);
    expect(sent).toEqual(['20261128T120000Z', '20261128T120001Z']);
  });
});
