import { z } from 'zod';

/**
 * One plain-English sentence for one event type, for auditors reading a case's history. `who` is
 * the actor as `officer-7 (tmbc)`. A describer reads the event's current schema version (events
 * are upcast before they are described).
 */
export type Describer<Data> = (data: Data, who: string) => string;

/** A describer for every event type of a case type: a missing one fails to compile. */
export type DescribersOf<Schemas extends Record<string, z.ZodType>> = { [Type in keyof Schemas]: Describer<z.infer<Schemas[Type]>> };
