import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mongoForTests, type TestMongo } from '../support/mongo-for-tests.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

/**
 * `/health/ready` and `/healthz` answer anyone, without credentials: they say which backend is down,
 * but the driver's reason for it names the backend's host and port (`connect ECONNREFUSED
 * 10.0.3.7:27017`, `getaddrinfo ENOTFOUND mongo-primary.internal`), which is a map of the inside
 * network for whoever asks. That belongs in the log, which has it already.
 */
describe('the readiness report of a lost store', () => {
  let mongo: TestMongo;
  let service: TestService;

  beforeAll(async () => {
    mongo = await mongoForTests();
    service = await startTestService({
      config: testConfig({ STORE: 'mongo', MONGO_URL: mongo.url, SIGNET_MASTER_KEY: 'cd'.repeat(32), SIGNET_DEMO: '1' }),
    });
  });
  afterAll(() => service.close());

  it('names the backend that is down, but not its address', async () => {
    const { host } = new URL(mongo.url);
    await mongo.stop();
    for (const path of ['/health/ready', '/healthz']) {
      const response = await fetch(`${service.baseUrl}${path}`);
      const body = await response.text();
      expect(response.status, path).toBe(503);
      expect(JSON.parse(body), path).toMatchObject({ backends: { store: { adapter: 'mongo', status: 'down' } } });
      expect(body, path).not.toContain(host);
    }
  });
});
