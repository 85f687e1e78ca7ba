#pragma once

class QMainWindow;

namespace fkscope {

// Remembers a main window's layout between runs (QSettings): its geometry, its docks and
// toolbars, and every splitter inside it that has an objectName, so a panel added later
// is remembered without more code here.
class WindowSettings {
public:
    explicit WindowSettings(QMainWindow *window) : m_window(window) {}

    // False when nothing was saved yet (a first run): the window then sets its defaults.
    bool restore() const;
    void save() const;

private:
    QMainWindow *m_window;
};

} // namespace fkscope
