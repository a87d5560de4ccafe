import { placeholderMark } from '../decode/placeholder';
import { templateModel } from '../templates/templateModel';
import type { TemplateVariant } from '../templates/templateModel';
import type { FileSummary } from './types';

/**
 * Routing advice on Helm templates. A template is summarized from its first variant (tags as
 * placeholders of the same length, so ranges are the file's own). What a tag prints is unknown:
 * a selector, a label or a port written by a tag, or a place where a tag prints whole entries
 * (`{{- include "labels" . | nindent 8 }}`), makes the object uncertain, and the doctor then
 * stays silent about it rather than guess (no false alarms on charts). An object whose name (or
 * a slice whose Service name) a tag writes is not indexed at all.
 */
export function templatedText(text: string): TemplateVariant | undefined {
  return text.includes('{') ? templateModel(text)?.variant(0) : undefined;
}

export function markUncertain(summary: FileSummary, variant: TemplateVariant): void {
  // Names a tag writes are unknown: such a Service, slice or Endpoints is left out of the index
  // (as before templates were read), so nothing is compared with a placeholder.
  summary.services = summary.services.filter((s) => !hasPlaceholder(s.name));
  summary.slices = summary.slices.filter(
    (s) => !hasPlaceholder(s.serviceName ?? '') && !hasPlaceholder(s.name ?? ''),
  );
  summary.endpoints = summary.endpoints.filter((e) => !hasPlaceholder(e.name ?? ''));
  // Entries a tag prints may land anywhere in the object: any injection makes it uncertain.
  const injected = variant.injections.length > 0;
  for (const service of summary.services) {
    const routing = service.routing;
    if (!routing) continue;
    const tagged = routing.selector.some((e) => hasPlaceholder(e.key) || hasPlaceholder(e.value));
    const ports = (routing.service.spec?.ports ?? []).some((p) => hasPlaceholder(String(p.targetPort ?? '')));
    if (injected || tagged || ports) routing.uncertain = true;
    // `namespace: {{ .Release.Namespace }}` on every object of a chart: the same one, unknown.
    if (hasPlaceholder(service.namespace ?? '')) {
      delete service.namespace;
      if (routing.service.metadata) delete routing.service.metadata.namespace;
    }
  }
  for (const template of summary.templates) {
    const tagged = template.labels.some((l) => hasPlaceholder(l.key) || hasPlaceholder(l.value));
    const ports = [...template.containers, ...template.sidecars].some((c) =>
      (c.ports ?? []).some((p) => hasPlaceholder(p.name ?? '') || hasPlaceholder(p.protocol ?? '')),
    );
    if (injected || tagged || ports) template.uncertain = true;
    if (hasPlaceholder(template.namespace ?? '')) delete template.namespace;
    template.name = readableName(template.name);
  }
}

function hasPlaceholder(text: string): boolean {
  return text.includes(placeholderMark);
}

/** A name a tag writes, shown as `{{…}}` rather than as its placeholder. */
function readableName(name: string): string {
  return name.replace(new RegExp(`${placeholderMark}[^\\s]*`, 'g'), '{{…}}');
}
