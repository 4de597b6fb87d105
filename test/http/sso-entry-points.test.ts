import { describe, expect, it } from 'vitest';
import { SSO_ENTRY_POINTS } from '../../src/application/sso-provider/sso-entry-points.js';
import { startRuntime } from '../../src/runtime.js';
import { testConfig } from '../support/test-config.js';

describe('the SSO entry points', () => {
  it('are exactly the signed routes under /sso/, which is what an SSO key is allowed', async () => {
    const runtime = await startRuntime(testConfig(), { prepareData: false });
    const discovered = runtime.entryPoints.filter((entry) => entry.path.startsWith('/sso/')).map((entry) => entry.name);
    await runtime.close();
    expect(discovered).toEqual([...SSO_ENTRY_POINTS].sort());
  });
});
