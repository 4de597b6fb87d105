import fc from 'fast-check';
import { propertyRuns } from './property-runs.js';

// A property that names no count runs fast-check's default of 100 cases, scaled like the others.
fc.configureGlobal({ numRuns: propertyRuns(100) });
