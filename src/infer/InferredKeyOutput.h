#pragma once

#include "infer/InferredKey.h"

#include <QString>

#include <vector>

namespace fkscope {

class JsonWriter;

// {"candidates": [{"child", "child_columns", "parent", "parent_columns", "confidence",
// "orphans", "child_rows", "evidence"}]}
void writeJson(JsonWriter &json, const std::vector<InferredKey> &keys);

// The proposals as a script to read and then run with psql -v ON_ERROR_STOP=1: one
// ALTER TABLE … ADD CONSTRAINT … NOT VALID per key, its orphans in a comment, and the
// CREATE INDEX it lacks. No transaction control, so it can be run inside one.
QString proposalScript(const std::vector<InferredKey> &keys, const QString &database);

// The name the key would get: child_columns_fkey, cut to PostgreSQL's 63 bytes.
QString proposedConstraintName(const InferredKey &key);

} // namespace fkscope
