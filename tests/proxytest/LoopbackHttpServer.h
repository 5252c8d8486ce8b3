// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QMutex>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace mk::test {

/// A tiny HTTP/1.1 server for proxy tests (plain or TLS): one request per connection, answers
/// by path prefix, records what it received (the Authorization header in particular). Meant to
/// live on its own thread (LoopbackServerThread), so the test's main thread may block or wait.
class LoopbackHttpServer final : public QTcpServer
{
public:
    struct Response
    {
        int code = 200;
        QByteArray reason = "OK";
        QByteArray contentType = "text/plain; charset=utf-8";
        QByteArray body = "v0.1.0\nv0.2.0\n";
        QByteArray location;
        int delayMs = 0;
    };

    struct Received
    {
        QByteArray method;
        QByteArray path;
        QByteArray authorization; ///< empty when none was sent
    };

    explicit LoopbackHttpServer(const std::optional<QSslConfiguration> &tls) : m_tls(tls) { }

    /// Requests whose path starts with prefix get r; unmatched paths get a 404.
    void route(const QByteArray &prefix, const Response &r)
    {
        QMutexLocker lock(&m_mutex);
        m_routes.append({prefix, r});
    }
    [[nodiscard]] QList<Received> received() const
    {
        QMutexLocker lock(&m_mutex);
        return m_received;
    }

protected:
    void incomingConnection(qintptr fd) override
    {
        QTcpSocket *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
        if (!socket->setSocketDescriptor(fd)) {
            delete socket;
            return;
        }
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QIODevice::readyRead, this, [this, socket] { onReadable(socket); });
        if (m_tls) {
            auto *ssl = static_cast<QSslSocket *>(socket);
            ssl->setSslConfiguration(*m_tls);
            ssl->startServerEncryption();
        }
    }

private:
    void onReadable(QTcpSocket *socket)
    {
        QByteArray &buf = m_buffers[socket];
        buf += socket->readAll();
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buf.left(end).split('\n');
        m_buffers.remove(socket);
        Received rec;
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        rec.method = requestLine.value(0);
        rec.path = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == "authorization")
                rec.authorization = line.mid(colon + 1).trimmed();
        }
        Response resp;
        resp.code = 404;
        resp.reason = "Not Found";
        resp.body = "no route\n";
        {
            QMutexLocker lock(&m_mutex);
            m_received.append(rec);
            for (const auto &[prefix, r] : std::as_const(m_routes)) {
                if (rec.path.startsWith(prefix)) {
                    resp = r;
                    break;
                }
            }
        }
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(resp.delayMs, this, [guard, resp] {
            if (!guard)
                return;
            QByteArray out
                = "HTTP/1.1 " + QByteArray::number(resp.code) + ' ' + resp.reason + "\r\n";
            out += "Content-Type: " + resp.contentType + "\r\n";
            if (!resp.location.isEmpty())
                out += "Location: " + resp.location + "\r\n";
            out += "Content-Length: " + QByteArray::number(resp.body.size())
                   + "\r\nConnection: close\r\n\r\n";
            out += resp.body;
            guard->write(out);
            guard->disconnectFromHost();
        });
    }

    std::optional<QSslConfiguration> m_tls;
    mutable QMutex m_mutex;
    QList<std::pair<QByteArray, Response>> m_routes;
    QList<Received> m_received;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace mk::test
