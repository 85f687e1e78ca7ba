#pragma once

#include <QStringList>

#include <vector>

namespace fkscope {

class CliContext;

// One subcommand of fkscope-cli. arguments[0] is "fkscope-cli NAME", the rest its options.
struct CliCommand {
    const char *name;
    const char *summary;
    int (*run)(CliContext &context, const QStringList &arguments);
};

// Every subcommand, in the order --help lists them.
const std::vector<CliCommand> &cliCommands();

int runCatalogCommand(CliContext &context, const QStringList &arguments);
int runDependentsCommand(CliContext &context, const QStringList &arguments);
int runExplainCommand(CliContext &context, const QStringList &arguments);
int runOrphansCommand(CliContext &context, const QStringList &arguments);
int runLintCommand(CliContext &context, const QStringList &arguments);
int runDeleteScriptCommand(CliContext &context, const QStringList &arguments);
int runConstraintScriptCommand(CliContext &context, const QStringList &arguments);
int runGraphCommand(CliContext &context, const QStringList &arguments);
int runInsertScriptCommand(CliContext &context, const QStringList &arguments);
int runInferKeysCommand(CliContext &context, const QStringList &arguments);
int runCopyCommand(CliContext &context, const QStringList &arguments);

} // namespace fkscope
