import { catalogueColumns, deleteRow, selectRows, SqlBuilder, updateRow } from './sql-statements';

const customers = { name: 'customers', schema: 'shop' };

describe('SQL building per dialect: quoted names, bound values', () => {
  it('quotes names with each dialect’s identifier quoting, doubling the quote inside', () => {
    expect(new SqlBuilder('postgres').quote('odd"name')).toBe('"odd""name"');
    expect(new SqlBuilder('mysql').quote('odd`name')).toBe('`odd``name`');
    expect(new SqlBuilder('mssql').quote('odd]name')).toBe('[odd]]name]');
  });

  it('SQL Server (not tested against a live server): @p1… placeholders, [brackets], values only in the list', () => {
    const statement = selectRows({ dialect: 'mssql', ...customers }, 'id', [
      { column: 'email', kind: 'lower-equals', value: 'Ola@Example.no' },
      { column: 'phone', kind: 'in', values: ['+4791234567', '912 34 567'] },
      { column: 'customer_no', kind: 'text-equals', value: "K-1001'; DROP TABLE customers; --" },
    ]);
    expect(statement.text).toBe(
      'SELECT * FROM [shop].[customers] WHERE LOWER([email]) = @p1 OR [phone] IN (@p2, @p3) OR CAST([customer_no] AS NVARCHAR(400)) = @p4 ORDER BY [id]',
    );
    expect(statement.values).toEqual(['ola@example.no', '+4791234567', '912 34 567', "K-1001'; DROP TABLE customers; --"]);
    expect(updateRow({ dialect: 'mssql', name: 'customers' }, 'id', 7, { full_name: 'Anonymised', email: null })).toEqual({
      text: 'UPDATE [customers] SET [full_name] = @p1, [email] = @p2 WHERE [id] = @p3',
      values: ['Anonymised', null, 7],
    });
    expect(deleteRow({ dialect: 'mssql', ...customers }, 'id', 7)).toEqual({ text: 'DELETE FROM [shop].[customers] WHERE [id] = @p1', values: [7] });
  });

  it('PostgreSQL numbers its placeholders, MySQL/MariaDB uses ?', () => {
    expect(updateRow({ dialect: 'postgres', name: 'orders' }, 'id', 102, { processing_restricted: true }).text).toBe(
      'UPDATE "orders" SET "processing_restricted" = $1 WHERE "id" = $2',
    );
    expect(selectRows({ dialect: 'mysql', name: 'orders' }, 'id', [{ column: 'customer_id', kind: 'in', values: [1, 2] }])).toEqual({
      text: 'SELECT * FROM `orders` WHERE `customer_id` IN (?, ?) ORDER BY `id`',
      values: [1, 2],
    });
  });

  it('asks the catalogue about exactly the named tables, in the current schema unless one is given', () => {
    const statement = catalogueColumns('mysql', [{ name: 'customers' }, { name: 'orders', schema: 'archive' }]);
    expect(statement.text).toContain('(table_schema = DATABASE() AND table_name = ?) OR (table_schema = ? AND table_name = ?)');
    expect(statement.values).toEqual(['customers', 'archive', 'orders']);
    expect(catalogueColumns('mssql', [{ name: 'customers' }]).text).toContain('table_schema = SCHEMA_NAME() AND table_name = @p1');
    expect(catalogueColumns('postgres', [{ name: 'customers' }]).text).toContain('table_schema = current_schema() AND table_name = $1');
  });
});
