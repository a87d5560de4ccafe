import type { DocumentReport, EndpointDiagnostic } from '../../server/src/service';

/** One line of `cluster/dryrun`: what the real kube-apiserver answered for one document. */
export interface ServerResult {
  file: string;
  index: number;
  /** For an item of a List (kubectl sends each on its own): its position among the items. */
  item?: number;
  apiVersion?: string;
  kind?: string;
  name?: string;
  status: 'accepted' | 'rejected' | 'decode-error' | 'not-found';
  code: number;
  reason?: string;
  causes: { field: string; reason: string; message: string }[];
  message: string;
  warnings: string[];
}

export type Verdict = 'accepted' | 'rejected' | 'decode-error' | 'not-found' | 'other';

export type Outcome =
  | 'agree'
  | 'false-error'
  | 'missed-error'
  | 'cause-mismatch'
  | 'warning-mismatch'
  | 'message-mismatch'
  | 'harness';

export interface Comparison {
  id: string;
  outcome: Outcome;
  server: string[];
  engine: string[];
}

const fieldReasons = /^FieldValue|^InternalError$/;

export function serverVerdict(result: ServerResult): Verdict {
  if (result.status !== 'rejected') return result.status;
  if (result.code === 422) return 'rejected';
  // A namespace that does not exist: the request fails before validation (NamespaceLifecycle).
  if (result.code === 404 && result.reason === 'NotFound') return 'not-found';
  return 'other';
}

export function engineVerdict(doc: DocumentReport): Verdict {
  const errors = doc.diagnostics.filter((d) => d.severity === 'error');
  if (errors.some((d) => d.reason === 'NotFound')) return 'not-found';
  if (errors.some((d) => d.reason === 'BadRequest')) return 'decode-error';
  if (errors.some((d) => fieldReasons.test(d.reason))) return 'rejected';
  return 'accepted';
}

const causeKey = (field: string, reason: string): string => `${field} ${reason}`;
const sorted = (items: string[]): string[] => [...items].sort();
const sameMultiset = (a: string[], b: string[]): boolean =>
  JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

function engineCauses(doc: DocumentReport): EndpointDiagnostic[] {
  return doc.diagnostics.filter(
    (d) => d.origin === 'apiserver' && d.severity === 'error' && fieldReasons.test(d.reason),
  );
}

/** The server's decode message and ours, reduced to what both say (the server joins strict errors). */
function decodeMessages(result: ServerResult, doc: DocumentReport): { server: string; engine: string } {
  const ours = doc.diagnostics.filter((d) => d.reason === 'BadRequest').map((d) => d.message);
  const strictPrefix = 'strict decoding error: ';
  const joined = ours.every((m) => m.startsWith(strictPrefix))
    ? `${strictPrefix}${ours.map((m) => m.slice(strictPrefix.length)).join(', ')}`
    : (ours[0] ?? '');
  const server = result.message.replace(/^.*? cannot be handled as a \w+: /, '');
  const engine = joined.replace(/^.*? cannot be handled as a \w+: /, '');
  return { server, engine };
}

/**
 * Compares one document: the verdict first, then the causes as a multiset of (field, reason),
 * then the warnings, then the exact wording of every cause.
 */
export function compare(id: string, result: ServerResult, doc: DocumentReport): Comparison {
  const server = serverVerdict(result);
  const engine = engineVerdict(doc);
  const describe = (outcome: Outcome, s: string[], e: string[]): Comparison => ({
    id,
    outcome,
    server: s,
    engine: e,
  });
  if (server === 'other') return describe('harness', [`${result.code} ${result.message}`], []);
  if (server !== engine) {
    const outcome =
      server === 'accepted' ? 'false-error' : engine === 'accepted' ? 'missed-error' : 'cause-mismatch';
    return describe(
      outcome,
      [server, result.message],
      [engine, ...doc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)],
    );
  }
  const serverCauses = result.causes.map((c) => causeKey(c.field, c.reason));
  const ourCauses = engineCauses(doc).map((d) => causeKey(d.field, d.reason));
  if (!sameMultiset(serverCauses, ourCauses)) return describe('cause-mismatch', serverCauses, ourCauses);
  const ourWarnings = doc.diagnostics.filter((d) => d.reason === 'Warning').map((d) => d.message);
  if (!sameMultiset(result.warnings, ourWarnings)) {
    return describe('warning-mismatch', result.warnings, ourWarnings);
  }
  const serverLines = result.causes.map((c) => `${c.field}: ${c.message}`);
  const serverMessages = serverLines.map(withoutPerRequestParts);
  const ourMessages = engineCauses(doc).map((d) =>
    withoutPerRequestParts(serverLineOf(d.message, serverLines)),
  );
  if (!sameMultiset(serverMessages, ourMessages)) {
    return describe('message-mismatch', sorted(serverMessages), sorted(ourMessages));
  }
  if (server === 'decode-error') {
    const messages = decodeMessages(result, doc);
    if (messages.server !== messages.engine) {
      return describe('message-mismatch', [messages.server], [messages.engine]);
    }
  }
  if (server === 'not-found') {
    const ours = doc.diagnostics.filter((d) => d.reason === 'NotFound').map((d) => d.message);
    if (!notFoundAgrees(result.message, ours)) return describe('message-mismatch', [result.message], ours);
  }
  return describe('agree', [], []);
}

/**
 * The engine may explain a cause in a second sentence after the server's line
 * (`fieldErrors.ts` diagnosticMessage); the wording compared is the line before it.
 */
function serverLineOf(message: string, serverLines: readonly string[]): string {
  return serverLines.find((line) => message.startsWith(`${line}. `)) ?? message;
}

/**
 * The engine says what the server (or kubectl, for an unserved kind) says, and may explain why
 * after it: its message must start with the server's, followed by nothing, a period or a parenthesis.
 */
function notFoundAgrees(server: string, ours: string[]): boolean {
  const [message] = ours;
  if (ours.length !== 1 || message === undefined || !message.startsWith(server)) return false;
  return /^(|\. .+| \(.+\))$/s.test(message.slice(server.length));
}

/**
 * What differs on every request is masked: the five random characters the server appends to
 * generateName, and the addresses of Go pointers that releases before 1.34 print in a value
 * (the engine prints them as `0x…`).
 */
function withoutPerRequestParts(message: string): string {
  return message
    .replace(/^(metadata\.name: Invalid value: "[^"]*)[bcdfghjklmnpqrstvwxz2456789]{5}"/, '$1*****"')
    .replace(/\(\*(\w+)\)\(0x[0-9a-f]+\)/g, '(*$1)(0x…)');
}
