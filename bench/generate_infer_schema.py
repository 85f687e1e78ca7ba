#!/usr/bin/env python3
"""Prints SQL for schemas whose foreign keys fkscope-cli infer-keys should find again once they
are dropped: tables with data that follows the keys (a few keys with 1-4% orphan rows, declared
NOT VALID), in one of five naming styles:

    x_id       users, orders.user_id -> users.id, roles (billing_address_id), parent_id
    as_table   customer, invoice.customer -> customer.id, employee.manager -> employee
    xid        cust(custid), ord.custid -> cust.custid, parentid
    composite  multi-tenant: every table keyed (tenant_id, id), invoice(tenant_id, customer_id)
               -> customer(tenant_id, id); order lines keyed (order_id, line_no)
    schemas    the x_id style over three schemas, with keys across them and a table name that
               two schemas share

Columns that are no keys sit beside them: quantities, amounts, statuses, and in x_id a
legacy_<table>_id whose values mostly match no row. The same seed gives the same SQL.

    generate_infer_schema.py --style x_id --seed 1 | psql -v ON_ERROR_STOP=1 -q
    generate_infer_schema.py --style mixed --tables 3000 --no-keys    # bench/infer_keys.sh
"""
import argparse
import random

WORDS = ["customer", "order", "product", "category", "address", "review", "invoice", "payment", "shipment",
         "carrier", "warehouse", "supplier", "tag", "coupon", "employee", "department", "project", "task",
         "ticket", "agent", "queue", "contract", "account", "region", "country", "currency", "vendor", "asset",
         "document", "folder", "comment", "team", "member", "budget", "expense", "report", "metric", "device",
         "session", "campaign", "lead", "deal", "quote", "course", "lesson", "student", "teacher", "room",
         "booking", "event", "venue", "artist", "album", "track", "playlist", "channel", "message", "thread"]
SECOND = ["line", "note", "item", "entry", "rule", "plan", "step", "log", "link", "detail", "version", "slot"]
SHORT = {"customer": "cust", "order": "ord", "product": "prod", "category": "cat", "address": "addr",
         "review": "rev", "invoice": "inv", "payment": "pay", "shipment": "shp", "carrier": "carr",
         "warehouse": "whse", "supplier": "supp", "employee": "emp", "department": "dept", "project": "proj",
         "account": "acct", "region": "reg", "country": "ctry", "currency": "curr", "vendor": "vend",
         "document": "doc", "comment": "cmt", "member": "mbr", "expense": "exp", "report": "rpt",
         "device": "dev", "session": "sess", "campaign": "camp", "contract": "ctr", "ticket": "tkt"}
ROLES = ["billing", "shipping", "created_by", "approved_by", "primary", "backup", "source", "target"]


def plural(word):
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def quote(name):
    return '"' + name.replace('"', '""') + '"'


class Table:
    def __init__(self, schema, name, pk, rows):
        self.schema, self.name, self.pk, self.rows = schema, name, pk, rows
        self.columns = []   # (name, type, SQL expression for row g)
        self.keys = []      # (child columns, parent, parent columns, orphan share)
        self.tenant = False

    @property
    def qualified(self):
        return quote(self.schema) + "." + quote(self.name)


def fk_value(rng, parent, orphans, nullable):
    value = f"1 + floor(random() * {parent.rows})::int"
    if orphans:
        value = f"CASE WHEN random() < {orphans:.3f} THEN {parent.rows + 100000} + g ELSE {value} END"
    if nullable:
        value = f"CASE WHEN random() < 0.1 THEN NULL ELSE {value} END"
    return value


def stems(rng, count, words=WORDS):
    names = list(words)
    rng.shuffle(names)
    while len(names) < count:
        name = rng.choice(words) + "_" + rng.choice(SECOND)
        if name not in names:
            names.append(name)
    return names[:count]


def entity_style(rng, schema, style, count, tables_by_schema=None, words=WORDS):
    """x_id, as_table or xid tables in one schema; keys only to earlier tables (or the table itself)."""
    tables = []
    for i, stem in enumerate(stems(rng, count, words)):
        if style == "x_id":
            name, pk = plural(stem), "id"
        elif style == "as_table":
            name, pk = stem, "id"
        else:
            short = SHORT.get(stem, stem.replace("_", "")[:4] + stem.split("_")[-1][:2])
            while any(t.name == short for t in tables):
                short += "x"
            name, pk = short, short + "id"
        t = Table(schema, name, pk, rng.randint(20, 300))
        t.stem = stem
        # A table of another schema whose name this schema also uses is not referenced from here:
        # names alone could not tell the two apart, and neither could a person.
        others = tables_by_schema or []
        earlier = tables + [p for p in others if p.stem not in words and sum(o.stem == p.stem for o in others) == 1]
        parents = rng.sample(earlier, min(len(earlier), rng.choice([0, 1, 1, 2, 2, 3]))) if earlier else []
        for p in parents:
            add_reference(rng, t, p, style)
        if style == "x_id" and parents and rng.random() < 0.25:
            p = parents[0]
            for role in rng.sample(ROLES, 2):
                add_reference(rng, t, p, style, role)
        if i > 0 and rng.random() < 0.12:
            column = {"x_id": "parent_id", "as_table": "manager" if stem == "employee" else "parent",
                      "xid": "parentid"}[style]
            t.columns.append((column, "integer", f"CASE WHEN g = 1 THEN NULL ELSE 1 + floor(random() * (g - 1))::int END"))
            t.keys.append(([column], t, [pk], 0))
        t.columns.append(("quantity", "integer", "1 + floor(random() * 50)::int"))
        t.columns.append(("status", "text", "(ARRAY['new','open','done'])[1 + floor(random() * 3)::int]"))
        # Traps: names that say key where the data or the type says no.
        if style == "x_id" and parents and rng.random() < 0.3:
            p = parents[0]
            t.columns.append((f"legacy_{p.stem}_id", "integer", f"CASE WHEN random() < 0.5 THEN {p.rows + 5000} + g ELSE 1 + floor(random() * {p.rows})::int END"))
        if earlier and rng.random() < 0.2:
            p = rng.choice(earlier)
            # ids of another system: in range of nothing here
            column = {"x_id": f"external_{p.stem}_id", "as_table": f"external_{p.name}", "xid": f"ext{p.pk}"}[style]
            t.columns.append((column, "integer", f"{p.rows + 1000000} + floor(random() * 1000000)::int"))
        if earlier and rng.random() < 0.2:
            p = rng.choice(earlier)
            # the parent's name as text, not its key
            column = {"x_id": p.stem, "as_table": p.name + "_name", "xid": p.name + "name"}[style]
            if all(c[0] != column for c in t.columns):
                t.columns.append((column, "text", f"'{p.stem} ' || g"))
        tables.append(t)
    return tables


def add_reference(rng, child, parent, style, role=None):
    column = {"x_id": f"{parent.stem}_id", "as_table": parent.name, "xid": parent.pk}[style]
    if role:
        column = f"{role}_{column}"
    if any(c[0] == column for c in child.columns):
        return
    orphans = rng.choice([0.01, 0.02, 0.04]) if rng.random() < 0.2 else 0
    nullable = rng.random() < 0.3
    child.columns.append((column, "integer", fk_value(rng, parent, orphans, nullable)))
    child.keys.append(([column], parent, [parent.pk], orphans))


def composite_style(rng, schema, count):
    tenants = Table(schema, "tenants", "id", 5)
    tenants.columns.append(("name", "text", "'tenant ' || g"))
    tables = [tenants]
    for stem in stems(rng, count):
        t = Table(schema, plural(stem), "id", rng.randint(10, 60))
        t.stem, t.tenant = stem, True
        t.keys.append((["tenant_id"], tenants, ["id"], 0))
        candidates = [x for x in tables if x.tenant]
        for p in rng.sample(candidates, min(len(candidates), rng.choice([0, 1, 1, 2]))):
            column = f"{p.stem}_id"
            t.columns.append((column, "integer", f"1 + floor(random() * {p.rows})::int"))
            t.keys.append((["tenant_id", column], p, ["tenant_id", "id"], 0))
        t.columns.append(("amount", "numeric(10,2)", "round((random() * 1000)::numeric, 2)"))
        tables.append(t)
    # Lines keyed by their order and a number, referenced by (order_id, line_no) elsewhere.
    orders = Table(schema, "sales_orders", "id", 200)
    orders.stem = "sales_order"
    lines = Table(schema, "sales_order_lines", None, 600)
    lines.columns += [("sales_order_id", "integer", "1 + (g - 1) / 3"), ("line_no", "integer", "1 + (g - 1) % 3"),
                      ("quantity", "integer", "1 + floor(random() * 9)::int")]
    lines.pk_columns = ["sales_order_id", "line_no"]
    lines.keys.append((["sales_order_id"], orders, ["id"], 0))
    shipped = Table(schema, "delivered_lines", "id", 400)
    shipped.columns += [("sales_order_id", "integer", "1 + floor(random() * 200)::int"),
                        ("line_no", "integer", "1 + floor(random() * 3)::int")]
    shipped.keys.append((["sales_order_id", "line_no"], lines, ["sales_order_id", "line_no"], 0))
    return tables + [orders, lines, shipped]


def schemas_style(rng, count):
    # Each schema names its own things, as schemas do, except "notes", which two of them keep.
    third = len(WORDS) // 3
    crm = entity_style(rng, "crm", "x_id", count // 3, words=WORDS[:third] + ["note"])
    sales = entity_style(rng, "sales", "x_id", count // 3, crm, words=WORDS[third:2 * third] + ["note"])
    billing = entity_style(rng, "billing", "x_id", count - 2 * (count // 3), crm + sales, words=WORDS[2 * third:])
    return crm + sales + billing


def mixed_style(rng, count):
    styles = ["x_id", "as_table", "xid"]
    tables, schema_count = [], max(1, count // 300)
    for s in range(schema_count):
        n = count // schema_count + (1 if s < count % schema_count else 0)
        style = styles[s % len(styles)]
        tables += entity_style(rng, f"s{s:02d}_{style}", style, n)
    return tables


def table_sql(t):
    out = []
    if t.tenant:
        cols = ["tenant_id integer NOT NULL", "id integer NOT NULL"]
        cols += [f"{quote(c)} {ty}" for c, ty, _ in t.columns]
        cols.append("PRIMARY KEY (tenant_id, id)")
    elif getattr(t, "pk_columns", None):
        cols = [f"{quote(c)} {ty} NOT NULL" for c, ty, _ in t.columns]
        cols.append("PRIMARY KEY (" + ", ".join(quote(c) for c in t.pk_columns) + ")")
    else:
        cols = [f"{quote(t.pk)} integer PRIMARY KEY"] + [f"{quote(c)} {ty}" for c, ty, _ in t.columns]
    out.append(f"CREATE TABLE {t.qualified} (\n    " + ",\n    ".join(cols) + "\n);")
    if t.tenant:
        names = ["tenant_id", "id"] + [c for c, _, _ in t.columns]
        exprs = ["tn", "g"] + [e for _, _, e in t.columns]
        out.append(f"INSERT INTO {t.qualified} ({', '.join(quote(n) for n in names)})\n"
                   f"SELECT {', '.join(exprs)} FROM generate_series(1, 5) tn, generate_series(1, {t.rows}) g;")
    else:
        names = ([] if getattr(t, "pk_columns", None) else [t.pk]) + [c for c, _, _ in t.columns]
        exprs = ([] if getattr(t, "pk_columns", None) else ["g"]) + [e for _, _, e in t.columns]
        out.append(f"INSERT INTO {t.qualified} ({', '.join(quote(n) for n in names)})\n"
                   f"SELECT {', '.join(exprs)} FROM generate_series(1, {t.rows}) g;")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--style", default="x_id", choices=["x_id", "as_table", "xid", "composite", "schemas", "mixed"])
    parser.add_argument("--tables", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-keys", action="store_true", help="declare no foreign keys (bench/infer_keys.sh)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.style == "composite":
        tables = composite_style(rng, "tenant", args.tables)
    elif args.style == "schemas":
        tables = schemas_style(rng, args.tables)
    elif args.style == "mixed":
        tables = mixed_style(rng, args.tables)
    else:
        tables = entity_style(rng, args.style, args.style, args.tables)
    print(f"-- generate_infer_schema.py --style {args.style} --tables {args.tables} --seed {args.seed}")
    print("SET client_min_messages = warning;")
    print(f"SELECT setseed({(args.seed % 1000) / 1000.0});")
    for schema in sorted({t.schema for t in tables}):
        print(f"CREATE SCHEMA IF NOT EXISTS {quote(schema)};")
    for t in tables:
        print(table_sql(t))
    if not args.no_keys:
        for t in tables:
            for child_columns, parent, parent_columns, orphans in t.keys:
                print(f"ALTER TABLE {t.qualified} ADD FOREIGN KEY ({', '.join(quote(c) for c in child_columns)}) "
                      f"REFERENCES {parent.qualified} ({', '.join(quote(c) for c in parent_columns)})"
                      + (" NOT VALID;" if orphans else ";"))
    print("ANALYZE;")


if __name__ == "__main__":
    main()
