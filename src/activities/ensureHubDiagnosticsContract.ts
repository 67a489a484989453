import type { ActivityRef } from '../orchestrations/durableTasks';

export interface EnsureHubDiagnosticsInput {
  hubVnetId: string;
}

export interface EnsureHubDiagnosticsResult {
  /** false when no Log Analytics workspace is configured */
  managed: boolean;
  created: number;
  updated: number;
  unchanged: number;
}

export const ensureHubDiagnosticsRef: ActivityRef<EnsureHubDiagnosticsInput, EnsureHubDiagnosticsResult> = {
  name: 'ensureHubDiagnostics',
};
