import { describe, expect, it } from 'vitest';
import { planSigningKeys, type SigningKey } from '../../../../src/domain/oidc/signing-key.js';

const HOUR = 3_600_000;
const key = (kid: string, alg: SigningKey['alg'], activatesAt: number): SigningKey => ({
  kid,
  alg,
  activatesAt,
  createdAt: activatesAt - HOUR,
  privateJwk: '{}',
});
const states = (keys: SigningKey[], now: number) =>
  planSigningKeys(keys, now, HOUR).published.map(({ key: planned, state }) => `${planned.kid}:${state}`);

describe('which signing keys are published and which signs', () => {
  const old = key('old', 'ES256', 0);
  const next = key('next', 'ES256', 10 * HOUR);

  it('signs with the old key until the new one activates, publishing both', () => {
    expect(states([next, old], 5 * HOUR)).toEqual(['old:signing', 'next:pending']);
  });

  it('signs with the new key from its activation, keeping the old for a token lifetime, then dropping it', () => {
    expect(states([old, next], 10 * HOUR)).toEqual(['next:signing', 'old:retiring']);
    expect(planSigningKeys([old, next], 10 * HOUR, HOUR).published[1]?.dropsAt).toBe(11 * HOUR);
    expect(states([old, next], 11 * HOUR - 1)).toEqual(['next:signing', 'old:retiring']);
    const dropped = planSigningKeys([old, next], 11 * HOUR, HOUR);
    expect(dropped.published.map((planned) => planned.key.kid)).toEqual(['next']);
    expect(dropped.dropped.map((gone) => gone.kid)).toEqual(['old']);
  });

  it('plans each algorithm on its own, the signing key of each first', () => {
    const rsa = key('rsa', 'RS256', 0);
    expect(states([next, rsa, old], 5 * HOUR)).toEqual(['old:signing', 'next:pending', 'rsa:signing']);
  });

  it('agrees whatever order the store lists the keys in, two keys of one activation ordered by kid', () => {
    const twin = key('z-twin', 'ES256', 0);
    expect(states([old, twin], HOUR / 2)).toEqual(states([twin, old], HOUR / 2));
    expect(states([old, twin], HOUR / 2)[0]).toBe('z-twin:signing');
  });

  it('signs with the first key to come when none has activated yet', () => {
    expect(states([next], 0)).toEqual(['next:signing']);
  });

  it('keeps a key superseded by two rotations only while its own successor took over less than a token lifetime ago', () => {
    const third = key('third', 'ES256', 10 * HOUR + HOUR / 2);
    expect(states([old, next, third], 10 * HOUR + HOUR / 2)).toEqual(['third:signing', 'old:retiring', 'next:retiring']);
    expect(states([old, next, third], 11 * HOUR)).toEqual(['third:signing', 'next:retiring']);
  });
});
