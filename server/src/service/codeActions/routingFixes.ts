import type { LabelDifference, NearPod } from '../routing';
import type { CodeAction, CodeActionDiagnostic, TextEdit } from '../languageTypes';
import type { TextSource } from '../source/chunkedText';
import type { Position, Range } from '../types';
import type { LabelEntry, PodTemplateInfo } from '../workspace/podTemplates';
import { predictServiceRouting } from '../workspace/servicePrediction';
import type { ServiceInfo } from '../workspace/types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { lineEndOf } from '../yamlText/edits';
import { yamlScalar } from '../yamlText/scalars';

/** What a workspace fix reads: the file asked about, its uri, and the index of the others. */
export interface WorkspaceFixRequest {
  source: TextSource;
  uri: string;
  diagnostic: CodeActionDiagnostic;
  index: WorkspaceIndex;
}

/**
 * The two repairs of a selector that matches no pod template, one in each direction: make the
 * Service select what the closest template labels its pods, or label the template's pods as the
 * Service selects. Which one is right only the author knows; neither is preferred. The closest
 * template is the routing engine's, found again here from the index as the diagnostic was.
 */
export function selectorFixes(request: WorkspaceFixRequest): CodeAction[] {
  const { index, uri, diagnostic } = request;
  const service = index
    .summarize(request.source, uri)
    .services.find((s) => selects(s, diagnostic.range.start));
  const routing = service?.routing;
  const predicted = service && predictServiceRouting(service, index);
  if (!service || !routing || !predicted) return [];
  const { prediction } = predicted;
  const near = prediction.nearest[0];
  const template = near && predicted.templates.get(near.name);
  if (prediction.pods.length > 0 || !near || !template) return [];
  // The very object the client sent: the server maps it back to the client's diagnostic.
  const fixed = [diagnostic];
  const actions: CodeAction[] = [];
  const toService = serviceEdits(routing.selector, near);
  if (toService) {
    actions.push({
      title: `Select ${labelsText(near, 'actual')} (as ${template.name} labels its pods)`,
      kind: 'quickfix',
      edits: toService,
      diagnostics: fixed,
    });
  }
  const toTemplate = templateEdits(template, near.differences, index.textOf(template.uri));
  if (toTemplate) {
    const sameFile = template.uri === uri;
    actions.push({
      title: `Label ${template.name}'s pods ${labelsText(near, 'wanted')} (as the Service selects)`,
      kind: 'quickfix',
      edits: sameFile ? toTemplate : [],
      ...(sameFile ? {} : { otherFiles: { [template.uri]: toTemplate } }),
      diagnostics: fixed,
    });
  }
  return actions;
}

function selects(service: ServiceInfo, at: Position): boolean {
  const range = service.routing?.selectorRange;
  return range !== undefined && contains(range, at);
}

/** New selector values; none when the template lacks a selected key (no value to take). */
function serviceEdits(selector: readonly LabelEntry[], near: NearPod): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const difference of near.differences) {
    const entry = selector.find((e) => e.key === difference.key);
    if (difference.actual === undefined || !entry) return undefined;
    edits.push({ range: entry.valueRange, newText: yamlScalar(difference.actual) });
  }
  return edits;
}

/** New label values, and missing labels added under the last one in its indentation and line ending. */
function templateEdits(
  template: PodTemplateInfo,
  differences: readonly LabelDifference[],
  text: string | undefined,
): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const last = template.labels[template.labels.length - 1];
  for (const difference of differences) {
    const label = template.labels.find((l) => l.key === difference.key);
    if (label) {
      edits.push({ range: label.valueRange, newText: yamlScalar(difference.wanted) });
      // The workload's own selector must keep matching its template, or the apiserver refuses it.
      const own = template.workloadSelector.find((e) => e.key === label.key && e.value === label.value);
      if (own) edits.push({ range: own.valueRange, newText: yamlScalar(difference.wanted) });
      continue;
    }
    const line = last && text !== undefined ? lineOf(text, last.keyRange.start.line) : undefined;
    const indent = line?.slice(0, last?.keyRange.start.character ?? 0);
    // Only a block map gets a new line; a flow map (`labels: {app: x}`) is left to the author.
    if (!last || line === undefined || indent === undefined || indent.trim() !== '' || text === undefined) {
      return undefined;
    }
    const end: Position = {
      line: last.valueRange.end.line,
      character: lineOf(text, last.valueRange.end.line).length,
    };
    edits.push({
      range: { start: end, end },
      newText: `${lineEndOf(text)}${indent}${yamlScalar(difference.key)}: ${yamlScalar(difference.wanted)}`,
    });
  }
  return edits;
}

function labelsText(near: NearPod, side: 'actual' | 'wanted'): string {
  return near.differences.map((d) => `${d.key}: ${d[side] ?? ''}`).join(', ');
}

/** A line's text without its line break. */
function lineOf(text: string, line: number): string {
  return (text.split('\n')[line] ?? '').replace(/\r$/, '');
}

function contains(range: Range, at: Position): boolean {
  const after =
    at.line > range.start.line || (at.line === range.start.line && at.character >= range.start.character);
  const before =
    at.line < range.end.line || (at.line === range.end.line && at.character <= range.end.character);
  return after && before;
}
