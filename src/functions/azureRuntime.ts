import type { ActivityServices } from '../activities/ActivityServices';
import { activityServices, setActivityServicesFactory } from '../activities/ActivityServices';
import { servicesFromSettings } from '../activities/servicesFromSettings';
import type { AppSettings } from '../config/appSettings';
import { readAppSettings } from '../config/appSettings';
import { configFromSettings } from '../planner/config/configFromSettings';

let settings: AppSettings | undefined;

/** App settings, read and validated once, on first use (a bad setting fails the first call and names itself). */
export function appSettings(): AppSettings {
  settings ??= readAppSettings();
  return settings;
}

setActivityServicesFactory(() => servicesFromSettings(appSettings()));

export function runtimeServices(): ActivityServices {
  return activityServices();
}

export function runtimeConfig(): ReturnType<typeof configFromSettings> {
  return configFromSettings(appSettings());
}
