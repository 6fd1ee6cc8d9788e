/** Where a projection stopped: the event it could not apply. It never skips that event. */
export interface ProjectionFailure {
  projection: string;
  position: number;
  eventType: string;
  error: string;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
