import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { PublicPageFilter } from './public-site/public-page.filter';
import { createValidationPipe } from './common/http/validation';
import type { AppConfig } from './config/app-config';

/** Everything an HTTP app needs beyond its modules; used by main.ts and by the e2e tests alike. */
export function configureHttpApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', config.TRUST_PROXY);
  express.disable('x-powered-by');
  express.useBodyParser('json', { limit: '100kb' });
  express.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  // A body the parsers refuse on a public page (an oversized form post) gets a page, not JSON.
  app.use(app.get(PublicPageFilter).bodyErrors());
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Swagger UI needs inline styles/scripts; public and staff pages use no scripts of their own.
        directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'form-action': ["'self'"] },
      },
      hsts: config.PUBLIC_URL.startsWith('https://'),
    }),
  );
  // Every answer here may carry personal data (API, staff and requester pages, downloads) and
  // there are no static assets to cache: browsers and proxies keep nothing.
  app.use(noStore);
  app.use(cookieParser());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('DSR engine')
      .setDescription('GDPR data subject requests: intake, deadlines, fan-out, answers.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

function noStore(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}
