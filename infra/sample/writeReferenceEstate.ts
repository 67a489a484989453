import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceEstateForBicep } from './referenceEstate';

/** Regenerates infra/sample/referenceEstate.json: `npx tsx infra/sample/writeReferenceEstate.ts`. */
const path = join(__dirname, 'referenceEstate.json');
writeFileSync(path, `${JSON.stringify(referenceEstateForBicep(), null, 2)}\n`);
console.log(`wrote ${path}`);
