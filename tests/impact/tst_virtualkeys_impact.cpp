// dependents with virtual keys, judged by PostgreSQL. On generated schemas, each NO ACTION
// key is first declared (deferred) and then dropped and given as a virtual key: per key, the
// rows the virtual key leaves orphaned must be the rows the declared key blocked, the verdict must be
// that of the other keys alone, and a real DELETE (keys dropped) must leave exactly those rows
// pointing at nothing. A hand-made case checks the path through a real cascade.
#include "CliRun.h"
#include "RandomSchema.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

// The database's validated NO ACTION keys as a virtual-keys file, and the ALTERs that defer
// and drop them. Validated: no row of theirs points at nothing yet.
struct DeclaredKey {
    QString id;           // "child constraint", the child named as fkscope names it
    QString drop;
    QString deferred;     // SQL: the key made DEFERRABLE INITIALLY DEFERRED
    QString orphanCount;  // SQL: rows of the child referencing no parent row
};

struct DeclaredKeys {
    QByteArray file;
    std::vector<DeclaredKey> keys;
};

DeclaredKeys noActionKeys(TestDatabase &db)
{
    const QString query = QStringLiteral(R"SQL(
SELECT quote_ident(n.nspname) || '.' || quote_ident(r.relname), c.conname, c.conrelid::regclass::text,
       c.confrelid::regclass::text, quote_ident(c.conname),
       (SELECT json_agg(a.attname ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(att, n)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.att),
       (SELECT json_agg(a.attname ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(att, n)
          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.att),
       (SELECT string_agg(format('c.%I IS NOT NULL', a.attname), ' AND ') FROM unnest(c.conkey) k(att)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.att),
       (SELECT string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' AND ')
          FROM unnest(c.conkey, c.confkey) k(catt, patt)
          JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = k.catt
          JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.patt)
  FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
 WHERE c.contype = 'f' AND c.conparentid = 0 AND c.confdeltype = 'a' AND c.convalidated
 ORDER BY 1, 2)SQL");
    DeclaredKeys declared;
    QJsonArray entries;
    for (const QString &line : db.query(query)) {
        const QStringList f = line.split(QLatin1Char('|'));
        const auto list = [](const QString &json) { return QJsonDocument::fromJson(json.toUtf8()).array(); };
        entries.append(QJsonObject{{QStringLiteral("name"), f[1]}, {QStringLiteral("child"), f[2]},
                                   {QStringLiteral("child_columns"), list(f[5])}, {QStringLiteral("parent"), f[3]},
                                   {QStringLiteral("parent_columns"), list(f[6])}});
        DeclaredKey key;
        key.id = f[0] + QLatin1Char(' ') + f[1];
        key.drop = QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2").arg(f[2], f[4]);
        key.deferred = QStringLiteral("ALTER TABLE %1 ALTER CONSTRAINT %2 DEFERRABLE INITIALLY DEFERRED").arg(f[2], f[4]);
        // MATCH SIMPLE: a row with a NULL in the key references nothing and is no orphan.
        key.orphanCount = QStringLiteral("SELECT %1::text || '|' || count(*) FROM %2 c WHERE %3 AND NOT EXISTS "
                                         "(SELECT FROM %4 p WHERE %5)")
                              .arg(declared.keys.size())
                              .arg(f[2], f[7], f[3], f[8]);
        declared.keys.push_back(key);
    }
    declared.file = QJsonDocument(QJsonObject{{QStringLiteral("virtual_keys"), entries}}).toJson();
    return declared;
}

struct Dependents {
    int exitCode = -1;
    QString error;
    QJsonValue fails;
    QMap<QString, qint64> blocked;   // "table constraint" -> rows
    QMap<QString, qint64> orphaned;  // "table key" -> rows
};

Dependents runDependents(const TestDatabase &db, const QString &table, const QString &where,
                         const QString &virtualKeys = QString())
{
    QStringList arguments{QStringLiteral("dependents"), QStringLiteral("--db"), db.connInfoString(),
                          QStringLiteral("--table"), table, QStringLiteral("--where"), where};
    if (!virtualKeys.isEmpty())
        arguments << QStringLiteral("--virtual-keys") << virtualKeys;
    const CliRun run = runCli(arguments);
    Dependents d;
    d.exitCode = run.exitCode;
    d.error = run.err;
    const QJsonObject del = run.json[QStringLiteral("delete")].toObject();
    d.fails = del[QStringLiteral("fails")];
    for (const QJsonValue &b : del[QStringLiteral("blocked_by")].toArray())
        d.blocked.insert(b[QStringLiteral("table")].toString() + QLatin1Char(' ') + b[QStringLiteral("constraint")].toString(),
                         b[QStringLiteral("rows")].toInteger());
    for (const QJsonValue &o : del[QStringLiteral("orphaned")].toArray())
        d.orphaned.insert(o[QStringLiteral("table")].toString() + QLatin1Char(' ') + o[QStringLiteral("key")].toString(),
                          o[QStringLiteral("rows")].toInteger());
    return d;
}

QString describeRows(const QMap<QString, qint64> &rows)
{
    QStringList parts;
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        parts << QStringLiteral("%1=%2").arg(it.key()).arg(it.value());
    return QStringLiteral("{%1}").arg(parts.join(QStringLiteral(", ")));
}

} // namespace

class TestVirtualKeysImpact : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString save(const QByteArray &text, const QString &name)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
            return QString();
        return file.fileName();
    }

private Q_SLOTS:
    void orphanedRowsAreTheRowsADeclaredKeyBlocks_data()
    {
        QTest::addColumn<quint32>("seed");
        const quint32 first = qEnvironmentVariableIsSet("FKSCOPE_SEED") ? qEnvironmentVariableIntValue("FKSCOPE_SEED") : 1;
        const int rounds = qEnvironmentVariableIsSet("FKSCOPE_ROUNDS") ? qEnvironmentVariableIntValue("FKSCOPE_ROUNDS") : 12;
        for (int i = 0; i < rounds; ++i)
            QTest::addRow("seed %u", first + i) << quint32(first + i);
    }

    void orphanedRowsAreTheRowsADeclaredKeyBlocks()
    {
        QFETCH(quint32, seed);
        const RandomSchema generated = RandomSchema::generate(seed);
        TestDatabase db(QStringLiteral("vkimpact"));
        QVERIFY2(db.run(generated.sql()), qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(db.error())));
        const DeclaredKeys declared = noActionKeys(db);
        if (declared.keys.empty())
            return;  // nothing to compare in this schema; other seeds have keys
        const QString file = save(declared.file, QStringLiteral("seed%1.json").arg(seed));

        // Deferred, a NO ACTION key is checked at COMMIT, after every cascade: it blocks exactly
        // the rows left pointing at nothing. (An immediate one checked before a later cascade
        // removes a row still counts that row.)
        QStringList deferrals;
        for (const DeclaredKey &key : declared.keys)
            deferrals << key.deferred;
        QVERIFY2(db.run(deferrals.join(QStringLiteral(";\n"))), qPrintable(db.error()));
        // The same roots before and after the keys are dropped: the data does not change.
        QRandomGenerator random(seed);
        QStringList roots;
        for (int attempt = 0; attempt < 4; ++attempt) {
            const GeneratedTable &root = generated.tables[random.bounded(int(generated.tables.size()))];
            roots << root.qualified << QStringLiteral("id <= %1").arg(1 + random.bounded(root.rows));
        }
        std::vector<Dependents> before;
        for (int i = 0; i < roots.size(); i += 2)
            before.push_back(runDependents(db, roots[i], roots[i + 1]));
        QStringList drops, counts;
        for (const DeclaredKey &key : declared.keys) {
            drops << key.drop;
            counts << key.orphanCount;
        }
        QVERIFY2(db.run(drops.join(QStringLiteral(";\n"))), qPrintable(db.error()));

        int judged = 0;
        qint64 orphanedRows = 0;
        for (int i = 0; i < roots.size(); i += 2) {
            const Dependents &declaredRun = before[size_t(i / 2)];
            const QString context = QStringLiteral("seed %1, DELETE FROM %2 WHERE %3 (rerun: FKSCOPE_SEED=%1 "
                                                   "FKSCOPE_ROUNDS=1)").arg(seed).arg(roots[i], roots[i + 1]);
            QVERIFY2(declaredRun.exitCode == 0 || declaredRun.exitCode == 1, qPrintable(context + declaredRun.error));
            const Dependents virtualRun = runDependents(db, roots[i], roots[i + 1], file);
            QVERIFY2(virtualRun.exitCode == 0, qPrintable(context + virtualRun.error));

            // Per key: orphaned through the virtual key == blocked by the declared one.
            QMap<QString, qint64> expectedOrphans, otherBlockers = declaredRun.blocked;
            for (const DeclaredKey &key : declared.keys) {
                if (otherBlockers.contains(key.id))
                    expectedOrphans.insert(key.id, otherBlockers.take(key.id));
            }
            QVERIFY2(virtualRun.orphaned == expectedOrphans,
                     qPrintable(QStringLiteral("%1: orphaned %2, but the declared keys blocked %3")
                                    .arg(context, describeRows(virtualRun.orphaned), describeRows(expectedOrphans))));
            // A virtual key never blocks: the verdict is the other keys'.
            QVERIFY2(virtualRun.blocked == otherBlockers, qPrintable(context));
            if (!declaredRun.fails.isNull())
                QCOMPARE(virtualRun.fails.toBool(), !otherBlockers.isEmpty());

            // PostgreSQL's word: the DELETE, run, leaves those rows referencing nothing.
            if (virtualRun.fails.isBool() && !virtualRun.fails.toBool()) {
                const QStringList lines = db.query(QStringLiteral("BEGIN; DELETE FROM %1 t WHERE %2; "
                                                                  "SET CONSTRAINTS ALL IMMEDIATE; %3")
                                                       .arg(roots[i], roots[i + 1], counts.join(QStringLiteral(" UNION ALL "))));
                QVERIFY2(!lines.isEmpty(), qPrintable(context + db.error()));
                QMap<QString, qint64> actual;
                for (const QString &line : lines) {
                    const qint64 rows = line.section(QLatin1Char('|'), 1, 1).toLongLong();
                    if (rows > 0)
                        actual.insert(declared.keys[line.section(QLatin1Char('|'), 0, 0).toUInt()].id, rows);
                }
                QVERIFY2(virtualRun.orphaned == actual,
                         qPrintable(QStringLiteral("%1: predicted orphans %2, PostgreSQL left %3")
                                        .arg(context, describeRows(virtualRun.orphaned), describeRows(actual))));
                ++judged;
            }
            for (qint64 rows : virtualRun.orphaned)
                orphanedRows += rows;
        }
        qInfo("seed %u: %d virtual keys, %d roots, %d judged by a real DELETE, %lld orphaned rows in all", seed,
              int(declared.keys.size()), int(roots.size() / 2), judged, orphanedRows);
    }

    // Through a real cascade: deleting a user cascades to their accounts, whose payments (a
    // virtual key) are left pointing at nothing; the user's own notes (virtual) too.
    void orphansAreFoundThroughRealCascades()
    {
        TestDatabase db(QStringLiteral("vkcascade"));
        QVERIFY2(db.run(QStringLiteral(R"SQL(
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE accounts (id int PRIMARY KEY, user_id int REFERENCES users ON DELETE CASCADE);
CREATE TABLE payments (id int PRIMARY KEY, account_id int);
CREATE TABLE notes (id int PRIMARY KEY, user_id int, account_id int);
INSERT INTO users VALUES (1), (2);
INSERT INTO accounts VALUES (10, 1), (11, 1), (20, 2);
INSERT INTO payments VALUES (1, 10), (2, 10), (3, 11), (4, 20), (5, NULL);
INSERT INTO notes VALUES (1, 1, 20), (2, 2, NULL), (3, 1, 10);
)SQL")), qPrintable(db.error()));
        const QString file = save(R"({"virtual_keys": [
            {"child": "payments", "child_columns": ["account_id"], "parent": "accounts", "parent_columns": ["id"]},
            {"name": "notes_user", "child": "notes", "child_columns": ["user_id"], "parent": "users", "parent_columns": ["id"]},
            {"name": "notes_account", "child": "notes", "child_columns": ["account_id"], "parent": "accounts", "parent_columns": ["id"]}
        ]})", QStringLiteral("cascade.json"));
        const CliRun run = runCli({QStringLiteral("dependents"), QStringLiteral("--db"), db.connInfoString(),
                                   QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--key"),
                                   QStringLiteral("id=1"), QStringLiteral("--virtual-keys"), file});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject del = run.json[QStringLiteral("delete")].toObject();
        QCOMPARE(del[QStringLiteral("fails")].toBool(true), false);
        QMap<QString, qint64> orphaned;
        for (const QJsonValue &o : del[QStringLiteral("orphaned")].toArray())
            orphaned.insert(o[QStringLiteral("key")].toString(), o[QStringLiteral("rows")].toInteger());
        const QMap<QString, qint64> expected{{QStringLiteral("payments_account_id_fkey"), 3},
                                             {QStringLiteral("notes_user"), 2},
                                             {QStringLiteral("notes_account"), 1}};
        QVERIFY2(orphaned == expected, qPrintable(describeRows(orphaned)));
        QVERIFY2(run.json[QStringLiteral("verdict")].toString().contains(QLatin1String("leave 6 rows pointing at nothing")),
                 qPrintable(run.json[QStringLiteral("verdict")].toString()));
        // The tree marks the virtual keys.
        bool sawVirtual = false;
        for (const QJsonValue &edge : run.json[QStringLiteral("tree")].toArray())
            sawVirtual = sawVirtual || edge[QStringLiteral("virtual")].toBool();
        QVERIFY(sawVirtual);

        // A virtual key has no ON DELETE action to assume.
        const CliRun assumed = runCli({QStringLiteral("dependents"), QStringLiteral("--db"), db.connInfoString(),
                                       QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--key"),
                                       QStringLiteral("id=1"), QStringLiteral("--virtual-keys"), file,
                                       QStringLiteral("--assume"), QStringLiteral("notes_user=cascade")});
        QCOMPARE(assumed.exitCode, 2);
        QVERIFY2(assumed.err.contains(QLatin1String("notes_user is a virtual key")), qPrintable(assumed.err));
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestVirtualKeysImpact)
#include "tst_virtualkeys_impact.moc"
