/**
 * The engine's entry: what the controllers will write for one Service and why. A Service with a
 * selector is the EndpointSlice controller's (pkg/controller/endpointslice syncService, then
 * k8s.io/endpointslice reconciler.go Reconcile per address type); a selectorless one gets the
 * mirroring controller's copy of its Endpoints, or whatever slices someone writes by hand; an
 * ExternalName Service gets nothing.
 */
import { serviceAddressTypes } from './addressFamilies';
import { defaultControllerOptions } from './facts';
import { applyHints } from './hints';
import { mirrorEndpoints, mirrorRefusal } from './mirroring';
import { exclusion, lookUpNode, podPorts, podToEndpoint } from './podEndpoint';
import { podVerdict } from './podVerdict';
import { nearestPods, podLabels, selectorMatches, serviceSelector } from './selector';
import { summarize } from './summary';
import type {
  AddressType,
  ControllerOptions,
  HintsVerdict,
  PodVerdict,
  PredictedEndpoint,
  PredictedSliceGroup,
  RoutingInput,
  RoutingNode,
  RoutingPod,
  RoutingPrediction,
} from './types';

const noHints: HintsVerdict = { source: 'none', applied: 'none', why: 'no hints asked for' };

export function predictRouting(input: RoutingInput): RoutingPrediction {
  const options: ControllerOptions = { ...defaultControllerOptions, ...input.controller };
  const service = input.service;
  const addressTypes = serviceAddressTypes(service);
  const base = { addressTypes, groups: [], pods: [], nearest: [], hints: noHints, readyZones: [], notes: [] };
  if (service.spec?.type === 'ExternalName') {
    return finish({ ...base, mode: 'external-name' }, input);
  }
  const selector = serviceSelector(service);
  if (!selector) {
    return finish(selectorless(input, options, base), input);
  }
  const selected = (input.pods ?? []).filter(
    (pod) => samePlace(pod, input) && selectorMatches(selector, podLabels(pod)),
  );
  const nodes = input.nodes
    ? new Map(input.nodes.map((node) => [node.metadata?.name ?? '', node]))
    : undefined;
  const { groups, verdicts } = reconcile(input, selected, nodes, addressTypes);
  const hints = hintGroups(input, groups, options);
  const nearest =
    input.pods && selected.length === 0
      ? nearestPods(
          selector,
          input.pods.filter((pod) => samePlace(pod, input)),
        )
      : [];
  return finish({ ...base, mode: 'selector', groups, pods: verdicts, nearest, hints }, input);
}

/** Pods in another namespace are never selected (an omitted namespace matches an omitted one). */
function samePlace(pod: RoutingPod, input: RoutingInput): boolean {
  return (pod.metadata?.namespace ?? '') === (input.service.metadata?.namespace ?? '');
}

/** reconcileByAddressType for each address type: endpoints grouped by their port list. */
function reconcile(
  input: RoutingInput,
  selected: readonly RoutingPod[],
  nodes: ReadonlyMap<string, RoutingNode> | undefined,
  addressTypes: readonly AddressType[],
): { groups: PredictedSliceGroup[]; verdicts: PodVerdict[] } {
  const service = input.service;
  const byKey = new Map<string, PredictedSliceGroup>();
  const verdicts: PodVerdict[] = [];
  for (const pod of selected) {
    const excluded = pod.status ? exclusion(pod) : 'no-ip';
    const node = lookUpNode(nodes, pod);
    const { ports, perPort } = podPorts(service, pod);
    const endpoints: PredictedEndpoint[] = [];
    const skipped =
      excluded !== undefined || (node.state === 'missing' && !service.spec?.publishNotReadyAddresses);
    for (const addressType of skipped ? [] : addressTypes) {
      const endpoint = podToEndpoint(pod, node, service, addressType);
      if (endpoint.addresses.length === 0) {
        continue;
      }
      endpoints.push(endpoint);
      const key = `${addressType} ${JSON.stringify(ports)}`;
      const group = byKey.get(key) ?? { addressType, ports, endpoints: [] };
      group.endpoints.push(endpoint);
      byKey.set(key, group);
    }
    verdicts.push(
      podVerdict({
        pod,
        service,
        exclusion: excluded,
        node,
        endpoints,
        addressTypes: [...addressTypes],
        perPort,
      }),
    );
  }
  // Code-unit order: a locale collation per comparison costs seconds for 100,000 pods.
  verdicts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { groups: [...byKey.values()], verdicts };
}

/** Hints are assigned per address type, over all of that type's slices. */
function hintGroups(
  input: RoutingInput,
  groups: readonly PredictedSliceGroup[],
  options: ControllerOptions,
): HintsVerdict {
  let verdict = noHints;
  for (const addressType of ['IPv4', 'IPv6'] as const) {
    const endpoints = groups.filter((g) => g.addressType === addressType).flatMap((g) => g.endpoints);
    if (endpoints.length > 0 || verdict === noHints) {
      verdict = applyHints(input.service, endpoints, input.nodes, options);
    }
  }
  return verdict;
}

type Draft = Omit<RoutingPrediction, 'summary' | 'readyZones'> & { readyZones: string[] };

function selectorless(input: RoutingInput, options: ControllerOptions, base: Omit<Draft, 'mode'>): Draft {
  const endpoints = input.endpoints;
  if (!endpoints) {
    return {
      ...base,
      mode: 'manual',
      notes: ['No selector and no Endpoints: only EndpointSlices written by hand route it'],
    };
  }
  const refusal = mirrorRefusal(endpoints);
  if (refusal) {
    return { ...base, mode: 'manual', notes: [`Its Endpoints is not mirrored: ${refusal}`] };
  }
  const mirrored = mirrorEndpoints(endpoints, options);
  const notes: string[] = [];
  if (mirrored.truncated > 0) {
    notes.push(
      `${mirrored.truncated} addresses of its Endpoints are not mirrored: at most ${options.mirroringMaxEndpointsPerSubset} per subset are`,
    );
  }
  if (mirrored.invalid > 0) {
    notes.push(`${mirrored.invalid} addresses of its Endpoints are not IPs and are not mirrored`);
  }
  return { ...base, mode: 'mirrored', groups: mirrored.groups, notes };
}

function finish(partial: Draft, input: RoutingInput): RoutingPrediction {
  const readyZones = new Set<string>();
  for (const group of partial.groups) {
    for (const endpoint of group.endpoints) {
      if (endpoint.conditions.ready && endpoint.zone !== undefined) {
        readyZones.add(endpoint.zone);
      }
    }
  }
  const prediction = { ...partial, readyZones: [...readyZones].sort() };
  return { ...prediction, summary: summarize(prediction, input.pods !== undefined) };
}
