#include "cli/Commands.h"

namespace fkscope {

const std::vector<CliCommand> &cliCommands()
{
    static const std::vector<CliCommand> commands{
        {"catalog", "print every table and foreign key of a database", &runCatalogCommand},
        {"dependents", "what a DELETE of a row would do: the rows that block it, cascade or are set null",
         &runDependentsCommand},
        {"delete-script", "write the script that deletes a row and every row that would block it, children first",
         &runDeleteScriptCommand},
        {"constraint-script", "write the ALTER script that changes a key's ON DELETE / ON UPDATE action, safely",
         &runConstraintScriptCommand},
        {"explain", "explain a foreign-key violation (error 23503) read from standard input", &runExplainCommand},
        {"orphans", "rows whose key references no parent: NOT VALID keys, or a key before you add it", &runOrphansCommand},
        {"lint", "unindexed keys, NOT VALID keys, keys between different types, tables that block every delete",
         &runLintCommand},
        {"infer-keys", "propose the foreign keys a database does not declare, from names and data", &runInferKeysCommand},
        {"insert-script", "the INSERT script of rows and every row they reference, parents first", &runInsertScriptCommand},
        {"copy", "copy rows and every row they need into another database, with COPY", &runCopyCommand},
        {"graph", "draw the foreign-key graph, or one table's neighbourhood, as DOT, SVG or PNG", &runGraphCommand},
    };
    return commands;
}

} // namespace fkscope
