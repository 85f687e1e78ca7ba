#include "ScriptJudge.h"

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

bool makeEveryBlockingKeyCascade(TestDatabase &db)
{
    // pg_get_constraintdef() writes ON DELETE before DEFERRABLE and NOT VALID, and omits NO ACTION.
    return db.run(QStringLiteral(R"SQL(
DO $$
DECLARE
    k record;
    definition text;
BEGIN
    FOR k IN SELECT conrelid::regclass AS child, conname, pg_get_constraintdef(oid) AS def
               FROM pg_constraint
              WHERE contype = 'f' AND confdeltype IN ('a', 'r') AND conparentid = 0
    LOOP
        definition := regexp_replace(k.def, ' ON DELETE (RESTRICT|NO ACTION)', '');
        definition := regexp_replace(definition, '( DEFERRABLE| NOT VALID|$)', ' ON DELETE CASCADE\1');
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I, ADD CONSTRAINT %I %s',
                       k.child, k.conname, k.conname, definition);
    END LOOP;
END $$)SQL"));
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
