import { Module } from '@nestjs/common';
import { AnswerLinkRegistry } from './answer-links';
import { FaviconController } from './favicon.controller';
import { FormCsrf } from './form-csrf';
import { PageRenderer } from './pages/page-renderer';
import { PublicPageFilter } from './public-page.filter';
import { RequesterLinks } from './requester-links';

/** The public web shell shared by the requester's pages (intake, proofs, responses, representation):
 *  layout, styles and copy, CSRF for public forms, the error-page filter, signed requester links and
 *  the status page's answer-link hook, and the favicon. It knows no module above it. */
@Module({
  controllers: [FaviconController],
  providers: [PageRenderer, FormCsrf, PublicPageFilter, RequesterLinks, AnswerLinkRegistry],
  exports: [PageRenderer, FormCsrf, PublicPageFilter, RequesterLinks, AnswerLinkRegistry],
})
export class PublicSiteModule {}
