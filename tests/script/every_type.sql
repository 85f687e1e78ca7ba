-- A table with a column of every kind of type whose text form must round-trip, and rows
-- at the edges of each: NULL and '', NaN, infinities, BC dates, odd zones, quotes, backslashes.
CREATE SCHEMA "Odd ""Schema""";
CREATE TYPE "Odd ""Schema""".mood AS ENUM ('sad', 'ok', 'it''s "fine"');
CREATE DOMAIN "Odd ""Schema""".posint AS integer CHECK (VALUE > 0);
CREATE TYPE "Odd ""Schema""".pair AS (a integer, b text, c "Odd ""Schema""".mood);
CREATE TABLE "Odd ""Schema""".everything (
    id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    t         text,
    vc        varchar(10),
    ch        char(5),
    n         numeric,
    n2        numeric(10,3),
    f4        real,
    f8        double precision,
    b         bytea,
    ts        timestamp(3),
    tstz      timestamptz,
    d         date,
    tm        time,
    ttz       timetz,
    iv        interval,
    j         json,
    jb        jsonb,
    u         uuid,
    m         "Odd ""Schema""".mood,
    dom       "Odd ""Schema""".posint,
    comp      "Odd ""Schema""".pair,
    ia        integer[],
    ta        text[],
    ma        "Odd ""Schema""".mood[],
    r         int4range,
    tr        tstzrange,
    nm        nummultirange,
    bits      bit varying(8),
    bo        boolean,
    ip        inet,
    rc        regclass,
    "Ünï ""cöl"" $x" text,
    twice     integer GENERATED ALWAYS AS (id * 2) STORED
);
INSERT INTO "Odd ""Schema""".everything
    (t, vc, ch, n, n2, f4, f8, b, ts, tstz, d, tm, ttz, iv, j, jb, u, m, dom, comp, ia, ta, ma, r, tr, nm, bits, bo, ip, rc,
     "Ünï ""cöl"" $x")
VALUES
    ('', '', '', 0, 0, 0, 0, '', '2024-01-01', '2024-01-01 00:00+00', '2024-01-01', '00:00', '00:00+00', '0',
     '{}', '{}', '00000000-0000-0000-0000-000000000000', 'sad', 1, ROW(NULL, '', NULL), '{}', '{}', '{}', 'empty', 'empty', '{}',
     B'', false, '0.0.0.0', 'pg_class', ''),
    ('it''s a "quote" \ and a backslash', 'ünïcödé ☃', 'ab', 'NaN', 12345.678, 'Infinity', -0.0, '\x00ff5c27',
     '2024-02-29 23:59:59.999', '2024-03-31 02:30:00 Europe/Berlin', '0044-03-15 BC', '24:00', '12:34:56.789+05:45',
     '-1 year +2 mons -3 days 04:05:06.789', '{"b": 1,  "a": [1, 2.50, "x"], "b": 2}', '{"b": 1, "a": {"n": null}}',
     'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'it''s "fine"', 2147483647,
     ROW(-1, 'with, comma "and" (parens)', 'it''s "fine"'), '[0:2]={1,NULL,3}', '{"NULL",NULL,"","a\\b","{}",","}',
     '{sad,"it''s \"fine\""}', '[1,10)', '[2024-01-01 00:00+01,infinity)', '{[1.5,2.5], (3,4]}', B'1011', true,
     '2001:db8::1/64', '"Odd ""Schema""".everything', E'line one\nline two\ttab'),
    ('x', NULL, NULL, '-0.000000000000000000000000000001', NULL, 'NaN', 1e-310, NULL, 'infinity', '-infinity',
     'infinity', NULL, NULL, '1 day -00:00:01', 'null', '"string"', NULL, NULL, NULL, NULL,
     '{{1,2},{3,4}}', NULL, NULL, '(,5]', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (NULL, NULL, NULL, 123456789012345678901234567890.123456789, NULL, 3.4028235e38, 0.1, NULL, NULL,
     '1999-12-31 23:59:59.999999-12', NULL, NULL, NULL, '178000000 years', NULL, '[1, 1.0, 1e2]', NULL, NULL, NULL, NULL,
     NULL, ARRAY['tab	tab', 'new
line'], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
