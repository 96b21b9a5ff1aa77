// The item bank that ships with Trellis: grade 3–8 math skills and their templates.
import { createContentBank } from './content-bank';
import { grade3 } from './skills/grade3';
import { grade4 } from './skills/grade4';
import { grade5 } from './skills/grade5';
import { grade6 } from './skills/grade6';
import { grade7 } from './skills/grade7';
import { grade8 } from './skills/grade8';

export const builtinBank = createContentBank([grade3, grade4, grade5, grade6, grade7, grade8]);
