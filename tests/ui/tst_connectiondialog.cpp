// The connection dialog: libpq decides what is a valid connection string, the dialog says
// so under the fields, builds conninfo from fields, and never writes a password to disk.
#include "TestMain.h"
#include "WidgetLookup.h"

#include "ui/connect/ConnectionDialog.h"
#include "ui/connect/RecentConnections.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

QLineEdit *edit(const ConnectionDialog &dialog, const QString &accessibleName)
{
    auto *found = findByAccessibleName<QLineEdit>(&dialog, accessibleName);
    if (!found)
        qFatal("no line edit named %s", qPrintable(accessibleName));
    return found;
}

QLabel *errorLabel(const ConnectionDialog &dialog)
{
    return dialog.findChild<QLabel *>(QStringLiteral("connectionError"));
}

QPushButton *connectButton(const ConnectionDialog &dialog)
{
    return findByAccessibleName<QPushButton>(&dialog, QStringLiteral("Connect"));
}

QString settingsFileContents()
{
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class TestConnectionDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void garbageIsRejectedWithAnInlineError_data();
    void garbageIsRejectedWithAnInlineError();
    void validStringsAreAccepted_data();
    void validStringsAreAccepted();
    void fieldsBuildAConnInfo();
    void switchingTabsCarriesTheValuesOver();
    void passwordIsNeverWrittenToSettings();
    void recentConnectionsFillTheDialog();
};

void TestConnectionDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("fkscope-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_connectiondialog"));
}

void TestConnectionDialog::init()
{
    RecentConnections::clear();
}

void TestConnectionDialog::garbageIsRejectedWithAnInlineError_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("unclosed IPv6 bracket") << QStringLiteral("postgresql://[") << QStringLiteral("invalid");
    QTest::newRow("no equals sign") << QStringLiteral("nonsense") << QStringLiteral("nonsense");
    QTest::newRow("unknown keyword") << QStringLiteral("hots=localhost") << QStringLiteral("hots");
    QTest::newRow("unterminated quote") << QStringLiteral("host='db") << QStringLiteral("unterminated");
    QTest::newRow("bad URI parameter") << QStringLiteral("postgresql://h/db?nosuchoption=1") << QStringLiteral("nosuchoption");
}

void TestConnectionDialog::garbageIsRejectedWithAnInlineError()
{
    QFETCH(QString, text);
    QFETCH(QString, messagePart);
    ConnectionDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    QLineEdit *string = edit(dialog, QStringLiteral("Connection string"));
    string->clear();
    QTest::keyClicks(string, text);
    QVERIFY(errorLabel(dialog)->isVisible());
    QVERIFY2(errorLabel(dialog)->text().contains(messagePart, Qt::CaseInsensitive), qPrintable(errorLabel(dialog)->text()));
    QVERIFY(!connectButton(dialog)->isEnabled());
    QVERIFY(!dialog.connInfo().ok());

    // Enter does not get past it either.
    QTest::keyClick(string, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QVERIFY(RecentConnections::load().isEmpty());

    // Fixing it clears the error.
    string->setText(QStringLiteral("host=localhost"));
    QVERIFY(!errorLabel(dialog)->isVisible());
    QVERIFY(connectButton(dialog)->isEnabled());
}

void TestConnectionDialog::validStringsAreAccepted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("keyword");
    QTest::addColumn<QString>("value");
    QTest::newRow("URI") << QStringLiteral("postgresql://alice@db.example.com:6543/shop") << QStringLiteral("port")
                         << QStringLiteral("6543");
    QTest::newRow("URI with an escaped name") << QStringLiteral("postgres://h/my%20db") << QStringLiteral("dbname")
                                              << QStringLiteral("my db");
    QTest::newRow("key=value") << QStringLiteral("host=/tmp dbname='a b' sslmode=disable") << QStringLiteral("dbname")
                               << QStringLiteral("a b");
    QTest::newRow("service") << QStringLiteral("service=reporting") << QStringLiteral("service")
                             << QStringLiteral("reporting");
    QTest::newRow("empty: libpq defaults") << QString() << QStringLiteral("host") << QString();
}

void TestConnectionDialog::validStringsAreAccepted()
{
    QFETCH(QString, text);
    QFETCH(QString, keyword);
    QFETCH(QString, value);
    ConnectionDialog dialog;
    edit(dialog, QStringLiteral("Connection string"))->setText(text);
    QVERIFY(errorLabel(dialog)->isHidden());
    auto info = dialog.connInfo();
    QVERIFY2(info.ok(), qPrintable(info.error().message));
    QCOMPARE(info->value(keyword), value);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestConnectionDialog::fieldsBuildAConnInfo()
{
    ConnectionDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setMode(ConnectionDialog::Mode::Fields);
    QTest::keyClicks(edit(dialog, QStringLiteral("Host")), QStringLiteral("db.example.com"));
    QTest::keyClicks(edit(dialog, QStringLiteral("Port")), QStringLiteral("6543x"));  // the x is refused
    QTest::keyClicks(edit(dialog, QStringLiteral("Database")), QStringLiteral("shop floor's"));
    QTest::keyClicks(edit(dialog, QStringLiteral("User")), QStringLiteral("alice"));
    QLineEdit *password = edit(dialog, QStringLiteral("Password"));
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    QTest::keyClicks(password, QStringLiteral("s3cr'et"));

    auto info = dialog.connInfo();
    QVERIFY2(info.ok(), qPrintable(info.error().message));
    QCOMPARE(info->value(QStringLiteral("host")), QStringLiteral("db.example.com"));
    QCOMPARE(info->value(QStringLiteral("port")), QStringLiteral("6543"));
    QCOMPARE(info->value(QStringLiteral("dbname")), QStringLiteral("shop floor's"));
    QCOMPARE(info->value(QStringLiteral("user")), QStringLiteral("alice"));
    QCOMPARE(info->value(QStringLiteral("password")), QStringLiteral("s3cr'et"));
    QVERIFY(!info->has(QStringLiteral("service")));
    // What the dialog hands over is a conninfo libpq reads back to the same values.
    auto reparsed = ConnInfo::parse(info->toString());
    QVERIFY(reparsed.ok());
    QCOMPARE(reparsed->value(QStringLiteral("dbname")), QStringLiteral("shop floor's"));
    QCOMPARE(reparsed->value(QStringLiteral("password")), QStringLiteral("s3cr'et"));

    QTest::mouseClick(connectButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestConnectionDialog::switchingTabsCarriesTheValuesOver()
{
    ConnectionDialog dialog;
    edit(dialog, QStringLiteral("Connection string"))
        ->setText(QStringLiteral("postgresql://bob:pw@10.0.0.7:5433/sales?sslmode=require"));
    dialog.setMode(ConnectionDialog::Mode::Fields);
    QCOMPARE(edit(dialog, QStringLiteral("Host"))->text(), QStringLiteral("10.0.0.7"));
    QCOMPARE(edit(dialog, QStringLiteral("Port"))->text(), QStringLiteral("5433"));
    QCOMPARE(edit(dialog, QStringLiteral("Database"))->text(), QStringLiteral("sales"));
    QCOMPARE(edit(dialog, QStringLiteral("User"))->text(), QStringLiteral("bob"));
    QCOMPARE(edit(dialog, QStringLiteral("Password"))->text(), QStringLiteral("pw"));

    edit(dialog, QStringLiteral("Database"))->setText(QStringLiteral("archive"));
    auto info = dialog.connInfo();
    QVERIFY(info.ok());
    // Parameters without a field of their own survive the round trip.
    QCOMPARE(info->value(QStringLiteral("sslmode")), QStringLiteral("require"));
    QCOMPARE(info->value(QStringLiteral("dbname")), QStringLiteral("archive"));

    dialog.setMode(ConnectionDialog::Mode::ConnectionString);
    const QString string = edit(dialog, QStringLiteral("Connection string"))->text();
    QVERIFY2(string.contains(QStringLiteral("dbname='archive'")), qPrintable(string));
    QVERIFY2(!string.contains(QStringLiteral("pw")), qPrintable(string));  // the password stays in its own field
    QCOMPARE(dialog.connInfo()->value(QStringLiteral("password")), QStringLiteral("pw"));
}

void TestConnectionDialog::passwordIsNeverWrittenToSettings()
{
    {
        ConnectionDialog dialog;
        edit(dialog, QStringLiteral("Connection string"))
            ->setText(QStringLiteral("host=db.example.com user=carol password=topsecret1 sslpassword=topsecret2"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    {
        ConnectionDialog dialog;
        dialog.setMode(ConnectionDialog::Mode::Fields);
        edit(dialog, QStringLiteral("Host"))->setText(QStringLiteral("other.example.com"));
        edit(dialog, QStringLiteral("Password"))->setText(QStringLiteral("topsecret3"));
        dialog.accept();
    }
    const QStringList recent = RecentConnections::load();
    QCOMPARE(recent.size(), 2);
    QVERIFY2(recent.first().contains(QStringLiteral("other.example.com")), qPrintable(recent.first()));
    QVERIFY2(recent.last().contains(QStringLiteral("user='carol'")), qPrintable(recent.last()));
    const QString file = settingsFileContents();
    QVERIFY2(file.contains(QStringLiteral("carol")), "the settings file was not found");
    QVERIFY(!file.contains(QStringLiteral("topsecret")));
    QVERIFY(!file.contains(QStringLiteral("password")));
}

void TestConnectionDialog::recentConnectionsFillTheDialog()
{
    RecentConnections::remember(ConnInfo::parse(QStringLiteral("host=a.example.com dbname=one")).value());
    RecentConnections::remember(ConnInfo::parse(QStringLiteral("host=b.example.com dbname=two")).value());
    RecentConnections::remember(ConnInfo::parse(QStringLiteral("host=a.example.com dbname=one")).value());

    ConnectionDialog dialog;
    auto *recent = findByAccessibleName<QComboBox>(&dialog, QStringLiteral("Recent connections"));
    QVERIFY(recent);
    QCOMPARE(recent->count(), 2);  // no duplicates, newest first
    QCOMPARE(recent->itemText(0), QStringLiteral("a.example.com/one"));
    // The newest one is filled in to start with.
    QCOMPARE(dialog.connInfo()->value(QStringLiteral("dbname")), QStringLiteral("one"));
    recent->setCurrentIndex(1);
    Q_EMIT recent->activated(1);
    QCOMPARE(dialog.connInfo()->value(QStringLiteral("dbname")), QStringLiteral("two"));
    QCOMPARE(edit(dialog, QStringLiteral("Host"))->text(), QStringLiteral("b.example.com"));
}

FKSCOPE_TEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
