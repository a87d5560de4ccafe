/**
 * Turns whatever failed (a socket error, a TLS error, an HTTP status with a Kubernetes Status
 * body, a credential plugin) into a ClusterErrorInfo the model can explain.
 */
import type { ClusterErrorInfo, ClusterErrorKind } from './model';

export class ClusterError extends Error {
  constructor(readonly info: ClusterErrorInfo) {
    super(info.message);
    this.name = 'ClusterError';
  }
}

/**
 * The server's answer is beyond a limit (too large, too long, a list without end): the same
 * request soon would only fail the same way, so it is retried at the longest backoff.
 */
export class LimitError extends ClusterError {
  constructor(message: string) {
    super({ kind: 'server', message });
    this.name = 'LimitError';
  }
}

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'REQUEST_TIMEOUT',
]);

const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

function statusKind(status: number): ClusterErrorKind {
  if (status === 401) {
    return 'unauthorized';
  }
  if (status === 403) {
    return 'forbidden';
  }
  if (status === 404) {
    return 'not-found';
  }
  return status >= 500 ? 'server' : 'other';
}

/** The longest server-supplied message shown: tooltips and log lines are not for megabytes. */
export const maxMessageLength = 300;

/** One line of at most `maxMessageLength` characters. */
export function oneLine(text: string): string {
  const line = text.trim().split(/\r?\n/, 1)[0] ?? '';
  return line.length > maxMessageLength ? `${line.slice(0, maxMessageLength - 1)}…` : line;
}

/** An HTTP error response; `body` (already capped by the transport) is usually a Kubernetes Status object. */
export function statusError(status: number, body: string): ClusterError {
  let message = body;
  try {
    const parsed = JSON.parse(body) as { message?: unknown } | null;
    if (typeof parsed?.message === 'string') {
      message = parsed.message;
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): the first line says enough.
  }
  return new ClusterError({
    kind: statusKind(status),
    status,
    message: oneLine(message) || `HTTP ${status}`,
  });
}

/** A Status object that arrived inside a watch stream (type ERROR): what the server said. */
export function watchStatusError(status: { code?: unknown; message?: unknown }): ClusterError {
  const code = typeof status.code === 'number' ? status.code : 500;
  const said = typeof status.message === 'string' ? oneLine(status.message) : '';
  return new ClusterError({
    kind: statusKind(code),
    status: code,
    message: `the apiserver ended the watch with an error: ${said || `code ${code}`}`,
  });
}

/** client-node's own fixed messages about a kubeconfig's shape: they quote nothing. */
const clientNodeMessages = new Set([
  'HTTP protocol is not allowed when skipTLSVerify is not set or false',
  'Unsupported proxy type',
  'No active cluster!',
  'No command was specified for exec authProvider!',
]);

/**
 * A failure to get credentials (client-node's applyToHTTPSOptions: exec and auth-provider
 * plugins, token and certificate files). Their messages can carry what a plugin printed (a raw
 * token in a JSON parse error, a plugin's stderr), so none is shown: only what kind of failure
 * it was, and the file and code of a file error.
 */
export function credentialError(error: unknown): ClusterError {
  const { code, path, syscall } = (error ?? {}) as { code?: unknown; path?: unknown; syscall?: unknown };
  let message =
    'the exec or auth-provider plugin failed (its output is not shown, as it may hold a credential)';
  if (error instanceof Error && clientNodeMessages.has(error.message)) {
    message = error.message;
  } else if (error instanceof SyntaxError) {
    message =
      'the exec credential plugin printed something that is not ExecCredential JSON (not shown: it may be a credential)';
  } else if (typeof code === 'string' && typeof syscall === 'string' && syscall.startsWith('spawn')) {
    message = `the exec credential plugin could not be started (${code})`;
  } else if (typeof code === 'string' && typeof path === 'string') {
    message = `${path}: ${code}`;
  }
  return new ClusterError({ kind: 'credentials', message });
}

/** client-node's own checks name a field, never a value. */
const kubeconfigChecks = [
  /^(clusters|users|contexts)\[\d+\]\.[\w.]+ is missing$/,
  /^Duplicate (cluster|user|context): [\w.@:-]{1,253}$/,
];

/**
 * A kubeconfig that cannot be parsed. js-yaml's message quotes the lines around the error, and
 * the lines of a kubeconfig hold tokens and keys: only the position and the parser's reason are
 * shown.
 */
export function kubeconfigError(file: string, error: unknown): ClusterError {
  const { name, reason, mark } = (error ?? {}) as {
    name?: unknown;
    reason?: unknown;
    mark?: { line?: unknown; column?: unknown };
  };
  const message = error instanceof Error ? error.message : '';
  let detail = 'not a kubeconfig';
  if (name === 'YAMLException') {
    const at =
      typeof mark?.line === 'number' && typeof mark.column === 'number'
        ? ` at line ${mark.line + 1}, column ${mark.column + 1}`
        : '';
    const why = typeof reason === 'string' && /^[a-z ,()-]{1,80}$/i.test(reason) ? `: ${reason}` : '';
    detail = `not valid YAML${at}${why}`;
  } else if (kubeconfigChecks.some((check) => check.test(message))) {
    detail = message;
  }
  return new ClusterError({ kind: 'kubeconfig-invalid', message: `${file}: ${detail}` });
}

export function classifyError(error: unknown): ClusterErrorInfo {
  if (error instanceof ClusterError) {
    return error.info;
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = oneLine(error instanceof Error ? error.message : String(error));
  if (
    typeof code === 'string' &&
    (tlsCodes.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS'))
  ) {
    return { kind: 'tls', message: `${code}: ${message}` };
  }
  if (typeof code === 'string' && networkCodes.has(code)) {
    return { kind: 'unreachable', message: `${code}: ${message}` };
  }
  if (/certificate|self[- ]signed|\bssl\b|\btls\b/i.test(message)) {
    return { kind: 'tls', message };
  }
  return { kind: 'other', message };
}
