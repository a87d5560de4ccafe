import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import { diagnosticCodes } from '../../service';
import type { EndpointDiagnostic, RelatedPlace, Severity } from '../../service';
import { stdinName } from '../files';
import type { LintRun, LintedFile } from '../lint';

/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning uploads. The rules are the service's whole
 * code registry, so a viewer can describe a rule even in a run where it did not fire. Columns
 * are UTF-16 code units, SARIF's default and the service's unit.
 */

const sarifSchema = 'https://json.schemastore.org/sarif-2.1.0.json';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

interface SarifRule {
  id: string;
  shortDescription: { text: string };
}

export function formatSarif(run: LintRun): string {
  const rules = ruleTable(run);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: sarifSchema,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'endpointslice-lint', version: run.toolVersion, rules } },
        properties: { kubernetesVersion: run.settings.kubernetesVersion },
        results: run.files.flatMap((file) =>
          file.documents.flatMap((document) =>
            document.diagnostics.map((diagnostic) =>
              result(file, diagnostic, ruleIndex.get(diagnostic.code) ?? -1),
            ),
          ),
        ),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Registry rules first, then any code the registry does not know, so every result has a rule. */
function ruleTable(run: LintRun): SarifRule[] {
  const rules: SarifRule[] = Object.entries(diagnosticCodes).map(([id, info]) => ({
    id,
    shortDescription: { text: info.description },
  }));
  const known = new Set(rules.map((rule) => rule.id));
  for (const file of run.files) {
    for (const document of file.documents) {
      for (const diagnostic of document.diagnostics) {
        if (!known.has(diagnostic.code)) {
          known.add(diagnostic.code);
          rules.push({ id: diagnostic.code, shortDescription: { text: diagnostic.code } });
        }
      }
    }
  }
  return rules;
}

function result(file: LintedFile, diagnostic: EndpointDiagnostic, ruleIndex: number): object {
  const { start, end } = diagnostic.range;
  return {
    ruleId: diagnostic.code,
    ruleIndex,
    level: levels[diagnostic.severity],
    message: { text: diagnostic.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(file.path) },
          region: {
            startLine: start.line + 1,
            startColumn: start.character + 1,
            endLine: end.line + 1,
            endColumn: end.character + 1,
          },
        },
      },
    ],
    ...(diagnostic.related ? { relatedLocations: diagnostic.related.map(relatedLocation) } : {}),
    properties: { origin: diagnostic.origin, reason: diagnostic.reason, field: diagnostic.field },
  };
}

function relatedLocation(place: RelatedPlace, id: number): object {
  const { start, end } = place.range;
  return {
    id,
    message: { text: place.message },
    physicalLocation: {
      artifactLocation: { uri: artifactUri(place.uri) },
      region: {
        startLine: start.line + 1,
        startColumn: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
      },
    },
  };
}

/** Relative paths stay relative (uploaders resolve them against the checkout); others become file URLs. */
function artifactUri(path: string): string {
  if (path === stdinName) {
    return 'stdin';
  }
  if (isAbsolute(path)) {
    return pathToFileURL(path).href;
  }
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}
