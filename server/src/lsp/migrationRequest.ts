import { RequestType } from 'vscode-languageserver';
import { convertWorkspaceMethod, defaultMigrationSettings } from '../service';
import type { TextDocuments } from 'vscode-languageserver';
import type {
  ConvertedObject,
  ConvertWorkspaceParams,
  ConvertWorkspaceResult,
  LanguageService,
  ServiceSettings,
  WorkspaceIndex,
} from '../service';
import type { ChunkedDocument } from './chunkedDocument';
import type { WorkspaceFiles } from './workspaceFiles';

/** What the conversion reads: open documents, the index, files on disk, per-document settings. */
export interface ConvertDeps {
  documents: TextDocuments<ChunkedDocument>;
  service: LanguageService;
  workspace: WorkspaceIndex;
  files: Pick<WorkspaceFiles, 'current'>;
  settingsFor(uri: string): Promise<ServiceSettings>;
}

/** The workspace conversion as the server registers it (service/protocol.ts describes it). */
export const convertWorkspaceRequest = new RequestType<ConvertWorkspaceParams, ConvertWorkspaceResult, void>(
  convertWorkspaceMethod,
);

const convertAnnotation = 'endpointslices.convert';

/**
 * Converts the Endpoints of every indexed file (open documents as edited, the others as they are
 * on disk now) into one workspace edit. VS Code shows its refactor preview when an edit's
 * annotation needs confirmation, and leaves such edits unchecked there: so only a conversion
 * that leaves something out (an address no apiserver accepts) needs it, under a label that says
 * what; everything else is checked and applies as it is.
 */
export async function convertWorkspace(
  deps: ConvertDeps,
  params: ConvertWorkspaceParams,
): Promise<ConvertWorkspaceResult> {
  const confirm = params.preview ?? true;
  const result: ConvertWorkspaceResult = {
    edit: {
      documentChanges: [],
      changeAnnotations: {
        [convertAnnotation]: {
          label: 'Convert Endpoints to EndpointSlices',
          description: 'v1 Endpoints replaced by discovery.k8s.io/v1 EndpointSlices',
          needsConfirmation: false,
        },
      },
    },
    files: 0,
    converted: 0,
    slices: 0,
    notes: [],
    leftOut: [],
  };
  const uris = new Set(deps.workspace.endpoints().map((e) => e.uri));
  for (const uri of [...uris].sort()) {
    const open = deps.documents.get(uri);
    // A closed file is read now: the index's copy may be older than the file, and an edit
    // computed from it would overwrite whatever changed since.
    const text = open ? open.source : await deps.files.current(uri);
    if (text === undefined) {
      result.notes.push(`${uri}: not converted: the file could not be read`);
      continue;
    }
    const settings = await deps.settingsFor(uri);
    const converted = deps.service.convertEndpointsToSlices(
      text,
      settings.migration ?? defaultMigrationSettings,
    );
    result.notes.push(...converted.notes.map((note) => `${uri}: ${note}`));
    if (converted.edits.length === 0) continue;
    const edits = converted.objects.flatMap((object) => {
      const annotationId = annotate(result, uri, object, confirm);
      return object.edits.map((edit) => ({ ...edit, annotationId }));
    });
    result.edit.documentChanges.push({ textDocument: { uri, version: open?.version ?? null }, edits });
    result.files++;
    result.converted += converted.converted;
    result.slices += converted.slices;
  }
  return result;
}

/** The annotation of one object's edits: the shared one, or its own when it leaves something out. */
function annotate(
  result: ConvertWorkspaceResult,
  uri: string,
  object: ConvertedObject,
  confirm: boolean,
): string {
  if (object.leftOut.length === 0) return convertAnnotation;
  const name = object.namespace ? `${object.namespace}/${object.name}` : object.name;
  const id = `${convertAnnotation}:${uri}#${result.leftOut.length}`;
  result.leftOut.push({ uri, name, reasons: object.leftOut, annotationId: id });
  result.edit.changeAnnotations[id] = {
    label: `Endpoints ${name}: leaves out ${object.leftOut.length === 1 ? 'an address' : `${object.leftOut.length} addresses`}`,
    description: `${object.leftOut.join('; ')}. Check it to convert without ${object.leftOut.length === 1 ? 'it' : 'them'}.`,
    needsConfirmation: confirm,
  };
  return id;
}
