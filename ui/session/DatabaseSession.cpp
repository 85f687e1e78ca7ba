#include "ui/session/DatabaseSession.h"

#include "ui/session/DatabaseWorker.h"

#include "catalog/CatalogLoader.h"

#include <QSettings>

namespace fkscope {

namespace {

const char *const timeoutSetting = "dependents/statementTimeoutSeconds";

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
    m_loader->runOn<Catalog>(
        info, [](Connection &connection) { return CatalogLoader(connection).load(); },
        [this, info](const Result<Catalog> &catalog) {
            if (!catalog) {
                const Error &error = catalog.error();
                const bool connecting = error.kind == Error::Kind::Connection || error.kind == Error::Kind::Usage;
                Q_EMIT loadFailed(info, connecting, describeError(error));
                return;
            }
            setDatabase(info, std::make_shared<const Catalog>(catalog.value()));
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
    Q_EMIT databaseChanged();
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
