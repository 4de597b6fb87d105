import { asClass } from 'awilix';
import { OtpauthTotpAlgorithm } from '../adapters/system/otpauth-totp-algorithm.js';
import { BeginSecondStep } from '../application/factors/begin-second-step.js';
import { ChangeOwnPassword } from '../application/factors/change-own-password.js';
import { ConfirmTotp } from '../application/factors/confirm-totp.js';
import { FinishSecondStep } from '../application/factors/finish-second-step.js';
import { ListOwnFactors } from '../application/factors/list-own-factors.js';
import { ProposeTotp } from '../application/factors/propose-totp.js';
import { RegenerateRecoveryCodes } from '../application/factors/regenerate-recovery-codes.js';
import { RemoveOwnFactor } from '../application/factors/remove-own-factor.js';
import { ResetUserFactors } from '../application/factors/reset-user-factors.js';
import { ShowSecondStep } from '../application/factors/show-second-step.js';
import { VerifyFactorCode } from '../application/factors/verify-factor-code.js';
import { EndListedSession } from '../application/sessions/end-listed-session.js';
import { ListUserSessions } from '../application/sessions/list-user-sessions.js';
import type { TotpAlgorithm } from '../domain/factors/totp.port.js';
import type { Wiring } from './wiring.js';

/** Second factors, the second step of every login, and the user's own account page. */
export interface FactorsCradle {
  totpAlgorithm: TotpAlgorithm;
  verifyFactorCode: VerifyFactorCode;
  beginSecondStep: BeginSecondStep;
  showSecondStep: ShowSecondStep;
  finishSecondStep: FinishSecondStep;
  proposeTotp: ProposeTotp;
  confirmTotp: ConfirmTotp;
  listOwnFactors: ListOwnFactors;
  removeOwnFactor: RemoveOwnFactor;
  regenerateRecoveryCodes: RegenerateRecoveryCodes;
  resetUserFactors: ResetUserFactors;
  changeOwnPassword: ChangeOwnPassword;
  listUserSessions: ListUserSessions;
  endListedSession: EndListedSession;
}

export function factorsWiring(): Wiring<FactorsCradle> {
  return {
    totpAlgorithm: asClass(OtpauthTotpAlgorithm).singleton(),
    verifyFactorCode: asClass(VerifyFactorCode).singleton(),
    beginSecondStep: asClass(BeginSecondStep).singleton(),
    showSecondStep: asClass(ShowSecondStep).singleton(),
    finishSecondStep: asClass(FinishSecondStep).singleton(),
    proposeTotp: asClass(ProposeTotp).singleton(),
    confirmTotp: asClass(ConfirmTotp).singleton(),
    listOwnFactors: asClass(ListOwnFactors).singleton(),
    removeOwnFactor: asClass(RemoveOwnFactor).singleton(),
    regenerateRecoveryCodes: asClass(RegenerateRecoveryCodes).singleton(),
    resetUserFactors: asClass(ResetUserFactors).singleton(),
    changeOwnPassword: asClass(ChangeOwnPassword).singleton(),
    listUserSessions: asClass(ListUserSessions).singleton(),
    endListedSession: asClass(EndListedSession).singleton(),
  };
}
