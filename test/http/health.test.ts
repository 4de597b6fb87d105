import { asValue } from 'awilix';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/adapters/memory/memory-cache.js';
import { SystemClock } from '../../src/adapters/system/system-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('GET /healthz', () => {
  let service: TestService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('answers 200 with the state of each configured backend', async () => {
    service = await startTestService();
    const response = await fetch(`${service.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      backends: { cache: { adapter: 'memory', status: 'up' }, store: { adapter: 'memory', status: 'up' } },
    });
  });

  it('answers 503 and names the backend that does not answer', async () => {
    service = await startTestService();
    const broken = new MemoryCache({ clock: new SystemClock() });
    broken.ping = () => Promise.reject(new Error('connection refused'));
    service.container.register({ cache: asValue(broken) });
    const response = await fetch(`${service.baseUrl}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'unavailable',
      backends: { cache: { status: 'down', error: 'unreachable' }, store: { status: 'up' } },
    });
  });
});
