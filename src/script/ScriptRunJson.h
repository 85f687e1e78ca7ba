#pragma once

#include "script/ScriptRunner.h"

#include <functional>

namespace fkscope {

class JsonWriter;

// The answer of `--dry-run`, shared by every script command:
//   {"ok": true, "committed": false,
//    "inserted": {"public.users": 1}, "updated": {...}, "deleted": {...},
//    "error": null}
// A failed run has "ok": false, empty counts and "error": {"sqlstate": ..., "message": ...}.
// Tables appear under a count only when it is not zero.
// moreMembers, when given, writes members of its own at the end ("timing").
void writeJson(JsonWriter &json, const Result<ScriptRun> &run,
               const std::function<void(JsonWriter &)> &moreMembers = {});

} // namespace fkscope
