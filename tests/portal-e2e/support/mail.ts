// The mails the server wrote into its mail folder (.eml, the newcomer's default), parsed
// with mailparser as a mail client would read them.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';

interface Mail {
  file: string;
  to: string[];
  text: string;
}

const cache = new Map<string, Mail>();

async function readAll(dir: string): Promise<Mail[]> {
  let files: string[];
  try {
    files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.eml'),
    );
  } catch {
    return [];
  }
  const out: Mail[] = [];
  for (const f of files.sort()) {
    const full = path.join(dir, f);
    let mail = cache.get(full);
    if (!mail) {
      const m = await simpleParser(readFileSync(full));
      const to = [m.to]
        .flat()
        .flatMap((a) => (a ? a.value.map((v) => (v.address ?? '').toLowerCase()) : []));
      mail = { file: full, to, text: `${m.subject ?? ''}\n${m.text ?? ''}` };
      cache.set(full, mail);
    }
    out.push(mail);
  }
  return out;
}

/**
 * Waits for a mail to `to` whose text matches `re` and that is not among `seen` (files
 * already used), and returns the match; the file is added to `seen`.
 */
export async function waitForMail(
  dir: string,
  to: string,
  re: RegExp,
  seen: Set<string> = new Set(),
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const m of await readAll(dir)) {
      if (seen.has(m.file) || !m.to.includes(to.toLowerCase())) continue;
      const match = m.text.match(re);
      if (match) {
        seen.add(m.file);
        return match;
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to} matching ${re} in ${dir}`);
}

/** A link to a page of the portal that carries a token: register and reset links. */
export const PASSWORD_LINK = /https?:\/\/\S+\/password\?token=[A-Za-z0-9_\-%]+/;
