import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { CookieJar } from '../support/cookie-jar.js';
import { mongoForTests, type TestMongo } from '../support/mongo-for-tests.js';
import { csrfTokenOf } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

/**
 * One store (MongoDB) serves two ports, the credential store and the user directory. Losing it is
 * one outage: the operator is promised one log line when a backend goes (and one when it comes
 * back), not one per port that happened to notice.
 */
describe('losing the store', () => {
  let mongo: TestMongo;
  let service: TestService;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    mongo = await mongoForTests();
    service = await startTestService({
      config: testConfig({
        STORE: 'mongo',
        MONGO_URL: mongo.url,
        SIGNET_MASTER_KEY: 'cd'.repeat(32),
        SIGNET_DEMO: '1',
        BACKEND_TIMEOUT_MS: '1000',
      }),
      logger,
    });
  });
  afterAll(() => service.close());

  it('logs one line when it goes, whichever of its ports the failing requests needed', async () => {
    const jar = new CookieJar();
    const _csrf = csrfTokenOf(await (await jar.fetch(`${service.baseUrl}/login/`)).text());
    const client = new SignetClient({ baseUrl: service.baseUrl, apiKey: DEMO_API_KEY.apiKey, secretKey: DEMO_API_KEY.secretKey });
    await mongo.stop();

    // A signed request needs the credential store; a login needs the user directory.
    expect((await client.get('/api/hello/')).status).toBe(503);
    expect((await jar.post(`${service.baseUrl}/login/`, { _csrf, username: 'user1', password: '123' })).status).toBe(503);

    expect(logger.matching('store unavailable')).toHaveLength(1);
  });
});
