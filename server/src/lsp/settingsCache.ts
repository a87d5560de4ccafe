import { defaultSettings, normalizeSettings, settingsSection } from '../service';
import type { ServiceSettings } from '../service';
import { describeError } from './guard';
import type { ErrorLog } from './guard';

/** Asks the client for one scoped configuration section, as `workspace/configuration` does. */
export type ConfigurationFetcher = (scopeUri: string, section: string) => Promise<unknown>;

/**
 * Per-document settings. Settings are per resource (a folder may pin another Kubernetes
 * version), so they are pulled for each document and never kept in one server-wide global,
 * except when the client cannot answer `workspace/configuration` at all: then the last pushed
 * `didChangeConfiguration` payload (or the defaults) applies to every document.
 */
export class SettingsCache {
  private readonly byUri = new Map<string, Promise<ServiceSettings>>();
  private globalSettings: ServiceSettings = { ...defaultSettings };

  constructor(
    private readonly fetch: ConfigurationFetcher | undefined,
    private readonly log: ErrorLog,
  ) {}

  /** The settings for a document; concurrent callers share one request. */
  get(uri: string): Promise<ServiceSettings> {
    if (this.fetch === undefined) {
      return Promise.resolve(this.globalSettings);
    }
    let pending = this.byUri.get(uri);
    if (pending === undefined) {
      pending = this.pull(this.fetch, uri);
      this.byUri.set(uri, pending);
    }
    return pending;
  }

  /**
   * Called on `didChangeConfiguration`. The cache is dropped so the next validation pulls fresh
   * values; the pushed payload only matters for clients without the configuration capability.
   */
  onConfigurationChanged(pushed: unknown): void {
    this.byUri.clear();
    if (this.fetch === undefined) {
      const section =
        typeof pushed === 'object' && pushed !== null
          ? (pushed as Record<string, unknown>)[settingsSection]
          : undefined;
      this.globalSettings = normalizeSettings(section);
    }
  }

  /** Forgets a closed document's settings. */
  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  private pull(fetch: ConfigurationFetcher, uri: string): Promise<ServiceSettings> {
    const pending: Promise<ServiceSettings> = Promise.resolve()
      .then(() => fetch(uri, settingsSection))
      .then(normalizeSettings, (error: unknown) => {
        // A failed request must not pin the defaults, so this entry is dropped (unless a
        // configuration change already replaced it) and the next validation asks again.
        if (this.byUri.get(uri) === pending) {
          this.byUri.delete(uri);
        }
        this.log.error(`Reading settings for ${uri} failed, using the defaults: ${describeError(error)}`);
        return { ...defaultSettings };
      });
    return pending;
  }
}
