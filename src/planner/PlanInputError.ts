/** The observed network can't be planned; each problem names the resource id (or config field) and the field. */
export class PlanInputError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Cannot plan this network:\n- ${problems.join('\n- ')}`);
    this.name = 'PlanInputError';
    this.problems = problems;
  }
}
