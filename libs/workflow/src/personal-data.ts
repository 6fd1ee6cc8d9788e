import { z } from 'zod';

/**
 * Marks a schema field as personal data (names, dates of birth, addresses, phone numbers,
 * free-text narratives). The audit issue's crypto-shredding encrypts every field so marked with
 * the data subject's key; `isPersonal` lets it find them.
 */
export const personalDataRegistry = z.registry<{ personal: true; subject?: string }>();

export function personal<T extends z.ZodType>(schema: T, subject?: string): T {
  personalDataRegistry.add(schema, { personal: true, ...(subject ? { subject } : {}) });
  return schema;
}

export function isPersonal(schema: z.ZodType): boolean {
  return personalDataRegistry.has(schema);
}
