import { kubernetesVersions } from '../../server/src/service/settings';
import type { KubernetesVersion } from '../../server/src/service/settings';

/** The language client's state, in words the item shows. */
export type ServerState = 'starting' | 'running' | 'stopped';

/** Where the active document's `kubernetesVersion` comes from, most specific first. */
export type SettingSource = 'folder' | 'workspace' | 'user' | 'default';

/** What a language-status item shows: plain data, so it is tested without VS Code. */
export interface LanguageStatusText {
  text: string;
  detail: string;
  severity: 'information' | 'warning' | 'error';
  busy: boolean;
  /** The link under the item. */
  commandTitle: string;
}

/**
 * The item for the active YAML document: the Kubernetes version whose apiserver its diagnostics
 * emulate, where that comes from, and the server's state; its link opens the setting.
 */
export function languageStatusText(
  state: ServerState,
  version: KubernetesVersion,
  source: SettingSource,
): LanguageStatusText {
  const origin = source === 'default' ? 'the default' : `${source} setting`;
  const server = {
    starting: 'the EndpointSlices server is starting',
    running: 'checked by the EndpointSlices server',
    stopped: 'the EndpointSlices server stopped: run "EndpointSlices: Restart Language Server"',
  }[state];
  return {
    text: `Kubernetes ${version}`,
    detail: `${server} · version from ${origin}`,
    severity: state === 'stopped' ? 'error' : 'information',
    busy: state === 'starting',
    commandTitle: 'Change Kubernetes version',
  };
}

/** A version the settings hold, or undefined when it is not one we emulate. */
export function knownVersion(value: unknown): KubernetesVersion | undefined {
  return (kubernetesVersions as readonly unknown[]).includes(value)
    ? (value as KubernetesVersion)
    : undefined;
}
