import type { VersionBehaviour } from '../k8s/versions';

/**
 * The name checks of k8s.io/apimachinery/pkg/util/validation (and, from 1.35, the content
 * package that replaced part of it). Each returns the list of messages the apiserver would
 * attach to one value; an empty list means valid.
 */

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelValueFmt = `(${qualifiedNameFmt})?`;

const dns1123Label = new RegExp(`^${dns1123LabelFmt}$`);
const dns1123Subdomain = new RegExp(`^${dns1123SubdomainFmt}$`);
const qualifiedName = new RegExp(`^${qualifiedNameFmt}$`);
const labelValue = new RegExp(`^${labelValueFmt}$`);

const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const dns1123SubdomainErrMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const qualifiedNameErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** Go's RegexError: examples are joined with ",  or " (the double space is upstream's). */
export function regexError(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  const shown = examples.map((e, i) => `${i > 0 ? ' or ' : ''}'${e}', `).join('');
  return `${message} (e.g. ${shown}regex used for validation is '${format}')`;
}

const maxLen = (n: number, unit = 'characters'): string => `must be no more than ${n} ${unit}`;
/**
 * UTF-8 length: Go's len() on a string, which every length check counts (the pure service has no
 * TextEncoder types). A surrogate pair is one 4-byte character, a lone surrogate 3 bytes (it
 * becomes U+FFFD). By index, not by a string iterator: every name of every document passes here.
 */
export function byteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (isHighSurrogate(code) && isLowSurrogate(value.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

export function dns1123LabelMessages(value: string): string[] {
  const messages: string[] = [];
  if (byteLength(value) > 63) messages.push(maxLen(63));
  if (!dns1123Label.test(value)) {
    // A valid subdomain that is not a label can only be wrong because of its dots.
    messages.push(
      dns1123Subdomain.test(value)
        ? 'must not contain dots'
        : regexError(dns1123LabelErrMsg, dns1123LabelFmt, 'my-name', '123-abc'),
    );
  }
  return messages;
}

export function dns1123SubdomainMessages(value: string, unit = 'characters'): string[] {
  const messages: string[] = [];
  if (byteLength(value) > 253) messages.push(maxLen(253, unit));
  if (!dns1123Subdomain.test(value)) {
    messages.push(regexError(dns1123SubdomainErrMsg, dns1123SubdomainFmt, 'example.com'));
  }
  return messages;
}

/** Qualified names: label and annotation keys, finalizers, appProtocol. */
export function qualifiedNameMessages(value: string, behaviour: VersionBehaviour): string[] {
  const unit = behaviour.contentValidationWording ? 'bytes' : 'characters';
  const parts = value.split('/');
  const messages: string[] = [];
  if (parts.length > 2) {
    const head = behaviour.contentValidationWording ? 'a valid label key ' : 'a qualified name ';
    return [
      `${head}${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts.length === 2 ? (parts[1] ?? '') : value;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix.length === 0) messages.push('prefix part must be non-empty');
    else messages.push(...dns1123SubdomainMessages(prefix, unit).map((m) => `prefix part ${m}`));
  }
  if (name.length === 0) messages.push('name part must be non-empty');
  else if (byteLength(name) > 63) messages.push(`name part ${maxLen(63, unit)}`);
  if (!qualifiedName.test(name)) {
    messages.push(
      `name part ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')}`,
    );
  }
  return messages;
}

/** Label values and hints.forZones names: may be empty. */
export function labelValueMessages(value: string, behaviour: VersionBehaviour): string[] {
  const messages: string[] = [];
  if (byteLength(value) > 63) {
    messages.push(maxLen(63, behaviour.contentValidationWording ? 'bytes' : 'characters'));
  }
  if (!labelValue.test(value)) {
    messages.push(regexError(labelValueErrMsg, labelValueFmt, 'MyValue', 'my_value', '12345'));
  }
  return messages;
}

/** FQDN endpoint addresses (IsFullyQualifiedDomainName): one trailing dot is allowed. */
export function fqdnMessages(value: string): { shown: string; messages: string[] } {
  const shown = value.endsWith('.') ? value.slice(0, -1) : value;
  const messages = dns1123SubdomainMessages(shown);
  if (messages.length > 0) return { shown, messages };
  const labels = shown.split('.');
  if (labels.length < 2) {
    return { shown, messages: ['should be a domain with at least two segments separated by dots'] };
  }
  const tooLong = labels.find((label) => byteLength(label) > 63);
  if (tooLong !== undefined) return { shown: tooLong, messages: [maxLen(63)] };
  return { shown, messages: [] };
}
