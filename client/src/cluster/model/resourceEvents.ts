/**
 * What the cluster client reports about one watched resource. Its own file because both the model
 * and one namespace's data read it, and neither should name the other to get it.
 */
import type { KubeObject } from './kubeTypes';

/** An object the apiserver sent that the view could not take whole (see apiObjects.ts). */
export interface ObjectProblem {
  /** Undefined when the object had no name (it was skipped). */
  name?: string;
  problem: string;
}

/** One change to one watched resource, as the client reports it. */
export type ResourceEvent =
  /** A complete list (first sync or re-list): replaces everything known. */
  | { type: 'replace'; items: KubeObject[]; problems?: ObjectProblem[] }
  | { type: 'upsert'; object: KubeObject; problem?: string }
  | { type: 'delete'; object: KubeObject }
  /** A watch event whose object could not be read at all. */
  | { type: 'skip'; problem: string };
