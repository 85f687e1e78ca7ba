#pragma once

#include "impact/DeleteImpact.h"
#include "util/Result.h"

class QCommandLineParser;

namespace fkscope {

// --table, --key and --where: how every command that starts from rows names them.
void addRootOptions(QCommandLineParser &parser);
Result<DeleteRoot> rootFromOptions(const QCommandLineParser &parser);

// --statement-timeout MS, 0 for no limit.
void addStatementTimeoutOption(QCommandLineParser &parser);
Result<int> statementTimeoutFromOptions(const QCommandLineParser &parser);

} // namespace fkscope
