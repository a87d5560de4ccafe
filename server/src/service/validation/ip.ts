/**
 * IP address parsing exactly as the apiserver does it. Two parsers matter:
 * - the "sloppy" one (k8s.io/utils/net ParseIPSloppy, Go 1.16's net.ParseIP), which accepts
 *   IPv4 octets with leading zeros (as decimal) and IPv6 groups with more than four hex digits;
 * - Go's net/netip ParseAddr, which rejects both.
 * An address the first accepts and the second rejects is what the apiserver calls "leading 0s".
 * Both reject zones (`fe80::1%eth0`) as far as validation is concerned, because the sloppy parser
 * runs first.
 */

/** 16 bytes, IPv4 stored in its IPv4-mapped form, as Go's net.IP does. */
export type IPBytes = Uint8Array;

const big = 0xffffff;

export function parseIPSloppy(value: string): IPBytes | null {
  return parseIP(value, false);
}

/** netip.ParseAddr without zones; `null` where it would fail. */
export function parseIPStrict(value: string): IPBytes | null {
  return parseIP(value, true);
}

function parseIP(value: string, strict: boolean): IPBytes | null {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === dot) return parseIPv4(value, strict);
    if (code === colon) return parseIPv6(value, strict);
  }
  return null;
}

const dot = 0x2e;
const colon = 0x3a;
const zero = 0x30;

/**
 * Four decimal octets separated by dots, read by index: every address of every slice passes here
 * up to three times, and the substrings of a slicing parser were most of its cost.
 */
function parseIPv4(input: string, strict: boolean): IPBytes | null {
  const bytes = new Uint8Array(16);
  bytes[10] = 0xff;
  bytes[11] = 0xff;
  let at = 0;
  for (let i = 0; i < 4; i++) {
    if (at >= input.length) return null;
    if (i > 0) {
      if (input.charCodeAt(at) !== dot) return null;
      at++;
    }
    const start = at;
    let n = 0;
    while (at < input.length && isDigit(input.charCodeAt(at))) {
      n = n * 10 + (input.charCodeAt(at) - zero);
      at++;
      if (n >= big) return null;
    }
    const digits = at - start;
    if (digits === 0 || n > 0xff) return null;
    if (strict && (digits > 3 || (digits > 1 && input.charCodeAt(start) === zero))) return null;
    bytes[12 + i] = n;
  }
  return at === input.length ? bytes : null;
}

function parseIPv6(input: string, strict: boolean): IPBytes | null {
  const ip = new Uint8Array(16);
  let s = input;
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return ip;
  }
  let i = 0;
  while (i < 16) {
    const { n, count } = hexPrefix(s);
    if (count === 0 || n > 0xffff || (strict && count > 4)) return null;
    if (count < s.length && s[count] === '.') {
      if ((ellipsis < 0 && i !== 12) || i + 4 > 16) return null;
      const v4 = parseIPv4(s, strict);
      if (!v4) return null;
      ip.set(v4.subarray(12), i);
      s = '';
      i += 4;
      break;
    }
    ip[i] = n >> 8;
    ip[i + 1] = n & 0xff;
    i += 2;
    s = s.slice(count);
    if (s.length === 0) break;
    if (s[0] !== ':' || s.length === 1) return null;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return null;
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) return null;
  if (i < 16) {
    if (ellipsis < 0) return null;
    const shift = 16 - i;
    ip.copyWithin(ellipsis + shift, ellipsis, i);
    ip.fill(0, ellipsis, ellipsis + shift);
  } else if (ellipsis >= 0) {
    return null;
  }
  return ip;
}

/** Go's xtoi: hex digits until a non-hex character, failing once the value reaches 0xFFFFFF. */
function hexPrefix(s: string): { n: number; count: number } {
  let n = 0;
  let count = 0;
  while (count < s.length) {
    const digit = hexValue(s.charCodeAt(count));
    if (digit < 0) break;
    n = n * 16 + digit;
    count++;
    if (n >= big) return { n: 0, count: 0 };
  }
  return { n, count };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** True when the bytes are an IPv4 address in Go's sense (`To4() != nil`): IPv4-mapped included. */
export function isIPv4(ip: IPBytes): boolean {
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return false;
  return ip[10] === 0xff && ip[11] === 0xff;
}

/** netip's Is4In6: an address written in IPv6 form that carries an IPv4 address. */
export function isWrittenAsIPv4Mapped(value: string, ip: IPBytes): boolean {
  return value.includes(':') && isIPv4(ip);
}

/** Go's net.IP String(): dotted IPv4 (IPv4-mapped included), RFC 5952 IPv6. */
export function ipString(ip: IPBytes): string {
  if (isIPv4(ip)) return dotted(ip);
  return ipv6String(ip);
}

/** The IPv4 address in the last four bytes, dotted (no subarray: this runs for every address). */
function dotted(ip: IPBytes): string {
  return `${ip[12] ?? 0}.${ip[13] ?? 0}.${ip[14] ?? 0}.${ip[15] ?? 0}`;
}

/** netip's Addr String(): like net.IP but keeps the `::ffff:` prefix of IPv4-mapped addresses written as IPv6. */
export function addrString(value: string, ip: IPBytes): string {
  if (isWrittenAsIPv4Mapped(value, ip)) return `::ffff:${dotted(ip)}`;
  return ipString(ip);
}

function ipv6String(ip: IPBytes): string {
  let e0 = -1;
  let e1 = -1;
  for (let i = 0; i < 16; i += 2) {
    let j = i;
    while (j < 16 && ip[j] === 0 && ip[j + 1] === 0) j += 2;
    if (j > i && j - i > e1 - e0) {
      e0 = i;
      e1 = j;
      i = j;
    }
  }
  // RFC 5952: "::" never shortens a single zero group.
  if (e1 - e0 <= 2) {
    e0 = -1;
    e1 = -1;
  }
  let out = '';
  for (let i = 0; i < 16; i += 2) {
    if (i === e0) {
      out += '::';
      i = e1;
      if (i >= 16) break;
    } else if (i > 0) {
      out += ':';
    }
    out += (((ip[i] ?? 0) << 8) | (ip[i + 1] ?? 0)).toString(16);
  }
  return out;
}

/** The special ranges ValidateEndpointIP rejects, each with the apiserver's text. */
export function specialRangeMessages(value: string, ip: IPBytes): string[] {
  const messages: string[] = [];
  const v4 = isIPv4(ip);
  const b = (i: number): number => ip[i] ?? 0;
  const unspecified = v4
    ? b(12) === 0 && b(13) === 0 && b(14) === 0 && b(15) === 0
    : ip.every((x) => x === 0);
  if (unspecified) messages.push(`may not be unspecified (${value})`);
  const loopback = v4 ? b(12) === 127 : ip.subarray(0, 15).every((x) => x === 0) && b(15) === 1;
  if (loopback) messages.push('may not be in the loopback range (127.0.0.0/8, ::1/128)');
  const linkLocal = v4 ? b(12) === 169 && b(13) === 254 : b(0) === 0xfe && (b(1) & 0xc0) === 0x80;
  if (linkLocal) messages.push('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
  const linkLocalMulticast = v4
    ? b(12) === 224 && b(13) === 0 && b(14) === 0
    : b(0) === 0xff && (b(1) & 0x0f) === 0x02;
  if (linkLocalMulticast) {
    messages.push('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
  }
  return messages;
}

export const invalidIPMessage = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** One parse problem: the apiserver's detail and the diagnostic code it gets. */
export interface IPParseProblem {
  code: 'ip-invalid' | 'ip-leading-zeros' | 'ip-ipv4-mapped' | 'ip-not-canonical';
  message: string;
}

/**
 * The parse checks of IsValidIPForLegacyField (strict = the StrictIPCIDRValidation gate) and of
 * IsValidIP (strict and canonical), in the apiserver's order, each with its code. `sloppy` is
 * the value's sloppy parse, when the caller has it already.
 */
export function ipParseProblems(
  value: string,
  mode: 'legacy-lenient' | 'legacy-strict' | 'strict',
  sloppy: IPBytes | null = parseIPSloppy(value),
): IPParseProblem[] {
  if (!sloppy) return [{ code: 'ip-invalid', message: invalidIPMessage }];
  if (mode === 'legacy-lenient') return [];
  // Upstream asks Is4In6 of the zero Addr when netip.ParseAddr failed, so `::ffff:010.1.2.3`
  // gets the leading-zeros error only.
  if (!parseIPStrict(value)) return [{ code: 'ip-leading-zeros', message: 'must not have leading 0s' }];
  if (isWrittenAsIPv4Mapped(value, sloppy)) {
    return [{ code: 'ip-ipv4-mapped', message: 'must not be an IPv4-mapped IPv6 address' }];
  }
  if (mode === 'legacy-strict') return [];
  const canonical = ipString(sloppy);
  return value === canonical
    ? []
    : [{ code: 'ip-not-canonical', message: `must be in canonical form ("${canonical}")` }];
}

/** The messages of ipParseProblems. */
export function ipParseMessages(
  value: string,
  mode: 'legacy-lenient' | 'legacy-strict' | 'strict',
): string[] {
  return ipParseProblems(value, mode).map((problem) => problem.message);
}

/** GetWarningsForIP: the non-standard or non-canonical forms the apiserver warns about. */
export function ipWarning(path: string, value: string, invalidWording: boolean): string | undefined {
  const sloppy = parseIPSloppy(value);
  if (!sloppy) return undefined;
  const strict = parseIPStrict(value);
  if (!strict || isWrittenAsIPv4Mapped(value, sloppy)) {
    const fate = invalidWording ? 'is invalid' : 'will be considered invalid in a future Kubernetes release';
    return `${path}: non-standard IP address "${value}" ${fate}: use "${ipString(sloppy)}"`;
  }
  if (value.includes(':')) {
    const canonical = addrString(value, sloppy);
    if (canonical !== value) {
      return `${path}: IPv6 address "${value}" should be in RFC 5952 canonical format ("${canonical}")`;
    }
  }
  return undefined;
}
