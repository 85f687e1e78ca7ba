#include "cli/RootOptions.h"

#include <QCommandLineParser>

namespace fkscope {

void addRootOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("table"), QStringLiteral("The root table, as in SQL: orders, \"Sales\".\"Order Items\"."),
                      QStringLiteral("TABLE")});
    parser.addOption({QStringLiteral("key"),
                      QStringLiteral("A key column of the root row and its value as PostgreSQL prints it; repeat for "
                                     "composite keys."),
                      QStringLiteral("COLUMN=VALUE")});
    parser.addOption({QStringLiteral("where"), QStringLiteral("A SQL condition on the root table instead of --key."),
                      QStringLiteral("CONDITION")});
}

Result<DeleteRoot> rootFromOptions(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("table")))
        return Error::usage(QStringLiteral("--table is required"));
    DeleteRoot root;
    root.table = parser.value(QStringLiteral("table"));
    root.where = parser.value(QStringLiteral("where"));
    for (const QString &pair : parser.values(QStringLiteral("key"))) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return Error::usage(QStringLiteral("--key takes COLUMN=VALUE, not '%1'").arg(pair));
        root.key.append({pair.left(equals), pair.mid(equals + 1)});
    }
    return root;
}

void addStatementTimeoutOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("statement-timeout"),
                      QStringLiteral("Give up after this many milliseconds (0: no limit)."), QStringLiteral("MS"),
                      QStringLiteral("0")});
}

Result<int> statementTimeoutFromOptions(const QCommandLineParser &parser)
{
    bool ok = false;
    const int timeout = parser.value(QStringLiteral("statement-timeout")).toInt(&ok);
    if (!ok || timeout < 0)
        return Error::usage(QStringLiteral("--statement-timeout takes milliseconds"));
    return timeout;
}

} // namespace fkscope
