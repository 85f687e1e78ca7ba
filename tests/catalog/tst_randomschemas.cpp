// Generated schemas: random names (quoted, unicode, reserved), composite keys in shuffled
// column order, every action, MATCH FULL, deferrable, NOT VALID, self-references, cycles,
// partitioned tables. The generator knows what it created; the loader must read back
// exactly that, and exactly what pg_constraint says.
#include "CatalogOracle.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/CatalogLoader.h"
#include "catalog/Identifier.h"
#include "db/Connection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

struct Name {
    QString raw;
    QString display;  // as quote_ident() prints it
};

const QStringList baseNames{
    QStringLiteral("orders"), QStringLiteral("Order Items"), QStringLiteral("select"), QStringLiteral("größe"),
    QStringLiteral("a.b"), QStringLiteral("say\"hi"), QStringLiteral("Mixed"), QStringLiteral("t_1"),
    QStringLiteral("user"), QStringLiteral("action"),
};

// quote_ident()'s rule for a name that ends in "_N" (no keyword does): it stays bare when it
// is lower-case ASCII letters, digits and underscores, not starting with a digit.
Name suffixed(const QString &base, int n)
{
    const QString raw = base + QStringLiteral("_%1").arg(n);
    bool bare = !raw.at(0).isDigit();
    for (QChar c : raw)
        bare = bare && ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || c.isDigit() || c == QLatin1Char('_'));
    return {raw, bare ? raw : quoteIdentifier(raw)};
}

const QList<Name> schemas{
    {QStringLiteral("public"), QStringLiteral("public")},
    {QStringLiteral("s_a"), QStringLiteral("s_a")},
    {QStringLiteral("Sales Dept"), QStringLiteral("\"Sales Dept\"")},
};

const QStringList actions{QStringLiteral("no action"), QStringLiteral("restrict"), QStringLiteral("cascade"),
                          QStringLiteral("set null"), QStringLiteral("set default")};

struct GeneratedTable {
    Name schema;
    Name name;
    bool partitioned = false;
    QString qualified() const { return schema.display + QLatin1Char('.') + name.display; }
    QString sql() const { return quoteQualified(schema.raw, name.raw); }
};

struct GeneratedSchema {
    QStringList statements;
    QJsonArray expectedKeys;  // as foreignKeysFromCatalog() writes them, without "definition"
};

GeneratedSchema generate(quint32 seed)
{
    QRandomGenerator random(seed);
    GeneratedSchema out;
    out.statements << QStringLiteral(R"(CREATE SCHEMA s_a; CREATE SCHEMA "Sales Dept";)");

    std::vector<GeneratedTable> tables;
    const int tableCount = 3 + random.bounded(12);
    for (int i = 0; i < tableCount; ++i) {
        GeneratedTable t{schemas[random.bounded(schemas.size())],
                         suffixed(baseNames[random.bounded(baseNames.size())], i), random.bounded(5) == 0};
        // A unique key on a partitioned table must include the partition key, so those get
        // only the primary key.
        if (t.partitioned) {
            out.statements << QStringLiteral("CREATE TABLE %1 (id int PRIMARY KEY, u1 int, u2 int) PARTITION BY HASH (id)")
                                  .arg(t.sql());
            for (int p = 0; p < 2; ++p) {
                out.statements << QStringLiteral("CREATE TABLE %1 PARTITION OF %2 FOR VALUES WITH (MODULUS 2, REMAINDER %3)")
                                      .arg(quoteQualified(t.schema.raw, t.name.raw + QStringLiteral("_p%1").arg(p)),
                                           t.sql())
                                      .arg(p);
            }
        } else {
            out.statements << QStringLiteral("CREATE TABLE %1 (id int PRIMARY KEY, u1 int, u2 int, UNIQUE (u1, u2))")
                                  .arg(t.sql());
        }
        tables.push_back(t);
    }

    QHash<int, QSet<QString>> namesOnTable;
    const int keyCount = random.bounded(2 * tableCount + 1);
    for (int k = 0; k < keyCount; ++k) {
        const int childIndex = random.bounded(int(tables.size()));
        const GeneratedTable &child = tables[childIndex];
        const GeneratedTable &parent = tables[random.bounded(int(tables.size()))];

        QStringList parentColumns{QStringLiteral("id")};
        if (!parent.partitioned && random.bounded(2)) {
            parentColumns = {QStringLiteral("u1"), QStringLiteral("u2")};
            if (random.bounded(2))
                std::swap(parentColumns[0], parentColumns[1]);
        }
        QStringList childColumns;
        const bool oddColumnNames = random.bounded(3) == 0;
        for (int c = 0; c < parentColumns.size(); ++c) {
            childColumns << (oddColumnNames ? QStringLiteral("Key %1 \"%2\"").arg(k).arg(c)
                                            : QStringLiteral("fk%1_%2").arg(k).arg(c));
            out.statements << QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 int DEFAULT NULL")
                                  .arg(child.sql(), quoteIdentifier(childColumns.last()));
        }

        QString name = QStringLiteral("fk_%1").arg(k);
        if (random.bounded(3) == 0 && !namesOnTable[childIndex].contains(QStringLiteral("dup")))
            name = QStringLiteral("dup");  // the same name on several tables
        namesOnTable[childIndex].insert(name);

        const QString onDelete = actions[random.bounded(actions.size())];
        const QString onUpdate = actions[random.bounded(actions.size())];
        QStringList setColumns;
        if ((onDelete == QLatin1String("set null") || onDelete == QLatin1String("set default"))
            && childColumns.size() > 1 && random.bounded(2))
            setColumns << childColumns[random.bounded(childColumns.size())];
        const bool full = childColumns.size() > 1 && random.bounded(2);
        const bool deferrable = random.bounded(3) == 0;
        const bool deferred = deferrable && random.bounded(2);
        // NOT VALID is refused on a partitioned child.
        const bool notValid = !child.partitioned && random.bounded(4) == 0;

        QStringList quotedChild, quotedParent, quotedSet;
        for (const QString &c : childColumns)
            quotedChild << quoteIdentifier(c);
        for (const QString &c : parentColumns)
            quotedParent << quoteIdentifier(c);
        for (const QString &c : setColumns)
            quotedSet << quoteIdentifier(c);
        QString sql = QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 FOREIGN KEY (%3) REFERENCES %4 (%5)")
                          .arg(child.sql(), quoteIdentifier(name), quotedChild.join(QStringLiteral(", ")),
                               parent.sql(), quotedParent.join(QStringLiteral(", ")));
        if (full)
            sql += QStringLiteral(" MATCH FULL");
        sql += QStringLiteral(" ON DELETE ") + onDelete.toUpper();
        if (!setColumns.isEmpty())
            sql += QStringLiteral(" (%1)").arg(quotedSet.join(QStringLiteral(", ")));
        sql += QStringLiteral(" ON UPDATE ") + onUpdate.toUpper();
        if (deferrable)
            sql += deferred ? QStringLiteral(" DEFERRABLE INITIALLY DEFERRED") : QStringLiteral(" DEFERRABLE");
        if (notValid)
            sql += QStringLiteral(" NOT VALID");
        out.statements << sql;

        out.expectedKeys.append(QJsonObject{
            {QStringLiteral("name"), name},
            {QStringLiteral("child"), child.qualified()},
            {QStringLiteral("child_columns"), QJsonArray::fromStringList(childColumns)},
            {QStringLiteral("parent"), parent.qualified()},
            {QStringLiteral("parent_columns"), QJsonArray::fromStringList(parentColumns)},
            {QStringLiteral("on_delete"), onDelete},
            {QStringLiteral("on_delete_set_columns"),
             setColumns.isEmpty() ? QJsonValue() : QJsonValue(QJsonArray::fromStringList(setColumns))},
            {QStringLiteral("on_update"), onUpdate},
            {QStringLiteral("match"), full ? QStringLiteral("full") : QStringLiteral("simple")},
            {QStringLiteral("deferrable"), deferrable},
            {QStringLiteral("initially_deferred"), deferred},
            {QStringLiteral("validated"), !notValid},
        });
    }
    return out;
}

QJsonArray withoutDefinitions(const QJsonArray &keys)
{
    QJsonArray result;
    for (const QJsonValue &v : keys) {
        QJsonObject o = v.toObject();
        o.remove(QStringLiteral("definition"));
        result.append(o);
    }
    return result;
}

QSet<QString> asSet(const QJsonArray &keys)
{
    QSet<QString> set;
    for (const QJsonValue &v : keys)
        set.insert(QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)));
    return set;
}

QString difference(const QSet<QString> &expected, const QSet<QString> &actual)
{
    QStringList lines;
    for (const QString &s : expected - actual)
        lines << QStringLiteral("  missing:    ") + s;
    for (const QString &s : actual - expected)
        lines << QStringLiteral("  unexpected: ") + s;
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestRandomSchemas : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void loaderReadsBackWhatWasGenerated_data()
    {
        QTest::addColumn<quint32>("seed");
        const quint32 first = qEnvironmentVariableIsSet("FKSCOPE_SEED") ? qEnvironmentVariableIntValue("FKSCOPE_SEED")
                                                                         : 1;
        const int rounds = qEnvironmentVariableIsSet("FKSCOPE_ROUNDS") ? qEnvironmentVariableIntValue("FKSCOPE_ROUNDS")
                                                                        : 30;
        for (int i = 0; i < rounds; ++i)
            QTest::addRow("seed %u", first + i) << quint32(first + i);
    }

    void loaderReadsBackWhatWasGenerated()
    {
        QFETCH(quint32, seed);
        const GeneratedSchema schema = generate(seed);
        TestDatabase db(QStringLiteral("random"));
        QVERIFY2(db.run(schema.statements.join(QStringLiteral(";\n"))),
                 qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(db.error())));

        auto connection = Connection::open(db.connInfo());
        QVERIFY(connection.ok());
        auto catalog = CatalogLoader(*connection.value()).load();
        QVERIFY2(catalog.ok(), qPrintable(catalog.error().message));

        const QJsonArray loaded = foreignKeysFromCatalog(catalog.value());
        const QSet<QString> fromLoader = asSet(withoutDefinitions(loaded));
        const QSet<QString> generated = asSet(schema.expectedKeys);
        QVERIFY2(fromLoader == generated,
                 qPrintable(QStringLiteral("seed %1 (rerun with FKSCOPE_SEED=%1 FKSCOPE_ROUNDS=1):\n%2")
                                .arg(seed)
                                .arg(difference(generated, fromLoader))));
        QVERIFY2(loaded == foreignKeysFromServer(db), qPrintable(QStringLiteral("seed %1: differs from pg_constraint").arg(seed)));
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestRandomSchemas)
#include "tst_randomschemas.moc"
