#pragma once

#include "copy/CopyReport.h"

namespace fkscope {

class JsonWriter;

// {"source", "target", "dryRun", "onConflict", "rows", "copied", "skipped", "updated", "bytes",
//  "seconds", "tables": [{"table", "rows", "copied", "skipped", "updated"}]}
void writeJson(JsonWriter &json, const CopyReport &report);

} // namespace fkscope
