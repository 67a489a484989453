/**
 * Exit statuses shared by `npm start` and `npm run plan`. A bad command line or input file is 64
 * (EX_USAGE from sysexits.h), well away from the plan's 2 ("changes"), so a pipeline that reads
 * 2 as "changes to review" never takes a typo for one.
 */
export const EXIT = {
  /** nothing to do / everything dual-stack */
  ok: 0,
  /** a blocker, or a VNet that failed */
  failed: 1,
  /** `npm run plan` only: the plan has changes (terraform plan -detailed-exitcode) */
  changes: 2,
  /** bad command line, or a topology or configuration file that can't be used (the message names the option or field) */
  usage: 64,
} as const;
