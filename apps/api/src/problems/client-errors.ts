import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpProblem } from './http-errors';
import { toProblem } from './problem-mapping';

const TIMEOUT = new HttpProblem(408, 'REQUEST_TIMEOUT', 'Request timeout', 'The request did not arrive in time');
const REFUSALS: Record<string, HttpProblem> = {
  HPE_HEADER_OVERFLOW: new HttpProblem(431, 'HEADERS_TOO_LARGE', 'Request headers too large', 'The URL or the headers are over the size limit'),
  HPE_REQUEST_TIMEOUT: TIMEOUT,
  ERR_HTTP_REQUEST_TIMEOUT: TIMEOUT,
};
const MALFORMED = new HttpProblem(400, 'MALFORMED_REQUEST', 'Malformed request', 'The request is not valid HTTP');

/**
 * Requests Node's HTTP parser refuses before Express sees them (a URL over the header limit,
 * broken HTTP) get problem+json too, instead of Node's bare status line.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, body } = toProblem(REFUSALS[error.code ?? ''] ?? MALFORMED);
    const text = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${status} ${body.title}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  });
}
