import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { distinctAddresses, ipv4Number } from '../../client/src/cluster/model/distinctAddresses';
import type { EndpointSlice } from '../../client/src/cluster/model';
import { endpoint, slice } from '../helpers/kubeObjects';
import { random } from '../helpers/random';

describe('distinct first addresses', () => {
  it('reads only the one canonical spelling of an IPv4 address as a number', () => {
    assert.equal(ipv4Number('10.0.0.1'), 10 * 2 ** 24 + 1);
    assert.equal(ipv4Number('0.0.0.0'), 0);
    assert.equal(ipv4Number('255.255.255.255'), 2 ** 32 - 1);
    for (const text of [
      '010.0.0.1',
      '10.00.0.1',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '1..2.3',
      '1.2.3.4 ',
      '',
      '::1',
      '1.2.3.',
    ]) {
      assert.equal(ipv4Number(text), undefined, text);
    }
  });

  it('answers as a Set of the addresses would, for IPv4, other spellings and mixtures', () => {
    // A small pool makes repeats likely; spellings that are no canonical IPv4 address (leading
    // zeros, IPv6, names, no address) must not be taken for the address they resemble.
    const pool = ['10.0.0.1', '10.0.0.2', '010.0.0.1', '10.0.0.01', '2001:db8::1', 'db.example', '0.0.0.0'];
    let repeats = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const slices: EndpointSlice[] = [];
      for (let s = 0; s < 1 + Math.floor(next() * 3); s++) {
        const count = Math.floor(next() * 30);
        const addresses = Array.from({ length: count }, (_, i) =>
          next() < 0.9 ? `10.${s}.${i >> 8}.${i & 255}` : pool[Math.floor(next() * pool.length)],
        );
        slices.push(
          slice(
            `s-${s}`,
            'web',
            addresses.map((ip) => endpoint(ip, undefined)),
          ),
        );
      }
      if (next() < 0.2) slices[0].endpoints?.push({ conditions: {} });
      const firsts = slices.flatMap((s) =>
        (s.endpoints ?? []).map((e) => e.addresses?.[0] ?? '(no address)'),
      );
      const expected = new Set(firsts).size === firsts.length;
      repeats += expected ? 0 : 1;
      assert.equal(distinctAddresses(slices), expected, `seed ${seed}`);
    }
    assert.ok(repeats > 50 && repeats < 250, `${repeats} of 300 with a repeat`);
  });

  it('finds a repeat among 100,000 IPv4 addresses, also across slices', () => {
    const many = (from: number, count: number): ReturnType<typeof endpoint>[] =>
      Array.from({ length: count }, (_, i) =>
        endpoint(`10.${(from + i) >> 16}.${((from + i) >> 8) & 255}.${(from + i) & 255}`, undefined),
      );
    const slices = Array.from({ length: 1000 }, (_, s) => slice(`s-${s}`, 'big', many(s * 100, 100)));
    assert.equal(distinctAddresses(slices), true);
    slices[999].endpoints?.push(endpoint('10.0.0.0', undefined));
    assert.equal(distinctAddresses(slices), false);
  });
});
