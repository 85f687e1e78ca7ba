#pragma once

#include <QIcon>

namespace fkscope::Icons {

// Small icons drawn in code, so they look the same under every icon theme (or none). Each
// call paints anew: keep the icon (copies share it) rather than asking for it per row.
QIcon schema();
QIcon table();
QIcon partitionedTable();

} // namespace fkscope::Icons
