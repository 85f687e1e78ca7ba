#include "cli/Commands.h"

namespace fkscope {

const std::vector<CliCommand> &cliCommands()
{
    static const std::vector<CliCommand> commands{
        {"catalog", "print every table and foreign key of a database", &runCatalogCommand},
        {"dependents", "what a DELETE of a row would do: the rows that block it, cascade or are set null",
         &runDependentsCommand},
        {"explain", "explain a foreign-key violation (error 23503) read from standard input", &runExplainCommand},
    };
    return commands;
}

} // namespace fkscope
