import type { Resolver } from 'awilix';

/**
 * A registration for every member of a cradle: a capability's wiring typed with it does not compile
 * while a member it declares has no registration.
 */
export type Wiring<Cradle> = { [Name in keyof Cradle]: Resolver<Cradle[Name]> };
