-- The baseline: one pg_catalog query for every foreign key with its column names, as a
-- person would write it by hand for psql.
SELECT con.conname,
       con.conrelid::regclass AS child,
       ARRAY(SELECT attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute ON attrelid = con.conrelid AND attnum = k.n ORDER BY k.i) AS child_columns,
       con.confrelid::regclass AS parent,
       ARRAY(SELECT attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute ON attrelid = con.confrelid AND attnum = k.n ORDER BY k.i) AS parent_columns,
       con.confdeltype, con.confupdtype, con.confmatchtype, con.condeferrable, con.condeferred, con.convalidated
  FROM pg_constraint con
 WHERE con.contype = 'f';
