#include "ui/window/WindowSettings.h"

#include <QMainWindow>
#include <QSettings>
#include <QSplitter>

namespace fkscope {

namespace {

QString key(const QMainWindow *window, const QString &what)
{
    return window->objectName() + QLatin1Char('/') + what;
}

QList<QSplitter *> namedSplitters(const QMainWindow *window)
{
    QList<QSplitter *> named;
    for (QSplitter *splitter : window->findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            named << splitter;
    }
    return named;
}

} // namespace

bool WindowSettings::restore() const
{
    QSettings settings;
    if (!m_window->restoreGeometry(settings.value(key(m_window, QStringLiteral("geometry"))).toByteArray()))
        return false;
    m_window->restoreState(settings.value(key(m_window, QStringLiteral("state"))).toByteArray());
    for (QSplitter *splitter : namedSplitters(m_window))
        splitter->restoreState(settings.value(key(m_window, QStringLiteral("splitters/") + splitter->objectName())).toByteArray());
    return true;
}

void WindowSettings::save() const
{
    QSettings settings;
    settings.setValue(key(m_window, QStringLiteral("geometry")), m_window->saveGeometry());
    settings.setValue(key(m_window, QStringLiteral("state")), m_window->saveState());
    for (const QSplitter *splitter : namedSplitters(m_window))
        settings.setValue(key(m_window, QStringLiteral("splitters/") + splitter->objectName()), splitter->saveState());
}

} // namespace fkscope
