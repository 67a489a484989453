import type { EmulatorOptions, WriteLogEntry } from './EmulatorOptions';

export type EmulatorProcessRequest =
  { type: 'start'; options: EmulatorOptions } | { type: 'writeLog' } | { type: 'stop' };

export type EmulatorProcessReply =
  | { type: 'ready'; endpoint: string; ca: string; port: number }
  | { type: 'writeLog'; entries: WriteLogEntry[] }
  | { type: 'stopped' }
  | { type: 'error'; message: string };
