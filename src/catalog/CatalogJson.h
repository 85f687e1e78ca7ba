#pragma once

#include "catalog/Catalog.h"

#include <QJsonObject>

namespace fkscope {

// The JSON contract of `fkscope-cli catalog`: {"foreign_keys": [...], "tables": [...]}.
QJsonObject toJson(const Catalog &catalog);
QJsonObject toJson(const ForeignKey &key);
QJsonObject toJson(const Table &table);

} // namespace fkscope
