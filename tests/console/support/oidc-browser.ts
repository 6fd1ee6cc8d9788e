import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * A browser reduced to what the OIDC tests need: plain fetch with manual redirects and a cookie jar
 * per origin (cookie paths are ignored: names do not clash across the two servers here).
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    cookies.set(name, value);
    this.jar.set(origin, cookies);
  }

  async request(url: string | URL, form?: Record<string, string>): Promise<{ status: number; location?: URL; html: string; setCookies: string[] }> {
    const target = new URL(url);
    const cookies = [...(this.jar.get(target.origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(target, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { ...(cookies ? { cookie: cookies } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a));
      if (expired) this.jar.get(target.origin)?.delete(name!.trim());
      else this.setCookie(target.origin, name!.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    return { status: response.status, ...(location ? { location: new URL(location, target) } : {}), html: await response.text(), setCookies };
  }

  /**
   * Follows redirects and fills the provider's forms (devInteractions' login, then consent) as
   * `login`, until a redirect leaves for `until` (the console's callback), which is returned.
   */
  async throughProvider(start: URL, login: string, until: string): Promise<URL> {
    let next: { url: URL; form?: Record<string, string> } = { url: start };
    for (let step = 0; step < 20; step += 1) {
      const page = await this.request(next.url, next.form);
      if (page.location) {
        if (page.location.href.startsWith(until)) return page.location;
        next = { url: page.location };
        continue;
      }
      const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(page.html);
      if (!form) throw new Error(`the provider answered ${page.status} with no form:\n${page.html.slice(0, 500)}`);
      const fields: Record<string, string> = {};
      for (const input of form[2]!.matchAll(/<input[^>]*>/g)) {
        const name = /name="([^"]+)"/.exec(input[0])?.[1];
        if (name) fields[name] = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
      }
      if ('login' in fields) Object.assign(fields, { login, password: 'any password' });
      next = { url: new URL(form[1]!, next.url), form: fields };
    }
    throw new Error('the provider never sent the browser back');
  }
}

export interface OidcProviderProcess {
  issuer: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts tests/console/support/oidc-provider.mjs and waits for the issuer it prints. */
export async function startOidcProvider(env: Record<string, string>): Promise<OidcProviderProcess> {
  const child = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const issuer = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve((JSON.parse(line) as { issuer: string }).issuer);
    });
    child.once('exit', (code) => reject(new Error(`oidc-provider exited with ${code}: ${errors.join('')}`)));
  });
  return {
    issuer,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
