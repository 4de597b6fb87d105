import { afterAll, beforeAll, expect, it } from 'vitest';
import { sendV2, signedV2 } from '../support/cluster-traffic.js';
import { describeWithPrivateRedis } from '../support/redis-server.js';
import { startSentinelGroup, type SentinelGroup } from '../support/redis-sentinel-group.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const DOWN_AFTER_MS = 1000;
/** What the issue allows after the failure is noticed for Signet to serve again. */
const FAILOVER_SLACK_MS = 5000;

const group = await startSentinelGroup(DOWN_AFTER_MS);

describeWithPrivateRedis(
  'unavailable' in group ? null : group,
  'a Redis under Sentinel that loses its master for good',
  (started: SentinelGroup) => {
    let service: TestService;

    beforeAll(async () => {
      service = await startTestService({
        config: testConfig({
          CACHE: 'redis',
          REDIS_SENTINELS: started.sentinels.join(','),
          REDIS_SENTINEL_NAME: started.name,
          REDIS_KEY_PREFIX: 'signet-sentinel:',
          BACKEND_TIMEOUT_MS: '1000',
        }),
      });
    });
    afterAll(async () => {
      await service.close();
      await started.stop();
    });

    it('serves again on the promoted replica within the down-after time + 5 s, and refuses the replay of a request acknowledged before', async () => {
      const headers = signedV2(service.baseUrl);
      expect(await sendV2(service.baseUrl, headers)).toBe(200);
      await started.master.kill();
      const killedAt = performance.now();
      const seen: number[] = [];
      let status = 0;
      while (status !== 200 && performance.now() - killedAt < DOWN_AFTER_MS + FAILOVER_SLACK_MS + 5000) {
        status = await sendV2(service.baseUrl, signedV2(service.baseUrl));
        seen.push(status);
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const recoveredAfter = performance.now() - killedAt;
      console.log(
        `Sentinel master killed: served again after ${Math.round(recoveredAfter)} ms; statuses ${JSON.stringify(seen)}`,
      );
      expect(seen.filter((code) => code !== 200 && code !== 503)).toEqual([]);
      expect(status).toBe(200);
      expect(recoveredAfter).toBeLessThan(DOWN_AFTER_MS + FAILOVER_SLACK_MS);
      expect(await started.currentMasterPort()).toBe(started.replica.port);
      expect(await sendV2(service.baseUrl, headers)).toBe(403);
      expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);
    }, 60_000);
  },
);
