import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import {
  CompletionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-languageserver/node';
import type {
  CompletionItem,
  CompletionList,
  ConfigurationItem,
  InitializeResult,
  MessageConnection,
  Position,
} from 'vscode-languageserver/node';

/** How to start one language server and what to answer when it asks for settings. */
export interface ServerSpec {
  name: string;
  /** The script run with this Node (the server's own bin entry). */
  script: string;
  args: string[];
  /** Extra Node flags, e.g. `--cpu-prof` when profiling. */
  nodeArgs?: string[];
  settings: (item: ConfigurationItem) => unknown;
}

/** One `textDocument/publishDiagnostics`, stamped when it arrived. */
export interface Publish {
  uri: string;
  version: number | undefined;
  diagnostics: number;
  at: number;
}

/**
 * A minimal LSP client that drives any server over `--stdio` the same way: the same capabilities,
 * the same messages, the same clock. Times are taken with performance.now() right before a
 * message is written and when the answer has been read and decoded, so both servers pay the
 * same JSON and pipe costs.
 */
export class LspClient {
  readonly publishes: Publish[] = [];
  initializeResult: InitializeResult | undefined;
  private readonly waiters = new Set<() => void>();
  private stderr = '';

  private constructor(
    readonly spec: ServerSpec,
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
  ) {}

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(spec: ServerSpec): Promise<LspClient> {
    const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.script, ...spec.args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (!child.stdout || !child.stdin || !child.stderr) throw new Error(`${spec.name}: no stdio pipes`);
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new LspClient(spec, child, connection);
    child.stderr.on('data', (chunk: Buffer) => {
      // Kept short: only the tail matters when a run fails.
      client.stderr = (client.stderr + chunk.toString()).slice(-4000);
    });
    client.listen();
    // A server that dies (a wrong path, a crash on start) must fail the run, not leave a
    // promise pending until Node exits silently with nothing left to wait for.
    const died = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) =>
        reject(new Error(`${spec.name} exited (${code ?? signal}) during startup\n${client.stderr}`)),
      ),
    );
    died.catch(() => undefined);
    await Promise.race([client.initialize(), died]);
    return client;
  }

  private listen(): void {
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.publishes.push({
        uri: params.uri,
        version: params.version,
        diagnostics: params.diagnostics.length,
        at: performance.now(),
      });
      for (const wake of [...this.waiters]) wake();
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => this.spec.settings(item)),
    );
    // Registrations, progress tokens, schema-store requests: accepted and ignored, so neither
    // server waits on a client feature the benchmark does not exercise.
    this.connection.onRequest(() => null);
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  private async initialize(): Promise<void> {
    this.initializeResult = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { versionSupport: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
        },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    // yaml-language-server reads its settings only when told they changed.
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  get hasCompletion(): boolean {
    return this.initializeResult?.capabilities.completionProvider !== undefined;
  }

  /** Opens a document; resolves with the time to its first publish. */
  async open(uri: string, text: string, timeoutMs: number): Promise<number> {
    const since = this.publishes.length;
    const start = performance.now();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    const publish = await this.nextPublish(uri, since, timeoutMs);
    return publish.at - start;
  }

  /** Inserts `insert` at `position` (an incremental change); resolves with the time to the next publish. */
  async insert(
    uri: string,
    version: number,
    position: Position,
    insert: string,
    timeoutMs: number,
  ): Promise<{ ms: number; diagnostics: number }> {
    const since = this.publishes.length;
    const start = performance.now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: position, end: position }, text: insert }],
    });
    const publish = await this.nextPublish(uri, since, timeoutMs);
    return { ms: publish.at - start, diagnostics: publish.diagnostics };
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** One completion request; resolves with its round-trip time and the number of items. */
  async complete(uri: string, position: Position): Promise<{ ms: number; items: number }> {
    const start = performance.now();
    const result: CompletionItem[] | CompletionList | null = await this.connection.sendRequest(
      CompletionRequest.type,
      { textDocument: { uri }, position },
    );
    const ms = performance.now() - start;
    const items = result === null ? 0 : Array.isArray(result) ? result.length : result.items.length;
    return { ms, items };
  }

  /** The first publish for `uri` recorded after index `since`. */
  nextPublish(uri: string, since: number, timeoutMs: number): Promise<Publish> {
    return new Promise((resolve, reject) => {
      const probe = (): boolean => {
        const found = this.publishes.slice(since).find((p) => p.uri === uri);
        if (!found) return false;
        done();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(`${this.spec.name}: no diagnostics for ${uri} within ${timeoutMs} ms\n${this.stderr}`),
        );
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(probe);
      };
      if (!probe()) this.waiters.add(probe);
    });
  }

  /** Polite shutdown; a server that does not exit within `graceMs` is killed. */
  async stop(graceMs = 20_000): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    const kill = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), exited]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // The process is gone already; the exit wait below settles it.
    }
    await exited;
    clearTimeout(kill);
    this.connection.dispose();
  }
}
