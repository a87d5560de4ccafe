import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  CompletionRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  ResponseError,
  ShutdownRequest,
} from 'vscode-languageserver/node';
import { TestClient } from '../helpers/lspClient';
import { slice } from '../helpers/manifests';

/** The error code a request was answered with, or 'answered' when it got a result. */
async function outcome(request: Promise<unknown>): Promise<number | 'answered'> {
  try {
    await request;
    return 'answered';
  } catch (error) {
    assert.ok(error instanceof ResponseError, String(error));
    return error.code;
  }
}

describe('the end of the LSP lifecycle', () => {
  it('refuses every request after shutdown with InvalidRequest, then exits 0 on exit', async () => {
    const client = await TestClient.start();
    try {
      await shutDownAndExit(client);
    } finally {
      client.kill();
    }
  });
});

async function shutDownAndExit(client: TestClient): Promise<void> {
  const uri = 'file:///work/lifecycle.yaml';
  const position = { line: 0, character: 0 };
  const published = client.nextDiagnostics(uri);
  await client.open(uri, slice(['not-an-ip']));
  await published;
  const { connection } = client;
  assert.equal(
    await outcome(connection.sendRequest('endpointslices/noSuchMethod', {})),
    ErrorCodes.MethodNotFound,
  );
  assert.equal(
    await outcome(connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })),
    'answered',
  );

  assert.equal(await connection.sendRequest(ShutdownRequest.type), null);
  const requests: [string, Promise<unknown>][] = [
    ['hover', connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })],
    ['completion', connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })],
    ['documentSymbol', connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })],
    ['an unknown method', connection.sendRequest('endpointslices/noSuchMethod', {})],
    ['a second shutdown', connection.sendRequest(ShutdownRequest.type)],
    [
      'initialize',
      connection.sendRequest(InitializeRequest.type, {
        processId: null,
        rootUri: null,
        capabilities: {},
      }),
    ],
  ];
  for (const [what, request] of requests) {
    assert.equal(await outcome(request), ErrorCodes.InvalidRequest, what);
  }

  const exit = client.exit();
  await connection.sendNotification(ExitNotification.type);
  assert.equal(await exit, 0);
}
