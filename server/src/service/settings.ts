/**
 * The settings the service reads. This is the single typed definition shared by the server,
 * the client and the CLI; a unit test checks it against `contributes.configuration` in
 * package.json so the two cannot drift.
 */

export const kubernetesVersions = ['1.33', '1.34', '1.35', '1.36', '1.37'] as const;
export type KubernetesVersion = (typeof kubernetesVersions)[number];

export const fieldValidationModes = ['Strict', 'Warn', 'Ignore'] as const;
export type FieldValidationMode = (typeof fieldValidationModes)[number];

export interface ServiceSettings {
  /** The minor version of the kube-apiserver whose behaviour is emulated. */
  kubernetesVersion: KubernetesVersion;
  /** What unknown and duplicate fields do, like the apiserver's `fieldValidation` parameter. */
  fieldValidation: FieldValidationMode;
  /** Whether advice that no apiserver gives is shown. */
  advisories: boolean;
  /** Endpoints per slice above which the "too many for one slice" advisory is shown. */
  maxEndpointsPerSlice: number;
  /** How "Convert Endpoints to EndpointSlices" writes its slices (absent: the defaults). */
  migration?: MigrationSettings;
}

/** `endpointslices.migration.*`: read by the conversion, not by validation. */
export interface MigrationSettings {
  /** Endpoints per slice the conversion writes at most (the controller's default is 100). */
  maxEndpointsPerSlice: number;
  /** Keep each Endpoints object, labelled `endpointslice.kubernetes.io/skip-mirror: "true"`. */
  skipMirror: boolean;
}

export const defaultMigrationSettings: Readonly<MigrationSettings> = Object.freeze({
  maxEndpointsPerSlice: 100,
  skipMirror: false,
});

export const defaultSettings: Readonly<Required<ServiceSettings>> = Object.freeze({
  kubernetesVersion: '1.37',
  fieldValidation: 'Strict',
  advisories: true,
  maxEndpointsPerSlice: 100,
  migration: defaultMigrationSettings,
});

/** The setting keys as they appear in package.json, each under the `endpointslices.` prefix. */
export const settingsSection = 'endpointslices';

/**
 * Turns whatever a client sent (possibly partial, possibly of the wrong type) into valid
 * settings, falling back to the defaults field by field so one bad value does not lose the rest.
 */
export function normalizeSettings(raw: unknown): ServiceSettings {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const version = input['kubernetesVersion'];
  const mode = input['fieldValidation'];
  const max = input['maxEndpointsPerSlice'];
  const migration = record(input['migration']);
  return {
    kubernetesVersion: isOneOf(kubernetesVersions, version) ? version : defaultSettings.kubernetesVersion,
    fieldValidation: isOneOf(fieldValidationModes, mode) ? mode : defaultSettings.fieldValidation,
    advisories: typeof input['advisories'] === 'boolean' ? input['advisories'] : defaultSettings.advisories,
    maxEndpointsPerSlice: isSliceSize(max) ? max : defaultSettings.maxEndpointsPerSlice,
    migration: {
      maxEndpointsPerSlice: isSliceSize(migration['maxEndpointsPerSlice'])
        ? migration['maxEndpointsPerSlice']
        : defaultSettings.migration.maxEndpointsPerSlice,
      skipMirror:
        typeof migration['skipMirror'] === 'boolean'
          ? migration['skipMirror']
          : defaultSettings.migration.skipMirror,
    },
  };
}

function isSliceSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 1000;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * A string that identifies the settings validation reads, for caches keyed by them. The
 * migration settings are left out: they change no diagnostic.
 */
export function settingsKey(settings: ServiceSettings): string {
  return `${settings.kubernetesVersion}|${settings.fieldValidation}|${settings.advisories}|${settings.maxEndpointsPerSlice}`;
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
