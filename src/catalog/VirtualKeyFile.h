#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace fkscope {

// One key of a virtual-keys file, as written: table names as the user spelled them.
struct VirtualKeyEntry {
    QString name;                  // optional; empty: fkscope names it as PostgreSQL would
    QString child;
    QStringList childColumns;
    QString parent;
    QStringList parentColumns;

    // "public.orders(user_id) -> public.users(id)", how error lines name the entry.
    QString describe() const;
    bool operator==(const VirtualKeyEntry &other) const;
};

// The virtual-keys file: a small JSON document,
//   {"virtual_keys": [{"name": "optional", "child": "public.orders", "child_columns": ["user_id"],
//                      "parent": "public.users", "parent_columns": ["id"]}]}
// The "candidates" array that `fkscope-cli infer-keys` prints is accepted in place of
// "virtual_keys", so its output can be cut down to the keys wanted; other members of an entry
// (confidence, evidence...) are ignored. Malformed text is refused with one line; nothing of
// it is returned then.
Result<std::vector<VirtualKeyEntry>> parseVirtualKeys(const QByteArray &json);
// Reads and parses the file at path; errors name the path.
Result<std::vector<VirtualKeyEntry>> readVirtualKeyFile(const QString &path);
// The file's text for entries, indented, in their order.
QByteArray virtualKeysJson(const std::vector<VirtualKeyEntry> &entries);

} // namespace fkscope
