/**
 * `--only a,b`: run only the cases whose id starts with one of the given prefixes, e.g.
 * `--only sqlite-e1-w1` (1-event appends, 1 caller) or `--only postgres-e100-w8,sqlite-read-all`.
 * Ids: `<adapter>-e<events per append>-w<writers>-<concurrency>` for appends (as the log prints
 * them), `<adapter>-read-all` for reads. Meant for profiling one case at a time.
 */
export interface CaseFilter {
  /** The prefixes asked for; undefined when every case runs. */
  readonly only: readonly string[] | undefined;
  selects(id: string): boolean;
  /** True when at least one case of `adapter` may run, so its section is worth setting up. */
  selectsAny(adapter: 'sqlite' | 'postgres'): boolean;
}

export function caseFilter(argv: readonly string[]): CaseFilter {
  const at = argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  const value = at < 0 ? undefined : argv[at]!.startsWith('--only=') ? argv[at]!.slice('--only='.length) : argv[at + 1];
  if (at >= 0 && !value) throw new Error('--only needs a comma-separated list of case id prefixes, e.g. --only sqlite-e1-w1');
  const only = value?.split(',').map((prefix) => prefix.trim()).filter(Boolean);
  return {
    only,
    selects: (id) => !only || only.some((prefix) => id.startsWith(prefix)),
    // An adapter's section is needed when a prefix could still name one of its cases.
    selectsAny: (adapter) => !only || only.some((prefix) => adapter.startsWith(prefix) || prefix.startsWith(`${adapter}-`)),
  };
}

/** The id of an append case, as measureAppends logs it and `--only` matches it. */
export function appendCaseId(spec: { adapter: string; eventsPerAppend: number; writers: number; concurrency: string }): string {
  return `${spec.adapter}-e${spec.eventsPerAppend}-w${spec.writers}-${spec.concurrency.replace(/[^a-z0-9]+/gi, '-')}`;
}

export function readAllCaseId(adapter: string): string {
  return `${adapter}-read-all`;
}
