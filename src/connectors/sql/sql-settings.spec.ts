import { checkSqlConnection } from './sql-settings';

const customers = { name: 'customers', keyColumn: 'id', match: { email: 'email' }, erase: 'delete' };

describe('the sql connection block', () => {
  it('accepts the example shape', () => {
    expect(
      checkSqlConnection({
        dialect: 'mysql',
        urlEnv: 'SHOP_DB_URL',
        tables: [
          customers,
          {
            name: 'orders',
            keyColumn: 'id',
            belongsTo: { table: 'customers', column: 'customer_id' },
            erase: 'keep',
            keep: { hold: 'orders', dateColumn: 'ordered_on' },
          },
        ],
      }),
    ).toEqual([]);
  });

  it('names the field and the problem', () => {
    const problems = checkSqlConnection({
      dialect: 'oracle',
      urlEnv: 'SHOP_DB_URL',
      tables: [
        { ...customers, name: 'customers; DROP TABLE x' },
        { name: 'orders', keyColumn: 'id', belongsTo: { table: 'missing', column: 'customer_id' }, erase: 'anonymise' },
        { name: 'notes', keyColumn: 'id', erase: 'keep' },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^connection\.dialect: /),
        expect.stringMatching(/^connection\.tables\.0\.name: a table or column name/),
        'connection.tables.1.anonymise: erase: anonymise needs anonymise: { column: value } for at least one column',
        'connection.tables.2.match: give either match (identifier → column) or belongsTo (a found table), exactly one',
        'connection.tables.2.keep: erase: keep needs keep: { hold: <a legal hold of this system>, dateColumn? }',
      ]),
    );
  });

  it('a belongsTo names a table listed earlier with match columns', () => {
    const orders = { name: 'orders', keyColumn: 'id', belongsTo: { table: 'missing', column: 'customer_id' }, erase: 'delete' };
    expect(checkSqlConnection({ dialect: 'postgres', urlEnv: 'SHOP_DB_URL', tables: [customers, orders] })).toEqual([
      'connection.tables.1.belongsTo.table: "missing" must be a table listed earlier with match columns',
    ]);
  });
});
