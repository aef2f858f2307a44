// The part of each event the rules read, and a compact text form of it.
// `kabyl replay` validates whole lines on one thread and hands the engine, on
// another, only these fields: a child's name, a guardian's contacts or an
// actor never change a placement, and parsing them twice was a third of the
// replay. The two most frequent events (submissions, documents) travel as
// fields joined by U+0001, which splits far faster than JSON parses; anything
// else, or a field that itself holds U+0001, travels as JSON. The property
// tests check that replaying the decoded essentials decides exactly what
// replaying the whole events does.
import type { LogEvent } from '../log/events';

const SEP = '\u0001';

export function essentials(e: LogEvent): LogEvent {
  if (e.type !== 'application.submitted')
    return { id: e.id, type: e.type, at: e.at, data: e.data } as LogEvent;
  const d = e.data;
  return {
    id: e.id,
    type: e.type,
    at: e.at,
    data: {
      applicationId: d.applicationId,
      child: { pin: d.child.pin },
      schoolId: d.schoolId,
      language: d.language,
      registeredAddress: d.registeredAddress,
      ...(d.privilege ? { privilege: { category: d.privilege.category } } : {}),
    },
  } as LogEvent;
}

function joinable(fields: readonly string[]): boolean {
  for (const f of fields) if (f.includes(SEP)) return false;
  return true;
}

export function encodeEssentials(e: LogEvent): string {
  if (e.type === 'application.submitted') {
    const d = e.data;
    const fields = [
      e.id,
      e.at,
      d.applicationId,
      d.child.pin,
      d.schoolId,
      d.language,
      d.registeredAddress,
      d.privilege?.category ?? '',
    ];
    if (joinable(fields)) return 'S' + fields.join(SEP);
  } else if (e.type === 'documents.received') {
    const fields = [e.id, e.at, e.data.applicationId, ...e.data.items];
    if (joinable(fields)) return 'D' + fields.join(SEP);
  }
  return JSON.stringify(essentials(e));
}

export function decodeEssentials(text: string): LogEvent {
  const tag = text.charCodeAt(0);
  if (tag === 83 /* S */) {
    const f = text.slice(1).split(SEP);
    const data: Record<string, unknown> = {
      applicationId: f[2],
      child: { pin: f[3] },
      schoolId: f[4],
      language: f[5],
      registeredAddress: f[6],
    };
    // Categories are non-empty strings (validated), so '' means no claim.
    if (f[7] !== '') data.privilege = { category: f[7] };
    return { id: f[0], type: 'application.submitted', at: f[1], data } as LogEvent;
  }
  if (tag === 68 /* D */) {
    const f = text.slice(1).split(SEP);
    return {
      id: f[0],
      type: 'documents.received',
      at: f[1],
      data: { applicationId: f[2], items: f.slice(3) },
    } as LogEvent;
  }
  return JSON.parse(text) as LogEvent;
}
