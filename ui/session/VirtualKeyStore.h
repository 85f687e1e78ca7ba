#pragma once

#include "catalog/VirtualKeyFile.h"
#include "db/ConnInfo.h"

#include <QString>

#include <vector>

namespace fkscope {

// The virtual keys the window keeps per database: one JSON file each (the --virtual-keys
// format) in the app data folder, named after the same identity as the graph's last view,
// the connection string without its password. fkscope keeps them; nothing is written to the
// database.
class VirtualKeyStore {
public:
    // <AppDataLocation>/virtual-keys/<sha1 of the connection without password>.json
    static QString pathFor(const ConnInfo &info);
    // The keys kept for info; none when there is no file. A file that cannot be read is
    // reported through error (and no key is returned).
    static std::vector<VirtualKeyEntry> load(const ConnInfo &info, QString *error = nullptr);
    // Replaces the keys kept for info; false with *error when the file cannot be written.
    static bool save(const ConnInfo &info, const std::vector<VirtualKeyEntry> &entries, QString *error = nullptr);
};

} // namespace fkscope
