import type { SlicePort } from '../k8s/objects';
import { limits } from '../k8s/wellKnown';
import { fieldError } from '../validation/fieldErrors';
import type { FieldError } from '../validation/fieldErrors';
import { dns1123LabelMessages } from '../validation/names';
import type { RuleContext } from './context';
import { validateProtocols } from './portProtocols';

/** Why `Duplicate value: ""` is reported where no one wrote `""`. */
const unnamedPortsClash =
  'A port without a name is named "", so two unnamed ports clash: give each port the name of its Service port.';

/**
 * EndpointSlice `ports` (discovery validatePorts), on the defaulted ports: a nil name is "", so
 * two unnamed ports clash; a nil protocol is TCP, but an explicit "" is not defaulted.
 */
export function validateSlicePorts(ports: SlicePort[], ctx: RuleContext): FieldError[] {
  if (ports.length > limits.portsPerSlice) {
    return [fieldError.tooMany('ports', ports.length, limits.portsPerSlice, { code: 'ports-too-many' })];
  }
  const errors: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, index) => {
    const path = `ports[${index}]`;
    const name = port.name ?? '';
    if (name.length > 0) {
      for (const message of dns1123LabelMessages(name)) {
        errors.push(fieldError.invalid(`${path}.name`, name, message, { code: 'port-name-invalid' }));
      }
    }
    if (names.has(name)) {
      errors.push(
        fieldError.duplicate(`${path}.name`, name, {
          code: 'port-name-duplicate',
          target: port.name === undefined ? path : `${path}.name`,
          ...(name === '' ? { explanation: unnamedPortsClash } : {}),
        }),
      );
    }
    names.add(name);
    // Only a nil protocol is defaulted; an explicit "" is rejected.
    errors.push(...validateProtocols(port.protocol ?? 'TCP', port.appProtocol, path, ctx.behaviour));
  });
  return errors;
}
