import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/auth/roles.decorator';
import { FAVICON_ICO } from './favicon';

/** Every page's tab icon: browsers ask for /favicon.ico on their own, and a 404 there is a console error on every page. */
@ApiExcludeController()
@Public()
@Controller()
export class FaviconController {
  @Get('favicon.ico')
  @Header('Content-Type', 'image/x-icon')
  @Header('Cache-Control', 'public, max-age=604800')
  icon(): StreamableFile {
    return new StreamableFile(FAVICON_ICO);
  }
}
