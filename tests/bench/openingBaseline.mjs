// The naive design the opening-day load test compares against: every request
// does its own transaction with an atomic `UPDATE ... WHERE occupied < quota`
// (no sequencer, no group commit, no log). Same parent tokens, same bodies.
//   argv: DATABASE_URL PORT SECRET PARENTS
import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { SEATS, hotSchools, schoolId } from './openingParents.mjs';

const [dbUrl, port, secret, parents] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: dbUrl, max: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS naive_streams (school_id text, language text, quota int,
  occupied int, PRIMARY KEY (school_id, language));
  CREATE TABLE IF NOT EXISTS naive_applications (parent text, key text, school_id text, placed boolean,
  PRIMARY KEY (parent, key))`);
for (let h = 0; h < hotSchools(Number(parents)); h++) {
  await pool.query('INSERT INTO naive_streams VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING', [
    schoolId(h),
    'ky',
    SEATS,
  ]);
}

function parentOf(header) {
  const m = /^Bearer kbp_([^.]+)\.(.+)$/.exec(header ?? '');
  if (!m) return null;
  const want = Buffer.from(createHmac('sha256', secret).update(m[1]).digest('base64url'));
  const got = Buffer.from(m[2]);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  return JSON.parse(Buffer.from(m[1], 'base64url').toString()).p;
}

const app = Fastify();
app.get('/v1/health', async () => ({ status: 'ok' }));
app.post('/naive/applications', async (req, reply) => {
  const parent = parentOf(req.headers.authorization);
  if (!parent) return reply.code(401).send({ error: 'unauthenticated' });
  const { schoolId: school, language } = req.body;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const fresh = await client.query(
      'INSERT INTO naive_applications VALUES ($1, $2, $3, false) ON CONFLICT DO NOTHING RETURNING parent',
      [parent, req.headers['idempotency-key'], school],
    );
    let placed = false;
    if (fresh.rowCount === 1) {
      const seat = await client.query(
        'UPDATE naive_streams SET occupied = occupied + 1 WHERE school_id = $1 AND language = $2 AND occupied < quota',
        [school, language],
      );
      placed = seat.rowCount === 1;
      if (placed) {
        await client.query(
          'UPDATE naive_applications SET placed = true WHERE parent = $1 AND key = $2',
          [parent, req.headers['idempotency-key']],
        );
      }
    }
    await client.query('COMMIT');
    return { placed };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
});
const address = await app.listen({ host: '127.0.0.1', port: Number(port) });
process.stdout.write(`baseline listening on ${address}\n`);
