import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express from 'express';
import { join } from 'node:path';
import { CONSOLE_VIEWS, GOVUK_FRONTEND_DIST } from './console-views';

/** The first path segments the console answers on; everything else is the API's. */
const CONSOLE_SEGMENTS = new Set(['', 'sign-in', 'sign-out', 'cases', 'queue', 'dashboard', 'report', 'access-log']);
const FORM_LIMIT = '200kb';

/** Whether a request is for a console page (HTML forms), not the JSON API. */
export function isConsolePath(path: string): boolean {
  return CONSOLE_SEGMENTS.has(path.split('/')[1] ?? '');
}

/**
 * What the console needs from Express before Nest's routes: cookies, HTML form bodies on its own
 * paths only (the API still takes JSON alone), and GOV.UK Frontend's CSS, JavaScript and images
 * straight from node_modules, with no build step. The GDS Transport font is not served: it is for
 * GOV.UK services only, and the CSS falls back to Arial.
 */
export function configureConsole(app: NestExpressApplication): void {
  const govuk = join(GOVUK_FRONTEND_DIST, 'govuk');
  const assets = { fallthrough: false, index: false, maxAge: '1h' };
  app.use(cookieParser());
  app.use('/assets/images', express.static(join(govuk, 'assets', 'images'), assets));
  app.use('/assets/manifest.json', express.static(join(govuk, 'assets', 'manifest.json'), assets));
  app.use('/govuk/govuk-frontend.min.css', express.static(join(govuk, 'govuk-frontend.min.css'), assets));
  app.use('/govuk/govuk-frontend.min.js', express.static(join(govuk, 'govuk-frontend.min.js'), assets));
  app.use('/console-assets/console.css', express.static(join(CONSOLE_VIEWS, 'console.css'), assets));
  app.use('/console-assets/dash.js', express.static(join(CONSOLE_VIEWS, 'dash.js'), assets));
  app.use('/console-assets/conditional-reveal.js', express.static(join(CONSOLE_VIEWS, 'conditional-reveal.js'), assets));
  const forms = express.urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: 2000 });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => (isConsolePath(req.path) ? forms(req, res, next) : next()));
}
