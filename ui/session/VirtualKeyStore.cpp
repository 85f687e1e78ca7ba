#include "ui/session/VirtualKeyStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace fkscope {

QString VirtualKeyStore::pathFor(const ConnInfo &info)
{
    const QByteArray id = info.toStringWithoutPassword().toUtf8();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/virtual-keys/")
        + QString::fromLatin1(QCryptographicHash::hash(id, QCryptographicHash::Sha1).toHex()) + QStringLiteral(".json");
}

std::vector<VirtualKeyEntry> VirtualKeyStore::load(const ConnInfo &info, QString *error)
{
    QFile file(pathFor(info));
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QCoreApplication::translate("VirtualKeyStore", "cannot read %1: %2").arg(file.fileName(), file.errorString());
        return {};
    }
    auto entries = parseVirtualKeys(file.readAll());
    if (!entries) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(file.fileName(), entries.error().message);
        return {};
    }
    return entries.take();
}

bool VirtualKeyStore::save(const ConnInfo &info, const std::vector<VirtualKeyEntry> &entries, QString *error)
{
    const QString path = pathFor(info);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    const QByteArray text = virtualKeysJson(entries);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("VirtualKeyStore", "cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace fkscope
