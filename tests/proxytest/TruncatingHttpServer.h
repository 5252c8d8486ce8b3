// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDir>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QPointer>
#include <QTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>

namespace mk::test {

/// A loopback HTTP/1.1 server that can end a body early, as a proxy that drops the connection
/// half-way does: the headers promise the whole body (a Content-Length, or chunked encoding),
/// half of it is sent, then the connection is closed cleanly (FIN, no reset). Bodies come from
/// explicit routes (exact path) or from files below a root directory (a FixtureProxy tree).
/// One request per connection. Lives on its own thread, so the test thread may block.
class TruncatingHttpServer final
{
public:
    enum class Body {
        Whole,         ///< Content-Length, everything sent
        ShortLength,   ///< Content-Length of the whole body, half of it sent
        WholeChunked,  ///< chunked, terminating chunk included
        ShortChunked,  ///< chunked, closed before the terminating chunk
        WholeDeflate,  ///< Content-Encoding: deflate when the client accepts it, everything sent
        ShortDeflate,  ///< Content-Encoding: deflate when accepted, half of the (compressed) bytes
                       ///< sent
        ForcedDeflate, ///< Content-Encoding: deflate whatever the client asked for, everything sent
    };

    explicit TruncatingHttpServer(const QString &root = {}) : m_root(root)
    {
        m_thread.setObjectName(QStringLiteral("test-truncating-server"));
        m_server = new Server(this);
        m_server->moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            m_server,
            [this] {
                m_listening = m_server->listen(QHostAddress::LocalHost, 0);
                m_port = m_server->serverPort();
            },
            Qt::BlockingQueuedConnection);
    }
    ~TruncatingHttpServer()
    {
        QMetaObject::invokeMethod(
            m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    TruncatingHttpServer(const TruncatingHttpServer &) = delete;
    TruncatingHttpServer &operator=(const TruncatingHttpServer &) = delete;

    [[nodiscard]] bool listening() const { return m_listening; }
    [[nodiscard]] QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

    /// path (with its leading '/') answers body instead of a file.
    void route(const QByteArray &path, const QByteArray &body)
    {
        QMutexLocker lock(&m_mutex);
        m_routes.insert(path, body);
    }
    /// Requests whose path contains part are answered that way (default: Whole).
    void setBody(const QByteArray &part, Body how)
    {
        QMutexLocker lock(&m_mutex);
        m_rules.append({part, how});
    }
    /// A cut body is followed by the close after ms (0: at once, with the data).
    void setCloseDelay(int ms)
    {
        QMutexLocker lock(&m_mutex);
        m_closeDelayMs = ms;
    }
    [[nodiscard]] QList<QByteArray> requests() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }
    [[nodiscard]] int requestCount(const QByteArray &part) const
    {
        QMutexLocker lock(&m_mutex);
        int n = 0;
        for (const QByteArray &r : m_requests)
            n += r.contains(part) ? 1 : 0;
        return n;
    }

    /// What the server would send for a whole body in the deflate encoding (zlib stream).
    static QByteArray deflated(const QByteArray &body) { return qCompress(body).mid(4); }

private:
    class Server final : public QTcpServer
    {
    public:
        explicit Server(TruncatingHttpServer *owner) : m_owner(owner) { }

    protected:
        void incomingConnection(qintptr fd) override
        {
            auto *socket = new QTcpSocket(this);
            if (!socket->setSocketDescriptor(fd)) {
                delete socket;
                return;
            }
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QIODevice::readyRead, this, [this, socket] { onReadable(socket); });
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
            const QByteArray target = lines.first().trimmed().split(' ').value(1);
            bool deflateOk = false;
            for (const QByteArray &line : lines) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0 && line.left(colon).trimmed().toLower() == "accept-encoding")
                    deflateOk = line.mid(colon + 1).toLower().contains("deflate");
            }
            m_buffers.remove(socket);
            answer(socket, QUrl::fromPercentEncoding(target).toUtf8(), deflateOk);
        }

        void answer(QTcpSocket *socket, const QByteArray &path, bool deflateOk)
        {
            Body how = Body::Whole;
            int code = 200;
            QByteArray body;
            {
                QMutexLocker lock(&m_owner->m_mutex);
                m_owner->m_requests.append(path);
                for (const auto &[part, rule] : std::as_const(m_owner->m_rules)) {
                    if (path.contains(part)) {
                        how = rule;
                        break;
                    }
                }
                if (const auto it = m_owner->m_routes.constFind(path);
                    it != m_owner->m_routes.constEnd()) {
                    body = *it;
                } else {
                    QFile f(m_owner->m_root + QString::fromUtf8(path));
                    if (!m_owner->m_root.isEmpty() && !path.contains("..")
                        && f.open(QIODevice::ReadOnly)) {
                        body = f.readAll();
                    } else {
                        code = 404;
                        body = "not found: " + path + "\n";
                        how = Body::Whole;
                    }
                }
            }
            if (!deflateOk && how == Body::WholeDeflate)
                how = Body::Whole;
            if (!deflateOk && how == Body::ShortDeflate)
                how = Body::ShortLength;
            QByteArray out
                = "HTTP/1.1 " + QByteArray::number(code) + (code == 200 ? " OK" : " Not Found")
                  + "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n";
            switch (how) {
            case Body::Whole:
            case Body::ShortLength:
                out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
                out += how == Body::Whole ? body : body.left(body.size() / 2);
                break;
            case Body::WholeChunked:
            case Body::ShortChunked: {
                out += "Transfer-Encoding: chunked\r\n\r\n";
                const QByteArray first = body.left(body.size() / 2);
                const QByteArray second = body.mid(body.size() / 2);
                if (!first.isEmpty())
                    out += QByteArray::number(first.size(), 16) + "\r\n" + first + "\r\n";
                if (how == Body::WholeChunked) {
                    if (!second.isEmpty())
                        out += QByteArray::number(second.size(), 16) + "\r\n" + second + "\r\n";
                    out += "0\r\n\r\n";
                }
                break;
            }
            case Body::WholeDeflate:
            case Body::ShortDeflate:
            case Body::ForcedDeflate: {
                const QByteArray z = deflated(body);
                out += "Content-Encoding: deflate\r\nContent-Length: "
                       + QByteArray::number(z.size()) + "\r\n\r\n";
                out += how == Body::ShortDeflate ? z.left(z.size() / 2) : z;
                break;
            }
            }
            socket->write(out);
            const bool cut = how == Body::ShortLength || how == Body::ShortChunked
                             || how == Body::ShortDeflate;
            int delay = 0;
            {
                QMutexLocker lock(&m_owner->m_mutex);
                delay = m_owner->m_closeDelayMs;
            }
            if (cut && delay > 0) {
                // A stalled proxy that gives up later: the client has read what came by then.
                QPointer<QTcpSocket> guard(socket);
                QTimer::singleShot(delay, socket, [guard] {
                    if (guard)
                        guard->disconnectFromHost();
                });
                return;
            }
            socket->disconnectFromHost(); // a clean close (FIN) once everything written is out
        }

        TruncatingHttpServer *m_owner;
        QHash<QTcpSocket *, QByteArray> m_buffers;
    };

    QString m_root;
    QThread m_thread;
    Server *m_server = nullptr;
    bool m_listening = false;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    QHash<QByteArray, QByteArray> m_routes;
    QList<std::pair<QByteArray, Body>> m_rules;
    QList<QByteArray> m_requests;
    int m_closeDelayMs = 0;
};

} // namespace mk::test
