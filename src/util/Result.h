#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace fkscope {

// What went wrong, in PostgreSQL's words when it was PostgreSQL that said no.
struct Error {
    // Connection: no session could be opened. ConnectionLost: the session broke under a
    // statement (the server ended it, restarted, or the network went): opening a new one may
    // work, and nothing the statement's transaction did was kept unless it was COMMIT.
    enum class Kind { Usage, Connection, ConnectionLost, Query, Other };

    Kind kind = Kind::Other;
    QString message;   // one line, for people
    QString sqlstate;  // e.g. "23503"; empty when the error did not come from the server

    static Error usage(QString message) { return {Kind::Usage, std::move(message), {}}; }
    static Error connection(QString message) { return {Kind::Connection, std::move(message), {}}; }
    static Error query(QString message, QString sqlstate = {})
    {
        return {Kind::Query, std::move(message), std::move(sqlstate)};
    }

    // query_canceled: a cancel request or statement_timeout stopped the statement. Told by
    // SQLSTATE, never by the message, which is in the server's lc_messages language.
    bool isCancel() const { return sqlstate == QLatin1String("57014"); }
    bool isConnectionLost() const { return kind == Kind::ConnectionLost; }
};

// A value or the error that prevented it. Core functions return these instead of throwing,
// so nothing unwinds through the Qt event loop.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    T take() { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }

    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

// For operations that return nothing but may fail.
struct Done {};
using Status = Result<Done>;

} // namespace fkscope
