// The window's "Copy to Database…" dialog on the offscreen platform, against the throwaway
// server: Count Rows writes nothing, Copy asks first and writes nothing when refused, and a
// confirmed copy shows the rows per table that the target then holds.
#include "InsertScriptCheck.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include "ui/copy/CopyToDatabaseDialog.h"
#include "ui/session/DatabaseSession.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QLineEdit>
#include <QProgressBar>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

class TestCopyDialog : public QObject {
    Q_OBJECT

    int targetRows(TestDatabase &target) const
    {
        return target.queryValue(QStringLiteral("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM orders) + "
                                                "(SELECT count(*) FROM order_items)")).toInt();
    }

private Q_SLOTS:
    void countsThenCopiesAfterConfirmation()
    {
        TestDatabase source(QStringLiteral("copydialog"));
        QVERIFY2(source.runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(source.error()));
        TestDatabase target(QStringLiteral("copydialogto"));
        QString error;
        QVERIFY2(copySchema(source, target, &error), qPrintable(error));

        DatabaseSession session;
        QSignalSpy loaded(&session, &DatabaseSession::databaseChanged);
        session.connectTo(source.connInfo());
        QVERIFY(loaded.wait(60000));

        CopyToDatabaseDialog dialog(&session, {QStringLiteral("users"), {{QStringLiteral("id"), QStringLiteral("1")}}, QString()},
                                    QStringLiteral("public.users id=1"));
        dialog.setTarget(target.connInfoString());
        int asked = 0;
        bool answer = false;
        QString question;
        dialog.setConfirmation([&](const QString &text) {
            ++asked;
            question = text;
            return answer;
        });
        dialog.show();
        auto *count = dialog.findChild<QPushButton *>(QStringLiteral("copyCountButton"));
        auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("copyRunButton"));
        auto *status = dialog.findChild<QLabel *>(QStringLiteral("copyStatus"));
        auto *result = dialog.findChild<QTableWidget *>(QStringLiteral("copyResult"));
        auto *extent = dialog.findChild<QComboBox *>(QStringLiteral("copyExtent"));
        QVERIFY(count && copy && status && result && extent);
        extent->setCurrentIndex(1);  // with its dependents: many tables

        count->click();
        QTRY_VERIFY_WITH_TIMEOUT(count->isEnabled() && result->rowCount() > 0, 60000);
        QVERIFY2(status->text().contains(QLatin1String("would be copied")), qPrintable(status->text()));
        QCOMPARE(targetRows(target), 0);
        QCOMPARE(asked, 0);  // counting writes nothing, so it asks nothing

        copy->click();  // refused
        QCOMPARE(asked, 1);
        // The question repeats the count just made.
        qint64 counted = 0;
        for (int row = 0; row < result->rowCount(); ++row)
            counted += QLocale().toLongLong(result->item(row, 1)->text());
        QVERIFY2(question.contains(QStringLiteral("(%1 rows by the last count)").arg(QLocale().toString(counted))),
                 qPrintable(question));
        QVERIFY(copy->isEnabled());
        QCOMPARE(targetRows(target), 0);

        answer = true;
        copy->click();
        QCOMPARE(asked, 2);
        QTRY_VERIFY_WITH_TIMEOUT(copy->isEnabled() && status->text().startsWith(QLatin1String("Copied")), 60000);
        qint64 copied = 0;
        for (int row = 0; row < result->rowCount(); ++row)
            copied += QLocale().toLongLong(result->item(row, 2)->text());
        QVERIFY(copied > 0);
        QCOMPARE(rowsAsText(target, QStringLiteral("users"), QStringLiteral("id = 1")),
                 rowsAsText(source, QStringLiteral("users"), QStringLiteral("id = 1")));
        if (qEnvironmentVariableIsSet("FKSCOPE_SCREENSHOT_DIR"))
            QVERIFY(dialog.grab().save(QDir(qEnvironmentVariable("FKSCOPE_SCREENSHOT_DIR")).filePath(QStringLiteral("copy-to-database.png"))));

        // Again, stopping at rows the target has: the table is named, and the way past it.
        const int before = targetRows(target);
        copy->click();
        QTRY_VERIFY_WITH_TIMEOUT(copy->isEnabled() && status->text().startsWith(QLatin1String("Nothing was copied")), 60000);
        QVERIFY2(status->text().contains(QLatin1String("target already has rows of public.users")) &&
                     status->text().contains(QStringLiteral(". To copy past the rows it has, choose “Skip them”")),
                 qPrintable(status->text()));
        auto *progress = dialog.findChild<QProgressBar *>(QStringLiteral("copyProgress"));
        QVERIFY(progress);
        QVERIFY2(!progress->isTextVisible(), qPrintable(progress->text()));
        QCOMPARE(targetRows(target), before);

        auto *onConflict = dialog.findChild<QComboBox *>(QStringLiteral("copyOnConflict"));
        QVERIFY(onConflict);
        onConflict->setCurrentIndex(1);  // skip them
        copy->click();
        QTRY_VERIFY_WITH_TIMEOUT(copy->isEnabled() && status->text().startsWith(QLatin1String("Copied")), 60000);
        QVERIFY2(status->text().startsWith(QStringLiteral("Copied 0 rows into %1 (%2 skipped")
                                               .arg(target.name(), QLocale().toString(copied))),
                 qPrintable(status->text()));
        QCOMPARE(targetRows(target), before);
    }

    // Screen readers read each field by the words of its label, never by what was typed.
    void fieldsAreNamedAsTheirLabels()
    {
        DatabaseSession session;
        CopyToDatabaseDialog dialog(&session, {QStringLiteral("users"), {{QStringLiteral("id"), QStringLiteral("1")}}, QString()},
                                    QStringLiteral("public.users id=1"));
        dialog.setTarget(QStringLiteral("host=/tmp dbname=elsewhere"));
        auto *form = dialog.findChild<QFormLayout *>();
        QVERIFY(form);
        QCOMPARE(form->rowCount(), 3);
        for (int row = 0; row < form->rowCount(); ++row) {
            auto *label = qobject_cast<QLabel *>(form->itemAt(row, QFormLayout::LabelRole)->widget());
            QWidget *field = form->itemAt(row, QFormLayout::FieldRole)->widget();
            QVERIFY(label && field);
            QString words = label->text().remove(QLatin1Char('&'));
            words.chop(1);  // the colon
            QCOMPARE(field->accessibleName(), words);
        }
        auto *target = dialog.findChild<QComboBox *>(QStringLiteral("copyTarget"));
        QVERIFY(target && target->lineEdit());
        QCOMPARE(target->lineEdit()->accessibleName(), QStringLiteral("Target database"));

        // Nothing typed: a sentence of its own, not an error glued to another.
        target->setCurrentText(QString());
        dialog.findChild<QPushButton *>(QStringLiteral("copyCountButton"))->click();
        auto *status = dialog.findChild<QLabel *>(QStringLiteral("copyStatus"));
        QCOMPARE(status->text(), QStringLiteral("Enter the target database's connection string first."));
    }
};

FKSCOPE_TEST_MAIN(TestCopyDialog)
#include "tst_copydialog.moc"
