#!/usr/bin/env python3
"""Prints SQL for a large generated schema: TABLES tables spread over a few schemas and KEYS
foreign keys between them (random parents, a mix of actions, some composite and
self-referencing keys). The same seed gives the same schema.

    generate_schema.py --tables 3000 --keys 4500 --seed 1 > schema.sql
"""
import argparse
import random

ACTIONS = ["NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=3000)
    parser.add_argument("--keys", type=int, default=4500)
    parser.add_argument("--schemas", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    print("SET client_min_messages = warning;")
    print("BEGIN;")
    for s in range(args.schemas):
        print(f"CREATE SCHEMA s{s};")
    tables = []
    for t in range(args.tables):
        name = f"s{t % args.schemas}.t{t}"
        tables.append(name)
        print(f"CREATE TABLE {name} (id int PRIMARY KEY, a int, b int, label text, "
              f"created_at timestamptz DEFAULT now(), UNIQUE (a, b));")
    for k in range(args.keys):
        child = rng.randrange(args.tables)
        # Mostly point at earlier tables (a layered schema), sometimes anywhere.
        parent = rng.randrange(child + 1) if rng.random() < 0.9 else rng.randrange(args.tables)
        action = rng.choice(ACTIONS)
        if rng.random() < 0.2:
            print(f"ALTER TABLE {tables[child]} ADD COLUMN k{k}_a int, ADD COLUMN k{k}_b int, "
                  f"ADD CONSTRAINT fk_{k} FOREIGN KEY (k{k}_a, k{k}_b) REFERENCES {tables[parent]} (a, b) "
                  f"ON DELETE {action};")
        else:
            print(f"ALTER TABLE {tables[child]} ADD COLUMN k{k} int, "
                  f"ADD CONSTRAINT fk_{k} FOREIGN KEY (k{k}) REFERENCES {tables[parent]} (id) "
                  f"ON DELETE {action};")
    print("COMMIT;")
    print("ANALYZE;")


if __name__ == "__main__":
    main()
