import { canRender, placeholdersIn, renderBody, renderPath, renderText, splitName } from './http-template';

describe('http request templates', () => {
  it('URL-encodes a path value, so it can add no segment and no query', () => {
    expect(renderPath('/v2/customers/{{email}}/orders', { email: 'a/../b?admin=1#x@example.no' })).toBe(
      '/v2/customers/a%2F..%2Fb%3Fadmin%3D1%23x%40example.no/orders',
    );
    expect(renderPath('/v2/orders/{{ id }}', { id: 'ord 1' })).toBe('/v2/orders/ord%201');
  });

  it('fills query text and body strings as written, keeping other JSON values', () => {
    expect(renderText('{{phone}}', { phone: '+4791234567' })).toBe('+4791234567');
    expect(
      renderBody(
        { email: '{{value}}', note: 'case {{reference}}', active: false, tags: ['{{reference}}', 3] },
        { value: 'kari@example.no', reference: 'DSR-1' },
      ),
    ).toEqual({
      email: 'kari@example.no',
      note: 'case DSR-1',
      active: false,
      tags: ['DSR-1', 3],
    });
  });

  it('lists the placeholders a template uses and says whether the values fill it', () => {
    const template = ['/customers', { email: '{{email}}', phone: '{{phone}}' }];
    expect(placeholdersIn(template)).toEqual(['email', 'phone']);
    expect(canRender(template, { email: 'kari@example.no' })).toBe(false);
    expect(canRender(template, { email: 'kari@example.no', phone: '+4791234567' })).toBe(true);
    expect(canRender(['/customers/{{id}}'], { id: '' })).toBe(false);
  });

  it('splits a full name at its last space', () => {
    expect(splitName(' Kari  Nordmann Berg ')).toEqual({ givenNames: 'Kari Nordmann', familyName: 'Berg' });
    expect(splitName('Cher')).toEqual({ givenNames: 'Cher', familyName: '' });
  });
});
