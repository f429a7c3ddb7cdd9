import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { randomBytes } from 'node:crypto';
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
  app.use(cspNonce);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Scripts only from this origin (Swagger UI's and bull-board's files) or an inline script
        // carrying this response's nonce (`res.locals.cspNonce`); no inline event handlers
        // (helmet's default script-src-attr 'none'). Styles and fonts never from another host.
        directives: {
          'script-src': ["'self'", (_request, response) => `'nonce-${(response as Response).locals.cspNonce as string}'`],
          'style-src': ["'self'", "'unsafe-inline'"],
          'font-src': ["'self'", 'data:'],
          'form-action': ["'self'"],
        },
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

/** A fresh nonce per response, for the CSP header and for any inline script a page renders. */
function cspNonce(_request: Request, response: Response, next: NextFunction): void {
  response.locals.cspNonce = randomBytes(16).toString('base64');
  next();
}
