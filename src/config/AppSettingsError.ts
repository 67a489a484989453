/** One invalid or missing app setting. */
export interface AppSettingProblem {
  setting: string;
  message: string;
}

/**
 * Thrown by `readAppSettings` with every problem found at once, so a user fixing a
 * deployment sees all the settings to correct in one go rather than one per restart.
 */
export class AppSettingsError extends Error {
  readonly problems: readonly AppSettingProblem[];

  constructor(problems: AppSettingProblem[]) {
    super(`Invalid app settings: ${problems.map((p) => `${p.setting}: ${p.message}`).join('; ')}`);
    this.name = 'AppSettingsError';
    this.problems = problems;
  }

  /** The names of the settings at fault. */
  get settings(): string[] {
    return this.problems.map((p) => p.setting);
  }
}
