import { asClass } from 'awilix';
import { SeedDemo } from '../application/demo/seed-demo.js';
import { CheckHealth } from '../application/health/check-health.js';
import type { Wiring } from './wiring.js';

/** Running Signet: health checks and the demo data. */
export interface OperationsCradle {
  checkHealth: CheckHealth;
  seedDemo: SeedDemo;
}

export function operationsWiring(): Wiring<OperationsCradle> {
  return {
    checkHealth: asClass(CheckHealth).singleton(),
    seedDemo: asClass(SeedDemo).singleton(),
  };
}
