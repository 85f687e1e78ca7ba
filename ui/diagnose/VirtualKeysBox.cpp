#include "ui/diagnose/VirtualKeysBox.h"

#include "ui/session/DatabaseSession.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace fkscope {

namespace {

// "public.orders(user_id, kind)" -> ("public.orders", [user_id, kind]); false when it is not so.
bool splitKeySide(const QString &text, QString *table, QStringList *columns)
{
    const QString given = text.trimmed();
    const qsizetype open = given.lastIndexOf(QLatin1Char('('));
    if (open <= 0 || !given.endsWith(QLatin1Char(')')))
        return false;
    *table = given.left(open).trimmed();
    columns->clear();
    for (const QString &column : given.mid(open + 1, given.size() - open - 2).split(QLatin1Char(','))) {
        if (column.trimmed().isEmpty())
            return false;
        *columns << column.trimmed();
    }
    return true;
}

} // namespace

VirtualKeysBox::VirtualKeysBox(DatabaseSession *session, QWidget *parent)
    : QGroupBox(tr("Virtual keys of this database (kept by fkscope, never written to the database)"), parent),
      m_session(session)
{
    setObjectName(QStringLiteral("virtualKeysBox"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("virtualKeysList"));
    m_list->setAccessibleName(tr("Virtual keys"));
    m_list->setHeaderLabels({tr("Name"), tr("Child"), tr("Columns"), tr("Parent"), tr("Parent columns")});
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);

    m_child = new QLineEdit(this);
    m_child->setObjectName(QStringLiteral("virtualKeyChild"));
    m_child->setAccessibleName(tr("Child table and columns"));
    m_child->setPlaceholderText(tr("public.orders(user_id)"));
    m_parent = new QLineEdit(this);
    m_parent->setObjectName(QStringLiteral("virtualKeyParent"));
    m_parent->setAccessibleName(tr("Parent table and columns"));
    m_parent->setPlaceholderText(tr("public.users(id)"));
    auto *add = new QPushButton(tr("&Add"), this);
    add->setObjectName(QStringLiteral("virtualKeyAdd"));
    add->setAccessibleName(tr("Add virtual key"));
    connect(add, &QPushButton::clicked, this, &VirtualKeysBox::addFromForm);
    connect(m_parent, &QLineEdit::returnPressed, this, &VirtualKeysBox::addFromForm);

    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("virtualKeyRemove"));
    m_remove->setAccessibleName(tr("Remove virtual keys"));
    connect(m_remove, &QPushButton::clicked, this, &VirtualKeysBox::removeSelected);
    auto *import = new QPushButton(tr("&Import…"), this);
    import->setObjectName(QStringLiteral("virtualKeysImport"));
    import->setAccessibleName(tr("Import virtual keys"));
    connect(import, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import Virtual Keys"), QString(),
                                                          tr("Virtual keys (*.json);;All files (*)"));
        if (!path.isEmpty())
            importFrom(path);
    });
    m_export = new QPushButton(tr("E&xport…"), this);
    m_export->setObjectName(QStringLiteral("virtualKeysExport"));
    m_export->setAccessibleName(tr("Export virtual keys"));
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Virtual Keys"),
                                                          QStringLiteral("virtual-keys.json"),
                                                          tr("Virtual keys (*.json)"));
        if (!path.isEmpty())
            exportTo(path);
    });
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("virtualKeysMessage"));
    m_message->setWordWrap(true);

    auto *form = new QHBoxLayout;
    form->addWidget(new QLabel(tr("Child:"), this));
    form->addWidget(m_child, 1);
    form->addWidget(new QLabel(tr("→ Parent:"), this));
    form->addWidget(m_parent, 1);
    form->addWidget(add);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_remove);
    buttons->addWidget(import);
    buttons->addWidget(m_export);
    buttons->addWidget(m_message, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(form);
    layout->addLayout(buttons);

    connect(session, &DatabaseSession::databaseChanged, this, &VirtualKeysBox::showKeys);
    connect(session, &DatabaseSession::virtualKeysRefused, this, &VirtualKeysBox::setMessage);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    showKeys();
}

void VirtualKeysBox::showKeys()
{
    m_list->clear();
    const std::vector<VirtualKeyEntry> &keys = m_session->virtualKeys();
    for (size_t i = 0; i < keys.size(); ++i) {
        const VirtualKeyEntry &k = keys[i];
        auto *item = new QTreeWidgetItem(m_list, {k.name, k.child, k.childColumns.join(QStringLiteral(", ")), k.parent,
                                                  k.parentColumns.join(QStringLiteral(", "))});
        item->setData(0, Qt::UserRole, int(i));
    }
    for (int column = 0; column < m_list->columnCount(); ++column)
        m_list->resizeColumnToContents(column);
    m_remove->setEnabled(false);
    m_export->setEnabled(!keys.empty());
    setEnabled(m_session->hasDatabase());
    setMessage(tr("%n virtual key(s).", nullptr, int(keys.size())));
}

void VirtualKeysBox::setMessage(const QString &text)
{
    m_message->setText(text);
}

void VirtualKeysBox::addFromForm()
{
    VirtualKeyEntry entry;
    if (!splitKeySide(m_child->text(), &entry.child, &entry.childColumns)
        || !splitKeySide(m_parent->text(), &entry.parent, &entry.parentColumns)) {
        setMessage(tr("Write each side as table(column, …): public.orders(user_id) → public.users(id)."));
        return;
    }
    std::vector<VirtualKeyEntry> keys = m_session->virtualKeys();
    keys.push_back(entry);
    setMessage(tr("Checking the key against the database…"));
    m_session->setVirtualKeys(keys);
}

void VirtualKeysBox::removeSelected()
{
    QList<int> rows;
    for (QTreeWidgetItem *item : m_list->selectedItems())
        rows << item->data(0, Qt::UserRole).toInt();
    std::vector<VirtualKeyEntry> keys;
    const std::vector<VirtualKeyEntry> &current = m_session->virtualKeys();
    for (size_t i = 0; i < current.size(); ++i) {
        if (!rows.contains(int(i)))
            keys.push_back(current[i]);
    }
    m_session->setVirtualKeys(keys);
}

void VirtualKeysBox::importFrom(const QString &path)
{
    auto entries = readVirtualKeyFile(path);
    if (!entries) {
        setMessage(entries.error().message);
        return;
    }
    std::vector<VirtualKeyEntry> keys = m_session->virtualKeys();
    for (const VirtualKeyEntry &entry : entries.value()) {
        if (std::find(keys.cbegin(), keys.cend(), entry) == keys.cend())
            keys.push_back(entry);
    }
    setMessage(tr("Checking the keys against the database…"));
    m_session->setVirtualKeys(keys);
}

bool VirtualKeysBox::exportTo(const QString &path)
{
    QSaveFile file(path);
    const QByteArray text = virtualKeysJson(m_session->virtualKeys());
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        setMessage(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    setMessage(tr("Exported %n key(s) to %1.", nullptr, int(m_session->virtualKeys().size())).arg(path));
    return true;
}

} // namespace fkscope
