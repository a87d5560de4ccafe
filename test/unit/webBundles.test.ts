import { strict as assert } from 'node:assert';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import type { BuildOptions, Metafile } from 'esbuild';

const root = resolve(__dirname, '../../..');

interface SharedOptions {
  webExtensionOptions: BuildOptions;
  webServerOptions: (version: string) => BuildOptions;
}

const shared = async () =>
  (await import(pathToFileURL(join(root, 'scripts/esbuildShared.mjs')).href)) as SharedOptions;

/** Builds a web bundle in memory with the options that ship; esbuild fails on any Node built-in. */
async function buildWeb(entry: string, options: BuildOptions): Promise<{ code: string; metafile: Metafile }> {
  const result = await build({
    ...options,
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: join(root, 'out', 'web-bundle-check.js'),
    write: false,
    sourcemap: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  assert.ok(output);
  return { code: output.text, metafile: result.metafile };
}

/** What a bundle asks the host to provide: the module names of its `require` calls. */
const requiredModules = (code: string) =>
  new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]));
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
/** Transport code that only works in Node (streams, IPC, sockets). */
const nodeOnlyInputs = /(vscode-languageserver|vscode-languageclient|vscode-jsonrpc)\/lib\/node\//;

describe('web bundles (package.json browser entry)', () => {
  for (const { name, entry, options } of [
    {
      name: 'the web extension',
      entry: 'client/src/web/extension.ts',
      options: async () => (await shared()).webExtensionOptions,
    },
    {
      name: 'the web server worker',
      entry: 'server/src/browser/serverWorker.ts',
      options: async () => (await shared()).webServerOptions('0.0.0-test'),
    },
  ]) {
    it(`${name} builds for platform browser and references no Node module`, async () => {
      const { code, metafile } = await buildWeb(entry, await options());
      const required = [...requiredModules(code)];
      assert.deepEqual(
        required.filter((module) => module !== 'vscode'),
        [],
        `requires besides vscode: ${required.join(', ')}`,
      );
      assert.deepEqual(
        Object.keys(metafile.inputs).filter((input) => nodeOnlyInputs.test(input) || nodeBuiltins.has(input)),
        [],
      );
      assert.ok(!/\bfrom\s*"node:|require\("node:/.test(code), 'a node: import survived');
    });
  }

  it('the web server answers LSP in a worker-like scope without process, require or Buffer', async () => {
    const { code } = await buildWeb(
      'server/src/browser/serverWorker.ts',
      (await shared()).webServerOptions('9.9.9'),
    );
    const worker = new FakeWorkerScope();
    worker.run(code);
    const init = (await worker.request('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {},
      workspaceFolders: [{ uri: 'memfs:/ws', name: 'ws' }],
    })) as { serverInfo: { name: string; version: string } };
    assert.deepEqual(init.serverInfo, { name: 'endpointslice-language-server', version: '9.9.9' });
    worker.notify('initialized', {});
    // The workspace index asks the client for files: a worker has no disk.
    const listing = await worker.nextRequest('endpointslices/listYamlFiles');
    assert.deepEqual(listing.params, { folderUri: 'memfs:/ws', limit: 20_000 });
    worker.respond(listing.id, ['memfs:/ws/service.yaml']);
    const read = await worker.nextRequest('endpointslices/readFile');
    assert.equal((read.params as { uri: string }).uri, 'memfs:/ws/service.yaml');
    worker.respond(read.id, {
      text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - name: http\n    port: 80\n',
    });
    worker.notify('textDocument/didOpen', {
      textDocument: {
        uri: 'memfs:/ws/slice.yaml',
        languageId: 'yaml',
        version: 1,
        text: 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web-1\n  labels:\n    kubernetes.io/service-name: web\naddressType: IPv4\nendpoints:\n- addresses: ["010.1.2.3"]\nports:\n- name: htp\n  port: 80\n',
      },
    });
    const published = await worker.nextNotification('textDocument/publishDiagnostics');
    const codes = (published.params as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
    assert.ok(codes.includes('ip-leading-zeros'), codes.join());
    // Workspace advice needs the Service, which only the client's file read can have supplied.
    assert.ok(codes.includes('port-name-not-in-service'), codes.join());
  });
});

type Message = { id?: number | string; method?: string; params?: unknown; result?: unknown; error?: unknown };

/** A dedicated worker's global scope as the bundle sees it: postMessage, onmessage, timers, text codecs. */
class FakeWorkerScope {
  private readonly inbox: Message[] = [];
  private nextId = 1;
  private readonly scope: Record<string, unknown>;

  constructor() {
    this.scope = {
      // A copy, as a worker's structured clone makes one (and out of the bundle's realm).
      postMessage: (message: Message) => this.inbox.push(JSON.parse(JSON.stringify(message)) as Message),
      addEventListener: () => undefined,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      queueMicrotask,
      TextEncoder,
      TextDecoder,
      console: {},
    };
    this.scope['self'] = this.scope;
    createContext(this.scope);
  }

  run(code: string): void {
    runInContext(code, this.scope);
    for (const name of ['process', 'require', 'Buffer']) {
      assert.equal(runInContext(`typeof ${name}`, this.scope), 'undefined');
    }
  }

  private post(message: Message): void {
    const onmessage = this.scope['onmessage'] as (event: { data: Message }) => void;
    onmessage({ data: { jsonrpc: '2.0', ...message } as Message });
  }

  notify(method: string, params: unknown): void {
    this.post({ method, params });
  }

  respond(id: number | string | undefined, result: unknown): void {
    this.post({ id, result });
  }

  async request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.post({ id, method, params });
    const answer = await this.take((m) => m.id === id && m.method === undefined);
    assert.equal(answer.error, undefined);
    return answer.result;
  }

  nextRequest(method: string): Promise<Message> {
    return this.take((m) => m.method === method && m.id !== undefined);
  }

  nextNotification(method: string): Promise<Message> {
    return this.take((m) => m.method === method && m.id === undefined);
  }

  private async take(match: (message: Message) => boolean): Promise<Message> {
    for (let waited = 0; waited < 10_000; waited += 10) {
      const index = this.inbox.findIndex(match);
      if (index >= 0) return this.inbox.splice(index, 1)[0];
      await delay(10);
    }
    throw new Error(`no matching message; got ${JSON.stringify(this.inbox.map((m) => m.method ?? m.id))}`);
  }
}
