import * as df from 'durable-functions';
import { migrateEstate, migrateEstateRef } from '../orchestrations/migrateEstate';
import { hubLane, hubLaneRef } from '../orchestrations/hubLane';
import { migrateVnet, migrateVnetRef } from '../orchestrations/migrateVnet';
import { reconcileSpoke, reconcileSpokeRef } from '../orchestrations/reconcileSpoke';
import { rollbackEstate, rollbackEstateRef } from '../orchestrations/rollbackEstate';
import { scanDrift, scanDriftRef } from '../orchestrations/scanDrift';
import { rollbackGroup, rollbackGroupRef } from '../orchestrations/rollbackGroup';
import { stepGroup, stepGroupRef } from '../orchestrations/stepGroup';

df.app.orchestration(migrateEstateRef.name, migrateEstate);
df.app.orchestration(migrateVnetRef.name, migrateVnet);
df.app.orchestration(hubLaneRef.name, hubLane);
df.app.orchestration(reconcileSpokeRef.name, reconcileSpoke);
df.app.orchestration(rollbackEstateRef.name, rollbackEstate);
df.app.orchestration(scanDriftRef.name, scanDrift);
df.app.orchestration(stepGroupRef.name, stepGroup);
df.app.orchestration(rollbackGroupRef.name, rollbackGroup);
