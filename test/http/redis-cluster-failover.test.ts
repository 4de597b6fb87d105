import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { rememberedGroupOf, rememberedGroupPrefix } from '../../src/adapters/redis/remembered-groups.js';
import { NONCE_SCOPE } from '../../src/domain/api-auth/signature-verifier.js';
import { CookieJar } from '../support/cookie-jar.js';
import { inFlights, runTraffic, sendV2, signedV2, statusCounts, type TrafficLog } from '../support/cluster-traffic.js';
import { describeWithReplicatedCluster, startReplicatedCluster, type ReplicatedCluster } from '../support/redis-server.js';
import { logInToProvider, redeem } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const NODE_TIMEOUT_MS = 3000;
/** What the issue allows after the node timeout for Signet to serve again. */
const FAILOVER_SLACK_MS = 5000;
/** Traffic keeps going this long after the last refusal, to show that service stays back. */
const STEADY_MS = 3000;
const PREFIX = 'signet-failover:';

const cluster = await startReplicatedCluster(NODE_TIMEOUT_MS);

describeWithReplicatedCluster(cluster, 'a Redis Cluster that loses a master for good', (started: ReplicatedCluster) => {
  let service: TestService;
  const jar = new CookieJar();

  beforeAll(async () => {
    service = await startTestService({
      config: testConfig({
        CACHE: 'redis',
        REDIS_CLUSTER_NODES: started.nodes.join(','),
        REDIS_KEY_PREFIX: PREFIX,
        BACKEND_TIMEOUT_MS: '1000',
        REDIS_WAIT_REPLICAS: '1',
      }),
    });
    expect((await logInToProvider(jar, service.baseUrl, 'user1', '123')).status).toBe(303);
  });
  afterAll(async () => {
    await service.close();
  });

  it('spreads nonces and SSO tokens over every master: none holds more than 45% of the keys', async () => {
    const log: TrafficLog = { v2: [], handshakes: [] };
    const v2Goal = 10_000;
    const handshakeGoal = 1_000;
    await runTraffic({
      baseUrl: service.baseUrl,
      jar,
      username: 'user1',
      v2Senders: 8,
      handshakeSenders: 4,
      log,
      done: () => log.v2.length >= v2Goal && log.handshakes.length >= handshakeGoal,
    });
    expect(statusCounts(log)).not.toHaveProperty('500');
    expect(log.v2.every((outcome) => outcome.status === 200)).toBe(true);
    expect(log.handshakes.every((outcome) => outcome.pair !== null)).toBe(true);

    const perMaster = await started.keysPerMaster();
    const total = [...perMaster.values()].reduce((sum, count) => sum + count, 0);
    const shares = [...perMaster.entries()].map(([port, count]) => ({ port, keys: count, share: count / total }));
    console.log(
      `keys per master after ${log.v2.length} v2 requests and ${log.handshakes.length} SSO handshakes:`,
      shares.map(({ port, keys, share }) => `${port}: ${keys} (${(share * 100).toFixed(1)}%)`).join(', '),
    );
    expect(shares).toHaveLength(3);
    for (const { share } of shares) expect(share).toBeLessThanOrEqual(0.45);
  }, 180_000);

  it('refuses with 503, rather than accepts, a request whose nonce no replica acknowledged', async () => {
    const { nonce, master } = await nonceOnAMasterWithReplica(started);
    const replica = started.node(await started.replicaOf(master));
    replica.freeze();
    try {
      expect(await sendV2(service.baseUrl, signedV2(service.baseUrl, nonce))).toBe(503);
    } finally {
      replica.thaw();
    }
  }, 30_000);

  it('serves again within the node timeout + 5 s after a master is killed, accepting no replay and no token pair twice, never a 500', async () => {
    const log: TrafficLog = { v2: [], handshakes: [] };
    let killedAt = Number.POSITIVE_INFINITY;
    const lastRefusal = (): number => {
      const refused = log.v2.filter((outcome) => outcome.status !== 200 && outcome.sentAt >= killedAt);
      return refused.length === 0 ? killedAt : Math.max(...refused.map((outcome) => outcome.answeredAt));
    };
    const limit = NODE_TIMEOUT_MS + FAILOVER_SLACK_MS;
    const traffic = runTraffic({
      baseUrl: service.baseUrl,
      jar,
      username: 'user1',
      v2Senders: 6,
      handshakeSenders: 2,
      log,
      done: () => {
        const now = performance.now();
        return now - killedAt > limit + STEADY_MS + 5000 || (now - killedAt > NODE_TIMEOUT_MS && now - lastRefusal() > STEADY_MS);
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const victim = (await started.masters())[0];
    if (victim === undefined) throw new Error('the cluster has no master');
    killedAt = performance.now();
    await started.node(victim).kill();
    await traffic;

    const recoveredAfter = lastRefusal() - killedAt;
    const refused = log.v2.filter((outcome) => outcome.status !== 200 && outcome.sentAt >= killedAt).length;
    console.log(
      `master ${victim} killed: v2 served again after ${Math.round(recoveredAfter)} ms (limit ${limit} ms);`,
      `${refused} of ${log.v2.filter((outcome) => outcome.sentAt >= killedAt).length} v2 requests refused since;`,
      'statuses:',
      JSON.stringify(statusCounts(log)),
    );
    expect(statusCounts(log)).not.toHaveProperty('500');
    expect(log.v2.every((outcome) => outcome.status === 200 || outcome.status === 503)).toBe(true);
    expect(recoveredAfter).toBeLessThan(limit);
    expect(log.v2.filter((outcome) => outcome.sentAt > lastRefusal()).length).toBeGreaterThan(10);
    expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);

    const accepted = log.v2.filter((outcome) => outcome.status === 200);
    const replays = await inFlights(accepted, (outcome) => sendV2(service.baseUrl, outcome.headers));
    expect(replays.filter((status) => status === 200)).toEqual([]);
    const pairs = log.handshakes.flatMap((outcome) => (outcome.pair ? [outcome.pair] : []));
    const second = await inFlights(pairs, (pair) => redeem(service.baseUrl, pair.requestToken, pair.authToken));
    expect(second.filter((response) => response.status === 200)).toEqual([]);
    expect(second.filter((response) => response.status >= 500)).toEqual([]);
  }, 120_000);

  it('refuses the replay, on the promoted replica, of a request acknowledged just before its master was killed', async () => {
    const { nonce, master } = await nonceOnAMasterWithReplica(started);
    const headers = signedV2(service.baseUrl, nonce);
    expect(await sendV2(service.baseUrl, headers)).toBe(200);
    await started.node(master).kill();

    const killedAt = performance.now();
    let status = await sendV2(service.baseUrl, headers);
    while (status === 503 && performance.now() - killedAt < NODE_TIMEOUT_MS + FAILOVER_SLACK_MS + 5000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await sendV2(service.baseUrl, headers);
    }
    expect(status).toBe(403);
    expect((await fetch(`${service.baseUrl}/api/hello/`, { headers: signedV2(service.baseUrl) })).status).toBe(200);
  }, 60_000);
});

/** A fresh nonce whose group lives on a master that has a replica just now, and that master's port. */
async function nonceOnAMasterWithReplica(cluster: ReplicatedCluster): Promise<{ nonce: string; master: number }> {
  const withReplica = await mastersWithReplica(cluster);
  for (;;) {
    const nonce = crypto.randomUUID().replaceAll('-', '');
    const key = `${rememberedGroupPrefix(PREFIX, NONCE_SCOPE, rememberedGroupOf(`${DEMO_API_KEY.apiKey}:${nonce}`))}x`;
    const master = await cluster.masterOf(key);
    if (withReplica.includes(master)) return { nonce, master };
  }
}

/** The masters that have a replica connected just now. */
async function mastersWithReplica(cluster: ReplicatedCluster): Promise<number[]> {
  const masters = await cluster.masters();
  const counts = await Promise.all(masters.map((port) => cluster.replicasOf(port)));
  return masters.filter((_, index) => (counts[index] ?? 0) > 0);
}
