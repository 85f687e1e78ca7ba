#pragma once

#include "impact/DryRunTiming.h"
#include "util/Result.h"

#include <QStringList>

#include <functional>

class QCommandLineParser;

namespace fkscope {

class CliContext;
struct CliSession;
class TimedDryRun;

// --timed and --with-index, shared by dependents and delete-script --dry-run.
void addTimedOptions(QCommandLineParser &parser, const QString &whatRuns);
bool timedRequested(const QCommandLineParser &parser);
// --with-index without --timed is a usage error.
Status checkTimedOptions(const QCommandLineParser &parser);
// Resolves --with-index into the dry run, and says on stderr what each index costs while it lasts.
Status prepareTimedDryRun(CliContext &context, CliSession &session, const QCommandLineParser &parser,
                          TimedDryRun &dryRun);

// An error that ended the timed run, said as such, with its SQLSTATE (57014: the statement
// timeout or a cancel).
Error timedRunError(const Error &error);

} // namespace fkscope
