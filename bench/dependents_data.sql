-- One user (id 1) whose DELETE reaches about 1,000,000 rows over 3 levels: 100,000 orders,
-- 800,000 order items, 100,000 shipments; 999 other users with 10 orders each.
SET client_min_messages = warning;
CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
                     placed_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE order_items (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders ON DELETE CASCADE,
                          sku text NOT NULL, quantity int NOT NULL);
CREATE TABLE shipments (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders ON DELETE CASCADE,
                        carrier text);
INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 1000) g;
INSERT INTO orders (id, user_id) SELECT g, 1 FROM generate_series(1, 100000) g;
INSERT INTO orders (id, user_id) SELECT 100000 + g, 2 + (g - 1) / 10 FROM generate_series(1, 9990) g;
INSERT INTO order_items SELECT g, 1 + (g - 1) / 8, 'SKU-' || (g % 5000), 1 + g % 3
  FROM generate_series(1, 800000) g;
INSERT INTO order_items SELECT 800000 + g, 100000 + 1 + (g - 1) / 8, 'SKU-' || (g % 5000), 1
  FROM generate_series(1, 79920) g;
INSERT INTO shipments SELECT g, g, 'dhl' FROM generate_series(1, 109990) g;
CREATE INDEX ON orders (user_id);
CREATE INDEX ON order_items (order_id);
CREATE INDEX ON shipments (order_id);
VACUUM ANALYZE;
