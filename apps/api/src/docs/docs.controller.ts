import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../auth/auth.guard';
import { CaseTypes } from '../cases/case-types';
import { openApiDocument } from './openapi-document';

@Controller('api')
export class DocsController {
  private readonly document: ReturnType<typeof openApiDocument>;

  constructor(caseTypes: CaseTypes) {
    this.document = openApiDocument(caseTypes.all());
  }

  @Public()
  @Get('docs-json')
  json() {
    return this.document;
  }

  /** Swagger UI from the packaged swagger-ui-dist assets, pointed at docs-json. */
  @Public()
  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  ui() {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Casetrail API</title>
<link rel="stylesheet" href="/api/docs-assets/swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="/api/docs-assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#swagger-ui' });</script></body></html>`;
  }
}
