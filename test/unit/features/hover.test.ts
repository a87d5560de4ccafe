import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings } from '../../../server/src/service';
import type { WorkspaceIndex } from '../../../server/src/service';
import { withCursor } from '../../helpers/cursor';
import { webService, workspaceWith } from '../../helpers/workspace';

const service = createLanguageService();

function hover(source: string, workspace?: WorkspaceIndex): string {
  const { text, position } = withCursor(source);
  return service.hover(text, position, defaultSettings, workspace)?.contents ?? '';
}

const slice = (rest: string): string =>
  `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web-1\n  labels:\n    kubernetes.io/service-name: web\n${rest}`;

describe('hover', () => {
  it('documents a field on its key, with type, limits, values and required marker', () => {
    const text = hover(slice('address|Type: IPv4\n'));
    assert.match(text, /\*\*addressType\*\* `v1\.AddressType` — required/);
    assert.match(text, /Values: `IPv4`, `IPv6`, `FQDN`/);
    assert.match(hover(slice('endpoints:\n  - add|resses: [10.0.0.1]\n')), /At least 1 and at most 100/);
  });

  it('says what an address type or protocol value means, above the field', () => {
    const text = hover(slice('addressType: IP|v6\n'));
    assert.match(text, /^\*\*IPv6\*\*: Every address is an IPv6 address/);
    assert.match(text, /\*\*addressType\*\* `v1\.AddressType`/);
    assert.match(hover(slice('ports: [{protocol: SC|TP}]\n')), /^\*\*SCTP\*\*: Stream Control/);
  });

  it('adds version notes where the field changed', () => {
    assert.match(
      hover(slice('endpoints:\n  - addresses: [10.0.0.1]\n    hints:\n      forNo|des: []\n')),
      /from 1\.34/,
    );
  });

  it('gives an address its family and canonical form', () => {
    assert.match(
      hover(slice('addressType: IPv6\nendpoints:\n  - addresses: ["2001:0db8::0|001"]\n')),
      /IPv6 address[\s\S]*Canonical form: `2001:db8::1`/,
    );
    assert.match(
      hover(slice('addressType: IPv4\nendpoints:\n  - addresses: [10.0.0.|1]\n')),
      /IPv4 address[\s\S]*In canonical form/,
    );
    assert.match(
      hover(slice('addressType: IPv4\nendpoints:\n  - addresses: [010.0.0.|1]\n')),
      /`10\.0\.0\.1` \(leading zeros/,
    );
  });

  it('says when an address is of the other family or in a range the apiserver rejects', () => {
    assert.match(
      hover(slice('addressType: IPv4\nendpoints:\n  - addresses: ["2001:db8::|1"]\n')),
      /belongs in an IPv6 slice/,
    );
    assert.match(hover(slice('addressType: IPv4\nendpoints:\n  - addresses: [127.0.0.|1]\n')), /loopback/);
  });

  it('hovers Endpoints addresses and documents well-known labels', () => {
    assert.match(
      hover('apiVersion: v1\nkind: Endpoints\nsubsets:\n  - addresses:\n      - ip: "::ffff:10.1.2.|3"\n'),
      /Canonical form: `10\.1\.2\.3`/,
    );
    assert.match(
      hover(slice('').replace('kubernetes.io/service-name', 'kubernetes.io/service-n|ame')),
      /kube-proxy, DNS/,
    );
  });

  it('ties the service-name label and port names to the Service in the workspace', () => {
    const workspace = workspaceWith({ 'service.yaml': webService });
    assert.match(
      hover(slice('').replace('service-name: web', 'service-name: w|eb'), workspace),
      /Service web\*\* has no selector[\s\S]*`http` 80\/TCP/,
    );
    assert.match(
      hover(slice('ports:\n  - name: htt|p\n'), workspace),
      /Pairs with port `http`.*targetPort 8080/,
    );
    assert.match(hover(slice('ports:\n  - name: gr|pc\n'), workspace), /receives no traffic/);
  });

  it('says nothing on other kinds and off any node', () => {
    assert.equal(hover('apiVersion: apps/v1\nkind: Deploy|ment\n'), '');
    assert.equal(hover(slice('|\n')), '');
  });
});
