#!/usr/bin/env python3
"""Prints SQL for a realistic schema of about 500 tables over 9 schemas, the way a grown
application database looks: a few hub tables referenced by dozens of others, lookup tables
keyed by a code, about 100 many-to-many link tables (some with extra columns, which make them
entities and not links), composite keys, partitioned tables, and three naming styles for key
columns: `customer_id` -> customer.id, a column named as its table (`customer`) -> customer.id,
and `customerid` -> customer.customerid. The same seed gives the same schema.

    generate_realistic_schema.py --seed 1 > realistic.sql && psql -v ON_ERROR_STOP=1 -f realistic.sql
"""
import argparse
import random

SCHEMAS = {
    # schema: (naming style, hub tables, entity stems)
    "core": ("x_id", ["account", "person"], ["tenant", "address", "country_region", "phone", "email", "session",
                                              "device", "preference", "note", "attachment", "tag", "team",
                                              "membership", "invitation", "api_key", "webhook", "locale_text",
                                              "feature_flag", "quota", "usage_record", "login_event", "consent",
                                              "document", "folder", "comment", "reaction", "mention",
                                              "notification", "subscription_plan", "organization"]),
    "sales": ("x", ["customer", "sales_order"], ["quote", "quote_line", "order_line", "discount", "coupon",
                                                 "campaign", "lead", "opportunity", "pipeline_stage", "deal",
                                                 "contract", "contract_term", "territory", "sales_rep", "commission",
                                                 "forecast", "price_list", "price_rule", "return_request",
                                                 "return_line", "shipment", "shipment_line", "carrier",
                                                 "delivery_slot", "cart", "cart_item", "wishlist", "referral",
                                                 "affiliate", "payout"]),
    "catalog": ("xid", ["product"], ["brand", "category", "variant", "attribute", "attribute_value", "image",
                                     "video", "review", "rating", "question", "answer", "bundle", "bundle_item",
                                     "collection", "supplier", "supplier_contact", "manufacturer", "spec_sheet",
                                     "compliance", "warranty", "unit", "packaging", "barcode", "listing",
                                     "marketplace", "channel", "feed", "feed_item", "seo_entry", "badge"]),
    "inventory": ("x_id", ["warehouse", "stock_item"], ["bin", "aisle", "zone", "lot", "serial", "stock_move",
                                                        "stock_count", "count_line", "transfer", "transfer_line",
                                                        "receipt", "receipt_line", "pick_list", "pick_line",
                                                        "cycle_count", "adjustment", "reservation", "replenishment",
                                                        "vendor", "purchase_order", "po_line", "asn", "asn_line",
                                                        "dock", "yard_slot", "pallet", "container", "label_job",
                                                        "scanner", "shift"]),
    "billing": ("x", ["invoice"], ["invoice_line", "payment", "payment_method", "refund", "credit_note",
                                   "credit_line", "tax_rate", "tax_zone", "ledger", "ledger_entry", "journal",
                                   "journal_line", "fiscal_period", "currency_rate", "dunning", "dunning_step",
                                   "billing_account", "billing_cycle", "usage_charge", "fee", "payout_batch",
                                   "bank_account", "bank_statement", "statement_line", "reconciliation",
                                   "write_off", "chargeback", "dispute", "gateway", "settlement"]),
    "hr": ("xid", ["employee"], ["department", "position", "job_grade", "salary", "bonus", "leave_request",
                                 "leave_type_rule", "timesheet", "timesheet_line", "shift_plan", "training",
                                 "course", "certificate", "review_cycle", "performance_review", "goal", "skill",
                                 "benefit", "benefit_plan", "payroll_run", "payslip", "payslip_line", "expense",
                                 "expense_line", "applicant", "interview", "offer", "onboarding_task",
                                 "equipment", "office"]),
    "support": ("x_id", ["ticket"], ["ticket_message", "queue", "sla_policy", "sla_breach", "macro", "article",
                                     "article_version", "kb_section", "survey", "survey_answer", "escalation",
                                     "agent", "agent_group", "schedule", "holiday", "chat", "chat_message",
                                     "call", "call_recording", "voicemail", "incident", "incident_update",
                                     "problem", "change_request", "asset", "asset_assignment", "canned_reply",
                                     "satisfaction", "automation_rule", "trigger_log"]),
    "analytics": ("x", ["metric"], ["dashboard", "widget", "report", "report_run", "dataset", "dataset_column",
                                    "query_def", "schedule_def", "export_job", "segment", "segment_rule",
                                    "cohort", "funnel", "funnel_step", "experiment", "variant_arm",
                                    "event_type", "goal_def", "alert", "alert_rule", "annotation", "data_source",
                                    "connector", "sync_run", "model_def", "model_run", "score", "forecast_run",
                                    "kpi", "target"]),
    "audit": ("x_id", ["audit_actor"], ["change_set", "change_item", "access_log_rule", "retention_policy",
                                        "legal_hold", "hold_item", "review_task", "finding", "evidence",
                                        "control", "control_test", "risk", "risk_owner", "mitigation",
                                        "policy_doc", "policy_ack", "exception_req", "vendor_review",
                                        "questionnaire", "question_item", "audit_plan", "audit_scope",
                                        "sample", "sample_item", "workpaper", "signoff", "issue_log",
                                        "remediation", "attestation", "certification"]),
}
ACTIONS = ["NO ACTION", "RESTRICT", "CASCADE", "SET NULL"]


class Table:
    def __init__(self, schema, name, style, composite=False):
        self.schema, self.name, self.style, self.composite = schema, name, style, composite
        self.pk = name + "id" if style == "xid" else "id"
        self.columns = []  # (name, type, extra sql)
        self.keys = []     # (columns, parent, parent columns, action)

    @property
    def qualified(self):
        return f"{self.schema}.{self.name}"

    def key_column(self, parent, taken):
        base = {"x_id": parent.name + "_id", "x": parent.name, "xid": parent.name + "id"}[self.style]
        if parent.style == "xid" and self.style != "xid":
            base = parent.name + "id"
        name, n = base, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        return name


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    tables, hubs, lookups, by_schema = [], [], [], {}
    for schema, (style, hub_names, stems) in SCHEMAS.items():
        own = []
        for name in hub_names:
            t = Table(schema, name, style)
            hubs.append(t)
            own.append(t)
        for stem in stems:
            own.append(Table(schema, stem, style, composite=rng.random() < 0.08))
        for name in ("status", "kind", "priority", "source")[: rng.randint(2, 4)]:
            t = Table(schema, f"{schema}_{name}", style)
            t.pk = "code"
            lookups.append(t)
            own.append(t)
        by_schema[schema] = own
        tables.extend(own)

    def add_key(child, parent, action=None, nullable=True):
        taken = {c[0] for c in child.columns} | {child.pk, "tenant_id"}
        action = action or rng.choice(ACTIONS)
        if action == "SET NULL" and not nullable:
            action = "RESTRICT"
        if parent.composite:
            col = child.key_column(parent, taken)
            child.columns.append((col, "bigint", "" if nullable else " NOT NULL"))
            if not any(c[0] == "tenant_id" for c in child.columns) and not child.composite:
                child.columns.append(("tenant_id", "bigint", ""))
            if action == "SET NULL":
                action = "RESTRICT"
            child.keys.append(([("tenant_id"), col], parent, ["tenant_id", parent.pk], action))
        elif parent.pk == "code":
            col = child.key_column(parent, taken)
            child.columns.append((col, "text", "" if nullable else " NOT NULL"))
            child.keys.append(([col], parent, ["code"], action))
        else:
            col = child.key_column(parent, taken)
            child.columns.append((col, "bigint", "" if nullable else " NOT NULL"))
            child.keys.append(([col], parent, [parent.pk], action))

    # Entities: a few keys each, mostly to earlier tables of their own schema, often to a hub.
    hub_weight = [40, 25, 30, 18, 28, 15, 20, 12, 22, 10, 14, 8, 9]
    for schema, own in by_schema.items():
        entities = [t for t in own if t.pk != "code" and t not in hubs]
        own_lookups = [t for t in own if t.pk == "code"]
        for i, t in enumerate(own):
            if t.pk == "code":
                continue
            if t not in hubs or rng.random() < 0.5:
                add_key(t, rng.choice(own_lookups))
            if t in hubs:
                continue
            for _ in range(rng.choice([1, 1, 2, 2, 3])):
                r = rng.random()
                if r < 0.45:
                    parent = rng.choices(hubs, weights=hub_weight[: len(hubs)])[0]
                elif r < 0.9 and i > 2:
                    earlier = [e for e in entities[: max(1, entities.index(t))]]
                    parent = rng.choice(earlier) if earlier else rng.choice(hubs)
                else:
                    parent = rng.choice([e for e in tables if e.pk != "code" and e is not t])
                add_key(t, parent)
            if rng.random() < 0.05:  # a tree: parent_id to itself
                t.columns.append(("parent_" + t.pk, "bigint", ""))
                t.keys.append(([("parent_" + t.pk)], t, [t.pk], "CASCADE"))

    # Link tables: two keys making the primary key; some carry extra columns (not links then).
    links = []
    candidates = [t for t in tables if t.pk != "code" and not t.composite]
    for n in range(110):
        a = rng.choices(hubs, weights=hub_weight[: len(hubs)])[0] if rng.random() < 0.5 else rng.choice(candidates)
        b = rng.choice([t for t in candidates if t.schema == a.schema] if rng.random() < 0.7 else candidates)
        self_link = rng.random() < 0.04
        if self_link:
            b = a
        schema = a.schema
        name = f"{a.name}_{b.name}" if not self_link else f"{a.name}_related"
        if any(t.qualified == f"{schema}.{name}" for t in tables):
            name += f"_{n}"
        link = Table(schema, name, "x_id")
        link.pk = None
        first = a.name + "_id"
        second = (b.name + "_id") if b is not a else "related_" + a.name + "_id"
        link.columns = [(first, "bigint", " NOT NULL"), (second, "bigint", " NOT NULL")]
        link.keys = [([first], a, [a.pk], "CASCADE"), ([second], b, [b.pk], "CASCADE")]
        extra = rng.random()
        if extra < 0.55:
            pass
        elif extra < 0.85:
            link.columns += [("created_at", "timestamptz", " DEFAULT now()"), ("position", "int", "")][: rng.randint(1, 2)]
        else:  # an entity of its own: a role, a period, a note
            link.columns += [("role", "text", ""), ("valid_from", "date", ""), ("valid_to", "date", ""), ("note", "text", "")]
        link.link_pk = [first, second]
        links.append(link)
        tables.append(link)

    print("SET client_min_messages = warning;")
    print("BEGIN;")
    for schema in SCHEMAS:
        print(f"CREATE SCHEMA {schema};")
    for t in tables:
        if getattr(t, "link_pk", None):
            cols = [f"{c} {ty}{x}" for c, ty, x in t.columns] + [f"PRIMARY KEY ({', '.join(t.link_pk)})"]
        elif t.pk == "code":
            cols = ["code text PRIMARY KEY", "label text NOT NULL"]
        elif t.composite:
            cols = ["tenant_id bigint NOT NULL", f"{t.pk} bigint NOT NULL", "name text",
                    f"PRIMARY KEY (tenant_id, {t.pk})"]
            cols += [f"{c} {ty}{x}" for c, ty, x in t.columns if c != "tenant_id"]
        else:
            cols = [f"{t.pk} bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "name text",
                    "created_at timestamptz DEFAULT now()"]
            if t in hubs:  # the tables everything hangs off carry the most data
                cols += ["email text", "display_name text", "updated_at timestamptz", "settings jsonb"]
            cols += [f"{c} {ty}{x}" for c, ty, x in t.columns]
        print(f"CREATE TABLE {t.qualified} (\n    " + ",\n    ".join(cols) + "\n);")
    # Partitioned event tables: their partitions fold into them, but for one partition that
    # has a key of its own.
    for schema, hub in (("core", "account"), ("sales", "customer"), ("support", "ticket"),
                        ("analytics", "metric"), ("audit", "audit_actor")):
        parent = next(t for t in hubs if t.name == hub)
        pk = parent.pk
        col = hub + "id" if parent.style == "xid" else hub + "_id"
        print(f"CREATE TABLE {schema}.{hub}_event (id bigint NOT NULL, at date NOT NULL, {col} bigint "
              f"REFERENCES {parent.qualified} ({pk}) ON DELETE CASCADE, reviewed_by bigint, payload jsonb, "
              f"PRIMARY KEY (id, at)) "
              f"PARTITION BY RANGE (at);")
        for m in range(1, 13):
            end = f"2025-{m + 1:02d}-01" if m < 12 else "2026-01-01"
            print(f"CREATE TABLE {schema}.{hub}_event_2025_{m:02d} PARTITION OF {schema}.{hub}_event "
                  f"FOR VALUES FROM ('2025-{m:02d}-01') TO ('{end}');")
    print("ALTER TABLE core.account_event_2025_01 ADD CONSTRAINT account_event_2025_01_reviewed_by_fk "
          "FOREIGN KEY (reviewed_by) REFERENCES core.person (id) ON DELETE SET NULL;")
    for t in tables:
        for i, (cols, parent, pcols, action) in enumerate(t.keys):
            print(f"ALTER TABLE {t.qualified} ADD CONSTRAINT {t.name[:40]}_fk{i} FOREIGN KEY ({', '.join(cols)}) "
                  f"REFERENCES {parent.qualified} ({', '.join(pcols)}) ON DELETE {action};")
    print("COMMIT;")
    print("ANALYZE;")


if __name__ == "__main__":
    main()
