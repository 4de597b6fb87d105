import { afterAll, beforeAll, expect, it } from 'vitest';
import { CookieJar } from '../support/cookie-jar.js';
import { inFlights, runTraffic, sendV2, statusCounts, type TrafficLog } from '../support/cluster-traffic.js';
import { describeWithReplicatedCluster, startReplicatedCluster, type ReplicatedCluster } from '../support/redis-server.js';
import { logInToProvider, redeem } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const NODE_TIMEOUT_MS = 3000;
const FROZEN_MS = 10_000;
/** What the issue allows after SIGCONT for Signet to serve again. */
const THAW_LIMIT_MS = 2000;
const STEADY_MS = 3000;

const cluster = await startReplicatedCluster(NODE_TIMEOUT_MS);

describeWithReplicatedCluster(cluster, 'a Redis Cluster master frozen for 10 s', (started: ReplicatedCluster) => {
  let service: TestService;
  const jar = new CookieJar();

  beforeAll(async () => {
    service = await startTestService({
      config: testConfig({
        CACHE: 'redis',
        REDIS_CLUSTER_NODES: started.nodes.join(','),
        REDIS_KEY_PREFIX: 'signet-freeze:',
        BACKEND_TIMEOUT_MS: '1000',
      }),
    });
    expect((await logInToProvider(jar, service.baseUrl, 'user1', '123')).status).toBe(303);
  });
  afterAll(async () => {
    await service.close();
  });

  it('serves again within 2 s of SIGCONT, accepting no replay and no token pair twice, never a 500', async () => {
    const log: TrafficLog = { v2: [], handshakes: [] };
    let thawedAt = Number.POSITIVE_INFINITY;
    const lastRefusal = (): number => {
      const refused = log.v2.filter((outcome) => outcome.status !== 200);
      return refused.length === 0 ? 0 : Math.max(...refused.map((outcome) => outcome.answeredAt));
    };
    const traffic = runTraffic({
      baseUrl: service.baseUrl,
      jar,
      username: 'user1',
      v2Senders: 6,
      handshakeSenders: 2,
      log,
      done: () => {
        const now = performance.now();
        return now - thawedAt > THAW_LIMIT_MS + STEADY_MS + 5000 || (now - thawedAt > 0 && now - lastRefusal() > STEADY_MS);
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const victim = (await started.masters())[0];
    if (victim === undefined) throw new Error('the cluster has no master');
    const frozenAt = performance.now();
    started.node(victim).freeze();
    await new Promise((resolve) => setTimeout(resolve, FROZEN_MS));
    started.node(victim).thaw();
    thawedAt = performance.now();
    await traffic;

    const recoveredAfter = Math.max(0, lastRefusal() - thawedAt);
    const whileFrozen = log.v2.filter((outcome) => outcome.sentAt >= frozenAt && outcome.sentAt < thawedAt);
    console.log(
      `master ${victim} frozen for ${FROZEN_MS} ms: v2 served again ${Math.round(recoveredAfter)} ms after SIGCONT (limit ${THAW_LIMIT_MS} ms);`,
      `${whileFrozen.filter((outcome) => outcome.status !== 200).length} of ${whileFrozen.length} v2 requests refused while frozen;`,
      'statuses:',
      JSON.stringify(statusCounts(log)),
    );
    expect(statusCounts(log)).not.toHaveProperty('500');
    expect(log.v2.every((outcome) => outcome.status === 200 || outcome.status === 503)).toBe(true);
    expect(recoveredAfter).toBeLessThan(THAW_LIMIT_MS);
    expect(log.v2.filter((outcome) => outcome.sentAt > lastRefusal()).length).toBeGreaterThan(10);
    expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);

    const accepted = log.v2.filter((outcome) => outcome.status === 200);
    const replays = await inFlights(accepted, (outcome) => sendV2(service.baseUrl, outcome.headers));
    expect(replays.filter((status) => status === 200)).toEqual([]);
    const pairs = log.handshakes.flatMap((outcome) => (outcome.pair ? [outcome.pair] : []));
    const second = await inFlights(pairs, (pair) => redeem(service.baseUrl, pair.requestToken, pair.authToken));
    expect(second.filter((response) => response.status === 200)).toEqual([]);
    expect(second.filter((response) => response.status >= 500)).toEqual([]);
  }, 90_000);
});
