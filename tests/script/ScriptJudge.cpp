#include "ScriptJudge.h"

#include <QRegularExpression>
#include <QTemporaryFile>

namespace fkscope::test {

QMap<QString, QString> tableFingerprints(TestDatabase &db)
{
    const QStringList relations = db.query(QStringLiteral(
        "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%' ORDER BY 1"));
    QStringList selects;
    for (const QString &relation : relations) {
        QString literal = relation;
        literal.replace(QLatin1Char('\''), QLatin1String("''"));
        selects << QStringLiteral("SELECT '%1', count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY "
                                  "x::text)), '') FROM ONLY %2 x")
                       .arg(literal, relation);
    }
    QMap<QString, QString> fingerprints;
    if (selects.isEmpty())
        return fingerprints;
    for (const QString &line : db.query(selects.join(QStringLiteral(" UNION ALL ")))) {
        const qsizetype bar = line.lastIndexOf(QLatin1Char('|'));
        fingerprints.insert(line.left(bar), line.mid(bar + 1));
    }
    return fingerprints;
}

QString describeDifference(const QMap<QString, QString> &expected, const QMap<QString, QString> &actual)
{
    QStringList differences;
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
        if (actual.value(it.key()) != it.value())
            differences << QStringLiteral("%1 expected %2, got %3").arg(it.key(), it.value(), actual.value(it.key()));
    }
    for (auto it = actual.constBegin(); it != actual.constEnd(); ++it) {
        if (!expected.contains(it.key()))
            differences << QStringLiteral("%1 unexpected").arg(it.key());
    }
    return differences.join(QStringLiteral("; "));
}

QString everythingCascades(const QString &schemaSql)
{
    static const QRegularExpression blocking(QStringLiteral("ON DELETE (NO ACTION|RESTRICT)"));
    return QString(schemaSql).replace(blocking, QStringLiteral("ON DELETE CASCADE"));
}

bool runScript(TestDatabase &db, const QString &text)
{
    QTemporaryFile file(QStringLiteral("fkscope-script-XXXXXX.sql"));
    if (!file.open())
        return false;
    file.write(text.toUtf8());
    file.flush();
    return db.runFile(file.fileName());
}

} // namespace fkscope::test
