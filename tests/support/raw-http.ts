import { Agent, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

export interface RawRequest {
  method: string;
  /** Sent as written: no encoding or normalising, so broken escapes and `..` reach the server. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in chunks without Content-Length. */
  chunked?: boolean;
}

/**
 * A bare HTTP/1.1 client over node:http for tests that must send what a well-behaved client
 * would not (raw paths, huge or broken bodies) and for load against a real server process.
 */
export class RawHttp {
  private readonly agent: Agent;

  constructor(
    readonly baseUrl: string,
    maxSockets = 16,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send({ method, path, headers = {}, body, chunked = false }: RawRequest, timeoutMs = 30_000): Promise<RawResponse> {
    const url = new URL(this.baseUrl);
    return new Promise((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, method, path, agent: this.agent, headers: { ...headers, ...(body !== undefined && !chunked ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
          });
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer to ${method} within ${timeoutMs} ms`)));
      req.on('error', reject);
      if (body !== undefined && chunked) {
        const buffer = Buffer.from(body);
        for (let offset = 0; offset < buffer.length; offset += 64 * 1024) req.write(buffer.subarray(offset, offset + 64 * 1024));
      } else if (body !== undefined) req.write(body);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
