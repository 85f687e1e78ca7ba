// Shows GraphView full-window over a database, for screenshots and trying it by hand:
//   graphview_demo CONNINFO [FOCUS_TABLE DEPTH]
#include "ui/graph/GraphView.h"

#include "catalog/CatalogLoader.h"
#include "db/ConnInfo.h"
#include "db/Connection.h"

#include <QApplication>
#include <QScreen>
#include <QTextStream>

using namespace fkscope;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        QTextStream(stderr) << "usage: graphview_demo CONNINFO [FOCUS_TABLE DEPTH]\n";
        return 2;
    }
    auto info = ConnInfo::parse(args[1]);
    auto connection = info ? Connection::open(info.value()) : Result<std::unique_ptr<Connection>>(info.error());
    if (!connection) {
        QTextStream(stderr) << connection.error().message << '\n';
        return 3;
    }
    auto catalog = CatalogLoader(*connection.value()).load();
    if (!catalog) {
        QTextStream(stderr) << catalog.error().message << '\n';
        return 4;
    }
    GraphView view;
    view.setWindowTitle(QStringLiteral("fkscope: foreign-key graph"));
    view.setCatalog(catalog.value());
    view.setGeometry(QApplication::primaryScreen()->geometry());
    view.show();
    if (args.size() >= 4) {
        const Table *focus = catalog->table(args[2]);
        view.showNeighbourhood(focus ? focus->oid : 0, args[3].toInt());
    } else {
        view.showGraph();
    }
    return QApplication::exec();
}
