import { LanguageStatusSeverity, languages, window, workspace } from 'vscode';
import type { Disposable, LanguageStatusItem, TextDocument } from 'vscode';
import { State } from 'vscode-languageclient';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { defaultSettings, settingsSection } from '../../server/src/service/settings';
import { knownVersion, languageStatusText } from './languageStatusText';
import type { ServerState, SettingSource } from './languageStatusText';

export const languageStatusId = 'endpointslices.status';
const versionSetting = 'kubernetesVersion';

const severities = {
  information: LanguageStatusSeverity.Information,
  warning: LanguageStatusSeverity.Warning,
  error: LanguageStatusSeverity.Error,
} as const;

/**
 * A language-status item for YAML (the `{}` next to the language in the status bar): the server's
 * state, the Kubernetes version the active document is checked against, and a link to change it.
 * It follows the client's state, the active editor and configuration changes.
 */
export function createLanguageStatus(client: BaseLanguageClient): { item: LanguageStatusItem } & Disposable {
  const item = languages.createLanguageStatusItem(languageStatusId, { language: 'yaml' });
  item.name = 'Kubernetes EndpointSlices';
  const update = (): void => show(item, stateOf(client.state), window.activeTextEditor?.document);
  const subscriptions = [
    client.onDidChangeState(update),
    window.onDidChangeActiveTextEditor(update),
    workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(settingsSection)) update();
    }),
  ];
  update();
  return {
    item,
    dispose: () => {
      for (const subscription of subscriptions) subscription.dispose();
      item.dispose();
    },
  };
}

function show(item: LanguageStatusItem, state: ServerState, document: TextDocument | undefined): void {
  const { version, source } = versionOf(document);
  const text = languageStatusText(state, version, source);
  item.text = text.text;
  item.detail = text.detail;
  item.severity = severities[text.severity];
  item.busy = text.busy;
  item.command = {
    title: text.commandTitle,
    command: 'workbench.action.openSettings',
    arguments: [`${settingsSection}.${versionSetting}`],
  };
}

/** The document's `kubernetesVersion` (settings are per resource) and which level set it. */
function versionOf(document: TextDocument | undefined): {
  version: typeof defaultSettings.kubernetesVersion;
  source: SettingSource;
} {
  const inspected = workspace.getConfiguration(settingsSection, document).inspect(versionSetting);
  const levels: [SettingSource, unknown][] = [
    ['folder', inspected?.workspaceFolderValue],
    ['workspace', inspected?.workspaceValue],
    ['user', inspected?.globalValue],
  ];
  for (const [source, value] of levels) {
    const version = knownVersion(value);
    if (version !== undefined) return { version, source };
  }
  return { version: defaultSettings.kubernetesVersion, source: 'default' };
}

function stateOf(state: State): ServerState {
  if (state === State.Running) return 'running';
  return state === State.Starting ? 'starting' : 'stopped';
}
