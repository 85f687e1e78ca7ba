// The main() of every test folder's executable: runs the test named by its first argument.
// Compiled into each folder's executable, not into the support library, so that it sees
// whether that executable links Qt Widgets, as QTEST_MAIN does.
#include "TestMain.h"

#ifdef QT_WIDGETS_LIB
#include <QApplication>
#endif
#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>
#include <map>
#include <memory>

namespace fkscope::test {
namespace {

struct RegisteredTest {
    TestApplication application;
    RunTest run;
};

// A function's static, so that it exists before the first file's registration runs.
std::map<QString, RegisteredTest> &registeredTests()
{
    static std::map<QString, RegisteredTest> tests;
    return tests;
}

std::unique_ptr<QCoreApplication> makeApplication(TestApplication application, int &argc, char **argv)
{
#ifdef QT_WIDGETS_LIB
    if (application == TestApplication::Gui) {
        auto app = std::make_unique<QApplication>(argc, argv);
        app->setAttribute(Qt::AA_Use96Dpi, true);
        return app;
    }
#endif
    return std::make_unique<QCoreApplication>(argc, argv);
}

} // namespace

bool registerTest(const char *sourceFile, TestApplication application, RunTest run)
{
    registeredTests()[QFileInfo(QString::fromUtf8(sourceFile)).completeBaseName()] = {application, run};
    return true;
}

} // namespace fkscope::test

int main(int argc, char *argv[])
{
    using namespace fkscope::test;
    const auto &tests = registeredTests();
    const auto test = argc > 1 ? tests.find(QString::fromLocal8Bit(argv[1])) : tests.end();
    if (test == tests.end()) {
        std::fprintf(stderr, "usage: %s TEST [Qt Test options]\nTEST is one of:\n", argv[0]);
        for (const auto &[name, registered] : tests)
            std::fprintf(stderr, "  %s\n", qPrintable(name));
        return 2;
    }
    // Qt Test sees the program's name and the options after the test's name.
    argv[1] = argv[0];
    int testArgc = argc - 1;
    char **testArgv = argv + 1;
    const auto app = makeApplication(test->second.application, testArgc, testArgv);
    return test->second.run(testArgc, testArgv);
}
