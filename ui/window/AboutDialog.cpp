#include "ui/window/AboutDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace fkscope {

namespace {

QString credits()
{
    return AboutDialog::tr(
               "<p>fkscope is free software under the MIT licence.</p>"
               "<h4>Built on</h4>"
               "<ul>"
               "<li><a href=\"https://www.qt.io/\">Qt</a> %1, under the GNU LGPL version 3</li>"
               "<li><a href=\"https://www.postgresql.org/docs/current/libpq.html\">libpq</a>, "
               "PostgreSQL's client library, under the PostgreSQL Licence</li>"
               "<li><a href=\"https://graphviz.org/\">Graphviz</a>, which lays out the graph, "
               "under the Eclipse Public License 1.0</li>"
               "</ul>"
               "<h4>Sample databases</h4>"
               "<ul>"
               "<li>The demo shop database (<code>--demo</code>) is fkscope's own.</li>"
               "<li>The tests also load <a href=\"https://github.com/devrimgunduz/pagila\">pagila</a> "
               "by Devrim Gündüz (MIT-style licence) and "
               "<a href=\"https://github.com/lerocha/chinook-database\">chinook</a> by Luis Rocha (MIT).</li>"
               "</ul>"
               "<p>The full licence texts are in the copyright files of the installed packages, "
               "under /usr/share/doc.</p>")
        .arg(QLatin1String(qVersion()));
}

} // namespace

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About fkscope"));

    auto *icon = new QLabel;
    icon->setPixmap(QApplication::windowIcon().pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);
    auto *title = new QLabel(tr("<h2>fkscope %1</h2>"
                                "<p>Explore the foreign keys of a PostgreSQL database: what references what, "
                                "and what a delete would touch.</p>")
                                 .arg(QApplication::applicationVersion()));
    title->setObjectName(QStringLiteral("aboutTitle"));
    title->setWordWrap(true);
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *header = new QHBoxLayout;
    header->addWidget(icon);
    header->addWidget(title, 1);

    auto *text = new QTextBrowser;
    text->setObjectName(QStringLiteral("aboutCredits"));
    text->setAccessibleName(tr("Licences and credits"));
    text->setOpenExternalLinks(true);
    text->setHtml(credits());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    resize(520, 440);
}

} // namespace fkscope
