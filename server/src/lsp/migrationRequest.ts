import { defaultMigrationSettings } from '../service';
import type { ConvertWorkspaceParams, ConvertWorkspaceResult } from '../service';
import type { FeatureDeps } from './features';

const annotationId = 'endpointslices.convert';

/**
 * Converts the Endpoints of every indexed file (open documents as edited, the others as on disk)
 * into one workspace edit. With `preview`, the edit's annotation asks for confirmation, which
 * VS Code shows as its refactor preview before anything changes.
 */
export async function convertWorkspace(
  deps: Pick<FeatureDeps, 'documents' | 'service' | 'workspace' | 'settingsFor'>,
  params: ConvertWorkspaceParams,
): Promise<ConvertWorkspaceResult> {
  const result: ConvertWorkspaceResult = {
    edit: {
      documentChanges: [],
      changeAnnotations: {
        [annotationId]: {
          label: 'Convert Endpoints to EndpointSlices',
          description: 'v1 Endpoints replaced by discovery.k8s.io/v1 EndpointSlices',
          needsConfirmation: params.preview ?? true,
        },
      },
    },
    files: 0,
    converted: 0,
    slices: 0,
    notes: [],
  };
  const uris = new Set(deps.workspace.endpoints().map((e) => e.uri));
  for (const uri of [...uris].sort()) {
    const open = deps.documents.get(uri);
    const text = open?.getText() ?? deps.workspace.textOf(uri);
    if (text === undefined) continue;
    const settings = await deps.settingsFor(uri);
    const converted = deps.service.convertEndpointsToSlices(
      text,
      settings.migration ?? defaultMigrationSettings,
    );
    result.notes.push(...converted.notes.map((note) => `${uri}: ${note}`));
    if (converted.edits.length === 0) continue;
    result.edit.documentChanges.push({
      textDocument: { uri, version: open?.version ?? null },
      edits: converted.edits.map((edit) => ({ ...edit, annotationId })),
    });
    result.files++;
    result.converted += converted.converted;
    result.slices += converted.slices;
  }
  return result;
}
