#pragma once

#include <QTest>

// Each test folder builds one executable (tests_graph, tests_ui, …) rather than one per test
// file, so that a clean build parses Qt's headers once per batch of files instead of once per
// file. A test file ends with FKSCOPE_TEST_MAIN(Class) or FKSCOPE_TEST_GUILESS_MAIN(Class)
// where Qt's QTEST_MAIN or QTEST_GUILESS_MAIN would stand: that registers the class under its
// file's name, and CTest runs `tests_graph tst_graphpicture [Qt Test options]`.
namespace fkscope::test {

// The application object the test runs in: QTEST_MAIN's (QApplication where the executable
// links Qt Widgets) or QTEST_GUILESS_MAIN's (QCoreApplication).
enum class TestApplication { Gui, Guiless };
using RunTest = int (*)(int argc, char **argv);

bool registerTest(const char *sourceFile, TestApplication application, RunTest run);

} // namespace fkscope::test

#define FKSCOPE_REGISTER_TEST(TestClass, application)                                          \
    static const bool fkscopeRegistered##TestClass = fkscope::test::registerTest(           \
        __FILE__, application, [](int argc, char **argv) {                                   \
            TestClass test;                                                                  \
            QTEST_SET_MAIN_SOURCE_PATH                                                       \
            return QTest::qExec(&test, argc, argv);                                          \
        });

#define FKSCOPE_TEST_MAIN(TestClass) FKSCOPE_REGISTER_TEST(TestClass, fkscope::test::TestApplication::Gui)
#define FKSCOPE_TEST_GUILESS_MAIN(TestClass) \
    FKSCOPE_REGISTER_TEST(TestClass, fkscope::test::TestApplication::Guiless)
