// The director's school (issue 4): the school's list of children with the days left
// to the documents deadline, documents received with the five-item checklist, and
// numbered admission orders. Officers read every school's orders (read-only).
// A director is held to their own school in main (main/services/directorSchool/).
import { z } from 'zod';
import { channel, id, instant } from '../channel';

/** FORMATS.md `documents.received`: all five are required (R9). */
export const DOCUMENT_ITEMS = [
  'passport',
  'birth_certificate',
  'medical_f26',
  'medical_f63',
  'photos',
] as const;
export type DocumentItem = (typeof DOCUMENT_ITEMS)[number];

/** Registered children with this many days or fewer left to the deadline are "at risk" (docs/director-and-printing.md). */
export const AT_RISK_DAYS = 14;

const status = z.enum([
  'registered',
  'documents_received',
  'enrolled',
  'refused',
  'withdrawn',
  'no_documents',
  'waitlisted',
]);

export const schoolChildSchema = z.object({
  applicationId: z.string(),
  childName: z.string(),
  pin: z.string().nullable(),
  language: z.string(),
  stage: z.number().int().nullable(),
  basis: z.enum(['catchment', 'privilege', 'open', 'commission']).nullable(),
  status,
  privilege: z.enum(['none', 'pending', 'approved', 'rejected']),
  privilegeCategory: z.string().nullable(),
  orderNumber: z.string().nullable(),
  submittedAt: instant,
  /** whole days left to the documents deadline while the child still owes documents; else null */
  daysLeft: z.number().int().nullable(),
  atRisk: z.boolean(),
});
export type SchoolChild = z.infer<typeof schoolChildSchema>;

export const orderSchema = z.object({
  eventId: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  orderNumber: z.string(),
  at: instant,
  /** who issued it (the event's actor: a username, the log's key for an account) */
  issuedBy: z.string().nullable(),
  /** that account's display name, for screens and paper; null when no account of this store has it */
  issuedByName: z.string().nullable(),
  children: z.array(
    z.object({
      applicationId: z.string(),
      childName: z.string(),
      pin: z.string().nullable(),
      language: z.string(),
    }),
  ),
});
export type AdmissionOrder = z.infer<typeof orderSchema>;

const schoolRef = z.object({ schoolId: z.string(), name: z.string() });
/** A director may omit it (their school) or name their own; anyone else's is forbidden. */
const scopeRequest = z.strictObject({ schoolId: id.optional() });

export const schoolChannels = {
  /** Every child placed at the school (registered, documents received, enrolled). */
  'school.children': channel(
    ['district', 'director'],
    scopeRequest,
    z.object({
      school: schoolRef,
      asOf: instant,
      documentsStart: instant.nullable(),
      documentsEnd: instant.nullable(),
      documentsOpen: z.boolean(),
      atRiskDays: z.number().int(),
      children: z.array(schoolChildSchema),
    }),
  ),
  /** R9: the director marks a child's paper documents received (documents.received). */
  'school.receiveDocuments': channel(
    ['director'],
    z.strictObject({
      applicationId: id,
      items: z.array(z.enum(DOCUMENT_ITEMS)).max(DOCUMENT_ITEMS.length),
      note: z.string().trim().max(500).optional(),
    }),
    z.object({ applicationId: z.string(), eventId: z.string(), at: instant }),
  ),
  /** The school's admission orders with their children; an officer without schoolId gets every school's. */
  'school.orders': channel(
    ['district', 'director'],
    scopeRequest,
    z.object({
      orders: z.array(orderSchema),
      /** the number the next order of this school would suggest (null district-wide) */
      nextNumber: z.string().nullable(),
      /** children of the school with documents received, waiting for an order */
      waiting: z.number().int(),
    }),
  ),
  /** R13: a numbered order enrolling every child of the director's school with documents received. */
  'school.issueOrder': channel(
    ['director'],
    z.strictObject({
      orderNumber: z
        .string()
        .trim()
        .min(1)
        .max(32)
        .regex(/^[\p{L}\p{N}\-/.]+$/u, 'letters, digits, - / . only'),
    }),
    orderSchema,
  ),
} as const;
