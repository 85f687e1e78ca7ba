#include "RandomSchema.h"

#include "catalog/Identifier.h"

#include <QRandomGenerator>

namespace fkscope::test {

namespace {

const QStringList actions{QStringLiteral("NO ACTION"), QStringLiteral("RESTRICT"), QStringLiteral("CASCADE"),
                          QStringLiteral("SET NULL"), QStringLiteral("SET DEFAULT")};

} // namespace

RandomSchema RandomSchema::generate(quint32 seed, bool extras, bool withTwins)
{
    QRandomGenerator random(seed);
    RandomSchema g;
    // The data comes from the server's random(), seeded too, so a seed replays exactly.
    g.statements << QStringLiteral("SELECT setseed(%1)").arg(double(seed % 1000) / 1000.0);
    const int tableCount = 2 + random.bounded(7);
    for (int i = 0; i < tableCount; ++i) {
        GeneratedTable t;
        const bool odd = random.bounded(4) == 0;
        t.name = odd ? QStringLiteral("Tab %1").arg(i) : QStringLiteral("t%1").arg(i);
        t.qualified = QStringLiteral("public.") + (odd ? quoteIdentifier(t.name) : t.name);
        t.rows = 3 + random.bounded(25);
        t.partitioned = random.bounded(6) == 0;
        if (t.partitioned) {
            // A unique key on a partitioned table must contain the partition key.
            g.statements << QStringLiteral("CREATE TABLE %1 (id int, u1 int, u2 int, PRIMARY KEY (id), "
                                           "UNIQUE (u1, u2, id)) PARTITION BY RANGE (id)")
                                .arg(quoteIdentifier(t.name));
            g.statements << QStringLiteral("CREATE TABLE %1 PARTITION OF %2 FOR VALUES FROM (MINVALUE) TO (10)")
                                .arg(quoteIdentifier(t.name + QStringLiteral("_low")), quoteIdentifier(t.name));
            g.statements << QStringLiteral("CREATE TABLE %1 PARTITION OF %2 FOR VALUES FROM (10) TO (MAXVALUE)")
                                .arg(quoteIdentifier(t.name + QStringLiteral("_high")), quoteIdentifier(t.name));
        } else {
            g.statements << QStringLiteral("CREATE TABLE %1 (id int PRIMARY KEY, u1 int, u2 int, UNIQUE (u1, u2))")
                                .arg(quoteIdentifier(t.name));
        }
        g.statements << QStringLiteral("INSERT INTO %1 SELECT g, g, g * 10 FROM generate_series(1, %2) g")
                            .arg(quoteIdentifier(t.name))
                            .arg(t.rows);
        g.tables.push_back(t);
    }

    const int keyCount = 1 + random.bounded(2 * tableCount);
    QStringList constraints;
    // Twins: a second key on the same columns to the same parent with another action, created
    // before or after the first. Their triggers fire in creation order, and a SET NULL or
    // SET DEFAULT that fires first changes what the other one sees. Drawn from a generator of
    // their own, so that a seed gives the same other keys either way.
    QRandomGenerator twins(seed ^ 0x7a1);
    std::vector<SingleColumnKey> singleColumnKeys;
    for (int k = 0; k < keyCount; ++k) {
        const GeneratedTable &child = g.tables[random.bounded(int(g.tables.size()))];
        const GeneratedTable &parent = g.tables[random.bounded(int(g.tables.size()))];
        const bool composite = !parent.partitioned && random.bounded(3) == 0;
        const bool reversed = composite && random.bounded(2);
        const bool full = composite && random.bounded(2);
        const QString a = QStringLiteral("f%1_a").arg(k), b = QStringLiteral("f%1_b").arg(k);
        g.statements << QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 int, ADD COLUMN %3 int")
                            .arg(quoteIdentifier(child.name), a, b);
        // Child rows point at random parent rows; some point nowhere (NULL), and with MATCH
        // SIMPLE a half-NULL composite key points nowhere either.
        const QString nullChance = QString::number(random.bounded(40));
        const QString pick = QStringLiteral("(1 + (random() * %1)::int % %1)").arg(parent.rows);
        QString fill = QStringLiteral("UPDATE %1 SET %2 = CASE WHEN random() * 100 < %3 THEN NULL ELSE %4 END")
                           .arg(quoteIdentifier(child.name), a, nullChance, pick);
        g.statements << fill;
        QString references;
        if (composite) {
            g.statements << QStringLiteral("UPDATE %1 SET %2 = %3 * 10").arg(quoteIdentifier(child.name), b, a);
            if (!full)
                g.statements << QStringLiteral("UPDATE %1 SET %2 = NULL WHERE random() < 0.1").arg(quoteIdentifier(child.name), b);
            if (reversed) {
                g.statements << QStringLiteral("UPDATE %1 SET %2 = %3 / 10, %3 = %2 * 10")
                                    .arg(quoteIdentifier(child.name), a, b);
                references = QStringLiteral("(%1, %2) REFERENCES %3 (u2, u1)").arg(b, a, quoteIdentifier(parent.name));
            } else {
                references = QStringLiteral("(%1, %2) REFERENCES %3 (u1, u2)").arg(a, b, quoteIdentifier(parent.name));
            }
        } else {
            references = QStringLiteral("(%1) REFERENCES %2 (id)").arg(a, quoteIdentifier(parent.name));
            if (!parent.partitioned)
                singleColumnKeys.push_back({child.name, parent.name, a, parent.rows});
        }
        // Defaults that point at the parent's first row: deleting that row makes SET DEFAULT
        // fail, deleting any other one does not.
        if (random.bounded(3) == 0) {
            g.statements << QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 SET DEFAULT %3, ALTER COLUMN %4 SET DEFAULT %5")
                                .arg(quoteIdentifier(child.name), a, reversed ? QStringLiteral("10") : QStringLiteral("1"), b,
                                     reversed ? QStringLiteral("1") : QStringLiteral("10"));
        }
        QString action = actions[random.bounded(actions.size())];
        if (composite && (action == QLatin1String("SET NULL") || action == QLatin1String("SET DEFAULT"))
            && random.bounded(2))
            action += QStringLiteral(" (%1)").arg(random.bounded(2) ? a : b);
        QString sql = QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT k%2 FOREIGN KEY %3%4 ON DELETE %5")
                          .arg(quoteIdentifier(child.name))
                          .arg(k)
                          .arg(references, full ? QStringLiteral(" MATCH FULL") : QString(), action);
        if (random.bounded(4) == 0)
            sql += random.bounded(2) ? QStringLiteral(" DEFERRABLE INITIALLY DEFERRED") : QStringLiteral(" DEFERRABLE");
        constraints << sql;
        for (int twin = 0, count = !withTwins || twins.bounded(3) == 0 ? 0 : 1 + twins.bounded(2); twin < count; ++twin) {
            QString twinAction = actions[twins.bounded(actions.size())];
            if (composite && (twinAction == QLatin1String("SET NULL") || twinAction == QLatin1String("SET DEFAULT"))
                && twins.bounded(2))
                twinAction += QStringLiteral(" (%1)").arg(twins.bounded(2) ? a : b);
            QString twinSql = QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT k%2_twin%3 FOREIGN KEY %4%5 ON DELETE %6")
                                  .arg(quoteIdentifier(child.name))
                                  .arg(k)
                                  .arg(twin)
                                  .arg(references, full ? QStringLiteral(" MATCH FULL") : QString(), twinAction);
            if (twins.bounded(4) == 0)
                twinSql += QStringLiteral(" DEFERRABLE INITIALLY DEFERRED");
            constraints.insert(twins.bounded(constraints.size() + 1), twinSql);
        }
    }
    const QStringList otherKeyTwins = withTwins ? g.addOtherKeys(seed, singleColumnKeys) : QStringList();
    g.statements += constraints;
    g.statements += otherKeyTwins;
    if (extras)
        g.addExtras(seed);
    return g;
}

// Twins on the same column that reference another unique key of the parent, "alt", which
// holds the ids turned by one (alt = id + 1, the last row's 1): the same value names another
// parent row through each key, and the order of the two keys' triggers is the order of two
// rows. The alt columns are added now, before any key exists (an UPDATE of a referenced table
// would leave deferred checks pending, and an ALTER TABLE in the same transaction fails); the
// twins are returned to be created after every other key, so that the keys before them get
// the triggers of a seed without them. Drawn from a generator of their own.
QStringList RandomSchema::addOtherKeys(quint32 seed, const std::vector<SingleColumnKey> &keys)
{
    QRandomGenerator random(seed ^ 0xa17);
    QStringList withAlt, twins;
    for (int k = 0; k < int(keys.size()); ++k) {
        if (random.bounded(4) != 0)
            continue;
        const SingleColumnKey &key = keys[k];
        if (!withAlt.contains(key.parent)) {
            withAlt << key.parent;
            statements << QStringLiteral("ALTER TABLE %1 ADD COLUMN alt int UNIQUE").arg(quoteIdentifier(key.parent));
            statements << QStringLiteral("UPDATE %1 SET alt = id % %2 + 1").arg(quoteIdentifier(key.parent)).arg(key.parentRows);
        }
        twins << QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT other%2 FOREIGN KEY (%3) REFERENCES %4 (alt) ON DELETE %5")
                     .arg(quoteIdentifier(key.child))
                     .arg(k)
                     .arg(key.column, quoteIdentifier(key.parent), actions[random.bounded(actions.size())]);
    }
    return twins;
}

// Drawn from a generator of their own, so that a seed gives the same base schema either way.
void RandomSchema::addExtras(quint32 seed)
{
    QRandomGenerator random(seed ^ 0x5eed);
    const auto action = [&] { return actions[random.bounded(actions.size() - 1)]; };  // no SET DEFAULT
    std::vector<GeneratedTable> plain;
    for (const GeneratedTable &t : tables) {
        if (!t.partitioned)
            plain.push_back(t);
    }
    // A table without any key: its rows can only be named by what they reference.
    const GeneratedTable &logged = tables[random.bounded(int(tables.size()))];
    statements << QStringLiteral("CREATE TABLE \"log of %1\" (ref int REFERENCES %2 (id) ON DELETE %3, note text)")
                      .arg(logged.name, logged.qualified, action());
    statements << QStringLiteral("INSERT INTO \"log of %1\" SELECT CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + g % %2 END, "
                                 "'same' FROM generate_series(1, %3) g")
                      .arg(logged.name)
                      .arg(logged.rows)
                      .arg(2 * logged.rows);
    if (plain.empty())
        return;
    // An INHERITS child sharing ids with its parent: DELETE FROM the parent removes its rows
    // too, but the keys that reference the parent do not see them.
    const GeneratedTable parent = plain[random.bounded(int(plain.size()))];
    GeneratedTable kid;
    kid.name = parent.name + QStringLiteral(" kid");
    kid.qualified = QStringLiteral("public.") + quoteIdentifier(kid.name);
    kid.rows = 5;
    statements << QStringLiteral("CREATE TABLE %1 (extra int) INHERITS (%2)").arg(kid.qualified, parent.qualified);
    statements << QStringLiteral("ALTER TABLE %1 ADD PRIMARY KEY (id)").arg(kid.qualified);
    statements << QStringLiteral("INSERT INTO %1 (id, u1, u2) SELECT g, g, g * 10 FROM generate_series(1, 5) g").arg(kid.qualified);
    statements << QStringLiteral("CREATE TABLE \"ref of kid\" (id int PRIMARY KEY, kid_id int REFERENCES %1 ON DELETE %2)")
                      .arg(kid.qualified, action());
    statements << QStringLiteral("INSERT INTO \"ref of kid\" SELECT g, 1 + g % 5 FROM generate_series(1, 8) g");
    tables.push_back(kid);
}


} // namespace fkscope::test
