import type { EndpointDiagnostic } from '../types';
import { workspaceAdvisories } from './advisories';
import type { FileSummary } from './types';
import { SummaryWorkspace } from './workspaceView';

/**
 * Every file's workspace advice, the files taken as one workspace (a rendered Helm chart is
 * many documents that refer to each other). In the order of `summaries`.
 */
export function crossFileAdvice(summaries: readonly FileSummary[]): EndpointDiagnostic[][] {
  const workspace = new SummaryWorkspace(summaries);
  return summaries.map((summary) => workspaceAdvisories(summary, workspace));
}
