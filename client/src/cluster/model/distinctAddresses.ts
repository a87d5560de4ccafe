/**
 * Whether no two endpoints of a Service's slices share a first address: then its counts are its
 * slices' counts summed (serviceView.ts). A first render asks this of every Service, over every
 * endpoint, so the common case (dotted IPv4 addresses) is checked as numbers in an open-addressing
 * table: a Set of 100,000 strings that JSON.parse just made hashes each of them, which cost more
 * than the rest of the render.
 */
import type { EndpointSlice, SliceEndpoint } from './kubeTypes';

export const firstAddress = (endpoint: SliceEndpoint): string => endpoint.addresses?.[0] ?? '(no address)';

/** Whether the endpoints' first addresses are all different, whatever their address types. */
export function distinctAddresses(slices: readonly EndpointSlice[]): boolean {
  let total = 0;
  for (const slice of slices) {
    total += (slice.endpoints ?? []).length;
  }
  return distinctIPv4(slices, total) ?? distinctStrings(slices);
}

function distinctStrings(slices: readonly EndpointSlice[]): boolean {
  const seen = new Set<string>();
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      const address = firstAddress(endpoint);
      if (seen.has(address)) {
        return false;
      }
      seen.add(address);
    }
  }
  return true;
}

/** Marks a free slot: no IPv4 address is negative. */
const free = -1;

/**
 * The answer when every first address is a dotted IPv4 address in its one canonical spelling (so
 * two strings are equal exactly when their numbers are); undefined as soon as one is not.
 */
function distinctIPv4(slices: readonly EndpointSlice[], total: number): boolean | undefined {
  const size = 2 ** Math.ceil(Math.log2(total * 2));
  // A plain array: a typed array's backing store costs more to allocate than the small tables
  // of a thousand one-slice Services take to fill.
  const table = new Array<number>(size).fill(free);
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      const address = ipv4Number(firstAddress(endpoint));
      if (address === undefined) {
        return undefined;
      }
      let slot = Math.imul(address | 0, 0x9e3779b1) >>> 0;
      for (slot &= size - 1; table[slot] !== free; slot = (slot + 1) & (size - 1)) {
        if (table[slot] === address) {
          return false;
        }
      }
      table[slot] = address;
    }
  }
  return true;
}

/** `a.b.c.d` with each part 0-255 and no leading zero, as a number; undefined for anything else. */
export function ipv4Number(text: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 46) {
      if (digits === 0 || dots === 3) {
        return undefined;
      }
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (code >= 48 && code <= 57 && !(digits > 0 && part === 0)) {
      part = part * 10 + (code - 48);
      digits++;
      if (part > 255) {
        return undefined;
      }
    } else {
      return undefined;
    }
  }
  return digits > 0 && dots === 3 ? value * 256 + part : undefined;
}
