import { readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

/**
 * One thing to lint: a file on disk, or standard input (`implied` when no PATH was given and
 * stdin was read because it is not a terminal).
 */
export type LintInput = { kind: 'file'; path: string } | { kind: 'stdin'; implied?: boolean };

/** The name stdin gets in reports. */
export const stdinName = '<stdin>';

/** Extensions searched for inside directories; files named explicitly are linted whatever their name. */
const manifestExtensions = new Set(['.yaml', '.yml', '.json']);

/** An I/O problem the CLI reports with exit status 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * Expands the command-line paths into inputs, in argument order and, inside a directory, in
 * sorted order so output is stable across machines.
 */
export async function collectInputs(paths: readonly string[]): Promise<LintInput[]> {
  const inputs: LintInput[] = [];
  for (const path of paths) {
    if (path === '-') {
      inputs.push({ kind: 'stdin' });
    } else {
      inputs.push(...(await expandPath(path)));
    }
  }
  return inputs;
}

async function expandPath(path: string): Promise<LintInput[]> {
  const info = await stat(path).catch((error: unknown) => {
    throw new InputError(`cannot read ${path}: ${reasonOf(error)}`);
  });
  if (!info.isDirectory()) {
    return [{ kind: 'file', path }];
  }
  const found = await walk(path);
  if (found.length === 0) {
    // A CI job pointed at the wrong folder must fail, not pass because nothing was checked.
    throw new InputError(`no *.yaml, *.yml or *.json files under ${path}`);
  }
  return found.map((file) => ({ kind: 'file', path: file }));
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    throw new InputError(`cannot read directory ${dir}: ${reasonOf(error)}`);
  });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        files.push(...(await walk(full)));
      }
    } else if (entry.isFile() && manifestExtensions.has(extname(entry.name).toLowerCase())) {
      files.push(full);
    }
  }
  return files;
}

/**
 * The largest input read, in bytes. Memory grows with the text (a `List` dump is validated item
 * by item, other documents are parsed whole, and a single document over 8,000,000 characters is
 * not validated); past this the input is refused with exit status 2 before it is read.
 */
export const maxInputBytes = 64 * 1024 * 1024;

function tooLarge(name: string, bytes: number): InputError {
  const mb = (n: number): string => (n / (1024 * 1024)).toFixed(0);
  return new InputError(
    `${name} is ${mb(bytes)} MB, over the ${mb(maxInputBytes)} MB limit for one input; split it (one file per namespace, say)`,
  );
}

/** Reads one input as text, the way kubectl does (see decodeText). */
export async function readInput(input: LintInput): Promise<string> {
  if (input.kind === 'stdin') {
    const text = decodeText(await readStdin());
    // CI runners give a step an empty, non-terminal stdin: a forgotten PATH must not pass as clean.
    if (input.implied === true && text.trim() === '') {
      throw new InputError(
        'no PATH given and stdin is empty: name the files or directories to check, or - to read stdin',
      );
    }
    return text;
  }
  // Synchronous on purpose: a lint run reads one file after another (or one per worker thread),
  // and two promises per file cost more than the read of a small manifest.
  let bytes: Buffer;
  try {
    const size = statSync(input.path).size;
    if (size > maxInputBytes) throw tooLarge(input.path, size);
    bytes = readFileSync(input.path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${input.path}: ${reasonOf(error)}`);
  }
  return decodeText(bytes);
}

/**
 * kubectl drops a UTF-8 byte order mark and decodes UTF-16 that starts with one (what Windows
 * PowerShell writes for `kubectl get -o yaml > file.yaml`); everything else is UTF-8, with
 * invalid bytes replaced. Dropping the UTF-8 mark also keeps line 1's columns as editors count them.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be(bytes.subarray(2));
  return bytes.toString('utf8');
}

function utf16be(bytes: Buffer): string {
  // swap16 needs an even length; a truncated last byte cannot be a character anyway.
  const even = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return even.swap16().toString('utf16le');
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    // Stop reading at once: holding a larger input is what the limit prevents.
    if (size > maxInputBytes) throw tooLarge(stdinName, size);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** The display name of an input. */
export function inputName(input: LintInput): string {
  return input.kind === 'stdin' ? stdinName : input.path;
}

function reasonOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    if (code === 'ENOENT') {
      return 'no such file or directory';
    }
    if (code === 'EACCES') {
      return 'permission denied';
    }
  }
  return error instanceof Error ? error.message : String(error);
}
