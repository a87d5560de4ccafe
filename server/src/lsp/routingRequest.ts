import { RequestType } from 'vscode-languageserver';
import { serviceManifestMethod, workspaceRoutingMethod } from '../service';
import type {
  ServiceManifestParams,
  ServiceManifestResult,
  WorkspaceRoutingParams,
  WorkspaceRoutingResult,
} from '../service';

/**
 * The routing picture's workspace facts as the server registers them (service/protocol.ts
 * describes the request; service/workspace/routingFacts.ts computes the answer).
 */
export const workspaceRoutingRequest = new RequestType<WorkspaceRoutingParams, WorkspaceRoutingResult, void>(
  workspaceRoutingMethod,
);

/** Where the workspace defines a live Service (service/protocol.ts describes the request). */
export const serviceManifestRequest = new RequestType<ServiceManifestParams, ServiceManifestResult, void>(
  serviceManifestMethod,
);
