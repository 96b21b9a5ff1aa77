// The item bank that ships with Trellis: grade 3–8 math skills and their templates.
import { createContentBank } from './content-bank';
import { grade3 } from './skills/grade3';

export const builtinBank = createContentBank([grade3]);
