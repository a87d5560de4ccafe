import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { loadClusterClient } from '../../client/src/cluster/loadClusterClient';
import { LineSplitter } from '../../client/src/cluster/exchange';
import { httpsTransport } from '../../client/src/cluster/transport';
import type { Transport } from '../../client/src/cluster/transport';

/**
 * The transport against a local HTTP server (client-node allows http: with
 * insecure-skip-tls-verify): the kubeconfig's credentials reach the server, and requests share
 * keep-alive connections although client-node puts a new agent on every request it prepares.
 */
describe('cluster transport', () => {
  const server = createServer((request, response) => {
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify({ path: request.url, authorization: request.headers.authorization }));
  });
  let connections = 0;
  server.on('connection', () => connections++);
  let transport: Transport;

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const module = await loadClusterClient();
    const config = new module.KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'local', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
      users: [{ name: 'someone', token: 'secret-token' }],
      contexts: [{ name: 'local', cluster: 'local', user: 'someone' }],
      currentContext: 'local',
    });
    transport = httpsTransport(config);
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends the credentials and reuses connections', async () => {
    const first = (await transport.getJson('/api/v1/namespaces', { limit: 500 })) as Record<string, string>;
    assert.deepEqual(first, { path: '/api/v1/namespaces?limit=500', authorization: 'Bearer secret-token' });
    await transport.getJson('/api/v1/namespaces', {});
    assert.equal(connections, 1, 'one after another: one connection');
    await Promise.all([transport.getJson('/a', {}), transport.getJson('/b', {})]);
    assert.equal(connections, 2, 'two at once: one more');
  });
});

describe('watch lines', () => {
  it('are split at line ends across chunks, with UTF-8 characters kept whole', () => {
    const splitter = new LineSplitter(64);
    const bytes = Buffer.from('{"a":"é"}\r\n{"b":1}\n{"c"');
    const cut = bytes.indexOf(0xa9); // inside the two bytes of é
    assert.deepEqual(splitter.push(bytes.subarray(0, cut)), []);
    const lines = splitter.push(bytes.subarray(cut));
    assert.deepEqual(
      lines?.map((line) => line.toString('utf8')),
      ['{"a":"é"}\r', '{"b":1}'],
    );
    assert.equal(splitter.rest()?.toString('utf8'), '{"c"');
  });

  it('a line longer than the limit is refused as it grows, not once it ends', () => {
    const splitter = new LineSplitter(10);
    assert.deepEqual(splitter.push(Buffer.from('12345')), []);
    assert.equal(splitter.push(Buffer.from('678901')), undefined);
    assert.equal(new LineSplitter(4).push(Buffer.from('12345\n')), undefined);
  });
});
