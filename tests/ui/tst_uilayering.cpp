// The UI builds no SQL and draws no graphs itself: nothing under ui/ or app/gui_main.cpp
// includes Qt Sql, libpq, Graphviz, or the core's query path (db/SqlQuery.h, which brings Qt Sql). The build does not catch all of it (Qt's include
// folder makes <QtSql/...> reachable from any Qt target, and the core's private libraries
// still end up on the link line of a static build), so this test does.
#include "TestDatabase.h"
#include "TestMain.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

class TestUiLayering : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void uiIncludesNoSqlOrGraphvizHeaders();
};

void TestUiLayering::uiIncludesNoSqlOrGraphvizHeaders()
{
    const QString source = fkscope::test::sourceDir();
    const QRegularExpression forbidden(
        QStringLiteral(R"(^\s*#\s*include\s*[<"](QtSql\b|QSql|libpq|pg_config|gvc|cgraph|graphviz/|db/SqlQuery\.h))"),
        QRegularExpression::MultilineOption);

    QStringList files{source + QStringLiteral("/app/gui_main.cpp")};
    QDirIterator it(source + QStringLiteral("/ui"), {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    QVERIFY(files.size() > 5);

    QStringList offenders;
    for (const QString &path : std::as_const(files)) {
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QRegularExpressionMatch match = forbidden.match(QString::fromUtf8(file.readAll()));
        if (match.hasMatch())
            offenders << path.mid(source.size() + 1) + QStringLiteral(": ") + match.captured(0).trimmed();
    }
    QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(QLatin1Char('\n'))));
}

FKSCOPE_TEST_MAIN(TestUiLayering)
#include "tst_uilayering.moc"
