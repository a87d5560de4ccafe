import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-languageserver/node';
import type {
  ConfigurationItem,
  InitializeResult,
  LogMessageParams,
  MessageConnection,
  PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

/** The server as tsc builds it; the bundle is smoke-tested separately. */
export const serverModule = resolve(__dirname, '../../server/src/server.js');

export interface TestClientOptions {
  /** Whether the client answers `workspace/configuration` (default true). */
  configuration?: boolean;
  /** Server debounce; 0 keeps tests fast, the debounce test sets it higher. */
  debounceMs?: number;
  /** Which server file to run (default the tsc output). */
  module?: string;
  /** Workspace folder URIs sent in `initialize` (default none). */
  workspaceFolders?: string[];
}

/** Answers `workspace/configuration` for one item; tests replace it to change settings. */
export type ConfigurationAnswer = (item: ConfigurationItem) => unknown;

/**
 * A minimal LSP client over the real protocol: the server runs as a child process with
 * `--stdio`, exactly as other editors start `endpointslice-language-server`. Every publish and
 * log message is recorded, and tests wait on them instead of sleeping.
 */
export class TestClient {
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly configurationRequests: ConfigurationItem[] = [];
  answer: ConfigurationAnswer = () => ({});
  initializeResult: InitializeResult | undefined;
  private readonly listeners = new Set<() => void>();
  private stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  static async start(options: TestClientOptions = {}): Promise<TestClient> {
    const args = [options.module ?? serverModule, '--stdio', `--debounce-ms=${options.debounceMs ?? 0}`];
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new TestClient(child, connection);
    child.stderr.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    client.listen();
    await client.initialize(options.configuration ?? true, options.workspaceFolders ?? []);
    return client;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  async open(uri: string, text: string, version = 1, languageId = 'yaml'): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  /** Replaces the whole text, the simplest change a client may send. */
  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeConfiguration(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /**
   * Resolves with the first publish for `uri` that arrives after this call and satisfies the
   * predicate. Call it before sending the message that triggers the publish.
   */
  nextDiagnostics(
    uri: string,
    predicate: (params: PublishDiagnosticsParams) => boolean = () => true,
  ): Promise<PublishDiagnosticsParams> {
    const since = this.publishes.length;
    return this.waitFor(`diagnostics for ${uri}`, () =>
      this.publishes.slice(since).find((p) => p.uri === uri && predicate(p)),
    );
  }

  /** Resolves with the first log message (from the start) whose text matches. */
  nextLog(pattern: RegExp): Promise<LogMessageParams> {
    return this.waitFor(`a log matching ${pattern}`, () =>
      this.logs.find((log) => pattern.test(log.message)),
    );
  }

  /** Waits until a condition over the recorded traffic holds, failing with context after a timeout. */
  waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolvePromise, reject) => {
      const check = (): boolean => {
        const found = probe();
        if (found === undefined) {
          return false;
        }
        cleanup();
        resolvePromise(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}\n${this.transcript()}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      if (!check()) {
        this.listeners.add(check);
      }
    });
  }

  /** Resolves with the exit code once the server process has ended. */
  exit(): Promise<number | null> {
    return new Promise<number | null>((done) => {
      if (this.exited) {
        done(this.child.exitCode);
      } else {
        this.child.once('exit', (code) => done(code));
      }
    });
  }

  /** Ends the server without the protocol, when a test failed half-way through shutting it down. */
  kill(): void {
    if (!this.exited) this.child.kill();
    this.connection.dispose();
  }

  /** Shuts the server down politely and waits for the process to end. */
  async stop(): Promise<number | null> {
    const exit = this.exit();
    if (!this.exited) {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    }
    const code = await exit;
    this.connection.dispose();
    return code;
  }

  private transcript(): string {
    const logs = this.logs.map((log) => `  log: ${log.message}`).join('\n');
    const publishes = this.publishes
      .map((p) => `  publish ${p.uri} v${p.version}: ${p.diagnostics.length}`)
      .join('\n');
    return `${publishes}\n${logs}\nstderr: ${this.stderr}`;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      listener();
    }
  }

  private listen(): void {
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.publishes.push(params);
      this.notify();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
      this.notify();
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) =>
      Promise.all(
        params.items.map((item) => {
          this.configurationRequests.push(item);
          this.notify();
          return this.answer(item);
        }),
      ),
    );
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.listen();
  }

  private async initialize(configuration: boolean, folders: string[]): Promise<void> {
    this.initializeResult = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: folders.length > 0 ? folders.map((uri, i) => ({ uri, name: `folder-${i}` })) : null,
      capabilities: {
        workspace: {
          configuration,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }
}
