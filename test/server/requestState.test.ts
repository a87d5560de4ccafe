import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, HoverRequest } from 'vscode-languageserver/node';
import type { CompletionList, MarkupContent, Position } from 'vscode-languageserver/node';
import { TestClient } from '../helpers/lspClient';
import { withCursor } from '../helpers/cursor';
import { webService } from '../helpers/workspace';

/**
 * What a user meets when a request comes before the debounced validation: completion and hover
 * must see the document at its version (its own Services included) and the document's settings.
 */

const sliceWith = (portsLine: string, extra = ''): string =>
  [
    'apiVersion: discovery.k8s.io/v1',
    'kind: EndpointSlice',
    'metadata:',
    '  name: web-1',
    '  labels:',
    '    kubernetes.io/service-name: web',
    'addressType: IPv4',
    'endpoints:',
    '  - addresses: ["10.0.0.1"]',
    extra,
    `ports: ${portsLine}`,
    '',
  ].join('\n');

/** A slice whose endpoint has hints; `hint` is the last line under `hints:`. */
const hintsSlice = (hint: string): string =>
  [
    'apiVersion: discovery.k8s.io/v1',
    'kind: EndpointSlice',
    'metadata:',
    '  name: hinted',
    'addressType: IPv4',
    'endpoints:',
    '  - addresses: ["10.0.0.1"]',
    '    hints:',
    '      forZones: [{name: zone-a}]',
    `      ${hint}`,
    '',
  ].join('\n');

describe('requests see the document at its version, with its settings', () => {
  let client: TestClient;
  let version = '1.37';
  let opened = 0;

  before(async () => {
    // A debounce as long as a test: validation (which used to feed the index) has not run yet.
    client = await TestClient.start({ debounceMs: 60_000 });
    client.answer = () => ({ kubernetesVersion: version });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  async function openAt(source: string): Promise<{ uri: string; position: Position }> {
    const { text, position } = withCursor(source);
    const uri = `file:///work/request-${++opened}.yaml`;
    await client.open(uri, text);
    return { uri, position };
  }

  const complete = async (uri: string, position: Position): Promise<CompletionList> =>
    (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position,
    })) as CompletionList;

  const hover = async (uri: string, position: Position): Promise<string> => {
    const result = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position,
    });
    return (result?.contents as MarkupContent | undefined)?.value ?? '';
  };

  it('completes the port names of a Service in the same file right after opening it', async () => {
    const { uri, position } = await openAt(`${webService}---\n${sliceWith('[{name: |}]')}`);
    const list = await complete(uri, position);
    const names = list.items.filter((i) => /Service web/.test(i.detail ?? '')).map((i) => i.label);
    assert.deepEqual(names.sort(), ['http', 'metrics'], JSON.stringify(list.items.map((i) => i.label)));
    assert.equal(client.publishes.length, 0, 'no validation ran before the answer');
  });

  it('hovers a port name with the Service of the same file right after opening it', async () => {
    const { uri, position } = await openAt(`${webService}---\n${sliceWith('[{name: ht|tp, port: 8080}]')}`);
    assert.match(await hover(uri, position), /Pairs with port `http` of Service `web`/);
  });

  it('asks for no settings for a document that is not open', async () => {
    const uri = 'file:///work/never-opened.yaml';
    assert.equal(await complete(uri, { line: 0, character: 0 }), null);
    assert.equal(await hover(uri, { line: 0, character: 0 }), '');
    assert.deepEqual(
      client.configurationRequests.filter((item) => item.scopeUri === uri),
      [],
    );
  });

  it('completion and hover follow kubernetesVersion: hints.forNodes is not in 1.33', async () => {
    const keysAndHover = async (): Promise<{ keys: string[]; doc: string }> => {
      const keys = await openAt(hintsSlice('|'));
      const onKey = await openAt(hintsSlice('forNo|des: [{name: node-a}]'));
      return {
        keys: (await complete(keys.uri, keys.position)).items.map((i) => i.label),
        doc: await hover(onKey.uri, onKey.position),
      };
    };
    version = '1.33';
    const old = await keysAndHover();
    assert.deepEqual(old.keys, [], 'forNodes is not offered for 1.33');
    assert.match(old.doc, /_Not in Kubernetes 1\.33:_ the apiserver drops this field silently/);

    version = '1.34';
    const current = await keysAndHover();
    assert.deepEqual(current.keys, ['forNodes']);
    assert.doesNotMatch(current.doc, /Not in Kubernetes/);
    assert.match(current.doc, /\*\*forNodes\*\*/);
  });
});
