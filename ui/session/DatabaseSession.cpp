#include "ui/session/DatabaseSession.h"

#include "ui/session/DatabaseWorker.h"

#include "ui/session/VirtualKeyStore.h"

#include "catalog/CatalogLoader.h"
#include "catalog/VirtualKeys.h"

#include <QSettings>

namespace fkscope {

namespace {

const char *const timeoutSetting = "dependents/statementTimeoutSeconds";

// A catalog as loaded, and the same with the user's virtual keys when they were good.
struct LoadedCatalog {
    Catalog declared;
    Catalog withVirtualKeys;
    QString refused;  // why the virtual keys were left out, or empty
};

// The entries with the names their keys got, so that the list and the file say them.
std::vector<VirtualKeyEntry> namedEntries(const Catalog &catalog, std::vector<VirtualKeyEntry> entries)
{
    size_t next = 0;
    for (const ForeignKey &key : catalog.foreignKeys) {
        if (key.isVirtual && next < entries.size())
            entries[next++].name = key.name;
    }
    return entries;
}

} // namespace

DatabaseSession::DatabaseSession(QObject *parent)
    : QObject(parent), m_loader(new DatabaseWorker(nullptr, QStringLiteral("catalogThread"), this))
{
    m_statementTimeout = QSettings().value(QLatin1String(timeoutSetting), 30).toInt() * 1000;
    connect(m_loader, &DatabaseWorker::cancelled, this, &DatabaseSession::loadCancelled);
}

DatabaseSession::~DatabaseSession() = default;

void DatabaseSession::connectTo(const ConnInfo &info)
{
    m_requested = info;
    Q_EMIT loadStarted(info);
    QString storeError;
    const std::vector<VirtualKeyEntry> entries = VirtualKeyStore::load(info, &storeError);
    m_loader->runOn<LoadedCatalog>(
        info,
        [entries](Connection &connection) -> Result<LoadedCatalog> {
            auto catalog = CatalogLoader(connection).load();
            if (!catalog)
                return catalog.error();
            LoadedCatalog loaded{catalog.value(), catalog.value(), {}};
            if (!entries.empty()) {
                auto extended = withVirtualKeys(connection, loaded.declared, entries);
                if (extended)
                    loaded.withVirtualKeys = extended.take();
                else if (extended.error().kind == Error::Kind::Usage)
                    loaded.refused = extended.error().message;  // the database is fine; the keys are not
                else
                    return extended.error();
            }
            return loaded;
        },
        [this, info, entries, storeError](const Result<LoadedCatalog> &loaded) {
            if (!loaded) {
                const Error &error = loaded.error();
                const bool connecting = error.kind == Error::Kind::Connection || error.kind == Error::Kind::Usage;
                Q_EMIT loadFailed(info, connecting, describeError(error));
                return;
            }
            m_info = info;
            m_declared = std::make_shared<const Catalog>(loaded->declared);
            m_virtualKeys = loaded->refused.isEmpty() ? entries : std::vector<VirtualKeyEntry>();
            m_catalog = loaded->refused.isEmpty() ? std::make_shared<const Catalog>(loaded->withVirtualKeys) : m_declared;
            Q_EMIT databaseChanged();
            if (!storeError.isEmpty())
                Q_EMIT virtualKeysRefused(tr("Virtual keys not loaded: %1").arg(storeError));
            else if (!loaded->refused.isEmpty())
                Q_EMIT virtualKeysRefused(tr("Virtual keys not loaded: %1").arg(loaded->refused));
        });
}

void DatabaseSession::reload()
{
    connectTo(m_requested);
}

void DatabaseSession::cancelLoading()
{
    m_loader->cancel();
}

bool DatabaseSession::isLoading() const
{
    return m_loader->isBusy();
}

void DatabaseSession::setDatabase(const ConnInfo &info, std::shared_ptr<const Catalog> catalog)
{
    m_info = info;
    m_catalog = std::move(catalog);
    m_declared = m_catalog;
    m_virtualKeys.clear();
    Q_EMIT databaseChanged();
}

void DatabaseSession::setVirtualKeys(const std::vector<VirtualKeyEntry> &entries)
{
    if (!m_declared)
        return;
    const ConnInfo info = m_info;
    m_loader->runOn<Catalog>(
        info,
        [declared = m_declared, entries](Connection &connection) {
            return withVirtualKeys(connection, *declared, entries);
        },
        [this, info, entries](const Result<Catalog> &catalog) {
            if (!catalog) {
                Q_EMIT virtualKeysRefused(describeError(catalog.error()));
                return;
            }
            QString error;
            if (!VirtualKeyStore::save(info, namedEntries(catalog.value(), entries), &error)) {
                Q_EMIT virtualKeysRefused(error);
                return;
            }
            m_virtualKeys = namedEntries(catalog.value(), entries);
            m_catalog = std::make_shared<const Catalog>(catalog.value());
            Q_EMIT databaseChanged();
        });
}

void DatabaseSession::setStatementTimeout(int milliseconds)
{
    if (milliseconds == m_statementTimeout)
        return;
    m_statementTimeout = milliseconds;
    QSettings().setValue(QLatin1String(timeoutSetting), milliseconds / 1000);
    Q_EMIT statementTimeoutChanged(milliseconds);
}

} // namespace fkscope
