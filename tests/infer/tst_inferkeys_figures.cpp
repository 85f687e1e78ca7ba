// The acceptance figure of infer-keys: real and generated schemas lose their declared keys (the
// data stays) and the proposals must find them again, with precision and recall of 0.9 or
// better on each schema. The README states the figures this prints.
#include "CliRun.h"
#include "KeyScore.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

constexpr double requiredFigure = 0.9;

// chinook's file creates its own database and \c's into it: those lines go (the shared file
// itself is not edited).
bool loadChinook(TestDatabase &db, const QString &path)
{
    QFile original(path);
    if (!original.open(QIODevice::ReadOnly))
        return false;
    QString sql = QString::fromUtf8(original.readAll());
    sql.remove(QRegularExpression(QStringLiteral("^(DROP DATABASE|CREATE DATABASE|\\\\c)[^\\n]*$"),
                                  QRegularExpression::MultilineOption));
    QTemporaryDir dir;
    QFile stripped(dir.filePath(QStringLiteral("chinook.sql")));
    if (!stripped.open(QIODevice::WriteOnly))
        return false;
    stripped.write(sql.toUtf8());
    stripped.close();
    return db.runFile(stripped.fileName());
}

} // namespace

class TestInferKeysFigures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void proposalsFindTheRemovedKeys_data()
    {
        QTest::addColumn<QString>("source");     // dataset path, "demo" or a generator style
        QTest::addColumn<int>("seed");
        const QString datasets = sharedDatasetsDir();
        QTest::newRow("pagila") << datasets + QStringLiteral("/pagila") << 0;
        QTest::newRow("chinook") << datasets + QStringLiteral("/chinook/Chinook_PostgreSql.sql") << 0;
        QTest::newRow("demo shop") << QStringLiteral("demo") << 0;
        // bench's realistic 483-table schema has no rows: names alone, judged by the same figure.
        QTest::newRow("realistic, names only") << QStringLiteral("realistic") << 1;
        for (const char *style : {"x_id", "as_table", "xid", "composite", "schemas"}) {
            for (int seed : {1, 2})
                QTest::addRow("generated %s seed %d", style, seed) << QString::fromLatin1(style) << seed;
        }
    }

    void proposalsFindTheRemovedKeys()
    {
        QFETCH(QString, source);
        QFETCH(int, seed);
        TestDatabase db(QStringLiteral("infer"));
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        if (source.endsWith(QLatin1String("/pagila"))) {
            FKSCOPE_REQUIRE_DATASET(source + QStringLiteral("/pagila-data.sql"));
            QVERIFY2(db.runFile(source + QStringLiteral("/pagila-schema.sql")), qPrintable(db.error()));
            QVERIFY2(db.runFile(source + QStringLiteral("/pagila-data.sql")), qPrintable(db.error()));
        } else if (source.endsWith(QLatin1String(".sql"))) {
            FKSCOPE_REQUIRE_DATASET(source);
            QVERIFY2(loadChinook(db, source), qPrintable(db.error()));
        } else if (source == QLatin1String("realistic")) {
            QVERIFY2(db.runGenerator(QStringLiteral("generate_realistic_schema.py"), {QStringLiteral("--seed"), QString::number(seed)}),
                     qPrintable(db.error()));
        } else if (source == QLatin1String("demo")) {
            QVERIFY2(db.runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(db.error()));
        } else {
            QVERIFY2(db.runGenerator(QStringLiteral("generate_infer_schema.py"),
                                     {QStringLiteral("--style"), source, QStringLiteral("--seed"), QString::number(seed)}),
                     qPrintable(db.error()));
        }
        QVERIFY(db.run(QStringLiteral("ANALYZE")));
        const KeySet declared = declaredKeys(db);
        QVERIFY(declared.size() >= 10);
        QVERIFY2(dropForeignKeys(db), qPrintable(db.error()));
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM pg_constraint WHERE contype = 'f'")), QStringLiteral("0"));

        const CliRun run = inferKeys(db);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const Figures figures = score(declared, proposedKeys(run.json));
        qInfo("%s: %lld declared keys, precision %.2f, recall %.2f", QTest::currentDataTag(), qint64(declared.size()),
              figures.precision, figures.recall);
        const QString detail = QStringLiteral("missed: %1\nwrong: %2")
                                   .arg(figures.missed.join(QStringLiteral("; ")), figures.wrong.join(QStringLiteral("; ")));
        if (!figures.missed.isEmpty() || !figures.wrong.isEmpty())
            qInfo("%s", qPrintable(detail));
        QVERIFY2(figures.precision >= requiredFigure, qPrintable(detail));
        QVERIFY2(figures.recall >= requiredFigure, qPrintable(detail));
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestInferKeysFigures)
#include "tst_inferkeys_figures.moc"
