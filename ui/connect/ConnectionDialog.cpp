#include "ui/connect/ConnectionDialog.h"

#include "ui/common/PaletteColours.h"

#include "ui/connect/RecentConnections.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include <iterator>

namespace fkscope {

namespace {

// The libpq keywords that have a field of their own; the password is apart.
const char *const fieldKeywords[] = {"host", "port", "dbname", "user", "service"};
const QString passwordKeyword = QStringLiteral("password");

void setTextOf(QLineEdit *edit, const ConnInfo &info, const char *keyword)
{
    edit->setText(info.value(QLatin1String(keyword)));
}

} // namespace

ConnectionDialog::ConnectionDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Connect to PostgreSQL"));
    setObjectName(QStringLiteral("connectionDialog"));

    m_recent = new QComboBox(this);
    m_recent->setObjectName(QStringLiteral("recentConnections"));
    m_recent->setAccessibleName(tr("Recent connections"));
    m_recent->setPlaceholderText(tr("Recent connections…"));
    m_recent->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_recent->setMinimumContentsLength(40);

    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("connectionMode"));
    m_pages->setAccessibleName(tr("Connection mode"));
    m_pages->addTab(createStringPage(), tr("Connection string"));
    m_pages->addTab(createFieldsPage(), tr("Fields"));

    m_password = addLineEdit(QStringLiteral("password"), tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("from ~/.pgpass or PGPASSWORD when empty"));
    auto *passwordForm = new QFormLayout;
    passwordForm->addRow(tr("&Password:"), m_password);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("connectionError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Red that reads on the dialog's window colour, light or dark.
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText,
                          PaletteColours::readableOn(QColor(0xb0, 0x1c, 0x1c), errorPalette.color(QPalette::Window)));
    m_error->setPalette(errorPalette);
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *connectButton = m_buttons->button(QDialogButtonBox::Ok);
    connectButton->setText(tr("&Connect"));
    connectButton->setObjectName(QStringLiteral("connectButton"));
    connectButton->setAccessibleName(tr("Connect"));
    QPushButton *cancelButton = m_buttons->button(QDialogButtonBox::Cancel);
    cancelButton->setObjectName(QStringLiteral("cancelButton"));
    cancelButton->setAccessibleName(tr("Cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_recent);
    layout->addWidget(m_pages);
    layout->addLayout(passwordForm);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(m_recent, &QComboBox::activated, this, &ConnectionDialog::useRecent);
    connect(m_pages, &QTabWidget::currentChanged, this, &ConnectionDialog::syncPages);
    for (QLineEdit *edit : {m_string, m_host, m_port, m_database, m_user, m_service})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::validate);

    fillRecent();
    if (m_recent->count() > 0)
        useRecent(0);
    setMinimumWidth(560);
    m_string->setFocus();
}

QLineEdit *ConnectionDialog::addLineEdit(const QString &objectName, const QString &accessibleName)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setClearButtonEnabled(true);
    return edit;
}

QWidget *ConnectionDialog::createStringPage()
{
    auto *page = new QWidget;
    m_string = addLineEdit(QStringLiteral("connectionString"), tr("Connection string"));
    m_string->setPlaceholderText(tr("postgresql://user@host:5432/dbname  or  host=… dbname=…"));
    auto *hint = new QLabel(tr("A postgresql:// URI or key=value pairs, as psql accepts them. "
                               "Anything left out comes from the PG* environment variables, "
                               "the service file and ~/.pgpass."),
                            page);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_string);
    layout->addWidget(hint);
    layout->addStretch();
    return page;
}

QWidget *ConnectionDialog::createFieldsPage()
{
    auto *page = new QWidget;
    m_host = addLineEdit(QStringLiteral("host"), tr("Host"));
    m_host->setPlaceholderText(tr("localhost, a name, an address or a socket folder"));
    m_port = addLineEdit(QStringLiteral("port"), tr("Port"));
    m_port->setValidator(new QIntValidator(1, 65535, m_port));
    m_port->setPlaceholderText(QStringLiteral("5432"));
    m_database = addLineEdit(QStringLiteral("database"), tr("Database"));
    m_database->setPlaceholderText(tr("same as the user name"));
    m_user = addLineEdit(QStringLiteral("user"), tr("User"));
    m_user->setPlaceholderText(tr("your operating-system user name"));
    m_service = addLineEdit(QStringLiteral("service"), tr("Service"));
    m_service->setPlaceholderText(tr("optional: a name from pg_service.conf"));

    auto *form = new QFormLayout(page);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("P&ort:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Service:"), m_service);
    return page;
}

void ConnectionDialog::fillRecent()
{
    m_recent->clear();
    for (const QString &entry : RecentConnections::load()) {
        auto parsed = ConnInfo::parse(entry);
        if (parsed)
            m_recent->addItem(parsed->summary(), entry);
    }
    m_recent->setVisible(m_recent->count() > 0);
}

void ConnectionDialog::useRecent(int index)
{
    auto parsed = ConnInfo::parse(m_recent->itemData(index).toString());
    if (parsed)
        setConnInfo(parsed.value());
}

void ConnectionDialog::setConnInfo(const ConnInfo &info)
{
    m_string->setText(info.toStringWithoutPassword());
    setFieldsFrom(info);
    m_password->setText(info.value(passwordKeyword));
    validate();
}

void ConnectionDialog::setFieldsFrom(const ConnInfo &info)
{
    setTextOf(m_host, info, "host");
    setTextOf(m_port, info, "port");
    setTextOf(m_database, info, "dbname");
    setTextOf(m_user, info, "user");
    setTextOf(m_service, info, "service");
    m_otherParameters = info;
    m_otherParameters.remove(passwordKeyword);
    for (const char *keyword : fieldKeywords)
        m_otherParameters.remove(QLatin1String(keyword));
}

ConnInfo ConnectionDialog::connInfoFromFields() const
{
    ConnInfo info;
    const QLineEdit *edits[] = {m_host, m_port, m_database, m_user, m_service};
    for (size_t i = 0; i < std::size(edits); ++i) {
        const QString text = edits[i]->text().trimmed();
        if (!text.isEmpty())
            info.set(QLatin1String(fieldKeywords[i]), text);
    }
    for (const ConnInfo::Parameter &p : m_otherParameters.parameters())
        info.set(p.first, p.second);
    return info;
}

ConnectionDialog::Mode ConnectionDialog::mode() const
{
    return m_pages->currentIndex() == 0 ? Mode::ConnectionString : Mode::Fields;
}

void ConnectionDialog::setMode(Mode mode)
{
    m_pages->setCurrentIndex(mode == Mode::ConnectionString ? 0 : 1);
}

Result<ConnInfo> ConnectionDialog::connInfo() const
{
    // Fields are checked by the same parser as strings, so both ways fail alike.
    const QString text = mode() == Mode::ConnectionString ? m_string->text() : connInfoFromFields().toString();
    auto parsed = ConnInfo::parse(text);
    if (!parsed)
        return parsed;
    ConnInfo info = parsed.take();
    if (!m_password->text().isEmpty())
        info.set(passwordKeyword, m_password->text());
    return info;
}

void ConnectionDialog::syncPages(int newIndex)
{
    if (newIndex == 1) {
        auto parsed = ConnInfo::parse(m_string->text());
        if (!parsed)
            return;  // the error stays visible; the fields keep what they had
        setFieldsFrom(parsed.value());
        if (parsed->has(passwordKeyword) && m_password->text().isEmpty())
            m_password->setText(parsed->value(passwordKeyword));
    } else {
        m_string->setText(connInfoFromFields().toStringWithoutPassword());
    }
    validate();
}

void ConnectionDialog::validate()
{
    auto info = connInfo();
    m_error->setVisible(!info.ok());
    m_error->setText(info.ok() ? QString() : info.error().message);
    m_error->setAccessibleDescription(m_error->text());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(info.ok());
}

void ConnectionDialog::accept()
{
    auto info = connInfo();
    if (!info) {
        validate();
        return;
    }
    RecentConnections::remember(info.value());
    QDialog::accept();
}

} // namespace fkscope
