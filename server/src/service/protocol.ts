/**
 * The custom messages between the VS Code client and the server, defined once: both sides build
 * their `RequestType` from these method names and types, so they cannot drift apart (the
 * server's in `lsp/migrationRequest.ts`, the client's in `client/src/convertCommand.ts`). Plain
 * data, like the rest of the service (the LSP shapes are mirrored structurally).
 *
 * Client → server: `endpointslices/convertWorkspaceEndpoints` (request; `ConvertWorkspaceParams`
 * → `ConvertWorkspaceResult`) and `endpointslices/workspaceRouting` (request;
 * `WorkspaceRoutingParams` → `WorkspaceRoutingResult`, the routing picture's workspace facts).
 * Server → client: no custom message; the client applies the returned edit itself, so the
 * server never asks for `workspace/applyEdit`.
 */
import type { TextEdit } from './languageTypes';
import type { Position } from './types';

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

/**
 * What the routing engine predicts from the workspace for the Service at a position of an open
 * document (its first Service when the position is in none): the routing picture draws it.
 */
export const workspaceRoutingMethod = 'endpointslices/workspaceRouting';

/**
 * LSP's `TextDocumentPositionParams`, mirrored, and the Service's name: a picture follows its
 * Service by name while edits above it move it, and by position when it is renamed.
 */
export interface WorkspaceRoutingParams {
  textDocument: { uri: string };
  position: Position;
  name?: string;
}

export type WorkspaceRoutingResult = { found: false; message: string } | WorkspaceRouting;

/**
 * Client → server: where the workspace defines a live Service ("Open the Service's Manifest" in
 * the Clusters view), read as the engine reads every manifest (kubectl's YAML 1.1).
 */
export const serviceManifestMethod = 'endpointslices/serviceManifest';

/** A live Service: its name and namespace. */
export interface ServiceManifestParams {
  name: string;
  namespace: string;
}

/**
 * The file and the line of the name of the Service that defines it (of its document without
 * one): one in the same namespace, else one without a namespace (kubectl applies it to any);
 * null when none does.
 */
export type ServiceManifestResult = WorkspacePlace | null;

export interface WorkspaceRouting {
  found: true;
  service: WorkspaceRoutingService;
  /** The engine's mode: `selector` (pod templates), `manual` (slices by hand), `external-name`. */
  mode: 'selector' | 'mirrored' | 'manual' | 'external-name';
  /** The engine's one-line verdict (`selects 2 pod templates`, `routes nowhere: selects no pod`). */
  summary: string;
  /** A Helm template whose selector or ports a tag writes: what a tag prints is not known. */
  uncertain: boolean;
  /** The selected templates, each with the ports it resolves (or why not). */
  templates: WorkspaceRoutingTemplate[];
  /** When nothing is selected: the templates the selector nearly matches, closest first. */
  nearest: WorkspaceNearTemplate[];
  /** Pod templates in the Service's namespace (none: the workloads may live elsewhere). */
  templatesInNamespace: number;
  /** EndpointSlices labelled with the Service's name, and the Endpoints named like it. */
  slices: WorkspaceRoutingSlice[];
  endpoints: WorkspaceRoutingEndpoints[];
  /** Every file the prediction read, the Service's first. */
  files: string[];
}

/** Where an object is written: the file and the zero-based line of its name (or document). */
export interface WorkspacePlace {
  uri: string;
  line: number;
}

export interface WorkspaceRoutingService extends WorkspacePlace {
  name: string;
  namespace?: string;
  type: string;
  clusterIP?: string;
  /** `spec.ipFamilies`, or both under `RequireDualStack`; empty: the cluster's default. */
  families: string[];
  selector: Record<string, string>;
  ports: { name: string; port?: number; protocol: string; targetPort?: number | string }[];
  publishNotReadyAddresses: boolean;
}

export interface WorkspaceRoutingTemplate extends WorkspacePlace {
  /** `Deployment/api`. */
  name: string;
  /** Pods it runs at once; `per-node` for a DaemonSet; absent when not known. */
  replicas?: number | 'per-node';
  /** Per Service port, in order: the container port it resolves to, or why none. */
  ports: { servicePort: string; port?: number; missing?: string }[];
  /** A Helm template whose labels or ports a tag writes. */
  uncertain: boolean;
}

export interface WorkspaceNearTemplate extends WorkspacePlace {
  name: string;
  /** The selector's labels the template lacks or has with another value. */
  differences: { key: string; wanted: string; actual?: string }[];
}

export interface WorkspaceRoutingSlice extends WorkspacePlace {
  name?: string;
  addressType?: string;
  ports: string[];
  endpoints: number;
  ready: number;
}

export interface WorkspaceRoutingEndpoints extends WorkspacePlace {
  name?: string;
  addresses: number;
  notReady: number;
}
