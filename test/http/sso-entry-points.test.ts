import { describe, expect, it } from 'vitest';
import { buildRouters } from '../../src/adapters/http/create-app.js';
import { discoverEntryPoints } from '../../src/adapters/http/entry-point-discovery.js';
import { SSO_ENTRY_POINTS } from '../../src/application/sso-provider/sso-entry-points.js';
import { buildContainer } from '../../src/container.js';
import { testConfig } from '../support/test-config.js';

describe('the SSO entry points', () => {
  it('are exactly the signed routes under /sso/, which is what an SSO key is allowed', () => {
    const container = buildContainer(testConfig());
    const discovered = discoverEntryPoints(buildRouters(container.cradle))
      .filter((entry) => entry.path.startsWith('/sso/'))
      .map((entry) => entry.name);
    expect(discovered).toEqual([...SSO_ENTRY_POINTS].sort());
  });
});
