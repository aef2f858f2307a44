// The director's children list (school.children). Main scopes it to the director's
// school; the list reloads when the demo clock moves (days left change with it).
import type { Res } from '../../bridge';
import { useClockedQuery } from '../democlock/useClockedQuery';

export type SchoolChildren = Res<'school.children'>;
export type Child = SchoolChildren['children'][number];

export const useSchoolChildren = () => useClockedQuery('school.children');
