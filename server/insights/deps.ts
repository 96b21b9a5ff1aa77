import type { LtiServices } from '../compose';
import type { Database } from '../db/database';
import type { PlatformRegistry } from '../lti/platform-registry';
import type { SkillCatalog } from '../practice/skill-catalog';

/** What the insights, mentor and student-view routes are built from. */
export interface InsightsDeps {
  db: Database;
  catalog: SkillCatalog;
  registry: PlatformRegistry;
  services: LtiServices;
}
