import type { EmulatorOptions, WriteLogEntry } from './EmulatorOptions';
import type { ThrottleStats } from './core/Throttle';

export type EmulatorProcessRequest =
  | { type: 'start'; options: EmulatorOptions }
  | { type: 'writeLog' }
  | { type: 'throttleStats' }
  | { type: 'stop' };

export type EmulatorProcessReply =
  | { type: 'ready'; endpoint: string; ca: string; port: number }
  | { type: 'writeLog'; entries: WriteLogEntry[] }
  | { type: 'throttleStats'; stats: ThrottleStats }
  | { type: 'stopped' }
  | { type: 'error'; message: string };
