// A district's own skill graph, imported from a file for one platform: versioned, visible
// to that platform's assignments only, and rejected whole (nothing stored) when invalid.
import { builtinBank } from '../../server/practice/content/builtin-bank';
import { exportBuiltinGraph, importSkillGraph } from '../../server/practice/skill-graph-file';
import { launchedStudent } from '../support/grades';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
let platformId: string;
beforeAll(async () => {
  h = await startHarness();
  platformId = (await launchedStudent(h, 'stu-ana')).platformId;
});
afterAll(() => h.close());

const graph = {
  key: 'district-ratios',
  title: 'District ratio progression',
  skills: [
    { code: 'd.ratio-language', standard: '6.RP.A.1', grade: 6, domain: 'ratios', name: { en: 'Ratio language', es: 'Lenguaje de razones' }, prerequisites: ['g3.equivalent-fractions'] },
    { code: 'd.ratio-tables', standard: '6.RP.A.3a', grade: 6, domain: 'ratios', name: { en: 'Ratio tables' }, prerequisites: ['d.ratio-language'] },
  ],
};
const deps = () => ({ db: h.tdb.db, catalog: h.trellis.practice.catalog });
const skillSets = async () => (await h.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM skill_set WHERE platform_id IS NOT NULL`))[0]!.n;

describe('skill graph files', () => {
  it('imports a graph for a platform, versions changes, and leaves identical content alone', async () => {
    expect(await importSkillGraph(deps(), graph, platformId)).toEqual({ ok: true, version: 1, created: true, skills: 2 });
    const g = await h.trellis.practice.catalog.graphFor(platformId);
    expect(g.skill('d.ratio-tables')).toMatchObject({ standard: '6.RP.A.3a', builtin: false, prerequisites: ['d.ratio-language'] });
    expect(g.prerequisitesOf('d.ratio-language')).toEqual(['g3.equivalent-fractions']);
    expect(g.expand(['6.RP.A.3a', 'nope']).skills).toEqual(['d.ratio-tables']);
    expect(g.expand(['6.RP.A.3a', 'nope']).unknown).toEqual(['nope']);
    // Built-in skills stay available beside it.
    expect(g.skill('g3.mult-facts-2-5')?.builtin).toBe(true);

    expect(await importSkillGraph(deps(), graph, platformId)).toMatchObject({ ok: true, version: 1, created: false });
    const renamed = { ...graph, skills: [{ ...graph.skills[0]!, name: { en: 'Talking about ratios' } }, graph.skills[1]!] };
    expect(await importSkillGraph(deps(), renamed, platformId)).toMatchObject({ ok: true, version: 2, created: true });
    expect((await h.trellis.practice.catalog.graphFor(platformId)).skill('d.ratio-language')!.name.en).toBe('Talking about ratios');
    // New skills get default model parameters (version 1) for the practice path.
    expect((await h.trellis.practice.catalog.model('d.ratio-tables')).version).toBe(1);
  });

  it('keeps one platform’s graph away from another platform', async () => {
    const [other] = await h.tdb.db.query<{ id: string }>(
      `INSERT INTO platform (issuer, client_id, name, auth_login_url, auth_token_url, jwks_url)
       VALUES ('https://other.example', 'c2', 'Other', 'https://other.example/a', 'https://other.example/t', 'https://other.example/j') RETURNING id`,
    );
    const g = await h.trellis.practice.catalog.graphFor(other!.id);
    expect(g.skill('d.ratio-language')).toBeUndefined();
    expect(g.skill('g3.mult-facts-2-5')).toBeDefined();
  });

  it.each([
    ['an unknown prerequisite', { ...graph, skills: [{ ...graph.skills[0]!, prerequisites: ['nowhere'] }] }, /"nowhere" is neither in this file nor a built-in skill/],
    ['a cycle', { ...graph, skills: [{ ...graph.skills[0]!, prerequisites: ['d.ratio-tables'] }, graph.skills[1]!] }, /cycle: d\.ratio-language → d\.ratio-tables → d\.ratio-language/],
    ['a duplicate code', { ...graph, skills: [graph.skills[0]!, graph.skills[0]!] }, /appears twice/],
    ['a missing name', { ...graph, skills: [{ ...graph.skills[0]!, name: {} }] }, /skills\.0\.name\.en/],
    ['a bad key', { ...graph, key: 'Has Spaces' }, /^key:/],
  ])('rejects %s with a clear report and stores nothing', async (_name, file, message) => {
    const before = await skillSets();
    const result = await importSkillGraph(deps(), file, platformId);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    expect(await skillSets()).toBe(before);
  });

  it('exports the built-in graph in the import format', () => {
    const exported = exportBuiltinGraph(builtinBank);
    expect(exported.skills).toHaveLength(builtinBank.skills.length);
    expect(exported.skills.find((s) => s.code === 'g3.mult-facts-6-9')).toMatchObject({ standard: '3.OA.C.7', prerequisites: ['g3.mult-facts-2-5'] });
  });
});
