/**
 * Events evolve: a stored event keeps the schema version it was written with, and upcasters
 * turn old versions into the current one as they are read, one step at a time (v1 -> v2 -> v3).
 */
export interface Upcaster {
  eventType: string;
  fromVersion: number;
  /** Pure: old data in, next version's data out. */
  upcast(data: unknown): unknown;
}

export interface VersionedEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcaster>();

  constructor(upcasters: Upcaster[] = []) {
    upcasters.forEach((u) => this.register(u));
  }

  register(upcaster: Upcaster): this {
    const key = `${upcaster.eventType}@${upcaster.fromVersion}`;
    if (this.steps.has(key)) throw new Error(`Two upcasters for ${upcaster.eventType} v${upcaster.fromVersion}`);
    this.steps.set(key, upcaster);
    return this;
  }

  /** The event as the current schema describes it. Events already current pass through unchanged. */
  upcast<E extends VersionedEvent>(event: E): E {
    let current: E = event;
    for (let step = this.steps.get(`${current.type}@${current.schemaVersion}`); step; ) {
      current = { ...current, schemaVersion: current.schemaVersion + 1, data: step.upcast(current.data) };
      step = this.steps.get(`${current.type}@${current.schemaVersion}`);
    }
    return current;
  }

  /** The version `upcast` produces for an event type written at version 1. */
  currentVersion(eventType: string): number {
    let version = 1;
    while (this.steps.has(`${eventType}@${version}`)) version += 1;
    return version;
  }
}
