import { DomainError } from '../errors.js';

export type AppMeterErrorCode = 'app_meter.unknown_app' | 'app_meter.invalid_app';

export class AppMeterError extends DomainError<AppMeterErrorCode> {
  override readonly name = 'AppMeterError';
}

export const appMeterErrors = {
  unknownApp: (app: string) =>
    new AppMeterError('app_meter.unknown_app', `no app "${app}": no SSO host, OpenID client or login in the last 30 days`),
  invalidApp: (app: string) =>
    new AppMeterError('app_meter.invalid_app', `"${app}" is not a host name with an optional port, such as localhost:8000`),
};
