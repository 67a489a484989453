import * as df from 'durable-functions';
import { migrateEstate, migrateEstateRef } from '../orchestrations/migrateEstate';
import { migrateVnet, migrateVnetRef } from '../orchestrations/migrateVnet';

df.app.orchestration(migrateEstateRef.name, migrateEstate);
df.app.orchestration(migrateVnetRef.name, migrateVnet);
