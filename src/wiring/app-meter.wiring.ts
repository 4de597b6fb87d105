import { asClass } from 'awilix';
import { ListApps } from '../application/app-meter/list-apps.js';
import { MeterSsoLogin } from '../application/app-meter/meter-sso-login.js';
import { RecordAppLogin } from '../application/app-meter/record-app-login.js';
import { ShowApp } from '../application/app-meter/show-app.js';
import type { Wiring } from './wiring.js';

/** The migration meter: each app's logins by protocol (its counts are the backends' `loginMeter`). */
export interface AppMeterCradle {
  recordAppLogin: RecordAppLogin;
  meterSsoLogin: MeterSsoLogin;
  listApps: ListApps;
  showApp: ShowApp;
}

export function appMeterWiring(): Wiring<AppMeterCradle> {
  return {
    recordAppLogin: asClass(RecordAppLogin).singleton(),
    meterSsoLogin: asClass(MeterSsoLogin).singleton(),
    listApps: asClass(ListApps).singleton(),
    showApp: asClass(ShowApp).singleton(),
  };
}
