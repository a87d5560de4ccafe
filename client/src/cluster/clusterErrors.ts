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

/** An HTTP error response; `body` is usually a Kubernetes Status object. */
export function statusError(status: number, body: string): ClusterError {
  let message = body.trim().split('\n')[0] ?? '';
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') {
      message = parsed.message;
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): the first line says enough.
  }
  return new ClusterError({ kind: statusKind(status), status, message: message || `HTTP ${status}` });
}

/** A Status object that arrived inside a watch stream (type ERROR). */
export function watchStatusError(status: { code?: number; message?: string }): ClusterError {
  const code = status.code ?? 500;
  return new ClusterError({
    kind: statusKind(code),
    status: code,
    message: status.message ?? `watch error ${code}`,
  });
}

export function classifyError(error: unknown): ClusterErrorInfo {
  if (error instanceof ClusterError) {
    return error.info;
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
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
