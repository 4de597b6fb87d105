import { keyListScale } from './key-list.scale.js';
import { loginsScale } from './logins.scale.js';
import { passwordHashesScale } from './password-hashes.scale.js';
import { readerScale } from './reader.scale.js';
import type { ScaleScenario } from './scale-section.js';

/** The scale section's scenarios, in the order their rows appear: append one to add rows. */
export const scaleScenarios: readonly ScaleScenario[] = [passwordHashesScale, loginsScale, keyListScale, readerScale];
