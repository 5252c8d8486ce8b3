// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QThread>

#include "LoopbackHttpServer.h"

namespace mk::test {

/// Owns a LoopbackHttpServer living on its own thread: a test may then block on a subprocess or
/// a future without starving the server (the deadlock trap of build-and-test-recipes.md §5).
class LoopbackServerThread final
{
public:
    LoopbackServerThread(const QHostAddress &address, const std::optional<QSslConfiguration> &tls)
        : m_scheme(tls ? QStringLiteral("https") : QStringLiteral("http")),
          m_host(address.toString())
    {
        m_thread.setObjectName(QStringLiteral("test-http-server"));
        m_server = new LoopbackHttpServer(tls);
        m_server->moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            m_server,
            [this, address] {
                m_listening = m_server->listen(address, 0);
                m_port = m_server->serverPort();
            },
            Qt::BlockingQueuedConnection);
    }
    ~LoopbackServerThread()
    {
        QMetaObject::invokeMethod(
            m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    LoopbackServerThread(const LoopbackServerThread &) = delete;
    LoopbackServerThread &operator=(const LoopbackServerThread &) = delete;

    [[nodiscard]] bool listening() const { return m_listening; }
    /// "http(s)://127.0.0.1:PORT"
    [[nodiscard]] QString base() const
    {
        return QStringLiteral("%1://%2:%3").arg(m_scheme, m_host).arg(m_port);
    }
    /// "127.0.0.1:PORT", the credential key of this server.
    [[nodiscard]] QString hostKey() const
    {
        return QStringLiteral("%1:%2").arg(m_host).arg(m_port);
    }
    [[nodiscard]] quint16 port() const { return m_port; }
    LoopbackHttpServer *operator->() { return m_server; }

private:
    QThread m_thread;
    LoopbackHttpServer *m_server = nullptr;
    bool m_listening = false;
    quint16 m_port = 0;
    QString m_scheme;
    QString m_host;
};

} // namespace mk::test
