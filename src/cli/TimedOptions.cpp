#include "cli/TimedOptions.h"

#include "cli/CliContext.h"
#include "impact/DryRunTimingJson.h"
#include "impact/TimedDryRun.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace fkscope {

void addTimedOptions(QCommandLineParser &parser, const QString &whatRuns)
{
    parser.addOption({QStringLiteral("timed"),
                      QStringLiteral("Run %1 under EXPLAIN ANALYZE in a transaction that is always rolled back (deferred "
                                     "keys checked at once), and add \"timing\": each key's trigger calls and time, "
                                     "whether an index serves it, the total, and the locks held before the rollback.")
                          .arg(whatRuns)});
    parser.addOption({QStringLiteral("with-index"),
                      QStringLiteral("With --timed: build the index the key lacks inside the same rolled-back "
                                     "transaction and time again (before/after). CREATE INDEX holds a SHARE lock on "
                                     "the child table for the dry run's length. Repeatable."),
                      QStringLiteral("[TABLE:]CONSTRAINT")});
}

bool timedRequested(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("timed"));
}

Status checkTimedOptions(const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("with-index")) && !timedRequested(parser))
        return Error::usage(QStringLiteral("--with-index needs --timed"));
    return Done();
}

Status prepareTimedDryRun(CliContext &context, CliSession &session, const QCommandLineParser &parser,
                          TimedDryRun &dryRun)
{
    auto keys = TimedDryRun::resolveIndexesToTry(*session.connection, session.catalog,
                                                 parser.values(QStringLiteral("with-index")));
    if (!keys)
        return keys.error();
    for (const ForeignKey *key : keys.value())
        context.err() << "fkscope-cli: note: " << withIndexLockNote(key->child) << Qt::endl;
    dryRun.setIndexesToTry(keys.value());
    return Done();
}

Error timedRunError(const Error &error)
{
    Error said = error;
    said.message = QStringLiteral("the timed dry run stopped, nothing was kept: %1").arg(error.message);
    if (!error.sqlstate.isEmpty())
        said.message += QStringLiteral(" (SQLSTATE %1)").arg(error.sqlstate);
    return said;
}

} // namespace fkscope
