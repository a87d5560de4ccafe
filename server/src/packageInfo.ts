import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Finds our package.json by walking up from this file. The same code runs from `dist/` (bundled,
 * one level below the manifest, in the extension and in the npm package) and from
 * `out/server/src/` (tsc output, four levels below), so a fixed relative path would be wrong in
 * one of them.
 */
export function readPackageVersion(startDir: string = __dirname): string {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const version = versionOf(candidate);
      if (version !== undefined) {
        return version;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) {
      return '0.0.0';
    }
    dir = parent;
  }
}

/** The extension (the repository root) and the npm package of the CLI and server (packages/cli). */
const ownPackageNames = ['endpointslices', 'endpointslice-lint'];

function versionOf(file: string): string | undefined {
  try {
    const manifest: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof manifest !== 'object' || manifest === null) {
      return undefined;
    }
    const { name, version } = manifest as { name?: unknown; version?: unknown };
    // Only our own manifests count (the extension's, and the npm package's of packages/cli); a
    // package.json of some enclosing project must not.
    return typeof name === 'string' && ownPackageNames.includes(name) && typeof version === 'string'
      ? version
      : undefined;
  } catch {
    return undefined;
  }
}
