// The admission orders (school.orders): the director's school, or for an officer every school's.
import type { Res } from '../../bridge';
import { useClockedQuery } from '../democlock/useClockedQuery';

export type Orders = Res<'school.orders'>;

export const useOrders = () => useClockedQuery('school.orders');
