import type { EndpointSlice } from '../k8s/objects';
import { addressTypes } from '../k8s/schema';
import { fieldError } from '../validation/fieldErrors';
import type { FieldError } from '../validation/fieldErrors';
import type { RuleContext } from './context';
import { validateObjectMeta } from './metadata';
import { validateSliceEndpoints } from './sliceAddresses';
import { declarativeSliceErrors, mergeDeclarative } from './sliceDeclarative';
import { validateSlicePorts } from './slicePorts';

/**
 * ValidateEndpointSlice on create, in upstream's order: metadata, addressType, ports, endpoints;
 * from 1.37 merged with the declarative validation (sliceDeclarative.ts).
 */
export function validateEndpointSlice(slice: EndpointSlice, ctx: RuleContext): FieldError[] {
  const handwritten = [
    ...validateObjectMeta(slice.metadata, ctx, { generationSetByServer: true }),
    ...validateAddressType(slice.addressType),
    ...validateSlicePorts(slice.ports ?? [], ctx),
    ...validateSliceEndpoints(slice.endpoints ?? [], slice.addressType, ctx),
  ];
  if (!ctx.behaviour.declarativeValidationEndpointSlice) return handwritten;
  return mergeDeclarative(handwritten, declarativeSliceErrors(slice));
}

function validateAddressType(addressType: string | undefined): FieldError[] {
  if (!addressType) return [fieldError.required('addressType', '', { code: 'address-type-required' })];
  if ((addressTypes as readonly string[]).includes(addressType)) return [];
  return [
    fieldError.notSupported('addressType', addressType, addressTypes, { code: 'address-type-unsupported' }),
  ];
}
