/** One problem in a topology, located by resource (id, or position when the id itself is bad) and field path. */
export interface TopologyIssue {
  /** The resource's id when it has a valid one. */
  resourceId?: string;
  /** Position of the resource in the file's array. */
  index?: number;
  /** Dotted field path inside the resource, e.g. `properties.subnets[2].properties.addressPrefix`; '' for the whole resource. */
  field: string;
  message: string;
}

const MAX_LISTED = 25;

export function formatIssue(issue: TopologyIssue): string {
  const where = issue.resourceId ?? (issue.index === undefined ? undefined : `resource [${issue.index}]`);
  return [where, issue.field, issue.message].filter(Boolean).join(': ');
}

/**
 * A topology that can't be used. The message lists every problem found (the
 * first 25), each naming the resource id and the field, so a user fixes an
 * export in one pass rather than one error at a time.
 */
export class TopologyError extends Error {
  readonly issues: readonly TopologyIssue[];
  readonly source: string | undefined;

  constructor(issues: readonly TopologyIssue[], source?: string) {
    const lines = issues.slice(0, MAX_LISTED).map(formatIssue);
    if (issues.length > MAX_LISTED) lines.push(`... and ${issues.length - MAX_LISTED} more`);
    const prefix = source ? `${source}: ` : '';
    const head = issues.length === 1 ? '' : `${issues.length} problems in topology:\n`;
    super(`${prefix}${head}${lines.join('\n')}`);
    this.name = 'TopologyError';
    this.issues = issues;
    this.source = source;
  }
}
