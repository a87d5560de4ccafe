import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  children,
  clusterCommands,
  commandTargets,
  fullTooltip,
  present,
  rootId,
  serviceDnsNameOf,
} from '../../client/src/cluster/model';
import type { ClusterModel, ClusterNode, Service } from '../../client/src/cluster/model';
import { endpoint, modelWithNamespace, modified, service, slice } from '../helpers/kubeObjects';

/**
 * The DNS lines of a Service's tooltip (the predictor applied to the watched slices, live) and
 * the cluster domain setting behind them and behind "Copy DNS Name".
 */

const ctx = 'demo';
const ns = 'ns';

function tooltipOf(m: ClusterModel, name: string): string {
  const nodes = children(m, children(m, children(m)[0])[0]);
  const node = nodes.find(
    (n): n is Extract<ClusterNode, { kind: 'service' }> => n.kind === 'service' && n.name === name,
  );
  assert.ok(node, `no Service ${name}`);
  const look = present(m, node);
  assert.ok(look);
  return fullTooltip(look) ?? '';
}

function withServices(
  services: Service[],
  slices = [slice('db-a', 'db', [endpoint('10.0.0.1', 'db-0')])],
): ClusterModel {
  const m = modelWithNamespace(ctx, ns);
  m.apply(ctx, ns, 'services', { type: 'replace', items: services });
  m.apply(ctx, ns, 'endpointslices', { type: 'replace', items: slices });
  return m;
}

const headless = (name: string): Service => {
  const s = service(name, { app: name });
  return { ...s, spec: { ...s.spec, clusterIP: 'None' } };
};

describe('cluster view: DNS in Service tooltips', () => {
  it('shows the name and the cluster IP a ClusterIP Service answers with', () => {
    const web = service('web', { app: 'web' });
    const m = withServices([{ ...web, spec: { ...web.spec, clusterIP: '10.96.0.7' } }]);
    const tooltip = tooltipOf(m, 'web');
    assert.match(tooltip, /\*\*DNS\*\* `web\.ns\.svc\.cluster\.local`/);
    assert.match(tooltip, /answers A `10\.96\.0\.7`/);
    assert.match(tooltip, /SRV `_http\._tcp` → port 80/);
  });

  it('follows the slices live: a headless Service answers its ready endpoints', () => {
    const m = withServices([headless('db')]);
    assert.match(tooltipOf(m, 'db'), /answers A `10\.0\.0\.1` \(the ready endpoints\)/);
    assert.match(tooltipOf(m, 'db'), /endpoint names \(`\*\.db\.ns\.svc\.cluster\.local`\): `10-0-0-1`/);
    const old = slice('db-a', 'db', [endpoint('10.0.0.1', 'db-0')]);
    m.apply(ctx, ns, 'endpointslices', {
      type: 'upsert',
      object: modified(old, (copy) => {
        copy.endpoints = [endpoint('10.0.0.1', 'db-0', { ready: false })];
      }),
    });
    assert.match(tooltipOf(m, 'db'), /no ready endpoint: the name does not resolve \(NXDOMAIN\)/);
  });

  it('lists a few values and counts the rest', () => {
    const many = Array.from({ length: 6 }, (_, i) => endpoint(`10.0.1.${i + 1}`, `db-${i}`));
    const m = withServices([headless('db')], [slice('db-a', 'db', many)]);
    assert.match(tooltipOf(m, 'db'), /`10\.0\.1\.4` and 2 more/);
  });

  it('shows the CNAME of an ExternalName Service, and says when an IP is not served', () => {
    const ext = service('ext', undefined);
    const ip = service('ip', undefined);
    const m = withServices([
      { ...ext, spec: { type: 'ExternalName', externalName: 'db.example.com' } },
      { ...ip, spec: { type: 'ExternalName', externalName: '192.0.2.9' } },
    ]);
    assert.match(tooltipOf(m, 'ext'), /answers CNAME `db\.example\.com`/);
    assert.match(tooltipOf(m, 'ip'), /externalName is an IP address/);
  });

  it('uses the cluster domain setting, normalized, and refreshes the whole tree when it changes', () => {
    const m = withServices([headless('db')]);
    assert.deepEqual([...m.setDnsDomain(' Corp.Example. ')], [rootId]);
    assert.match(tooltipOf(m, 'db'), /`db\.ns\.svc\.corp\.example`/);
    assert.deepEqual([...m.setDnsDomain('corp.example')], []);
    m.setDnsDomain('');
    assert.equal(m.dnsDomain, 'cluster.local');
  });
});

describe('cluster view: DNS costs nothing until hovered', () => {
  it('keeps the DNS lines out of the eager tooltip and computes them on hover', () => {
    const m = withServices([headless('db')]);
    const node = children(m, children(m, children(m)[0])[0]).find((n) => n.kind === 'service');
    assert.ok(node);
    const look = present(m, node);
    assert.ok(look?.tooltipOnHover);
    assert.equal(look.tooltip, undefined);
    assert.match(look.tooltipOnHover(), /^\*\*Service\*\* `db`[^]*\n\n\*\*DNS\*\*/);
  });
});

describe('cluster view: Copy DNS Name', () => {
  it('is offered on Services only and names <svc>.<ns>.svc.<domain>', () => {
    assert.deepEqual(commandTargets[clusterCommands.copyDnsName], ['service']);
    assert.equal(serviceDnsNameOf('shop', 'api', 'cluster.local'), 'api.shop.svc.cluster.local');
  });
});
