// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>

#include <QDir>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>

namespace mk::test {

/// A GOPROXY over loopback HTTP/1.1 that serves a proxy tree from a directory (a FixtureProxy
/// root), with keep-alive so that go and ModKeeper are measured against the same server.
/// Faults are injected per path prefix: a status, a delay, other bytes, or a dropped
/// connection. Lives on its own thread; the test thread may block meanwhile.
class FileProxyServer final
{
public:
    struct Fault
    {
        int code = 0;      ///< answer this status instead (0: serve the file)
        QByteArray body;   ///< with code: the body; without: served instead of the file
        int delayMs = 0;   ///< wait before answering
        bool drop = false; ///< close the connection without an answer
        int times = -1;    ///< how many requests it applies to (-1: all)
    };

    explicit FileProxyServer(const QString &root) : m_root(root)
    {
        m_thread.setObjectName(QStringLiteral("test-file-proxy"));
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
    ~FileProxyServer()
    {
        QMetaObject::invokeMethod(
            m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    FileProxyServer(const FileProxyServer &) = delete;
    FileProxyServer &operator=(const FileProxyServer &) = delete;

    [[nodiscard]] bool listening() const { return m_listening; }
    [[nodiscard]] QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    [[nodiscard]] quint16 port() const { return m_port; }

    /// Requests whose path (after the leading '/') starts with prefix get the fault.
    void setFault(const QByteArray &prefix, const Fault &fault)
    {
        QMutexLocker lock(&m_mutex);
        m_faults.insert(prefix, fault);
    }
    /// Forgets the faults and the requests seen so far.
    void reset()
    {
        QMutexLocker lock(&m_mutex);
        m_faults.clear();
        m_requests.clear();
        m_inFlight = 0;
        m_maxInFlight = 0;
    }
    /// Paths requested so far, in order.
    [[nodiscard]] QList<QByteArray> requests() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }
    /// The most requests that were waiting for their (delayed) answers at the same time.
    [[nodiscard]] int maxConcurrent() const
    {
        QMutexLocker lock(&m_mutex);
        return m_maxInFlight;
    }
    [[nodiscard]] int requestCount(const QByteArray &suffix) const
    {
        QMutexLocker lock(&m_mutex);
        int n = 0;
        for (const QByteArray &r : m_requests)
            n += r.endsWith(suffix) ? 1 : 0;
        return n;
    }

private:
    class Server final : public QTcpServer
    {
    public:
        explicit Server(FileProxyServer *owner) : m_owner(owner) { }

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
            while (true) {
                const qsizetype end = buf.indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QByteArray head = buf.left(end);
                buf.remove(0, end + 4);
                const QByteArray target = head.split('\n').first().trimmed().split(' ').value(1);
                answer(socket, target);
            }
        }

        void answer(QTcpSocket *socket, const QByteArray &target)
        {
            const QByteArray rel = QUrl::fromPercentEncoding(target.mid(1)).toUtf8();
            Fault fault;
            bool faulty = false;
            {
                QMutexLocker lock(&m_owner->m_mutex);
                m_owner->m_requests.append(rel);
                for (auto it = m_owner->m_faults.begin(); it != m_owner->m_faults.end(); ++it) {
                    if (rel.startsWith(it.key()) && it->times != 0) {
                        fault = *it;
                        faulty = true;
                        if (it->times > 0)
                            --it->times;
                        break;
                    }
                }
            }
            int code = 200;
            QByteArray body;
            if (faulty && fault.drop) {
                socket->abort();
                return;
            }
            if (faulty && fault.code != 0) {
                code = fault.code;
                body = fault.body;
            } else if (faulty && !fault.body.isEmpty()) {
                body = fault.body;
            } else if (rel.contains("..")) {
                code = 403;
            } else {
                QFile f(m_owner->m_root + u'/' + QString::fromUtf8(rel));
                if (f.open(QIODevice::ReadOnly))
                    body = f.readAll();
                else
                    code = 404;
            }
            if (code == 404 && body.isEmpty())
                body = "not found: " + rel + "\n";
            QByteArray out = "HTTP/1.1 " + QByteArray::number(code) + ' ' + reason(code) + "\r\n";
            out += "Content-Type: "
                   + QByteArray(code == 200 && rel.endsWith(".zip") ? "application/zip"
                                                                    : "text/plain; charset=utf-8")
                   + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
            out += body;
            QPointer<QTcpSocket> guard(socket);
            if (faulty && fault.delayMs > 0) {
                {
                    QMutexLocker lock(&m_owner->m_mutex);
                    m_owner->m_maxInFlight
                        = std::max(m_owner->m_maxInFlight, ++m_owner->m_inFlight);
                }
                QTimer::singleShot(fault.delayMs, this, [this, guard, out] {
                    {
                        QMutexLocker lock(&m_owner->m_mutex);
                        --m_owner->m_inFlight;
                    }
                    if (guard)
                        guard->write(out);
                });
            } else {
                socket->write(out);
            }
        }

        static QByteArray reason(int code)
        {
            switch (code) {
            case 200:
                return "OK";
            case 403:
                return "Forbidden";
            case 404:
                return "Not Found";
            case 410:
                return "Gone";
            case 500:
                return "Internal Server Error";
            case 502:
                return "Bad Gateway";
            case 503:
                return "Service Unavailable";
            default:
                return "Status";
            }
        }

        FileProxyServer *m_owner;
        QHash<QTcpSocket *, QByteArray> m_buffers;
    };

    QString m_root;
    QThread m_thread;
    Server *m_server = nullptr;
    bool m_listening = false;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    QHash<QByteArray, Fault> m_faults;
    QList<QByteArray> m_requests;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
};

} // namespace mk::test
