// The layered closure plan against the recursive walk, on generated schemas whose keys form
// no cycle: composite keys (some MATCH FULL, some NOT VALID with orphans), keys between
// columns of different types, partitioned parents and children, INHERITS children, NULL keys
// and odd names. For every root and both directions, the two plans must name the same rows
// (tableoid, ctid) and the same orphans; the recursive walk is itself judged against
// PostgreSQL by tst_insertscript_random and tst_copy_random.
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/CatalogLoader.h"
#include "catalog/Identifier.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "script/LayeredClosureQuery.h"
#include "script/RowClosureQuery.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

struct AcyclicSchema {
    QStringList statements;
    QStringList tables;  // quoted, in creation order
    QStringList names;   // the same, raw
    std::vector<int> rows;
};

struct GeneratedKey {
    QString name;
    QStringList childColumns, parentColumns;
    QString parent;  // quoted
    bool matchFull = false;
    bool notValid = false;
};

// Keys only from a later table to an earlier one, so they form no cycle.
AcyclicSchema generateAcyclic(quint32 seed)
{
    QRandomGenerator random(seed);
    AcyclicSchema g;
    g.statements << QStringLiteral("SELECT setseed(%1)").arg(double(seed % 1000) / 1000.0);
    const int tableCount = 3 + random.bounded(6);
    std::vector<bool> partitioned;
    for (int i = 0; i < tableCount; ++i) {
        const QString name = random.bounded(4) == 0 ? QStringLiteral("Tab %1").arg(i) : QStringLiteral("t%1").arg(i);
        const QString quoted = quoteIdentifier(name);
        const int rows = 5 + random.bounded(40);
        const bool isPartitioned = random.bounded(4) == 0;
        QStringList columns{QStringLiteral("id int"), QStringLiteral("a int"), QStringLiteral("b text")};
        QStringList values{QStringLiteral("g"), QStringLiteral("g % 7"), QStringLiteral("'v' || (g / 7)")};
        std::vector<GeneratedKey> keys;
        for (int parent = 0; parent < i; ++parent) {
            if (random.bounded(3) != 0)
                continue;
            GeneratedKey key;
            key.name = QStringLiteral("k%1_%2").arg(i).arg(parent);
            key.parent = g.tables[parent];
            key.notValid = !isPartitioned && random.bounded(5) == 0;  // not supported there
            // Values that follow the keys: mostly parent rows, some NULLs, some orphans (kept
            // only where the key is NOT VALID; cleared below for the others).
            if (!partitioned[parent] && random.bounded(3) == 0) {
                key.childColumns = {QStringLiteral("p%1_a").arg(parent), QStringLiteral("p%1_b").arg(parent)};
                key.parentColumns = {QStringLiteral("a"), QStringLiteral("b")};
                key.matchFull = random.bounded(2) == 0;
                columns << key.childColumns[0] + QStringLiteral(" int") << key.childColumns[1] + QStringLiteral(" text");
                values << QStringLiteral("CASE WHEN random() < 0.1 THEN NULL ELSE (random() * 7)::int END")
                       << QStringLiteral("CASE WHEN random() < 0.1 THEN NULL ELSE 'v' || (random() * 6)::int END");
            } else {
                // bigint referencing int now and then: a key between columns of different types.
                const QString type = random.bounded(3) == 0 ? QStringLiteral("bigint") : QStringLiteral("int");
                key.childColumns = {QStringLiteral("p%1").arg(parent)};
                key.parentColumns = {QStringLiteral("id")};
                columns << key.childColumns[0] + QLatin1Char(' ') + type;
                values << QStringLiteral("CASE WHEN random() < 0.1 THEN NULL ELSE (1 + random() * %1)::%2 END")
                              .arg(g.rows[parent] + 3)
                              .arg(type);
            }
            keys.push_back(key);
        }
        if (isPartitioned) {
            g.statements << QStringLiteral("CREATE TABLE %1 (%2, PRIMARY KEY (id)) PARTITION BY RANGE (id)")
                                .arg(quoted, columns.join(QStringLiteral(", ")));
            g.statements << QStringLiteral("CREATE TABLE %1 PARTITION OF %2 FOR VALUES FROM (MINVALUE) TO (%3)")
                                .arg(quoteIdentifier(name + QStringLiteral(" low")), quoted)
                                .arg(rows / 2);
            g.statements << QStringLiteral("CREATE TABLE %1 PARTITION OF %2 FOR VALUES FROM (%3) TO (MAXVALUE)")
                                .arg(quoteIdentifier(name + QStringLiteral(" high")), quoted)
                                .arg(rows / 2);
        } else {
            g.statements << QStringLiteral("CREATE TABLE %1 (%2, PRIMARY KEY (id), UNIQUE (a, b))")
                                .arg(quoted, columns.join(QStringLiteral(", ")));
        }
        g.statements << QStringLiteral("INSERT INTO %1 SELECT %2 FROM generate_series(1, %3) g")
                            .arg(quoted, values.join(QStringLiteral(", ")))
                            .arg(rows);
        if (!isPartitioned && random.bounded(5) == 0) {
            // An INHERITS child: its rows are not the table's rows to the keys on it.
            const QString heir = quoteIdentifier(name + QStringLiteral(" heir"));
            g.statements << QStringLiteral("CREATE TABLE %1 () INHERITS (%2)").arg(heir, quoted);
            g.statements << QStringLiteral("INSERT INTO %1 SELECT * FROM ONLY %2 WHERE id <= 3").arg(heir, quoted);
        }
        // Dangling values cleared first, keys added after, so no UPDATE meets a key.
        for (const GeneratedKey &key : keys) {
            if (key.notValid)
                continue;
            QStringList cleared, match;
            for (int c = 0; c < key.childColumns.size(); ++c) {
                cleared << quoteIdentifier(key.childColumns[c]) + QStringLiteral(" = NULL");
                match << QStringLiteral("p.%1 = c.%2").arg(quoteIdentifier(key.parentColumns[c]), quoteIdentifier(key.childColumns[c]));
            }
            g.statements << QStringLiteral("UPDATE %1%2 c SET %3 WHERE NOT EXISTS (SELECT FROM %4 p WHERE %5)")
                                .arg(isPartitioned ? QString() : QStringLiteral("ONLY "), quoted, cleared.join(QStringLiteral(", ")),
                                     key.parent, match.join(QStringLiteral(" AND ")));
        }
        for (const GeneratedKey &key : keys) {
            g.statements << QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 FOREIGN KEY (%3) REFERENCES %4 (%5)%6%7")
                                .arg(quoted, key.name, key.childColumns.join(QStringLiteral(", ")), key.parent,
                                     key.parentColumns.join(QStringLiteral(", ")),
                                     key.matchFull ? QStringLiteral(" MATCH FULL") : QString(),
                                     key.notValid ? QStringLiteral(" NOT VALID") : QString());
        }
        g.tables << quoted;
        g.names << name;
        g.rows.push_back(rows);
        partitioned.push_back(isPartitioned);
    }
    return g;
}

const Table *tableNamed(const Catalog &catalog, const QString &name)
{
    for (const Table &table : catalog.tables) {
        if (table.schema == QLatin1String("public") && table.name == name)
            return &table;
    }
    return nullptr;
}

// The 'r' and 'o' lines of a closure, as "kind rel tid key".
QSet<QString> closureLines(const QSqlDatabase &db, const QString &sql, QString &error)
{
    QSet<QString> lines;
    auto result = runQuery(db, sql);
    if (!result.ok()) {
        error = result.error().message;
        return lines;
    }
    QSqlQuery &query = result.value();
    while (query.next()) {
        lines.insert(QStringLiteral("%1 %2 %3 %4").arg(query.value(0).toString(), query.value(2).toString(),
                                                        query.value(3).toString(), query.value(1).toString()));
    }
    return lines;
}

} // namespace

class TestLayeredClosure : public QObject {
    Q_OBJECT

    static constexpr int seedCount = 150;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_db.isValid(), qPrintable(m_db.error()));
        auto connection = Connection::open(m_db.connInfo());
        QVERIFY2(connection.ok(), qPrintable(connection.error().message));
        m_connection = std::move(connection.value());
        QVERIFY(runQuery(m_connection->database(), QStringLiteral("SET client_min_messages = warning")).ok());
        // Never-analyzed tables make the recursive walk look costly enough for JIT, which then
        // spends two seconds compiling a query that runs in a millisecond.
        QVERIFY(runQuery(m_connection->database(), QStringLiteral("SET jit = off")).ok());
    }

    void sameRowsAsTheRecursiveWalk_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 1; seed <= seedCount; ++seed)
            QTest::addRow("seed %u", seed) << seed;
    }

    void sameRowsAsTheRecursiveWalk()
    {
        QFETCH(quint32, seed);
        const AcyclicSchema schema = generateAcyclic(seed);
        const QSqlDatabase db = m_connection->database();
        const QStringList statements = QStringList{QStringLiteral("DROP SCHEMA public CASCADE"), QStringLiteral("CREATE SCHEMA public")}
            + schema.statements;
        for (const QString &statement : statements) {
            auto done = runQuery(db, statement);
            QVERIFY2(done.ok(), qPrintable(QStringLiteral("seed %1: %2: %3").arg(seed).arg(statement, done.error().message)));
        }
        auto catalog = CatalogLoader(*m_connection).load();
        QVERIFY(catalog.ok());

        QRandomGenerator random(seed ^ 0x5eed);
        for (int attempt = 0; attempt < 4; ++attempt) {
            const int index = random.bounded(int(schema.tables.size()));
            const Table *root = tableNamed(catalog.value(), schema.names[index]);
            QVERIFY2(root, qPrintable(schema.names[index]));
            const QString condition = QStringLiteral("t.id <= %1").arg(1 + random.bounded(schema.rows[index] / 2 + 1));
            for (bool withDependents : {false, true}) {
                const QString where = QStringLiteral("seed %1, %2 WHERE %3%4")
                                          .arg(seed)
                                          .arg(root->qualifiedName, condition,
                                               withDependents ? QStringLiteral(", with dependents") : QString());
                RowClosureQuery query(catalog.value(), *root, condition);
                const QString layeredSql = query.sql(withDependents, false);
                query.setRecursiveOnly(true);
                const QString recursiveSql = query.sql(withDependents, false);
                const bool inherits = tableNamed(catalog.value(), root->name + QStringLiteral(" heir"));
                // The layered plan must be the one taken, except for a root with INHERITS children.
                QCOMPARE(layeredSql != recursiveSql, !inherits);
                QString error;
                const QSet<QString> layered = closureLines(db, layeredSql, error);
                QVERIFY2(error.isEmpty(), qPrintable(where + QStringLiteral(": ") + error));
                const QSet<QString> recursive = closureLines(db, recursiveSql, error);
                QVERIFY2(error.isEmpty(), qPrintable(where + QStringLiteral(": ") + error));
                QVERIFY2(!recursive.isEmpty(), qPrintable(where));
                QVERIFY2(layered == recursive,
                         qPrintable(QStringLiteral("%1: layered %2 lines, recursive %3; only layered: %4; only recursive: %5")
                                        .arg(where)
                                        .arg(layered.size())
                                        .arg(recursive.size())
                                        .arg(QStringList((layered - recursive).values()).mid(0, 5).join(QStringLiteral("; ")),
                                             QStringList((recursive - layered).values()).mid(0, 5).join(QStringLiteral("; ")))));
                m_rows += layered.size();
            }
        }
    }

    void cleanupTestCase() { qInfo("%lld closure lines compared", m_rows); }

private:
    TestDatabase m_db{QStringLiteral("closure")};
    std::unique_ptr<Connection> m_connection;
    qint64 m_rows = 0;
};

FKSCOPE_TEST_GUILESS_MAIN(TestLayeredClosure)
#include "tst_layeredclosure.moc"
