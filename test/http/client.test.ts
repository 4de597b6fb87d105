import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient, SignetResponseError, type SignetProtocol } from '../../src/client/signet-client.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('the TypeScript client against the service', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });

  afterAll(async () => {
    await service.close();
  });

  const client = (protocol: SignetProtocol, secretKey: string = DEMO_API_KEY.secretKey) =>
    new SignetClient({ baseUrl: service.baseUrl, apiKey: DEMO_API_KEY.apiKey, secretKey, protocol });

  for (const protocol of ['v1', 'v2'] as const) {
    describe(`with protocol ${protocol}`, () => {
      it('gets 200 from GET /api/hello/', async () => {
        const response = await client(protocol).get('/api/hello/');
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ hello: 'world', user: null });
      });

      it('gets the body echoed by POST /api/goodbye/', async () => {
        const response = await client(protocol).post('/api/goodbye/', 'see you, é', {
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ goodbye: 'see you, é' });
      });

      it('signs a query that fetch re-encodes', async () => {
        const response = await client(protocol).get("/api/hello/?name=a b&x=(it's)&flag");
        expect(response.status).toBe(200);
      });

      it('signs a binary body', async () => {
        const response = await client(protocol).post('/api/goodbye/', new Uint8Array([0x68, 0x69]));
        expect(await response.json()).toEqual({ goodbye: 'hi' });
      });

      it('is refused with the wrong SEC key, and getJson says why', async () => {
        await expect(client(protocol, '0'.repeat(32)).getJson('/api/hello/')).rejects.toMatchObject({
          status: 403,
          serverMessage: 'signature error',
        });
      });
    });
  }

  it('parses the answer of getJson', async () => {
    await expect(client('v2').getJson('/api/hello/')).resolves.toEqual({ hello: 'world', user: null });
  });

  it('rejects getJson with the status of a route that does not exist', async () => {
    const failure = client('v2').getJson('/api/nowhere/');
    await expect(failure).rejects.toBeInstanceOf(SignetResponseError);
    await expect(failure).rejects.toMatchObject({ status: 404 });
  });
});
