// Saved registry filters, per user, in the store's settings under a key of the
// user's own: one officer's working views are not another's.
import type { Res } from '../../../shared/ipc/contract';
import {
  savedFilterSchema,
  type RegistryFilter,
  type RegistrySort,
} from '../../../shared/ipc/channels/applications';
import { z } from 'zod';
import { invalid, notFound } from '../errors';
import { requireStore, requireUser, type ServiceContext } from '../context';

type Saved = z.infer<typeof savedFilterSchema>;
type Filters = Res<'applications.filters'>;

/** At most this many per user: a list to pick from, not a database. */
export const MAX_SAVED_FILTERS = 50;

export function savedFiltersKey(userId: string): string {
  return `applications.savedFilters.user.${userId}`;
}

async function load(ctx: ServiceContext): Promise<Saved[]> {
  const raw = await requireStore(ctx).getSetting(savedFiltersKey(requireUser(ctx).userId));
  if (!raw) return [];
  // A setting written by an older version (or by hand) that no longer parses is
  // dropped entry by entry rather than breaking the screen.
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((p) => {
    const r = savedFilterSchema.safeParse(p);
    return r.success ? [r.data] : [];
  });
}

async function store(ctx: ServiceContext, filters: Saved[]): Promise<void> {
  await requireStore(ctx).setSetting(
    savedFiltersKey(requireUser(ctx).userId),
    JSON.stringify(filters),
  );
}

export async function listSavedFilters(_req: object, ctx: ServiceContext): Promise<Filters> {
  return { filters: await load(ctx) };
}

export async function saveFilter(
  req: { name: string; filter: RegistryFilter; sort?: RegistrySort; direction?: 'asc' | 'desc' },
  ctx: ServiceContext,
): Promise<Filters> {
  const filters = await load(ctx);
  const entry: Saved = {
    name: req.name,
    filter: req.filter,
    ...(req.sort ? { sort: req.sort } : {}),
    ...(req.direction ? { direction: req.direction } : {}),
  };
  const at = filters.findIndex((f) => f.name === req.name);
  if (at >= 0) filters[at] = entry;
  else {
    if (filters.length >= MAX_SAVED_FILTERS)
      throw invalid(`name: at most ${MAX_SAVED_FILTERS} saved filters; delete one first`);
    filters.push(entry);
  }
  await store(ctx, filters);
  return { filters };
}

export async function deleteFilter(req: { name: string }, ctx: ServiceContext): Promise<Filters> {
  const filters = await load(ctx);
  const left = filters.filter((f) => f.name !== req.name);
  if (left.length === filters.length) throw notFound(`name: no saved filter named "${req.name}"`);
  await store(ctx, left);
  return { filters: left };
}
