#include "catalog/VirtualKeyFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fkscope {

namespace {

Result<QStringList> columnList(const QJsonObject &entry, const QString &member)
{
    const QJsonValue value = entry.value(member);
    const QString wanted = QStringLiteral("\"%1\" must be a non-empty array of column names").arg(member);
    if (!value.isArray() || value.toArray().isEmpty())
        return Error::usage(wanted);
    QStringList columns;
    for (const QJsonValue &column : value.toArray()) {
        if (!column.isString() || column.toString().isEmpty())
            return Error::usage(wanted);
        columns << column.toString();
    }
    return columns;
}

Result<VirtualKeyEntry> entryFrom(const QJsonValue &value)
{
    if (!value.isObject())
        return Error::usage(QStringLiteral("not an object"));
    const QJsonObject object = value.toObject();
    VirtualKeyEntry entry;
    for (const char *member : {"child", "parent"}) {
        const QJsonValue table = object.value(QLatin1String(member));
        if (!table.isString() || table.toString().isEmpty())
            return Error::usage(QStringLiteral("\"%1\" must name a table").arg(QLatin1String(member)));
    }
    entry.child = object.value(QLatin1String("child")).toString();
    entry.parent = object.value(QLatin1String("parent")).toString();
    const QJsonValue name = object.value(QLatin1String("name"));
    if (!name.isUndefined() && !name.isNull() && !name.isString())
        return Error::usage(QStringLiteral("\"name\" must be a string"));
    entry.name = name.toString();
    auto childColumns = columnList(object, QStringLiteral("child_columns"));
    if (!childColumns)
        return childColumns.error();
    auto parentColumns = columnList(object, QStringLiteral("parent_columns"));
    if (!parentColumns)
        return parentColumns.error();
    entry.childColumns = childColumns.take();
    entry.parentColumns = parentColumns.take();
    return entry;
}

} // namespace

QString VirtualKeyEntry::describe() const
{
    QString text = QStringLiteral("%1(%2) -> %3(%4)")
                       .arg(child, childColumns.join(QStringLiteral(", ")), parent,
                            parentColumns.join(QStringLiteral(", ")));
    return name.isEmpty() ? text : QStringLiteral("%1, %2").arg(name, text);
}

bool VirtualKeyEntry::operator==(const VirtualKeyEntry &other) const
{
    return name == other.name && child == other.child && childColumns == other.childColumns
        && parent == other.parent && parentColumns == other.parentColumns;
}

Result<std::vector<VirtualKeyEntry>> parseVirtualKeys(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::usage(QStringLiteral("not JSON: %1 at character %2").arg(parseError.errorString()).arg(parseError.offset));
    const QJsonObject top = document.object();
    const char *member = top.contains(QLatin1String("virtual_keys")) ? "virtual_keys" : "candidates";
    if (!document.isObject() || !top.value(QLatin1String(member)).isArray())
        return Error::usage(QStringLiteral("expected an object with a \"virtual_keys\" array"));
    std::vector<VirtualKeyEntry> entries;
    const QJsonArray array = top.value(QLatin1String(member)).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto entry = entryFrom(array.at(i));
        if (!entry)
            return Error::usage(QStringLiteral("entry %1: %2").arg(i + 1).arg(entry.error().message));
        entries.push_back(entry.take());
    }
    return entries;
}

Result<std::vector<VirtualKeyEntry>> readVirtualKeyFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::usage(QStringLiteral("cannot read --virtual-keys %1: %2").arg(path, file.errorString()));
    auto entries = parseVirtualKeys(file.readAll());
    if (!entries)
        return Error::usage(QStringLiteral("--virtual-keys %1: %2").arg(path, entries.error().message));
    return entries;
}

QByteArray virtualKeysJson(const std::vector<VirtualKeyEntry> &entries)
{
    QJsonArray array;
    for (const VirtualKeyEntry &entry : entries) {
        QJsonObject object;
        if (!entry.name.isEmpty())
            object.insert(QLatin1String("name"), entry.name);
        object.insert(QLatin1String("child"), entry.child);
        object.insert(QLatin1String("child_columns"), QJsonArray::fromStringList(entry.childColumns));
        object.insert(QLatin1String("parent"), entry.parent);
        object.insert(QLatin1String("parent_columns"), QJsonArray::fromStringList(entry.parentColumns));
        array.append(object);
    }
    return QJsonDocument(QJsonObject{{QLatin1String("virtual_keys"), array}}).toJson(QJsonDocument::Indented);
}

} // namespace fkscope
