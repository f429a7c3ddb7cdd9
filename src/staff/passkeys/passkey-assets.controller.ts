import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Public } from '../../common/auth/roles.decorator';
import { PASSKEY_CLIENT_SCRIPT } from './passkey-client-script';

/** @simplewebauthn/browser's prebuilt UMD bundle (the global SimpleWebAuthnBrowser), read once at
 *  boot from the installed package (pinned in package.json: the server and the browser library
 *  are released together and must be the same major version). */
const BROWSER_BUNDLE = readFileSync(join(dirname(require.resolve('@simplewebauthn/browser')), '..', 'dist', 'bundle', 'index.umd.min.js'), 'utf8');

/**
 * The two scripts of the passkey buttons, as same-origin files: the CSP allows scripts from this
 * origin ('self'), so no inline script and no 'unsafe-inline' is needed. Public: the sign-in page
 * uses them before anyone is signed in. They hold no personal data.
 */
@ApiExcludeController()
@Public()
@Controller('staff/assets')
export class PasskeyAssetsController {
  @Get('simplewebauthn-browser.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  browserLibrary(): string {
    return BROWSER_BUNDLE;
  }

  @Get('passkeys.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  passkeyScript(): string {
    return PASSKEY_CLIENT_SCRIPT;
  }
}
