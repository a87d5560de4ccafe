import { RequestType } from 'vscode-languageclient';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { serviceManifestMethod, workspaceRoutingMethod } from '../../server/src/service/protocol';
import type {
  ServiceManifestParams,
  ServiceManifestResult,
  WorkspaceRoutingParams,
  WorkspaceRoutingResult,
} from '../../server/src/service/protocol';

/** The routing picture's workspace facts as the client asks for them (server/src/service/protocol.ts). */
const workspaceRoutingRequest = new RequestType<WorkspaceRoutingParams, WorkspaceRoutingResult, void>(
  workspaceRoutingMethod,
);

/** How the routing picture asks the language server, which owns the workspace index. */
export type AskWorkspaceRouting = (params: WorkspaceRoutingParams) => Promise<WorkspaceRoutingResult>;

export function workspaceRoutingAsker(client: BaseLanguageClient): AskWorkspaceRouting {
  return (params) => client.sendRequest(workspaceRoutingRequest, params);
}

const serviceManifestRequest = new RequestType<ServiceManifestParams, ServiceManifestResult, void>(
  serviceManifestMethod,
);

/** Where the workspace defines a live Service, as the language server's index knows it. */
export type AskServiceManifest = (params: ServiceManifestParams) => Promise<ServiceManifestResult>;

export function serviceManifestAsker(client: BaseLanguageClient): AskServiceManifest {
  return (params) => client.sendRequest(serviceManifestRequest, params);
}
