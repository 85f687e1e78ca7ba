#pragma once

#include "ui/script/ScriptGenerators.h"

namespace fkscope::test {

// A one-statement script for the Scripts view, as a generator would hand it over.
inline PanelScript scriptOf(const QString &statement)
{
    PanelScript script;
    script.title = QStringLiteral("test script");
    script.script.header << QStringLiteral("A test script.");
    script.script.statements.push_back({QStringLiteral("the statement under test"), statement});
    return script;
}

} // namespace fkscope::test
