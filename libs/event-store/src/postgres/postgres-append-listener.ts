import { Client, ClientConfig } from 'pg';
import { AppendSignal } from '../polling-subscription';
import { APPEND_CHANNEL_SQL } from './postgres-schema-keys';

/**
 * LISTENs on the schema's append channel over a dedicated connection (a pooled one would be
 * handed back and lose its LISTEN) and turns each NOTIFY into an AppendSignal. When the
 * connection drops it reconnects after `reconnectDelayMs`; meanwhile subscribers fall back to
 * polling, so a lost notification delays delivery but never loses an event.
 */
export class PostgresAppendListener {
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly signal: AppendSignal,
    private readonly reconnectDelayMs: number,
  ) {}

  /** Starts listening unless it already is; never throws (failures turn into reconnects). */
  start(): void {
    if (this.closed || this.client || this.connecting || this.retryTimer) return;
    this.connecting = this.connect().finally(() => (this.connecting = undefined));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    // Without an 'error' listener a dropped connection would crash the process.
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', () => this.signal.notify());
    try {
      await client.connect();
      const { rows } = await client.query<{ channel: string }>(`SELECT ${APPEND_CHANNEL_SQL} AS channel`);
      await client.query(`LISTEN "${rows[0]!.channel}"`);
    } catch {
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    // Appends committed while nobody was listening sent their NOTIFY to no one: look now.
    this.signal.notify();
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.start();
    }, this.reconnectDelayMs);
  }
}
