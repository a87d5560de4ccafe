import type { VersionBehaviour } from '../k8s/versions';
import type { ServiceSettings } from '../settings';

/** What every rule may read besides the object: the emulated version and the user's settings. */
export interface RuleContext {
  behaviour: VersionBehaviour;
  settings: ServiceSettings;
}
