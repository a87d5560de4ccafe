/**
 * Finds and reads the kubeconfig the way kubectl does, without ever writing it: the
 * `endpointslices.kubeconfig` setting, else every file in KUBECONFIG (missing ones skipped, the
 * first definition of a context wins, the first current-context wins), else ~/.kube/config.
 * Each context gets its own KubeConfig object whose current context is set in memory only, so
 * several contexts are used side by side and switching never touches a file.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { ClusterError, kubeconfigError } from './clusterErrors';
import type { ClusterClientModule, KubeConfig } from './loadClusterClient';
import type { ContextInfo } from './model';

export interface KubeconfigOptions {
  /** The `endpointslices.kubeconfig` setting; empty means "not set". */
  setting?: string;
  env?: Record<string, string | undefined>;
  home?: string;
}

export interface LoadedKubeconfig {
  files: string[];
  contexts: ContextInfo[];
  /** A KubeConfig whose current context is `context` (in memory; nothing is written). */
  configFor(context: string): KubeConfig;
}

/**
 * Whether the `endpointslices.kubeconfig` setting now names other files than the one the view
 * read: compared by value, as VS Code may deliver the user settings after the view first read
 * them (a window reload) with a change event that does not name the setting.
 */
export function kubeconfigSettingChanged(read: string | undefined, now: string | undefined): boolean {
  return (read?.trim() ?? '') !== (now?.trim() ?? '');
}

/** The files to read, in precedence order. */
export function kubeconfigFiles(options: KubeconfigOptions): string[] {
  const home = options.home ?? homedir();
  const expand = (file: string): string =>
    file === '~' || file.startsWith('~/') ? join(home, file.slice(1)) : file;
  const setting = options.setting?.trim();
  if (setting) {
    return [expand(setting)];
  }
  const fromEnv = (options.env ?? process.env)['KUBECONFIG'];
  if (fromEnv) {
    return fromEnv.split(delimiter).filter(Boolean).map(expand);
  }
  return [join(home, '.kube', 'config')];
}

interface ParsedFile {
  file: string;
  text: string;
  config: KubeConfig;
}

export async function loadKubeconfig(
  options: KubeconfigOptions,
  module: ClusterClientModule,
): Promise<LoadedKubeconfig> {
  const files = kubeconfigFiles(options);
  const parsed: ParsedFile[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        return undefined; // kubectl skips missing KUBECONFIG entries too
      }
      throw new ClusterError({ kind: 'kubeconfig-invalid', message: `${file}: ${error.message}` });
    });
    if (text !== undefined) {
      parsed.push({ file, text, config: parse(module, file, text) });
    }
  }
  if (parsed.length === 0) {
    throw new ClusterError({ kind: 'no-kubeconfig', message: `No file at ${files.join(', ')}` });
  }
  const current = parsed.map((p) => p.config.getCurrentContext()).find(Boolean);
  const owners = new Map<string, ParsedFile>();
  for (const entry of parsed) {
    for (const context of entry.config.getContexts()) {
      if (!owners.has(context.name)) {
        owners.set(context.name, entry);
      }
    }
  }
  const contexts = [...owners].map(([name, entry]) => describe(entry.config, name, name === current));
  return {
    files: parsed.map((p) => p.file),
    contexts,
    configFor(context: string): KubeConfig {
      const owner = owners.get(context);
      if (!owner) {
        throw new ClusterError({ kind: 'kubeconfig-invalid', message: `No context ${context}` });
      }
      const config = parse(module, owner.file, owner.text);
      config.setCurrentContext(context);
      return config;
    },
  };
}

function parse(module: ClusterClientModule, file: string, text: string): KubeConfig {
  const config = new module.KubeConfig();
  try {
    config.loadFromString(text);
  } catch (error) {
    throw kubeconfigError(file, error);
  }
  // Relative certificate paths are relative to the kubeconfig, as kubectl reads them.
  config.makePathsAbsolute(dirname(file));
  return config;
}

function describe(config: KubeConfig, name: string, current: boolean): ContextInfo {
  const context = config.getContextObject(name);
  const cluster = context ? config.getCluster(context.cluster) : null;
  return {
    name,
    cluster: context?.cluster ?? '',
    user: context?.user ?? '',
    server: cluster?.server,
    namespace: context?.namespace,
    current,
  };
}
