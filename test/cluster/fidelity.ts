import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createLanguageService, defaultSettings, kubernetesVersions } from '../../server/src/service';
import type { DocumentReport, KubernetesVersion, FieldValidationMode } from '../../server/src/service';
import { decodeText } from '../../server/src/cli/files';
import { compare } from './fidelityCompare';
import type { Comparison, Outcome, ServerResult } from './fidelityCompare';
import { generatedVariations } from './variations';

/**
 * The validation-fidelity suite: every manifest of the corpus goes to a real kube-apiserver as a
 * dry-run create with strict field validation (cluster/dryrun), and to the engine for the same
 * version; any disagreement fails the run unless test/cluster/known-differences.json explains it.
 *
 *   node out/test/cluster/fidelity.js --version 1.37 [--server-version 1.37.2] --kubeconfig K --dryrun BIN
 *     [--report docs/fidelity]
 */
interface Options {
  version: KubernetesVersion;
  /** The server's release (`1.37.2`), for the report; the minor when not given. */
  serverVersion: string;
  kubeconfig: string;
  dryrun: string;
  report: string;
}

interface KnownDifference {
  id: string;
  versions: string[];
  outcome: Outcome;
  why: string;
}

const root = join(__dirname, '..', '..', '..');
const ourKinds = new Set(['EndpointSlice', 'Endpoints']);

function parseOptions(argv: string[]): Options {
  const value = (flag: string, fallback?: string): string => {
    const i = argv.indexOf(flag);
    const found = i >= 0 ? argv[i + 1] : fallback;
    if (found === undefined) throw new Error(`fidelity: ${flag} is required`);
    return found;
  };
  const version = value('--version', '1.37');
  if (!(kubernetesVersions as readonly string[]).includes(version)) {
    throw new Error(`fidelity: unsupported version ${version}`);
  }
  return {
    version: version as KubernetesVersion,
    serverVersion: value('--server-version', version),
    kubeconfig: value('--kubeconfig', process.env['KUBECONFIG']),
    dryrun: value('--dryrun'),
    report: value('--report', join(root, 'docs', 'fidelity')),
  };
}

/** The directories sent to the server, each with the field validation its files ask for. */
interface CaseSet {
  name: string;
  dir: string;
  files: string[];
  mode: FieldValidationMode;
}

function yamlFiles(dir: string, pattern = /\.ya?ml$/): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return yamlFiles(path, pattern);
      return pattern.test(entry) ? [path] : [];
    })
    .sort();
}

/**
 * The real-world corpus (test/fixtures/real-world), one set per category. Templates are left out:
 * they are not manifests until rendered, so no apiserver can judge them.
 */
function realWorldSets(): CaseSet[] {
  const dir = join(root, 'test', 'fixtures', 'real-world');
  return readdirSync(dir)
    .filter((category) => category !== 'templates' && statSync(join(dir, category)).isDirectory())
    .sort()
    .map((category) => ({
      name: `real-world ${category}`,
      dir: join(dir, category),
      files: yamlFiles(join(dir, category), /\.(ya?ml|json)$/),
      mode: 'Strict' as const,
    }));
}

function caseSets(generatedDir: string): CaseSet[] {
  const corpus = join(root, 'test', 'fixtures', 'corpus');
  const corpusFiles = yamlFiles(corpus);
  const warn = corpusFiles.filter((f) => /^# fieldValidation: Warn$/m.test(readFileSync(f, 'utf8')));
  const fixtureDirs = [join(root, 'test', 'fixtures', 'cli'), join(root, 'samples')];
  return [
    { name: 'spec corpus', dir: corpus, files: corpusFiles.filter((f) => !warn.includes(f)), mode: 'Strict' },
    { name: 'spec corpus (Warn)', dir: corpus, files: warn, mode: 'Warn' },
    ...fixtureDirs.map((dir) => ({
      name: `fixtures ${relative(root, dir)}`,
      dir,
      files: yamlFiles(dir),
      mode: 'Strict' as const,
    })),
    ...realWorldSets(),
    { name: 'generated variations', dir: generatedDir, files: yamlFiles(generatedDir), mode: 'Strict' },
  ];
}

function askServer(options: Options, set: CaseSet): ServerResult[] {
  if (set.files.length === 0) return [];
  const out = execFileSync(
    options.dryrun,
    [
      '-kubeconfig',
      options.kubeconfig,
      '-field-validation',
      set.mode,
      ...set.files.map((f) => relative(set.dir, f)),
    ],
    { cwd: set.dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  return out
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as ServerResult);
}

function compareSet(options: Options, set: CaseSet, results: ServerResult[]): Comparison[] {
  const service = createLanguageService();
  const settings = {
    ...defaultSettings,
    kubernetesVersion: options.version,
    fieldValidation: set.mode,
    advisories: false,
  };
  const byFile = new Map<string, DocumentReport[]>();
  const ours = (file: string): DocumentReport[] => {
    let docs = byFile.get(file);
    if (!docs) {
      // Read as the CLI and kubectl read files: a BOM dropped, UTF-16 decoded.
      const report = service.validate(decodeText(readFileSync(join(set.dir, file))), settings);
      docs = report.documents.filter((d) => ourKinds.has(d.kind ?? ''));
      byFile.set(file, docs);
    }
    return docs;
  };
  const seen = new Map<string, number>();
  const comparisons: Comparison[] = [];
  for (const result of results) {
    if (!ourKinds.has(result.kind ?? '')) continue;
    const position = seen.get(result.file) ?? 0;
    seen.set(result.file, position + 1);
    const where = set.dir.startsWith(root) ? relative(root, set.dir) : 'generated';
    // A List's items are sent one by one and share the document's index.
    const id = `${where}/${result.file}#${result.index}${result.item === undefined ? '' : `.${result.item}`}`;
    const doc = ours(result.file)[position];
    if (!doc) {
      comparisons.push({ id, outcome: 'harness', server: [result.status], engine: ['no such document'] });
    } else comparisons.push(compare(id, result, doc));
  }
  return comparisons;
}

function loadKnown(): KnownDifference[] {
  return JSON.parse(
    readFileSync(join(root, 'test', 'cluster', 'known-differences.json'), 'utf8'),
  ) as KnownDifference[];
}

const columns: Outcome[] = [
  'agree',
  'false-error',
  'missed-error',
  'cause-mismatch',
  'warning-mismatch',
  'message-mismatch',
  'harness',
];

function table(rows: { name: string; comparisons: Comparison[] }[]): string {
  const head = `| set | cases | ${columns.join(' | ')} |\n|---|---:|${columns.map(() => '---:').join('|')}|`;
  const line = (name: string, list: Comparison[]): string =>
    `| ${name} | ${list.length} | ${columns.map((c) => list.filter((x) => x.outcome === c).length).join(' | ')} |`;
  const all = rows.flatMap((r) => r.comparisons);
  return [head, ...rows.map((r) => line(r.name, r.comparisons)), line('**all**', all)].join('\n');
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const generatedDir = mkdtempSync(join(tmpdir(), 'fidelity-'));
  try {
    for (const v of generatedVariations()) {
      writeFileSync(join(generatedDir, `${v.id}.yaml`), `# ${v.id}\n${v.text}`);
    }
    const rows = caseSets(generatedDir).map((set) => ({
      name: set.name,
      comparisons: compareSet(options, set, askServer(options, set)),
    }));
    report(options, rows);
  } finally {
    rmSync(generatedDir, { recursive: true, force: true });
  }
}

function report(options: Options, rows: { name: string; comparisons: Comparison[] }[]): void {
  const known = loadKnown().filter((k) => k.versions.includes(options.version));
  const isKnown = (c: Comparison): KnownDifference | undefined =>
    known.find((k) => k.id === c.id && k.outcome === c.outcome);
  const disagreements = rows.flatMap((r) => r.comparisons).filter((c) => c.outcome !== 'agree');
  const unexplained = disagreements.filter((c) => !isKnown(c));
  const lines = [
    `# Validation fidelity, Kubernetes ${options.version}`,
    '',
    `Every document below was sent to a real kube-apiserver v${options.serverVersion} (built from the official Go modules by`,
    '`cluster/build.sh`) as a dry-run create with `fieldValidation=Strict` (the Warn set with `Warn`), and validated by the',
    `engine for ${options.version}. Reproduce with \`npm run test:fidelity-${options.version}\` (all five versions:`,
    '`npm run test:fidelity-all`; 1.37 is also part of `npm test`, through `scripts/test-cluster.sh`).',
    '',
    table(rows),
    '',
    `Disagreements: ${disagreements.length}, explained in test/cluster/known-differences.json: ${disagreements.length - unexplained.length}, unexplained: ${unexplained.length}.`,
    '',
    ...disagreements.map(
      (c) =>
        `- \`${c.id}\` ${c.outcome}${isKnown(c) ? ` (known: ${isKnown(c)?.why})` : ''}\n  - server: ${c.server.join(' / ')}\n  - engine: ${c.engine.join(' / ')}`,
    ),
  ];
  mkdirSync(options.report, { recursive: true });
  writeFileSync(join(options.report, `${options.version}.md`), `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.slice(7).join('\n')}\n`);
  const total = rows.reduce((n, r) => n + r.comparisons.length, 0);
  process.stdout.write(
    `\nfidelity ${options.version}: ${total - unexplained.length} passed, ${unexplained.length} failed\n`,
  );
  process.exitCode = unexplained.length > 0 ? 1 : 0;
}

main();
