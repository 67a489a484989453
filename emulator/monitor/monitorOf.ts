import type { Emulator } from '../Emulator';
import type { EmulatorOptions } from '../EmulatorOptions';
import { MonitorEmulator } from './MonitorEmulator';

/** Emulator options with the Azure Monitor side: `startEmulator({ ...options, monitor })`. */
export interface EmulatorOptionsWithMonitor extends EmulatorOptions {
  monitor?: MonitorEmulator;
}

const defaults = new WeakMap<Emulator, MonitorEmulator>();

/** The emulator's MonitorEmulator: the one given in its options, else a default one of its own. */
export function monitorOf(emulator: Emulator): MonitorEmulator {
  const given = (emulator.options as EmulatorOptionsWithMonitor).monitor;
  if (given) return given;
  let own = defaults.get(emulator);
  if (!own) {
    own = new MonitorEmulator();
    defaults.set(emulator, own);
  }
  return own;
}
