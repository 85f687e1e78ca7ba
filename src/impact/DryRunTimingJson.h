#pragma once

#include "impact/DryRunTiming.h"

namespace fkscope {

class JsonWriter;

// The "timing" object of dependents --timed and delete-script --dry-run --timed.
void writeJson(JsonWriter &json, const DryRunTiming &timing);

// What --with-index costs while the dry run lasts, for stderr, the JSON and the window.
QString withIndexLockNote(const QString &table);

} // namespace fkscope
