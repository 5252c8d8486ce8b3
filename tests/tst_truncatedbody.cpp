// SPDX-License-Identifier: GPL-3.0-or-later
// A body that ends before its Content-Length (or before the terminating chunk) is go's
// "unexpected EOF": a transient error, retried, then '|' falls through and ',' does not; nothing
// of it reaches the module cache or the checksum-database cache.
#include <QBuffer>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

#include "download/DownloadJob.h"
#include "download/HttpGetter.h"
#include "download/ProxyFetcher.h"
#include "proxytest/SumDbTestServer.h"
#include "proxytest/TruncatingHttpServer.h"
#include "sumdb/SumDbClient.h"
#include "proxy/SumDbConfig.h"
#include "sumdb/SumDbFetcher.h"
#include "FixtureProxy.h"
#include "ScratchDir.h"

using namespace Qt::StringLiterals;
using namespace mk;
using mk::test::FixtureProxy;
using mk::test::ScratchDir;
using mk::test::SumDbTestServer;
using mk::test::TruncatingHttpServer;
using Body = TruncatingHttpServer::Body;

namespace {

// Qt 6.4 finishes a reply whose connection closed inside a chunked body as a success when
// the close is seen before the body is parsed (QHttpNetworkConnectionChannel::_q_receiveReply
// treats it as the end of a close-delimited body), and QNetworkReply shows nothing of the
// chunk framing: such a cut is caught only when Qt reports it (RemoteHostClosedError).
// So no row here cuts a chunked body: that cut is a known gap (README, "Not built yet"); the
// zip, tiles, lookups and (with the checksum database on) go.mod are caught by their own checks.

const QString kPath = u"example.com/trunc"_s;
const QString kVersion = u"v1.0.0"_s;

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList filesBelow(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QDir(dir).relativeFilePath(it.next()));
    out.sort();
    return out;
}

// A body long enough that half of it is clearly short, and that compresses.
QByteArray sampleBody()
{
    QByteArray b;
    for (int i = 0; i < 400; ++i)
        b += "line " + QByteArray::number(i) + " of a body that must arrive whole\n";
    return b;
}

QString describe(const QList<DownloadResult> &results)
{
    QStringList lines;
    for (const DownloadResult &r : results)
        lines << r.id() + u' ' + toString(r.outcome) + u' ' + r.proxy + u' ' + r.error.toString();
    return lines.join(u'\n');
}

} // namespace

class TruncatedBodyTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    QString m_proxyRoot;

    [[nodiscard]] QString proxyFile(const QString &name) const
    {
        return m_proxyRoot + u"/example.com/trunc/@v/"_s + name;
    }

    static DownloadOptions downloadOptions(const QString &gomodcache, const QString &goproxy)
    {
        DownloadOptions o;
        o.gomodcache = gomodcache;
        o.goproxy = goproxy;
        o.jobs = 1;
        o.lockTimeoutMs = 20000;
        o.idleTimeoutMs = 5000;
        o.retries = 1;
        o.proxyEnvironment = HttpProxyEnvironment::fromEnvironment({});
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_truncatedbody"_s);
        QVERIFY(m_scratch->isValid());
        m_proxyRoot = m_scratch->mkpath(u"proxy"_s);
        FixtureProxy proxy(m_proxyRoot);
        FixtureProxy::Files files;
        files.insert(u"go.mod"_s,
                     "module example.com/trunc\n\ngo 1.16\n\nrequire (\n\texample.com/a v1.0.0\n"
                     "\texample.com/b v1.2.3\n\texample.com/c v0.4.0\n)\n");
        files.insert(u"trunc.go"_s,
                     "package trunc\n\n// " + QByteArray(3000, 'x') + "\nconst V = 1\n");
        const Status added = proxy.addModule(kPath, kVersion, files);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
        // A longer list than the fixture writes, so that half of it is clearly short.
        QFile list(proxyFile(u"list"_s));
        QVERIFY(list.open(QIODevice::WriteOnly | QIODevice::Truncate));
        for (int i = 0; i < 20; ++i)
            list.write("v0." + QByteArray::number(i) + ".0\n");
        list.write("v1.0.0\n");
        list.close();
        for (const QString &name : {u"v1.0.0.info"_s, u"v1.0.0.mod"_s, u"v1.0.0.zip"_s, u"list"_s})
            QVERIFY2(readFile(proxyFile(name)).size() >= 2, qPrintable(name));
    }

    void cleanupTestCase() { m_scratch.reset(); }

    // -----------------------------------------------------------------------------------
    // HttpGetter: what counts as a whole body

    void getterShouldRejectAShortBody_data()
    {
        QTest::addColumn<int>("how");
        QTest::addColumn<bool>("whole");
        QTest::addColumn<bool>("toSink");
        QTest::addColumn<int>("closeDelayMs");
        // deflate: offered only if the client accepts it (Qt would decode it and drop the
        // Content-Length); forced: sent whatever was asked, never to be taken for the file.
        const QList<std::tuple<const char *, Body, bool>> bodies = {
            {"length whole", Body::Whole, true},
            {"length short", Body::ShortLength, false},
            {"chunked whole", Body::WholeChunked, true},
            {"deflate whole", Body::WholeDeflate, true},
            {"deflate short", Body::ShortDeflate, false},
            {"deflate forced", Body::ForcedDeflate, false},
        };
        for (const bool sink : {false, true}) {
            for (const int delay : {0, 200}) {
                for (const auto &[name, how, whole] : bodies) {
                    const QString row = QLatin1String(name) + (sink ? u" sink"_s : QString())
                                        + (delay ? u" late close"_s : QString());
                    QTest::newRow(qPrintable(row)) << int(how) << whole << sink << delay;
                }
            }
        }
    }
    void getterShouldRejectAShortBody()
    {
        QFETCH(int, how);
        QFETCH(bool, whole);
        QFETCH(bool, toSink);
        QFETCH(int, closeDelayMs);
        TruncatingHttpServer server;
        QVERIFY(server.listening());
        server.setCloseDelay(closeDelayMs);
        const QByteArray body = sampleBody();
        server.route("/body", body);
        server.setBody("/body", Body(how));
        HttpGetter::Options o;
        o.idleTimeoutMs = 5000;
        QByteArray sunk;
        QBuffer buffer(&sunk);
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        const QString url = server.url() + u"/body"_s;
        const HttpGetter::Response r = HttpGetter::get(QUrl(url), toSink ? &buffer : nullptr, o);
        const QByteArray got = toSink ? sunk : r.body;
        if (whole) {
            QVERIFY2(r.ok(), qPrintable(r.error.toString()));
            QCOMPARE(got.size(), body.size());
            QCOMPARE(got, body);
            QCOMPARE(r.bytes, qint64(body.size()));
            return;
        }
        QVERIFY2(
            !r.ok(),
            qPrintable(
                u"a short body was accepted: %1 of %2 bytes"_s.arg(got.size()).arg(body.size())));
        QVERIFY(r.error.isError());
        QVERIFY2(r.error.toString().contains(url), qPrintable(r.error.toString()));
        if (Body(how) == Body::ForcedDeflate) {
            QCOMPARE(r.error.code, Error::Code::Unsupported);
            QVERIFY2(r.error.message.contains(u"Content-Encoding deflate"_s),
                     qPrintable(r.error.toString()));
            return;
        }
        QVERIFY2(r.error.message.contains(u"unexpected EOF"_s), qPrintable(r.error.toString()));
        QVERIFY2(r.transient(), qPrintable(r.error.toString()));
        QCOMPARE(r.timedOut, false);
        if (Body(how) == Body::ShortLength)
            QVERIFY2(r.error.message.contains(
                         u"got %1 of %2 bytes"_s.arg(body.size() / 2).arg(body.size())),
                     qPrintable(r.error.message));
    }

    // -----------------------------------------------------------------------------------
    // ProxyFetcher: retried, then '|' falls through and ',' does not

    void fetcherShouldRetryThenFallThroughOnlyAfterPipe_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<int>("how");
        QTest::addColumn<int>("closeDelayMs");
        const QList<std::tuple<const char *, ProxyFetcher::Kind, QByteArray>> kinds = {
            {"info", ProxyFetcher::Kind::Info, "v1.0.0.info"},
            {"mod", ProxyFetcher::Kind::Mod, "v1.0.0.mod"},
            {"zip", ProxyFetcher::Kind::Zip, "v1.0.0.zip"},
            {"list", ProxyFetcher::Kind::List, "list"},
        };
        // Content-Length only: whether Qt reports a cut chunked body at all is a race (see the
        // comment at the top), and '|' must be judged on a cut that is always seen.
        for (const auto &[name, kind, file] : kinds) {
            QTest::newRow(name) << int(kind) << file << int(Body::ShortLength) << 0;
            QTest::newRow(qPrintable(QLatin1String(name) + u" late close"_s))
                << int(kind) << file << int(Body::ShortLength) << 200;
        }
    }
    void fetcherShouldRetryThenFallThroughOnlyAfterPipe()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, file);
        QFETCH(int, how);
        QFETCH(int, closeDelayMs);
        const auto k = ProxyFetcher::Kind(kind);
        const QByteArray expected = readFile(proxyFile(QString::fromLatin1(file)));
        TruncatingHttpServer bad(m_proxyRoot);
        TruncatingHttpServer good(m_proxyRoot);
        QVERIFY(bad.listening() && good.listening());
        bad.setBody("/@v/", Body(how));
        bad.setCloseDelay(closeDelayMs);

        ScratchDir work(u"tst_truncatedbody-fetch"_s);
        QFile zip(work.filePath(u"sink.zip"_s));
        QVERIFY(zip.open(QIODevice::ReadWrite | QIODevice::Truncate));
        QFile *sink = k == ProxyFetcher::Kind::Zip ? &zip : nullptr;
        const auto fetch = [&](const QString &goproxy, const DownloadOptions &o) {
            return ProxyFetcher(ProxyList::parse(goproxy).value(), o)
                .fetch(kPath, k == ProxyFetcher::Kind::List ? QString() : kVersion, k, sink, {});
        };
        const DownloadOptions o = downloadOptions(work.filePath(u"mod"_s), QString());
        const QString badUrl = bad.url() + u"/example.com/trunc/@v/"_s + QString::fromLatin1(file);

        // Alone: an error naming the URL; retried (retries = 1: twice the requests of no retry;
        // Qt itself may send a request again when the connection closes).
        DownloadOptions once = downloadOptions(work.filePath(u"mod"_s), QString());
        once.retries = 0;
        QVERIFY(!fetch(bad.url(), once).ok());
        const int single = bad.requestCount(file);
        const ProxyFetcher::Fetched alone = fetch(bad.url(), o);
        QVERIFY2(!alone.ok(), "a short body was accepted");
        QVERIFY2(alone.error.message.contains(badUrl)
                     && alone.error.message.contains(u"unexpected EOF"_s),
                 qPrintable(alone.error.toString()));
        const QString counts = u"%1 then %2"_s.arg(single).arg(bad.requestCount(file));
        if (closeDelayMs == 0)
            QVERIFY2(single == 1 && bad.requestCount(file) == 3, qPrintable(counts));
        else
            QVERIFY2(bad.requestCount(file) - single >= 2, qPrintable(counts));

        // ',' falls through only on "not found": the short body is the answer.
        const ProxyFetcher::Fetched comma = fetch(bad.url() + u","_s + good.url(), o);
        QVERIFY(!comma.ok());
        QVERIFY2(comma.error.message.contains(u"unexpected EOF"_s),
                 qPrintable(comma.error.toString()));
        QCOMPARE(good.requestCount(file), 0);

        // '|' falls through on any error: the second proxy's whole body.
        const ProxyFetcher::Fetched pipe = fetch(bad.url() + u"|"_s + good.url(), o);
        QVERIFY2(pipe.ok(), qPrintable(pipe.error.toString()));
        QCOMPARE(pipe.proxy, good.url());
        QCOMPARE(good.requestCount(file), 1);
        if (sink) {
            QVERIFY(zip.seek(0));
            QCOMPARE(zip.readAll(), expected);
        } else {
            QCOMPARE(pipe.data, expected);
        }
    }

    // -----------------------------------------------------------------------------------
    // DownloadJob: nothing truncated in the cache

    void downloadShouldNeverCacheAShortFile_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<int>("closeDelayMs");
        for (const char *name : {"info", "mod", "zip"}) {
            const QByteArray file = "v1.0.0." + QByteArray(name);
            QTest::newRow(name) << file << 0;
            QTest::newRow(qPrintable(QLatin1String(name) + u" late close"_s)) << file << 200;
        }
    }
    void downloadShouldNeverCacheAShortFile()
    {
        QFETCH(QByteArray, file);
        QFETCH(int, closeDelayMs);
        TruncatingHttpServer bad(m_proxyRoot);
        TruncatingHttpServer good(m_proxyRoot);
        QVERIFY(bad.listening() && good.listening());
        bad.setBody(file, Body::ShortLength);
        bad.setCloseDelay(closeDelayMs);

        ScratchDir work(u"tst_truncatedbody-download"_s);
        const QString cache = work.filePath(u"mod"_s);
        const QString versionDir = cache + u"/cache/download/example.com/trunc/@v"_s;
        const QList<DownloadResult> failed
            = DownloadJob::run(downloadOptions(cache, bad.url()), {{kPath, kVersion}});
        QCOMPARE(failed.size(), 1);
        QVERIFY2(!failed.first().ok(), qPrintable(describe(failed)));
        const QString badUrl = bad.url() + u"/example.com/trunc/@v/"_s + QString::fromLatin1(file);
        QVERIFY2(failed.first().error.toString().contains(badUrl), qPrintable(describe(failed)));
        QVERIFY2(failed.first().error.toString().contains(u"unexpected EOF"_s),
                 qPrintable(describe(failed)));
        QVERIFY(bad.requestCount(file) >= 2); // retried
        // The short file is nowhere in the cache, nor the zip, its hash or the extracted tree.
        // What came whole before it (the .info, then the .mod, in go's order) may stay, as with go.
        QStringList stored;
        for (const QString &f : filesBelow(cache))
            if (!f.endsWith(u".lock"_s) && !f.startsWith(u".modkeeper-trash"_s))
                stored << f;
        const QString shown = stored.join(u'\n');
        QVERIFY2(!QFile::exists(versionDir + u'/' + QString::fromLatin1(file)), qPrintable(shown));
        for (const QString &f : std::as_const(stored)) {
            QVERIFY2(!f.startsWith(u"example.com/trunc@"_s) && !f.endsWith(u".zip"_s)
                         && !f.endsWith(u".ziphash"_s),
                     qPrintable(shown));
            // The version list is written with the .mod, as go does.
            if (file != "v1.0.0.zip")
                QVERIFY2(!f.endsWith(u"@v/list"_s), qPrintable(shown));
            if (f.endsWith(u".mod"_s))
                QCOMPARE(readFile(cache + u'/' + f), readFile(proxyFile(u"v1.0.0.mod"_s)));
            if (f.endsWith(u".info"_s)) // rewritten as go writes it
                QVERIFY2(readFile(cache + u'/' + f).contains("\"Version\":\"v1.0.0\""),
                         qPrintable(f));
        }

        // truncating|good: the second proxy's bytes, exactly.
        const QList<DownloadResult> ok = DownloadJob::run(
            downloadOptions(cache, bad.url() + u"|"_s + good.url()), {{kPath, kVersion}});
        QCOMPARE(ok.size(), 1);
        QVERIFY2(ok.first().outcome == DownloadOutcome::Downloaded, qPrintable(describe(ok)));
        QCOMPARE(good.requestCount(file), 1); // what was cut came from the second proxy
        if (file == "v1.0.0.zip")
            QCOMPARE(ok.first().proxy, good.url());
        for (const QString &name : {u"v1.0.0.mod"_s, u"v1.0.0.zip"_s})
            QCOMPARE(readFile(versionDir + u'/' + name), readFile(proxyFile(name)));
        QVERIFY(readFile(versionDir + u"/v1.0.0.info"_s).contains("\"Version\":\"v1.0.0\""));
        QVERIFY(QFileInfo::exists(cache + u"/example.com/trunc@v1.0.0/go.mod"_s));
    }

    // -----------------------------------------------------------------------------------
    // The checksum database: a short tile is an error, and is not cached

    void sumdbFetcherShouldRejectAShortBody_data()
    {
        QTest::addColumn<int>("how");
        QTest::addColumn<int>("closeDelayMs");
        for (const int delay : {0, 200}) {
            const QString late = delay ? u" late close"_s : QString();
            QTest::newRow(qPrintable(u"length"_s + late)) << int(Body::ShortLength) << delay;
            QTest::newRow(qPrintable(u"deflate"_s + late)) << int(Body::ShortDeflate) << delay;
        }
    }
    void sumdbFetcherShouldRejectAShortBody()
    {
        QFETCH(int, how);
        QFETCH(int, closeDelayMs);
        TruncatingHttpServer server;
        QVERIFY(server.listening());
        server.setCloseDelay(closeDelayMs);
        const QByteArray body = sampleBody();
        server.route("/tile/8/0/000", body);
        server.route("/whole", body);
        server.setBody("/tile/", Body(how));
        SumDbFetcher::Options o;
        o.timeoutMs = 10000;
        o.proxyEnvironment = HttpProxyEnvironment::fromEnvironment({});
        SumDbFetcher fetcher(o);
        const Expected<QByteArray> whole = fetcher.get(server.url() + u"/whole"_s);
        QVERIFY(whole.ok());
        QCOMPARE(*whole, body);
        const QString url = server.url() + u"/tile/8/0/000"_s;
        const Expected<QByteArray> got = fetcher.get(url);
        QVERIFY2(!got.ok(), qPrintable(u"a short body was accepted: %1 of %2 bytes"_s
                                           .arg(got.ok() ? got->size() : 0)
                                           .arg(body.size())));
        QCOMPARE(got.error().code, Error::Code::Network);
        QVERIFY2(got.error().message.contains(u"unexpected EOF"_s)
                     && got.error().message.contains(url),
                 qPrintable(got.error().message));
    }

    void sumdbShouldNotCacheAShortTile_data()
    {
        QTest::addColumn<QByteArray>("part");
        QTest::addColumn<int>("closeDelayMs");
        QTest::newRow("hash tile") << QByteArray("/tile/8/0/") << 0;
        QTest::newRow("hash tile late close") << QByteArray("/tile/8/0/") << 200;
        QTest::newRow("lookup") << QByteArray("/lookup/") << 0;
        QTest::newRow("lookup late close") << QByteArray("/lookup/") << 200;
    }
    void sumdbShouldNotCacheAShortTile()
    {
        QFETCH(QByteArray, part);
        QFETCH(int, closeDelayMs);
        SumDbTestServer db(SumDbTestServer::fixtureSigner());
        for (int i = 0; i < 40; ++i) {
            const QString h
                = u"h1:"_s
                  + QString::fromLatin1(QByteArray::number(i).rightJustified(43, 'A') + '=');
            db.addModule(u"example.com/m%1"_s.arg(i), kVersion, h, h);
        }
        TruncatingHttpServer server;
        QVERIFY(server.listening());
        for (const auto &[path, body] : db.routes())
            server.route(path, body);
        server.setBody(part, Body::ShortLength);
        server.setCloseDelay(closeDelayMs);

        ScratchDir dir(u"tst_truncatedbody-sumdb"_s);
        SumDbClient::Options o;
        o.sumdb = SumDbConfig::parse(db.verifierKey() + u' ' + server.url()).value();
        o.goproxy = u"off"_s;
        o.gomodcache = dir.filePath(u"gopath/pkg/mod"_s);
        o.sumdbDir = dir.filePath(u"gopath/pkg/sumdb"_s);
        o.timeoutMs = 10000;
        o.proxyEnvironment = HttpProxyEnvironment::fromEnvironment({});
        const auto client = SumDbClient::create(o).value();
        const QString hash
            = u"h1:"_s + QString::fromLatin1(QByteArray::number(7).rightJustified(43, 'A') + '=');
        const SumDbClient::HashCheck check
            = client->checkHash(u"example.com/m7"_s, kVersion, hash, false);
        QVERIFY2(check.verdict == SumDbClient::Verdict::Failed, qPrintable(check.error.message));
        QVERIFY2(server.requestCount(part) > 0,
                 qPrintable(QString::fromUtf8(server.requests().join(' '))));
        QVERIFY2(check.error.message.contains(u"unexpected EOF"_s),
                 qPrintable(check.error.message));
        // Nothing of what was cut is cached (what came whole before it may be).
        const QString cut = QString::fromLatin1(part);
        const QString root = o.gomodcache + u"/cache/download/sumdb"_s;
        for (const QString &f : filesBelow(root))
            QVERIFY2(!f.contains(cut), qPrintable(filesBelow(root).join(u'\n')));
        for (const QString &f : filesBelow(o.sumdbDir))
            QVERIFY2(!f.contains(cut), qPrintable(filesBelow(o.sumdbDir).join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TruncatedBodyTest)
#include "tst_truncatedbody.moc"
