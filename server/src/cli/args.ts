import { fieldValidationModes, kubernetesVersions } from '../service';
import type { FieldValidationMode, KubernetesVersion } from '../service';

export const outputFormats = ['text', 'json', 'sarif', 'junit'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export interface CliOptions {
  format: OutputFormat;
  kubernetesVersion?: KubernetesVersion;
  fieldValidation?: FieldValidationMode;
  advisories: boolean;
  /** Threads to validate on (`--jobs`): the main thread and N − 1 workers; absent means one per core. */
  jobs?: number;
  /** Where the report goes (`-o FILE`); standard output when absent. */
  output?: string;
  /** Files, directories, or `-` for stdin, in the order given. */
  paths: string[];
}

/** What the command line asks for: a lint run, or one of the informational exits. */
export type ParsedArgs =
  | { kind: 'run'; options: CliOptions }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string };

export const usage = `Usage: endpointslice-lint [options] [PATH|-]...

Validates Kubernetes Endpoints and EndpointSlice manifests as the kube-apiserver would.
PATH is a file or a directory (searched recursively for *.yaml, *.yml and *.json, skipping
node_modules and dot-directories); - reads stdin, and so does no PATH with piped input (an
empty stdin is then an error: a CI step that forgot its PATH fails instead of passing).

Options:
  --format text|json|sarif|junit      output format (default text)
  -o, --output FILE                   write the report to FILE instead of stdout
  --kubernetes-version ${kubernetesVersions.join('|')}
                                      apiserver version to emulate (default 1.37)
  --field-validation ${fieldValidationModes.join('|')}
                                      unknown/duplicate field handling (default Strict)
  --no-advisories                     only report what the apiserver reports
  -j, --jobs N                        validate on N threads (1 = no worker threads; default:
                                      one per core when the input is large enough to gain
                                      from them); the report is the same for every N
  --help                              show this help
  --version                           print the version

Exit status: 0 no errors, 1 at least one error, 2 usage or I/O failure.
Limits: an input over 64 MB is not read, and a document over 8,000,000 characters (a List
dump is checked item by item) or past another limit in the README is not validated: exit 2.
`;

type ValueOption = '--format' | '--kubernetes-version' | '--field-validation' | '--output' | '--jobs';
const valueOptions: readonly string[] = [
  '--format',
  '--kubernetes-version',
  '--field-validation',
  '--output',
  '--jobs',
];
/** Short spellings of value options. */
const shortOptions: Readonly<Record<string, ValueOption>> = { '-o': '--output', '-j': '--jobs' };

/** Parses `process.argv.slice(2)`; both `--opt value` and `--opt=value` are accepted. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: CliOptions = { format: 'text', advisories: true, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      options.paths.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') {
      return { kind: 'help' };
    }
    if (arg === '--version') {
      return { kind: 'version' };
    }
    if (arg === '--no-advisories') {
      options.advisories = false;
      continue;
    }
    const [spelled = '', inline] = splitOption(arg);
    const name = shortOptions[spelled] ?? spelled;
    if (isOneOf(valueOptions, name)) {
      const value = inline ?? argv[++i];
      const error = applyValue(options, name, value);
      if (error !== undefined) {
        return { kind: 'error', message: error };
      }
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      return { kind: 'error', message: `unknown option ${arg}` };
    }
    options.paths.push(arg);
  }
  return { kind: 'run', options };
}

function splitOption(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

function applyValue(options: CliOptions, name: ValueOption, value: string | undefined): string | undefined {
  if (value === undefined) {
    return `${name} needs a value`;
  }
  switch (name) {
    case '--format':
      if (!isOneOf(outputFormats, value)) {
        return `${name} must be one of ${outputFormats.join(', ')}, not "${value}"`;
      }
      options.format = value;
      return undefined;
    case '--kubernetes-version':
      if (!isOneOf(kubernetesVersions, value)) {
        return `${name} must be one of ${kubernetesVersions.join(', ')}, not "${value}"`;
      }
      options.kubernetesVersion = value;
      return undefined;
    case '--field-validation':
      if (!isOneOf(fieldValidationModes, value)) {
        return `${name} must be one of ${fieldValidationModes.join(', ')}, not "${value}"`;
      }
      options.fieldValidation = value;
      return undefined;
    case '--output':
      // `-o -` is stdout, as `-` is stdin for a PATH; an empty name is a mistake, not stdout.
      if (value === '') return `${name} needs a file name`;
      if (value !== '-') options.output = value;
      return undefined;
    case '--jobs':
      if (!/^[1-9]\d{0,3}$/.test(value)) {
        return `${name} must be a whole number from 1 to 9999, not "${value}"`;
      }
      options.jobs = Number(value);
      return undefined;
  }
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
