#pragma once

#include "impact/DeleteImpact.h"

#include <functional>

namespace fkscope {

class JsonWriter;

// The JSON contract of `fkscope-cli dependents`.
// moreMembers, when given, writes members of its own at the end of the object ("timing").
void writeJson(JsonWriter &json, const DeleteImpact &impact,
               const std::function<void(JsonWriter &)> &moreMembers = {});

// One sentence for people: "DELETE would fail: 3 rows in public.orders block it through
// constraint orders_user_id_fkey" or "DELETE would remove 12 rows in 4 tables and update 2 rows".
QString verdict(const DeleteImpact &impact);

} // namespace fkscope
