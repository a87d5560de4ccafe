import {
  ipString,
  isIPv4,
  isWrittenAsIPv4Mapped,
  parseIPSloppy,
  parseIPStrict,
  specialRangeMessages,
} from '../validation/ip';

/**
 * What an address is: its family, its canonical form (the one the apiserver wants from 1.36 and
 * prints in its warnings), and whether the slice's addressType accepts it.
 */
export function addressHover(value: string, addressType: string | undefined): string {
  const ip = parseIPSloppy(value);
  if (!ip) {
    if (addressType === 'FQDN') return `**FQDN address** \`${value}\``;
    return `\`${value}\` is not an IP address.`;
  }
  const family = isIPv4(ip) ? 'IPv4' : 'IPv6';
  const canonical = ipString(ip);
  const lines = [`**${family} address** \`${value}\``];
  if (canonical !== value) lines.push(`Canonical form: \`${canonical}\`${formNote(value, ip)}`);
  else lines.push('In canonical form.');
  for (const message of specialRangeMessages(value, ip)) lines.push(`The apiserver rejects it: ${message}.`);
  if (addressType && addressType !== 'FQDN' && addressType !== family) {
    lines.push(
      `This slice's addressType is ${addressType}: an ${family} address belongs in an ${family} slice.`,
    );
  }
  return lines.join('\n\n');
}

function formNote(value: string, ip: Uint8Array): string {
  if (!parseIPStrict(value)) return ' (leading zeros are read as decimal; rejected from 1.36)';
  if (isWrittenAsIPv4Mapped(value, ip)) return ' (an IPv4-mapped IPv6 address is an IPv4 address)';
  return ' (RFC 5952)';
}
