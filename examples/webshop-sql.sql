-- Sample schema of an in-house web shop database, for the data map in webshop-sql.yaml.
-- Runs unchanged on PostgreSQL and on MariaDB/MySQL (plain types, explicit keys):
--   psql -d webshop -f examples/webshop-sql.sql
--   mariadb webshop < examples/webshop-sql.sql

CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  customer_no VARCHAR(20) NOT NULL,
  full_name VARCHAR(200),
  email VARCHAR(200),
  phone VARCHAR(40),
  street VARCHAR(200),
  processing_restricted BOOLEAN NOT NULL DEFAULT FALSE,
  created_on DATE NOT NULL
);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL,
  ordered_on DATE NOT NULL,
  total_nok DECIMAL(10, 2) NOT NULL,
  delivery_address VARCHAR(200),
  processing_restricted BOOLEAN NOT NULL DEFAULT FALSE,
  FOREIGN KEY (customer_id) REFERENCES customers (id)
);

CREATE TABLE newsletter_signups (
  id INTEGER PRIMARY KEY,
  email VARCHAR(200) NOT NULL,
  signed_up_on DATE NOT NULL
);

-- Two customers. Ola's first order is from 2019 (past the 5-year bookkeeping limit since
-- 2024-12-31), his second from 2025 (kept until 2030-12-31).
INSERT INTO customers (id, customer_no, full_name, email, phone, street, created_on) VALUES
  (1, 'K-1001', 'Ola Nordmann', 'ola.nordmann@example.no', '912 34 567', 'Storgata 1, 0155 Oslo', '2018-11-02'),
  (2, 'K-1002', 'Kari Hansen', 'kari.hansen@example.no', '+47 987 65 432', 'Bryggen 4, 5003 Bergen', '2024-01-15');

INSERT INTO orders (id, customer_id, ordered_on, total_nok, delivery_address) VALUES
  (101, 1, '2019-03-05', 499.00, 'Storgata 1, 0155 Oslo'),
  (102, 1, '2025-06-10', 1299.50, 'Storgata 1, 0155 Oslo'),
  (103, 2, '2025-02-01', 349.00, 'Bryggen 4, 5003 Bergen');

INSERT INTO newsletter_signups (id, email, signed_up_on) VALUES
  (1, 'ola.nordmann@example.no', '2023-05-01'),
  (2, 'kari.hansen@example.no', '2024-01-15');
