import { ConnectorAuthError } from '../connector-errors';
import { graphQLErrorsToConnectorError, httpStatusToConnectorError } from './visma-errors';
import { customerNumber, phoneVariants } from './visma-records';

describe('Visma error mapping', () => {
  it('keeps GraphQL messages and codes; only throttling/transient codes are retryable', () => {
    const permanent = graphQLErrorsToConnectorError([{ message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
    expect(permanent).toMatchObject({ retryable: false, httpStatus: 200 });
    expect(permanent.message).toContain('Cannot query field "x" [GRAPHQL_VALIDATION_FAILED]');
    expect(graphQLErrorsToConnectorError([{ message: 'slow down', extensions: { code: 'THROTTLED' } }]).retryable).toBe(true);
    expect(graphQLErrorsToConnectorError([{ message: 'try later', extensions: { code: 'TRANSIENT_ERROR' } }]).retryable).toBe(true);
  });

  it('maps HTTP statuses', () => {
    expect(httpStatusToConnectorError(401, 'GraphQL API')).toBeInstanceOf(ConnectorAuthError);
    expect(httpStatusToConnectorError(400, 'token endpoint', 'invalid_client')).toBeInstanceOf(ConnectorAuthError);
    expect(httpStatusToConnectorError(503, 'GraphQL API')).toMatchObject({ retryable: true, httpStatus: 503 });
    expect(httpStatusToConnectorError(400, 'GraphQL API')).toMatchObject({ retryable: false });
  });
});

describe('Visma identifiers', () => {
  it('spells a Norwegian number the ways it is commonly stored', () => {
    expect(phoneVariants('91234567')).toEqual(
      expect.arrayContaining(['91234567', '+4791234567', '912 34 567', '91 23 45 67', '+47 912 34 567']),
    );
    expect(phoneVariants('0047 912 34 567')).toEqual(expect.arrayContaining(['+4791234567', '91234567']));
    expect(phoneVariants('  ')).toEqual([]);
  });

  it('accepts only numeric customer numbers', () => {
    expect(customerNumber(' 10001 ')).toBe(10001);
    expect(customerNumber('K-10001')).toBeUndefined();
    expect(customerNumber('0')).toBeUndefined();
  });
});
