import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { answersTo, predictDns, recordKey } from '../../server/src/service/routing/dns';
import type { DnsService, DnsSlice } from '../../server/src/service/routing/dns';
import {
  endpointLabel,
  hostRecord,
  normalizeClusterDomain,
  serviceDnsName,
} from '../../server/src/service/routing/dnsNames';

/**
 * The DNS predictor against the behaviour of CoreDNS's kubernetes plugin (docs/rules/dns.md):
 * each case is one rule, and the DNS fidelity suite checks the same rules against a real CoreDNS.
 */

const svc = (name: string, spec: NonNullable<DnsService['spec']>): DnsService => ({
  metadata: { name, namespace: 'shop' },
  spec,
});
const keys = (service: DnsService, slices: DnsSlice[] = [], domain?: string): string[] =>
  predictDns(service, slices, { clusterDomain: domain }).records.map(recordKey).sort();
const http = { name: 'http', port: 80, protocol: 'TCP' };

describe('DNS names', () => {
  it('builds <svc>.<ns>.svc.<domain> and normalizes the domain', () => {
    assert.equal(serviceDnsName('api', 'shop', 'cluster.local'), 'api.shop.svc.cluster.local');
    assert.equal(normalizeClusterDomain(' Corp.Example. '), 'corp.example');
    assert.equal(normalizeClusterDomain(''), 'cluster.local');
    assert.equal(normalizeClusterDomain(undefined), 'cluster.local');
  });

  it('names an endpoint by hostname, else by its dashed address', () => {
    assert.equal(endpointLabel('10.1.2.3', 'db-0'), 'db-0');
    assert.equal(endpointLabel('10.1.2.3', undefined), '10-1-2-3');
    assert.equal(endpointLabel('fd00::1', null), 'fd00--1');
    assert.equal(endpointLabel('fd00::', ''), 'fd00--0');
  });

  it('reads hosts like Go net.ParseIP: IPv4-mapped is A, names are CNAME', () => {
    assert.deepEqual(hostRecord('10.0.0.1'), { type: 'A', value: '10.0.0.1' });
    assert.deepEqual(hostRecord('::ffff:10.0.0.1'), { type: 'A', value: '10.0.0.1' });
    assert.deepEqual(hostRecord('FD00:0::1'), { type: 'AAAA', value: 'fd00::1' });
    assert.deepEqual(hostRecord('db.example.com'), { type: 'CNAME', value: 'db.example.com' });
  });
});

describe('ClusterIP Services', () => {
  const api = svc('api', { clusterIP: '10.96.0.10', ports: [http, { port: 9090, protocol: 'TCP' }] });

  it('answers A with the cluster IP, SRV per port, and port-name SRV for named ports', () => {
    assert.deepEqual(keys(api), [
      '_http._tcp.api.shop.svc.cluster.local SRV 0 100 80 api.shop.svc.cluster.local',
      'api.shop.svc.cluster.local A 10.96.0.10',
      'api.shop.svc.cluster.local SRV 0 50 80 api.shop.svc.cluster.local',
      'api.shop.svc.cluster.local SRV 0 50 9090 api.shop.svc.cluster.local',
    ]);
  });

  it('uses the configured cluster domain', () => {
    assert.ok(keys(api, [], 'corp.example').includes('api.shop.svc.corp.example A 10.96.0.10'));
  });

  it('answers A and AAAA for a dual-stack Service, SRV weight split over both families', () => {
    const dual = svc('dual', {
      clusterIP: '10.96.0.11',
      clusterIPs: ['10.96.0.11', 'fd00:10::11'],
      ports: [http],
    });
    const prediction = predictDns(dual, []);
    assert.deepEqual(answersTo(prediction, 'dual.shop.svc.cluster.local', 'AAAA').map(recordKey), [
      'dual.shop.svc.cluster.local AAAA fd00:10::11',
    ]);
    assert.deepEqual(answersTo(prediction, '_http._tcp.dual.shop.svc.cluster.local.', 'SRV').map(recordKey), [
      '_http._tcp.dual.shop.svc.cluster.local SRV 0 50 80 dual.shop.svc.cluster.local',
    ]);
  });

  it('also answers the names of its ready endpoints (CoreDNS, beyond the spec)', () => {
    const slices: DnsSlice[] = [
      { endpoints: [{ addresses: ['10.1.0.5'], hostname: 'web-0' }], ports: [http] },
    ];
    assert.ok(keys(api, slices).includes('web-0.api.shop.svc.cluster.local A 10.1.0.5'));
  });
});

describe('headless Services', () => {
  const db = svc('db', {
    clusterIP: 'None',
    clusterIPs: ['None'],
    ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
  });
  const slices: DnsSlice[] = [
    {
      ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
      endpoints: [
        { addresses: ['10.1.0.1'], hostname: 'db-0', conditions: { ready: true } },
        { addresses: ['10.1.0.2'], conditions: {} },
        { addresses: ['10.1.0.3'], conditions: { ready: false } },
      ],
    },
  ];

  it('answers the ready addresses (ready unset counts), not the not-ready ones', () => {
    const prediction = predictDns(db, slices);
    assert.equal(prediction.kind, 'headless');
    assert.deepEqual(
      answersTo(prediction, 'db.shop.svc.cluster.local', 'A').map((r) => r.value),
      ['10.1.0.1', '10.1.0.2'],
    );
    assert.deepEqual(answersTo(prediction, 'db.shop.svc.cluster.local', 'AAAA'), []);
  });

  it('gives each ready endpoint a name and one SRV target per endpoint', () => {
    assert.deepEqual(
      keys(db, slices).filter(
        (key) => key.startsWith('_pg') || key.startsWith('db-0') || key.startsWith('10-1-0-2'),
      ),
      [
        '10-1-0-2.db.shop.svc.cluster.local A 10.1.0.2',
        '10-1-0-2.db.shop.svc.cluster.local SRV 0 100 5432 10-1-0-2.db.shop.svc.cluster.local',
        '_pg._tcp.db.shop.svc.cluster.local SRV 0 50 5432 10-1-0-2.db.shop.svc.cluster.local',
        '_pg._tcp.db.shop.svc.cluster.local SRV 0 50 5432 db-0.db.shop.svc.cluster.local',
        'db-0.db.shop.svc.cluster.local A 10.1.0.1',
        'db-0.db.shop.svc.cluster.local SRV 0 100 5432 db-0.db.shop.svc.cluster.local',
      ],
    );
    assert.ok(!keys(db, slices).some((key) => key.includes('10.1.0.3') || key.includes('10-1-0-3')));
  });

  it('has no records at all without ready endpoints (the name does not exist)', () => {
    assert.deepEqual(
      keys(db, [{ endpoints: [{ addresses: ['10.1.0.3'], conditions: { ready: false } }] }]),
      [],
    );
  });

  it('serves addresses but no SRV record from a slice without ports', () => {
    const bare = keys(svc('bare', { clusterIP: 'None' }), [
      { endpoints: [{ addresses: ['10.1.0.9'] }], ports: [] },
    ]);
    assert.deepEqual(bare, [
      '10-1-0-9.bare.shop.svc.cluster.local A 10.1.0.9',
      'bare.shop.svc.cluster.local A 10.1.0.9',
    ]);
  });

  it('writes an address listed in two slices once, and each SRV target and port once', () => {
    const twice: DnsSlice[] = [
      { ports: [http], endpoints: [{ addresses: ['10.1.0.1'] }] },
      { ports: [http], endpoints: [{ addresses: ['10.1.0.1'] }] },
    ];
    assert.deepEqual(keys(svc('dup', { clusterIP: 'None' }), twice), [
      '10-1-0-1.dup.shop.svc.cluster.local A 10.1.0.1',
      '10-1-0-1.dup.shop.svc.cluster.local SRV 0 50 80 10-1-0-1.dup.shop.svc.cluster.local',
      '_http._tcp.dup.shop.svc.cluster.local SRV 0 50 80 10-1-0-1.dup.shop.svc.cluster.local',
      'dup.shop.svc.cluster.local A 10.1.0.1',
      'dup.shop.svc.cluster.local SRV 0 50 80 10-1-0-1.dup.shop.svc.cluster.local',
    ]);
  });

  it('takes each slice with its own ports and both address families', () => {
    const dual: DnsSlice[] = [
      { ports: [http], endpoints: [{ addresses: ['10.1.0.1'] }] },
      { ports: [http], endpoints: [{ addresses: ['fd00::1'] }] },
    ];
    const prediction = predictDns(svc('web', { clusterIP: 'None' }), dual);
    assert.deepEqual(
      answersTo(prediction, 'web.shop.svc.cluster.local', 'AAAA').map((r) => r.value),
      ['fd00::1'],
    );
    assert.deepEqual(
      answersTo(prediction, 'fd00--1.web.shop.svc.cluster.local', 'AAAA').map((r) => r.value),
      ['fd00::1'],
    );
  });
});

describe('ExternalName Services', () => {
  it('answers a CNAME to the external name (lowercase, no root dot)', () => {
    const prediction = predictDns(svc('ext', { type: 'ExternalName', externalName: 'DB.Example.com.' }), []);
    assert.equal(prediction.kind, 'external-name');
    assert.deepEqual(answersTo(prediction, 'ext.shop.svc.cluster.local', 'A').map(recordKey), [
      'ext.shop.svc.cluster.local CNAME db.example.com',
    ]);
  });

  it('answers no SRV record (CoreDNS drops name targets from SRV answers)', () => {
    const prediction = predictDns(svc('ext', { type: 'ExternalName', externalName: 'db.example.com' }), []);
    assert.deepEqual(answersTo(prediction, 'ext.shop.svc.cluster.local', 'SRV'), []);
  });

  it('leaves endpoints that are names out of SRV answers and their weights', () => {
    const slices: DnsSlice[] = [
      { ports: [http], endpoints: [{ addresses: ['10.1.0.1'] }, { addresses: ['db.example.com'] }] },
    ];
    const prediction = predictDns(svc('mixed', { clusterIP: 'None' }), slices);
    assert.deepEqual(answersTo(prediction, 'mixed.shop.svc.cluster.local', 'SRV').map(recordKey), [
      'mixed.shop.svc.cluster.local SRV 0 100 80 10-1-0-1.mixed.shop.svc.cluster.local',
    ]);
    assert.ok(answersTo(prediction, 'mixed.shop.svc.cluster.local', 'A').some((r) => r.type === 'CNAME'));
  });

  it('serves nothing when the external name is an IP address', () => {
    const prediction = predictDns(svc('ip', { type: 'ExternalName', externalName: '192.0.2.1' }), []);
    assert.equal(prediction.kind, 'not-served');
    assert.deepEqual(prediction.records, []);
  });
});

describe('bad input', () => {
  it('never throws on missing or odd fields', () => {
    assert.doesNotThrow(() => predictDns({}, [{}, { endpoints: [{}], ports: [{}] }]));
    assert.doesNotThrow(() => predictDns({ spec: { clusterIPs: [] } }, [{ endpoints: null, ports: null }]));
  });
});
