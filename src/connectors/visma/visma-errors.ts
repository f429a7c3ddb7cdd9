import { ConnectorAuthError, ConnectorError } from '../connector-errors';

/** One entry of a GraphQL `errors` array as Business NXT returns it (HTTP 200). */
export interface GraphQLErrorEntry {
  message?: string;
  extensions?: { code?: string } & Record<string, unknown>;
}

/** Error codes that mean "try again later" rather than "the request is wrong" (codes unverified). */
const TRANSIENT_CODE = /THROTTL|TRANSIENT|TIMEOUT|TIMED_OUT|UNAVAILABLE|TOO_MANY|RATE_LIMIT|BUSY/i;

/** A GraphQL `errors` array → one ConnectorError; retryable only for throttling/transient codes. */
export function graphQLErrorsToConnectorError(errors: GraphQLErrorEntry[]): ConnectorError {
  const messages = errors.map((error) => {
    const code = error.extensions?.code;
    const message = error.message ?? 'unknown error';
    return code ? `${message} [${code}]` : message;
  });
  const retryable = errors.some((error) => TRANSIENT_CODE.test(String(error.extensions?.code ?? '')));
  const text = { en: `Visma Business NXT GraphQL error: ${messages.join('; ')}`, nb: `Visma Business NXT svarte med feil: ${messages.join('; ')}` };
  return new ConnectorError(text.en, retryable, 200, text);
}

/** A non-2xx HTTP answer (other than 429, handled by the client) → ConnectorError. */
export function httpStatusToConnectorError(status: number, what: string, oauthError?: string): ConnectorError {
  if (status === 401 || status === 403) {
    return rejected(what, `HTTP ${status}${oauthError ? `, ${oauthError}` : ''}`, status);
  }
  if (status === 400 && (oauthError === 'invalid_client' || oauthError === 'unauthorized_client' || oauthError === 'invalid_scope')) {
    return rejected(what, `HTTP 400, ${oauthError}`, status);
  }
  const retryable = status >= 500 || status === 408;
  const code = oauthError ? ` (${oauthError})` : '';
  const text = { en: `Visma ${what} answered HTTP ${status}${code}`, nb: `Visma ${what} svarte HTTP ${status}${code}` };
  return new ConnectorError(text.en, retryable, status, text);
}

function rejected(what: string, detail: string, status: number): ConnectorAuthError {
  const text = { en: `Visma ${what} rejected the credentials (${detail})`, nb: `Visma ${what} avviste påloggingsopplysningene (${detail})` };
  return new ConnectorAuthError(text.en, status, text);
}
