import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiServer } from '../cluster/api';
import { writeSchemas } from '../editor/schemas';

/**
 * kubeconform, the Go validator CI pipelines use for manifests, built here from the Go module
 * proxy at a pinned version (nothing is downloaded at validation time), with JSON schemas of the
 * two kinds made from our local kube-apiserver's OpenAPI (standalone and strict, as
 * kubernetes-json-schema's flavour that kubeconform downloads when online).
 */
export const kubeconformModule = 'github.com/yannh/kubeconform';
export const kubeconformVersion = 'v0.8.0';

export interface Kubeconform {
  binary: string;
  /** `go version` of the toolchain that built it. */
  go: string;
  /** Every flag but the paths, exactly as run. */
  args: string[];
  schemaSource: string;
}

/** Builds (or reuses) the pinned kubeconform and writes the schemas; flags in `args`. */
export async function prepareKubeconform(
  workDir: string,
  api: ApiServer,
  log: (line: string) => void,
): Promise<Kubeconform> {
  const bin = join(workDir, 'kubeconform', kubeconformVersion);
  const binary = join(bin, 'kubeconform');
  if (!existsSync(binary)) {
    log(`kubeconform: go install ${kubeconformModule}/cmd/kubeconform@${kubeconformVersion}`);
    mkdirSync(bin, { recursive: true });
    const built = spawnSync('go', ['install', `${kubeconformModule}/cmd/kubeconform@${kubeconformVersion}`], {
      env: { ...process.env, GOBIN: bin, GOFLAGS: '-buildvcs=false' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (built.status !== 0) throw new Error(`building kubeconform failed: ${built.stderr.slice(-2000)}`);
  }
  const schemaDir = join(workDir, 'kubeconform', 'schemas');
  mkdirSync(schemaDir, { recursive: true });
  // kubeconform finds a kind's schema by file name, `{kind}-{group}-{version}.json` in lower case:
  // endpointslice-discovery-v1.json and endpoints-v1.json are written under those names.
  const files = await writeSchemas(api, schemaDir);
  const go = execFileSync('go', ['version'], { encoding: 'utf8' }).trim();
  return {
    binary,
    go,
    args: [
      '-strict',
      '-summary',
      '-schema-location',
      join(schemaDir, '{{ .ResourceKind }}{{ .KindSuffix }}.json'),
    ],
    schemaSource: files.source,
  };
}
