import { protocols } from '../k8s/schema';
import type { VersionBehaviour } from '../k8s/versions';
import { fieldError } from '../validation/fieldErrors';
import type { FieldError } from '../validation/fieldErrors';
import { qualifiedNameMessages } from '../validation/names';

/**
 * The protocol and appProtocol checks both kinds share. Each caller applies its own defaulting
 * first: EndpointSlice defaults only a nil protocol, Endpoints also an empty one.
 */
export function validateProtocols(
  protocol: string,
  appProtocol: string | undefined,
  path: string,
  behaviour: VersionBehaviour,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!(protocols as readonly string[]).includes(protocol)) {
    errors.push(
      fieldError.notSupported(`${path}.protocol`, protocol, protocols, { code: 'port-protocol-unsupported' }),
    );
  }
  if (appProtocol !== undefined) {
    for (const message of qualifiedNameMessages(appProtocol, behaviour)) {
      errors.push(
        fieldError.invalid(`${path}.appProtocol`, appProtocol, message, {
          code: 'port-app-protocol-invalid',
        }),
      );
    }
  }
  return errors;
}
