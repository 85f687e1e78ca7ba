// fkscope: the desktop explorer. Parses the command line and opens the main window.

#include "ui/window/MainWindow.h"
#include "ui/common/PaletteColours.h"
#include "ui/window/QuitOnSignals.h"

#include "db/ConnInfo.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

#include <cstdio>

namespace {

struct Options {
    QCommandLineOption db{QStringLiteral("db"),
                          QCoreApplication::translate("main", "Connect to CONNINFO (a postgresql:// URI or key=value pairs) "
                                                               "instead of asking."),
                          QStringLiteral("CONNINFO")};
    QCommandLineOption demo{QStringLiteral("demo"),
                            QCoreApplication::translate("main", "Start a throwaway PostgreSQL with the bundled demo "
                                                                 "database and connect to it; it is removed on exit.")};

    QCommandLineOption palette{QStringLiteral("palette"),
                               QCoreApplication::translate("main", "The colours: system (the platform theme's, the "
                                                                    "default), or dark or light over the Fusion style."),
                               QStringLiteral("system|dark|light"), QStringLiteral("system")};

    void addTo(QCommandLineParser &parser)
    {
        parser.setApplicationDescription(QCoreApplication::translate("main", "Explore the foreign keys of a PostgreSQL database."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption(db);
        parser.addOption(demo);
        parser.addOption(palette);
    }
};

// The installed theme's icon when there is one (it follows the user's theme), else the one
// compiled in.
QIcon applicationIcon()
{
    QIcon builtIn;
    for (int size : {16, 32, 48, 64, 128, 256})
        builtIn.addFile(QStringLiteral(":/icons/fkscope-%1.png").arg(size));
    return QIcon::fromTheme(QStringLiteral("io.github.fkscope.Fkscope"), builtIn);
}

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("fkscope"));
    QCoreApplication::setApplicationName(QStringLiteral("fkscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FKSCOPE_VERSION));
}

// --help and --version answer without a display, so they work over ssh too: a plain
// QCoreApplication reads them before the QApplication (which needs a display) exists.
void answerHelpAndVersion(int argc, char **argv)
{
    QCoreApplication probe(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    Options options;
    options.addTo(parser);
    parser.parse(QCoreApplication::arguments());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
}

} // namespace

int main(int argc, char *argv[])
{
    answerHelpAndVersion(argc, argv);

    QApplication app(argc, argv);
    setApplicationNames();
    QGuiApplication::setApplicationDisplayName(QStringLiteral("fkscope"));
    // The desktop entry's id, so the window is matched with its menu entry and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.fkscope.Fkscope"));
    QApplication::setWindowIcon(applicationIcon());

    QCommandLineParser parser;
    Options options;
    options.addTo(parser);
    parser.process(app);

    if (parser.isSet(options.db) && parser.isSet(options.demo)) {
        std::fprintf(stderr, "fkscope: --db and --demo exclude each other\n");
        return 2;
    }
    const QString palette = parser.value(options.palette);
    if (palette == QLatin1String("dark") || palette == QLatin1String("light")) {
        // Fusion draws with the palette it is given; some platform styles keep their own colours.
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(palette == QLatin1String("dark") ? fkscope::PaletteColours::darkPalette()
                                                                   : fkscope::PaletteColours::lightPalette());
    } else if (palette != QLatin1String("system")) {
        std::fprintf(stderr, "fkscope: --palette takes system, dark or light\n");
        return 2;
    }
    fkscope::ConnInfo info;
    if (parser.isSet(options.db)) {
        auto parsed = fkscope::ConnInfo::parse(parser.value(options.db));
        if (!parsed) {
            std::fprintf(stderr, "fkscope: %s\n", qPrintable(parsed.error().message));
            return 2;
        }
        info = parsed.take();
    }

    fkscope::QuitOnSignals quitOnSignals;  // so the window, and a demo server, are torn down
    fkscope::MainWindow window;
    window.show();
    if (parser.isSet(options.demo))
        window.startDemo();
    else if (parser.isSet(options.db))
        window.connectTo(info);
    else
        QTimer::singleShot(0, &window, &fkscope::MainWindow::showConnectDialog);
    return app.exec();
}
