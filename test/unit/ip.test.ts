import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  addrString,
  invalidIPMessage,
  ipParseMessages,
  ipString,
  ipWarning,
  isIPv4,
  isWrittenAsIPv4Mapped,
  parseIPSloppy,
  parseIPStrict,
  specialRangeMessages,
} from '../../server/src/service/validation/ip';
import type { IPBytes } from '../../server/src/service/validation/ip';

/**
 * The two parsers the apiserver uses (ParseIPSloppy = Go 1.16 net.ParseIP, and netip.ParseAddr),
 * the messages of IsValidIPForLegacyField / IsValidIP, the special ranges of ValidateEndpointIP
 * and the texts of GetWarningsForIP.
 */

const sloppy = (value: string): string | null => {
  const ip = parseIPSloppy(value);
  return ip ? ipString(ip) : null;
};
const strict = (value: string): string | null => {
  const ip = parseIPStrict(value);
  return ip ? ipString(ip) : null;
};
const bytes = (value: string): IPBytes => {
  const ip = parseIPSloppy(value);
  assert.ok(ip, `${value} should parse`);
  return ip;
};

describe('parseIPSloppy and parseIPStrict', () => {
  it('agree on plain IPv4 and IPv6', () => {
    for (const [value, text] of [
      ['10.1.2.3', '10.1.2.3'],
      ['255.255.255.255', '255.255.255.255'],
      ['2001:db8::1', '2001:db8::1'],
      ['::', '::'],
      ['::1', '::1'],
      ['1::', '1::'],
      ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
      ['::1.2.3.4', '::102:304'],
    ] as const) {
      assert.equal(sloppy(value), text, value);
      assert.equal(strict(value), text, value);
    }
  });

  it('only the sloppy parser reads IPv4 octets with leading zeros, as decimal', () => {
    assert.equal(sloppy('010.1.2.3'), '10.1.2.3');
    assert.equal(sloppy('010.001.002.003'), '10.1.2.3');
    assert.equal(sloppy('0001.2.3.4'), '1.2.3.4');
    assert.equal(sloppy('::ffff:010.1.2.3'), '10.1.2.3');
    for (const value of ['010.1.2.3', '010.001.002.003', '0001.2.3.4', '::ffff:010.1.2.3']) {
      assert.equal(strict(value), null, value);
    }
  });

  it('only the sloppy parser reads IPv6 groups of five hex digits whose value fits 16 bits', () => {
    assert.equal(sloppy('2001:db8::00001'), '2001:db8::1');
    assert.equal(strict('2001:db8::00001'), null);
    assert.equal(sloppy('2001:db8::10000'), null, 'more than 0xffff fails both');
  });

  it('both parse IPv4-mapped IPv6 into an IPv4 address', () => {
    for (const parse of [parseIPSloppy, parseIPStrict]) {
      const ip = parse('::ffff:1.2.3.4');
      assert.ok(ip);
      assert.ok(isIPv4(ip));
      assert.ok(isWrittenAsIPv4Mapped('::ffff:1.2.3.4', ip));
      assert.equal(ipString(ip), '1.2.3.4', 'net.IP prints the IPv4 form');
      assert.equal(addrString('::ffff:1.2.3.4', ip), '::ffff:1.2.3.4', 'netip keeps the mapped form');
    }
    assert.ok(!isWrittenAsIPv4Mapped('1.2.3.4', bytes('1.2.3.4')));
  });

  it('reject what is not an IP: short, zoned, CIDR, padded, out of range, malformed', () => {
    for (const value of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '1.2.3.-4',
      'fe80::1%eth0',
      '10.0.0.0/24',
      ' 10.1.2.3',
      '10.1.2.3 ',
      'not-an-ip',
      '1::2::3',
      ':1::',
      '1:2:3:4:5:6:7:8::',
      '1:2:3:4:5:6:7',
      '::ffff:1.2.3',
    ]) {
      assert.equal(sloppy(value), null, JSON.stringify(value));
      assert.equal(strict(value), null, JSON.stringify(value));
    }
  });
});

describe('ipString (RFC 5952, as Go prints it)', () => {
  it('lower-cases, drops leading zeros and compresses the longest zero run', () => {
    assert.equal(ipString(bytes('2001:DB8:0:0:0:0:0:1')), '2001:db8::1');
    assert.equal(ipString(bytes('2001:0db8:0000:0000:0000:0000:0000:0001')), '2001:db8::1');
    assert.equal(ipString(bytes('0:0:0:0:0:0:0:0')), '::');
    assert.equal(ipString(bytes('0:0:0:0:0:0:0:1')), '::1');
  });

  it('compresses the first of two equal runs and never a single zero group', () => {
    assert.equal(ipString(bytes('2001:db8:0:0:1:0:0:1')), '2001:db8::1:0:0:1');
    assert.equal(ipString(bytes('1:0:2:3:4:5:6:7')), '1:0:2:3:4:5:6:7');
    assert.equal(ipString(bytes('2001:db8:0:1:0:0:0:1')), '2001:db8:0:1::1');
  });
});

describe('ipParseMessages', () => {
  it('says "not an IP" alone for garbage, in every mode', () => {
    for (const mode of ['legacy-lenient', 'legacy-strict', 'strict'] as const) {
      assert.deepEqual(ipParseMessages('1.2.3', mode), [invalidIPMessage]);
      assert.deepEqual(ipParseMessages('fe80::1%eth0', mode), [invalidIPMessage]);
    }
    assert.equal(invalidIPMessage, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
  });

  it('legacy fields accept leading zeros and IPv4-mapped values while the gate is off', () => {
    assert.deepEqual(ipParseMessages('010.1.2.3', 'legacy-lenient'), []);
    assert.deepEqual(ipParseMessages('::ffff:1.2.3.4', 'legacy-lenient'), []);
    assert.deepEqual(ipParseMessages('2001:DB8::1', 'legacy-lenient'), []);
  });

  it('legacy fields reject them once the gate is on, but never ask for canonical form', () => {
    assert.deepEqual(ipParseMessages('010.1.2.3', 'legacy-strict'), ['must not have leading 0s']);
    assert.deepEqual(ipParseMessages('2001:db8::00001', 'legacy-strict'), ['must not have leading 0s']);
    assert.deepEqual(ipParseMessages('::ffff:1.2.3.4', 'legacy-strict'), [
      'must not be an IPv4-mapped IPv6 address',
    ]);
    assert.deepEqual(ipParseMessages('2001:DB8:0:0:0:0:0:1', 'legacy-strict'), []);
  });

  it('a mapped address with leading zeros fails netip, so it is only "leading 0s"', () => {
    assert.deepEqual(ipParseMessages('::ffff:010.1.2.3', 'legacy-strict'), ['must not have leading 0s']);
    assert.deepEqual(ipParseMessages('::ffff:010.1.2.3', 'strict'), ['must not have leading 0s']);
  });

  it('strict fields also demand the canonical text, but only when nothing else is wrong', () => {
    assert.deepEqual(ipParseMessages('2001:DB8:0:0:0:0:0:1', 'strict'), [
      'must be in canonical form ("2001:db8::1")',
    ]);
    assert.deepEqual(ipParseMessages('::ffff:1.2.3.4', 'strict'), [
      'must not be an IPv4-mapped IPv6 address',
    ]);
    assert.deepEqual(ipParseMessages('2001:db8::1', 'strict'), []);
    assert.deepEqual(ipParseMessages('10.1.2.3', 'strict'), []);
    assert.deepEqual(ipParseMessages('::1.2.3.4', 'strict'), ['must be in canonical form ("::102:304")']);
  });
});

describe('specialRangeMessages', () => {
  const ranges = (value: string) => specialRangeMessages(value, bytes(value));
  const loopback = 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
  const linkLocal = 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
  const multicast = 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';

  it('names the unspecified address as it was written', () => {
    assert.deepEqual(ranges('0.0.0.0'), ['may not be unspecified (0.0.0.0)']);
    assert.deepEqual(ranges('::'), ['may not be unspecified (::)']);
    assert.deepEqual(ranges('::ffff:0.0.0.0'), ['may not be unspecified (::ffff:0.0.0.0)']);
  });

  it('loopback and link-local, IPv4-mapped forms counted as IPv4', () => {
    assert.deepEqual(ranges('127.0.0.1'), [loopback]);
    assert.deepEqual(ranges('127.255.255.254'), [loopback]);
    assert.deepEqual(ranges('::1'), [loopback]);
    assert.deepEqual(ranges('::ffff:127.0.0.1'), [loopback]);
    assert.deepEqual(ranges('::2'), []);
    assert.deepEqual(ranges('169.254.169.254'), [linkLocal]);
    assert.deepEqual(ranges('fe80::1'), [linkLocal]);
    assert.deepEqual(ranges('febf::1'), [linkLocal], 'fe80::/10 ends at febf');
    assert.deepEqual(ranges('fec0::1'), []);
  });

  it('link-local multicast is 224.0.0.0/24 and ffX2::/16; other multicast and broadcast pass', () => {
    assert.deepEqual(ranges('224.0.0.251'), [multicast]);
    assert.deepEqual(ranges('224.0.1.1'), []);
    assert.deepEqual(ranges('239.1.2.3'), []);
    assert.deepEqual(ranges('255.255.255.255'), []);
    assert.deepEqual(ranges('ff02::1'), [multicast]);
    assert.deepEqual(ranges('ff12::1'), [multicast], 'any flags, scope 2');
    assert.deepEqual(ranges('ff05::1'), []);
  });

  it('private and documentation ranges pass', () => {
    for (const value of ['10.1.2.3', '192.168.0.1', '172.16.0.1', '192.0.2.1', '2001:db8::1', 'fd00::1']) {
      assert.deepEqual(ranges(value), [], value);
    }
  });
});

describe('ipWarning (GetWarningsForIP)', () => {
  const path = 'endpoints[0].addresses[0]';

  it('non-standard forms, with the ≤1.35 and the 1.36 wording', () => {
    assert.equal(
      ipWarning(path, '010.1.2.3', false),
      'endpoints[0].addresses[0]: non-standard IP address "010.1.2.3" will be considered invalid in a future Kubernetes release: use "10.1.2.3"',
    );
    assert.equal(
      ipWarning(path, '010.1.2.3', true),
      'endpoints[0].addresses[0]: non-standard IP address "010.1.2.3" is invalid: use "10.1.2.3"',
    );
    assert.equal(
      ipWarning(path, '::ffff:1.2.3.4', true),
      'endpoints[0].addresses[0]: non-standard IP address "::ffff:1.2.3.4" is invalid: use "1.2.3.4"',
    );
    assert.equal(
      ipWarning(path, '::ffff:010.1.2.3', true),
      'endpoints[0].addresses[0]: non-standard IP address "::ffff:010.1.2.3" is invalid: use "10.1.2.3"',
    );
  });

  it('non-canonical IPv6', () => {
    assert.equal(
      ipWarning(path, '2001:DB8:0:0:0:0:0:1', false),
      'endpoints[0].addresses[0]: IPv6 address "2001:DB8:0:0:0:0:0:1" should be in RFC 5952 canonical format ("2001:db8::1")',
    );
  });

  it('nothing for canonical addresses and for values that are not IPs', () => {
    for (const value of ['10.1.2.3', '2001:db8::1', '::', 'db.example.com', '']) {
      assert.equal(ipWarning(path, value, true), undefined, value);
    }
  });
});
