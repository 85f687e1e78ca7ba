#pragma once

#include "diagnose/ViolationExplainer.h"

namespace fkscope {

class JsonWriter;

// The JSON contract of `fkscope-cli explain`.
void writeJson(JsonWriter &json, const Explanation &explanation);

} // namespace fkscope
