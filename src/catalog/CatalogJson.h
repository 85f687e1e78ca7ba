#pragma once

#include "catalog/Catalog.h"

namespace fkscope {

class JsonWriter;

// The JSON contract of `fkscope-cli catalog`: {"foreign_keys": [...], "tables": [...]}.
void writeJson(JsonWriter &json, const Catalog &catalog);
void writeJson(JsonWriter &json, const ForeignKey &key);
void writeJson(JsonWriter &json, const Table &table);

} // namespace fkscope
