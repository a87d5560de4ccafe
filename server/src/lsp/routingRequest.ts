import { RequestType } from 'vscode-languageserver';
import { workspaceRoutingMethod } from '../service';
import type { WorkspaceRoutingParams, WorkspaceRoutingResult } from '../service';

/**
 * The routing picture's workspace facts as the server registers them (service/protocol.ts
 * describes the request; service/workspace/routingFacts.ts computes the answer).
 */
export const workspaceRoutingRequest = new RequestType<WorkspaceRoutingParams, WorkspaceRoutingResult, void>(
  workspaceRoutingMethod,
);
