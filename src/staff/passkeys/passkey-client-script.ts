/**
 * The browser side of passkeys, served as a same-origin file (/staff/assets/passkeys.js) so the
 * CSP needs neither 'unsafe-inline' nor a nonce. It uses the @simplewebauthn/browser bundle (the
 * global SimpleWebAuthnBrowser, loaded just before it) for the WebAuthn calls and their base64url
 * conversions, and posts JSON with the page's CSRF token as `_csrf`. Plain ES2017, no build step.
 *
 * Sign-in page (`[data-passkey-sign-in]`): options → navigator.credentials.get() → verify →
 * the page the server names. Account page (`[data-passkeys]`): options → create() → save →
 * reload (the server-rendered list shows the new passkey). Problems go to the section's alert.
 */
export const PASSKEY_CLIENT_SCRIPT = `(function () {
  'use strict';
  var webauthn = window.SimpleWebAuthnBrowser;

  function show(section, text) {
    var problem = section.querySelector('[data-passkey-problem]');
    problem.textContent = text;
    problem.hidden = !text;
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) throw new Error(json.message || response.statusText);
        return json;
      });
    });
  }

  /** A refusal by the browser or the authenticator (cancelled, timed out) reads as one text. */
  function ceremonyError(section, error) {
    if (error && (error.name === 'NotAllowedError' || error.name === 'AbortError' || error.code === 'ERROR_CEREMONY_ABORTED')) return section.dataset.cancelled;
    return error && error.message ? error.message : section.dataset.cancelled;
  }

  function run(section, button, steps) {
    button.addEventListener('click', function () {
      show(section, '');
      if (!webauthn || !webauthn.browserSupportsWebAuthn()) return show(section, section.dataset.unsupported);
      button.disabled = true;
      steps().catch(function (error) {
        show(section, ceremonyError(section, error));
      }).then(function () {
        button.disabled = false;
      });
    });
  }

  var signIn = document.querySelector('[data-passkey-sign-in]');
  if (signIn) {
    run(signIn, signIn.querySelector('[data-passkey-sign-in-button]'), function () {
      var csrf = signIn.dataset.csrf;
      return post('/staff/login/passkey/options', { _csrf: csrf })
        .then(function (options) { return webauthn.startAuthentication({ optionsJSON: options }); })
        .then(function (credential) { return post('/staff/login/passkey/verify', { _csrf: csrf, credential: credential, next: signIn.dataset.next }); })
        .then(function (result) { window.location.assign(result.location); });
    });
  }

  var account = document.querySelector('[data-passkeys]');
  if (account) {
    run(account, account.querySelector('[data-passkey-add]'), function () {
      var csrf = account.dataset.csrf;
      var name = account.querySelector('[data-passkey-name]').value;
      return post('/staff/account/passkeys/options', { _csrf: csrf, name: name })
        .then(function (options) { return webauthn.startRegistration({ optionsJSON: options }); })
        .then(function (credential) { return post('/staff/account/passkeys', { _csrf: csrf, credential: credential, name: name }); })
        .then(function (result) { window.location.assign(result.location); });
    });
  }
})();
`;
