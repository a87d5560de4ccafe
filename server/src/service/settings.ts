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
}

export const defaultSettings: Readonly<ServiceSettings> = Object.freeze({
  kubernetesVersion: '1.37',
  fieldValidation: 'Strict',
  advisories: true,
  maxEndpointsPerSlice: 100,
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
  return {
    kubernetesVersion: isOneOf(kubernetesVersions, version) ? version : defaultSettings.kubernetesVersion,
    fieldValidation: isOneOf(fieldValidationModes, mode) ? mode : defaultSettings.fieldValidation,
    advisories: typeof input['advisories'] === 'boolean' ? input['advisories'] : defaultSettings.advisories,
    maxEndpointsPerSlice:
      typeof max === 'number' && Number.isInteger(max) && max >= 1 && max <= 1000
        ? max
        : defaultSettings.maxEndpointsPerSlice,
  };
}

/** A string that identifies the settings, for caches keyed by them. */
export function settingsKey(settings: ServiceSettings): string {
  return `${settings.kubernetesVersion}|${settings.fieldValidation}|${settings.advisories}|${settings.maxEndpointsPerSlice}`;
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
