// The item bank as one lookup: skills by code and standard, templates by skill and key.
// Built once from skill modules and checked (unique codes, known prerequisites, no cycles,
// every skill has a template) so a content mistake stops the server at start, not a student.
import type { ItemTemplate, SkillDefinition, SkillModule } from './item';

export interface ContentBank {
  readonly skills: readonly SkillDefinition[];
  skill(code: string): SkillDefinition | undefined;
  templatesFor(skillCode: string): readonly ItemTemplate[];
  template(key: string): ItemTemplate | undefined;
  /** Skill codes aligned to a standard code (e.g. "3.OA.C.7" → two fact skills). */
  skillsForStandard(standard: string): string[];
}

export function createContentBank(modules: readonly SkillModule[]): ContentBank {
  const skills = modules.flatMap((m) => m.skills);
  const byCode = new Map<string, SkillDefinition>();
  for (const skill of skills) {
    if (byCode.has(skill.code)) throw new Error(`duplicate skill code ${skill.code}`);
    byCode.set(skill.code, skill);
  }
  for (const skill of skills) {
    for (const pre of skill.prerequisites) {
      if (!byCode.has(pre)) throw new Error(`skill ${skill.code} names unknown prerequisite ${pre}`);
    }
  }
  assertAcyclic(skills);

  const templatesBySkill = new Map<string, ItemTemplate[]>();
  const templatesByKey = new Map<string, ItemTemplate>();
  for (const template of modules.flatMap((m) => m.templates)) {
    if (!byCode.has(template.skill)) throw new Error(`template ${template.key} names unknown skill ${template.skill}`);
    if (templatesByKey.has(template.key)) throw new Error(`duplicate template key ${template.key}`);
    templatesByKey.set(template.key, template);
    templatesBySkill.set(template.skill, [...(templatesBySkill.get(template.skill) ?? []), template]);
  }
  for (const skill of skills) {
    if (!templatesBySkill.has(skill.code)) throw new Error(`skill ${skill.code} has no item template`);
  }

  const byStandard = new Map<string, string[]>();
  for (const skill of skills) byStandard.set(skill.standard, [...(byStandard.get(skill.standard) ?? []), skill.code]);

  return {
    skills,
    skill: (code) => byCode.get(code),
    templatesFor: (code) => templatesBySkill.get(code) ?? [],
    template: (key) => templatesByKey.get(key),
    skillsForStandard: (standard) => byStandard.get(standard) ?? [],
  };
}

function assertAcyclic(skills: readonly SkillDefinition[]): void {
  const prerequisites = new Map(skills.map((s) => [s.code, s.prerequisites]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (code: string, path: string[]): void => {
    if (state.get(code) === 'done') return;
    if (state.get(code) === 'visiting') throw new Error(`prerequisite cycle: ${[...path, code].join(' → ')}`);
    state.set(code, 'visiting');
    for (const pre of prerequisites.get(code) ?? []) visit(pre, [...path, code]);
    state.set(code, 'done');
  };
  for (const skill of skills) visit(skill.code, []);
}
