// The director's school, enforced here for every read and write of the school
// channels: a director reaches their own school only, whatever the request names.
import type { SchoolRow } from '../storePort';
import { forbidden, notFound } from '../errors';
import { requireStore, requireUser, schoolScope, type ServiceContext } from '../context';

/** The school a request acts on: a director's own (naming another is forbidden), else the one named. */
export async function resolveSchool(
  ctx: ServiceContext,
  requested: string | undefined,
): Promise<SchoolRow> {
  const store = requireStore(ctx);
  const user = requireUser(ctx);
  // A director account without a school sees no school at all, never every school.
  if (user.role === 'director' && !user.schoolId)
    throw forbidden('this director account has no school');
  const own = schoolScope(ctx);
  if (own !== null && requested !== undefined && requested !== own) {
    throw forbidden(`schoolId: a director sees their own school only (${own})`);
  }
  const schoolId = own ?? requested;
  if (schoolId === undefined) throw notFound('schoolId: name a school');
  const school = (await store.schools(schoolId))[0];
  if (!school) throw notFound(`schoolId: no school ${schoolId}`);
  return school;
}
