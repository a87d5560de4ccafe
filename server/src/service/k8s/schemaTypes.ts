import type { VersionBehaviour } from './versions';

/**
 * The shape of the Kubernetes facts that decoding, validation, completion and hover all read.
 * A field's `goType` is the Go type the apiserver decodes it into: it appears verbatim in the
 * apiserver's decode errors (`... of type v1.AddressType`), so it is data, not decoration.
 */

export type TypeSpec = ScalarSpec | ObjectSpec | ListSpec | MapSpec | RawSpec;

export interface ScalarSpec {
  kind: 'string' | 'int32' | 'int64' | 'bool' | 'time';
  goType: string;
}

export interface ObjectSpec {
  kind: 'object';
  /** The Go struct name, as it appears in `Go struct field <Struct>.<path>`. */
  goType: string;
  fields: Readonly<Record<string, FieldSpec>>;
}

export interface ListSpec {
  kind: 'list';
  goType: string;
  item: TypeSpec;
}

export interface MapSpec {
  kind: 'map';
  goType: string;
  value: ScalarSpec;
}

/** Any JSON (managedFields' fieldsV1): decoded as is, never checked. */
export interface RawSpec {
  kind: 'raw';
  goType: string;
}

export interface FieldSpec {
  type: TypeSpec;
  /** What the field means, for hover and completion (our words, after the API reference). */
  doc: string;
  /** Required for the apiserver to accept the object (shown as a marker in completion). */
  required?: boolean;
  /** The values the apiserver accepts, when it is a closed set. */
  values?: readonly string[];
  /** What each of `values` means, for completion's details pane and hover. */
  valueDocs?: Readonly<Record<string, string>>;
  /** A pointer in Go: absent and empty are different to the apiserver. */
  pointer?: boolean;
  /** Version notes shown in hover. */
  since?: string;
  deprecated?: string;
  /**
   * The version behaviour without which the apiserver drops the field before validating it:
   * completion does not offer it for such a version, and hover says what happens instead.
   */
  requires?: { behaviour: keyof VersionBehaviour; otherwise: string };
}
