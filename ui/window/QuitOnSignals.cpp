#include "ui/window/QuitOnSignals.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace fkscope {

namespace {

// A signal handler may only do async-signal-safe things: it writes one byte into a socket
// that the event loop watches (the self-pipe trick).
int signalSockets[2] = {-1, -1};
const int handledSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void onSignal(int)
{
    const char byte = 1;
    const ssize_t written = ::write(signalSockets[0], &byte, 1);
    (void)written;
}

} // namespace

QuitOnSignals::QuitOnSignals(QObject *parent) : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalSockets) != 0)
        return;
    m_notifier = new QSocketNotifier(signalSockets[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &QuitOnSignals::quit);

    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int signal : handledSignals)
        ::sigaction(signal, &action, nullptr);
}

QuitOnSignals::~QuitOnSignals()
{
    for (int signal : handledSignals)
        std::signal(signal, SIG_DFL);
    if (signalSockets[0] >= 0) {
        ::close(signalSockets[0]);
        ::close(signalSockets[1]);
        signalSockets[0] = signalSockets[1] = -1;
    }
}

void QuitOnSignals::quit()
{
    char byte;
    const ssize_t received = ::read(signalSockets[1], &byte, 1);
    (void)received;
    QCoreApplication::quit();
}

} // namespace fkscope
