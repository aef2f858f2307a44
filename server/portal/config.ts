// The portal's settings, from the environment (README "Parents' portal").
import path from 'node:path';

export interface PortalConfig {
  /** where e-mailed links point: the web app's origin (KABYL_PORTAL_PUBLIC_URL) */
  publicUrl: string | null;
  /** SMTP_URL (`smtp://user:pass@host:587`); without it mail goes to mailDir as .eml files */
  smtpUrl: string | null;
  mailFrom: string | null;
  mailDir: string;
  uploadsDir: string;
  /** the registry simulator's people: the generator's campaign with these options */
  registrySeed: { seed: number; districts: number; schoolsPerDistrict: number; children: number };
  /** requests per IP and minute on sign-in, registration and recovery */
  rateLimitPerMinute: number;
}

export function readPortalConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): PortalConfig {
  const int = (name: string, fallback: number): number => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name}=${v} is not a positive integer`);
    return n;
  };
  return {
    publicUrl: env.KABYL_PORTAL_PUBLIC_URL || null,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.KABYL_PORTAL_MAIL_FROM || null,
    mailDir: path.resolve(env.KABYL_PORTAL_MAIL_DIR || path.join(dataDir, 'mail')),
    uploadsDir: path.resolve(env.KABYL_PORTAL_UPLOADS_DIR || path.join(dataDir, 'uploads')),
    registrySeed: {
      seed: int('KABYL_PORTAL_REGISTRY_SEED', 1),
      districts: int('KABYL_PORTAL_REGISTRY_DISTRICTS', 1),
      schoolsPerDistrict: int('KABYL_PORTAL_REGISTRY_SCHOOLS', 25),
      children: int('KABYL_PORTAL_REGISTRY_CHILDREN', 6000),
    },
    rateLimitPerMinute: int('KABYL_PORTAL_RATE_LIMIT', 10),
  };
}
