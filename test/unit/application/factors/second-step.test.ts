import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/adapters/memory/memory-cache.js';
import { MemoryFactorStore } from '../../../../src/adapters/memory/memory-factor-store.js';
import { MemoryPasskeyStore } from '../../../../src/adapters/memory/memory-passkey-store.js';
import { CryptoRandomSource } from '../../../../src/adapters/system/crypto-random-source.js';
import { OtpauthTotpAlgorithm } from '../../../../src/adapters/system/otpauth-totp-algorithm.js';
import { BeginSecondStep } from '../../../../src/application/factors/begin-second-step.js';
import { enrollTotp } from '../../../../src/application/factors/enroll-totp.js';
import { FinishSecondStep } from '../../../../src/application/factors/finish-second-step.js';
import { VerifyFactorCode } from '../../../../src/application/factors/verify-factor-code.js';
import type { MfaPolicy } from '../../../../src/domain/factors/mfa-policy.js';
import { MAX_CODE_TRIES_PER_STEP, pendingStepKey } from '../../../../src/domain/factors/second-step.js';
import { MAX_ATTEMPTS_PER_USERNAME } from '../../../../src/domain/users/login-throttle.js';
import { aPasskey } from '../../../contract/passkey-store.contract.js';
import { totpCodeAt } from '../../../support/factor-flow.js';
import { FixedClock } from '../../../support/fixed-clock.js';
import { aUser } from '../../../support/user-mother.js';

function secondStep(policy: MfaPolicy = 'none') {
  const clock = new FixedClock();
  const cache = new MemoryCache({ clock });
  const factorStore = new MemoryFactorStore();
  const totpAlgorithm = new OtpauthTotpAlgorithm();
  const random = new CryptoRandomSource();
  const verifyFactorCode = new VerifyFactorCode({ cache, clock, factorStore, totpAlgorithm });
  const passkeyStore = new MemoryPasskeyStore();
  // Passkeys as the second step are tested over HTTP (test/http/passkeys.test.ts), with a real authenticator's answers.
  const signInWithPasskey = { execute: () => Promise.reject(new Error('no passkey in these tests')) };
  const deps = {
    cache,
    clock,
    random,
    factorStore,
    passkeyStore,
    signInWithPasskey,
    totpAlgorithm,
    verifyFactorCode,
    config: { mfa: { required: policy } },
  };
  return { ...deps, begin: new BeginSecondStep(deps), finish: new FinishSecondStep(deps) };
}

const ADDRESS = '192.0.2.7';

describe('the second step of a login', () => {
  let step: ReturnType<typeof secondStep>;
  let secret: string;
  let recovery: string[];

  beforeEach(async () => {
    step = secondStep();
    secret = step.totpAlgorithm.newSecret();
    const enrolled = await enrollTotp(step, { username: 'ada', secret, code: totpCodeAt(secret, step.clock.now()), name: '' });
    recovery = enrolled.recoveryCodes ?? [];
    step.clock.advance(30);
  });

  async function pending(purpose = 'signet'): Promise<string> {
    const started = await step.begin.execute({ user: aUser({ username: 'ada' }), floor: 'f', purpose });
    if (started.kind !== 'pending') throw new Error('no second step begun');
    return started.id;
  }

  const answer = (id: string, code: string, purpose = 'signet') =>
    step.finish.execute({ id, purpose, code, name: '', address: ADDRESS });

  it('is begun for a user whose only factor is a passkey, and asks for a factor rather than an enrolment', async () => {
    await step.passkeyStore.add(aPasskey({ username: 'pat' }));
    expect(await step.begin.execute({ user: aUser({ username: 'pat' }), floor: null, purpose: 'signet' })).toMatchObject({
      kind: 'pending',
      stage: 'factor',
    });
    const covered = secondStep('all');
    await covered.passkeyStore.add(aPasskey({ username: 'pat' }));
    expect(await covered.begin.execute({ user: aUser({ username: 'pat' }), floor: null, purpose: 'signet' })).toMatchObject({
      stage: 'factor',
    });
  });

  it('is not begun for a user with no factor whom the policy does not cover', async () => {
    expect(await step.begin.execute({ user: aUser({ username: 'bob' }), floor: null, purpose: 'signet' })).toEqual({
      kind: 'none',
    });
  });

  it('completes once with a right code, under the floor of the password’s login; the half-login is then gone', async () => {
    const id = await pending();
    const code = totpCodeAt(secret, step.clock.now());
    expect(await answer(id, code)).toEqual({ kind: 'completed', username: 'ada', floor: 'f', amr: ['pwd', 'otp'] });
    await expect(answer(id, code)).rejects.toMatchObject({ code: 'factors.step_expired' });
  });

  it('lets one of two concurrent answers to one half-login through', async () => {
    const id = await pending();
    const code = totpCodeAt(secret, step.clock.now());
    const results = await Promise.allSettled([answer(id, code), answer(id, code)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses a code already used in its window, on another half-login', async () => {
    const code = totpCodeAt(secret, step.clock.now());
    await answer(await pending(), code);
    await expect(answer(await pending(), code)).rejects.toMatchObject({ code: 'factors.wrong_code' });
  });

  it('refuses a half-login begun for another login', async () => {
    const id = await pending('sso:one');
    await expect(answer(id, totpCodeAt(secret, step.clock.now()), 'sso:two')).rejects.toMatchObject({
      code: 'factors.step_expired',
    });
  });

  it(`takes ${MAX_CODE_TRIES_PER_STEP} wrong codes, then wants the password again`, async () => {
    const id = await pending();
    for (let tries = 0; tries < MAX_CODE_TRIES_PER_STEP; tries += 1) {
      await expect(answer(id, '000000')).rejects.toMatchObject({ code: 'factors.wrong_code' });
    }
    await expect(answer(id, totpCodeAt(secret, step.clock.now()))).rejects.toMatchObject({ code: 'factors.step_expired' });
  });

  it('counts wrong codes toward the username’s lockout, which then refuses even a right code', async () => {
    for (let tries = 0; tries < MAX_ATTEMPTS_PER_USERNAME; tries += 1) {
      await expect(step.verifyFactorCode.execute({ username: 'ada', code: '000000', address: ADDRESS })).rejects.toMatchObject({
        code: 'factors.wrong_code',
      });
    }
    await expect(
      step.verifyFactorCode.execute({ username: 'ada', code: totpCodeAt(secret, step.clock.now()), address: ADDRESS }),
    ).rejects.toMatchObject({ code: 'user.too_many_attempts' });
  });

  it('takes each recovery code once, typed in any case', async () => {
    const code = recovery[0] ?? '';
    expect(await answer(await pending(), code.toLowerCase())).toMatchObject({ kind: 'completed' });
    await expect(answer(await pending(), code)).rejects.toMatchObject({ code: 'factors.wrong_code' });
    expect(await step.factorStore.countRecoveryCodes('ada')).toBe(9);
  });

  it('has the factor’s last use recorded', async () => {
    await answer(await pending(), totpCodeAt(secret, step.clock.now()));
    const [factor] = await step.factorStore.listFactors('ada');
    expect(factor?.lastUsedAt).toBe(step.clock.now());
  });
});

describe('enrolment before anything else', () => {
  it('begins for a user the policy covers who has no factor, saves the factor on its first code, then shows the codes once', async () => {
    const step = secondStep('staff');
    const admin = aUser({ username: 'root', isStaff: true });
    const started = await step.begin.execute({ user: admin, floor: null, purpose: 'signet' });
    expect(started).toMatchObject({ kind: 'pending', stage: 'enroll' });
    if (started.kind !== 'pending') return;
    const stored = await step.cache.get(pendingStepKey(started.id));
    const secret = JSON.parse(stored ?? '{}').proposedSecret as string;
    const answer = (code: string) =>
      step.finish.execute({ id: started.id, purpose: 'signet', code, name: 'phone', address: ADDRESS });
    await expect(answer('000000')).rejects.toMatchObject({ code: 'factors.wrong_code' });
    expect(await step.factorStore.listFactors('root')).toEqual([]);
    const codes = await answer(totpCodeAt(secret, step.clock.now()));
    expect(codes).toMatchObject({ kind: 'recovery-codes' });
    expect(await step.factorStore.listFactors('root')).toMatchObject([{ kind: 'totp', name: 'phone' }]);
    expect(await answer('')).toEqual({ kind: 'completed', username: 'root', floor: null, amr: ['pwd', 'otp'] });
    await expect(answer('')).rejects.toMatchObject({ code: 'factors.step_expired' });
  });

  it('asks a user the policy covers who has a factor for it, not for a new one', async () => {
    const step = secondStep('all');
    const secret = step.totpAlgorithm.newSecret();
    await enrollTotp(step, { username: 'ada', secret, code: totpCodeAt(secret, step.clock.now()), name: '' });
    expect(await step.begin.execute({ user: aUser({ username: 'ada' }), floor: null, purpose: 'signet' })).toMatchObject({
      kind: 'pending',
      stage: 'factor',
      factorKinds: ['totp'],
    });
    expect(
      await step.begin.execute({ user: aUser({ username: 'ada' }), floor: null, purpose: 'signet', amrSoFar: ['pwd', 'otp'] }),
    ).toEqual({ kind: 'none' });
  });
});
