#pragma once

#include "impact/DeleteImpact.h"

namespace fkscope {

class JsonWriter;

// The JSON contract of `fkscope-cli dependents`.
void writeJson(JsonWriter &json, const DeleteImpact &impact);

// One sentence for people: "DELETE would fail: 3 rows in public.orders block it through
// constraint orders_user_id_fkey" or "DELETE would remove 12 rows in 4 tables and update 2 rows".
QString verdict(const DeleteImpact &impact);

} // namespace fkscope
