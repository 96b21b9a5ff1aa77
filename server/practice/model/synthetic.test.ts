import { predictCorrect } from './bkt';
import { generateSynthetic, REALISTIC_RANGES } from './synthetic';

describe('generateSynthetic', () => {
  const opts = { students: 300, skills: 4, attempts: { min: 20, max: 40 }, seed: 42 };

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateSynthetic(opts)).toEqual(generateSynthetic(opts));
    expect(generateSynthetic({ ...opts, seed: 43 })).not.toEqual(generateSynthetic(opts));
  });

  it('draws each skill from the realistic ranges, guess and slip below 0.3', () => {
    for (const { params } of generateSynthetic(opts)) {
      for (const key of Object.keys(REALISTIC_RANGES) as (keyof typeof REALISTIC_RANGES)[]) {
        expect(params[key]).toBeGreaterThanOrEqual(REALISTIC_RANGES[key][0]);
        expect(params[key]).toBeLessThanOrEqual(REALISTIC_RANGES[key][1]);
      }
      expect(params.pGuess).toBeLessThan(0.3);
      expect(params.pSlip).toBeLessThan(0.3);
    }
  });

  it('gives every student a sequence per skill, attempts within the range', () => {
    const skills = generateSynthetic(opts);
    expect(skills).toHaveLength(4);
    for (const { sequences } of skills) {
      expect(sequences).toHaveLength(300);
      for (const seq of sequences) {
        expect(seq.length).toBeGreaterThanOrEqual(20);
        expect(seq.length).toBeLessThanOrEqual(40);
      }
    }
  });

  it('keeps a skill the same when more skills are added after it', () => {
    const [first] = generateSynthetic({ ...opts, skills: 1 });
    expect(generateSynthetic(opts)[0]).toEqual(first);
  });

  it('uses given parameters and answers first attempts as often as BKT predicts', () => {
    const params = { pInit: 0.4, pLearn: 0.2, pGuess: 0.2, pSlip: 0.1, pForget: 0 };
    const [skill] = generateSynthetic({ students: 5000, skills: 1, attempts: 5, seed: 1, params: [params] });
    expect(skill!.params).toEqual(params);
    const firstCorrect = skill!.sequences.filter((seq) => seq[0]).length / 5000;
    // 0.4 × 0.9 + 0.6 × 0.2 = 0.48; the standard error with 5,000 students is about 0.007.
    expect(Math.abs(firstCorrect - predictCorrect(0.4, params))).toBeLessThan(0.03);
  });

  it('rejects a parameter list of the wrong length', () => {
    expect(() => generateSynthetic({ ...opts, params: [] })).toThrow(RangeError);
  });
});
