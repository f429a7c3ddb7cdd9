import { ConnectorAuthError } from '../connector-errors';
import { graphQLErrorsToConnectorError, httpStatusToConnectorError } from './visma-errors';
import { associateId, contactId, customerNumber, heldByAssociate, heldByContact } from './visma-records';

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
  it('lists what an associate and a contact person hold, phones in E.164', () => {
    const associate = {
      associateNo: 1,
      customerNo: 10001,
      name: ' Ola  Nordmann ',
      emailAddress: 'Ola@Example.NO',
      phone: '22 12 34 56',
      mobilePhone: 'ring sentralbordet',
      addressLine1: 'Storgata 1',
      postCode: '0155',
      postalArea: 'Oslo',
    };
    expect(heldByAssociate(associate)).toEqual({
      emails: ['ola@example.no'],
      phones: ['+4722123456'],
      customerNumbers: ['10001'],
      names: ['Ola Nordmann'],
      addresses: ['Storgata 1, 0155 Oslo'],
    });
    expect(heldByContact({ contactNo: 7, associateNo: 3, name: 'Per', emailAddress: '', phone: '0047 912 34 567', mobilePhone: null })).toEqual({
      phones: ['+4791234567'],
      names: ['Per'],
    });
  });

  it('names associates and contact persons apart, as their numbers are separate series', () => {
    expect(associateId(5)).toBe('associate:5');
    expect(contactId(5)).toBe('contact:5');
  });

  it('accepts only numeric customer numbers', () => {
    expect(customerNumber(' 10001 ')).toBe(10001);
    expect(customerNumber('K-10001')).toBeUndefined();
    expect(customerNumber('0')).toBeUndefined();
  });
});
