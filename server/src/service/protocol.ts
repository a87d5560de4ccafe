/**
 * The custom messages between the VS Code client and the server, defined once: both sides build
 * their `RequestType` from these method names and types, so they cannot drift apart (the
 * server's in `lsp/migrationRequest.ts`, the client's in `client/src/convertCommand.ts`). Plain
 * data, like the rest of the service (the LSP shapes are mirrored structurally).
 *
 * Client → server: `endpointslices/convertWorkspaceEndpoints` (request; `ConvertWorkspaceParams`
 * → `ConvertWorkspaceResult`). Server → client: no custom message; the client applies the
 * returned edit itself, so the server never asks for `workspace/applyEdit`.
 */
import type { TextEdit } from './languageTypes';

/** Converts every Endpoints document in the workspace; the client previews and applies the edit. */
export const convertWorkspaceMethod = 'endpointslices/convertWorkspaceEndpoints';

export interface ConvertWorkspaceParams {
  /**
   * Mark the conversions that leave something out as needing confirmation (default true): VS Code
   * then shows its refactor preview, with those unchecked and everything else checked. False:
   * nothing needs confirmation, the edit applies as it is (for tests and scripts).
   */
  preview?: boolean;
}

/** A `WorkspaceEdit` with `documentChanges` and change annotations, as LSP defines it. */
export interface AnnotatedWorkspaceEdit {
  documentChanges: {
    textDocument: { uri: string; version: number | null };
    edits: (TextEdit & { annotationId: string })[];
  }[];
  changeAnnotations: Record<string, { label: string; description?: string; needsConfirmation: boolean }>;
}

export interface ConvertWorkspaceResult {
  edit: AnnotatedWorkspaceEdit;
  /** Files changed, Endpoints objects converted, EndpointSlices written. */
  files: number;
  converted: number;
  slices: number;
  /** What could not be converted, per file. */
  notes: string[];
  /** The conversions that leave something out, each under an annotation of its own. */
  leftOut: LeftOut[];
}

export interface LeftOut {
  uri: string;
  /** The Endpoints object, `namespace/name` or `name`. */
  name: string;
  /** What is left out and why, e.g. `left out "10.1.2.300": not an IP address`. */
  reasons: string[];
  annotationId: string;
}
