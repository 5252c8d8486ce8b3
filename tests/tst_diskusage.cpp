// SPDX-License-Identifier: GPL-3.0-or-later
// DiskUsage (the GOCACHE total) must agree with du -s -B1 to the byte.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include "scan/DiskUsage.h"

using namespace Qt::StringLiterals;

class DiskUsageTest final : public QObject
{
    Q_OBJECT

private:
    static quint64 du(const QString &path, const QStringList &extra = {})
    {
        QProcess p;
        p.start(u"du"_s, QStringList{u"-s"_s, u"-B1"_s} + extra + QStringList{path});
        if (!p.waitForFinished(60000) || p.exitCode() != 0)
            return ~0ULL;
        return p.readAllStandardOutput().split('\t').first().toULongLong();
    }

private Q_SLOTS:
    void shouldMatchDuOnASystemTree()
    {
        const QString path = u"/usr/share/doc"_s;
        QFuture<mk::ScanChunk> f = mk::DiskUsage::start(path);
        f.waitForFinished();
        QVERIFY(!f.isCanceled());
        const mk::ScanChunk last = f.results().last();
        QVERIFY(last.final);
        QVERIFY(!last.error.isError());
        QCOMPARE(last.totals.diskBytes, du(path));
        QCOMPARE(last.totals.apparentBytes, du(path, {u"--apparent-size"_s}));
    }

    void shouldCountHardLinksOnceAndNotFollowSymlinks()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString root = tmp.filePath(u"tree"_s);
        QVERIFY(QDir().mkpath(root + u"/a/b"_s));
        QFile f(root + u"/a/b/big"_s);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(200000, 'x'));
        f.close();
        QCOMPARE(::link(QFile::encodeName(root + u"/a/b/big"_s).constData(),
                        QFile::encodeName(root + u"/a/hard"_s).constData()),
                 0);
        // A symlink to a big directory outside: its target must not be counted.
        QVERIFY(QDir().mkpath(tmp.filePath(u"outside"_s)));
        QFile o(tmp.filePath(u"outside/canary"_s));
        QVERIFY(o.open(QIODevice::WriteOnly));
        o.write(QByteArray(1 << 20, 'y'));
        o.close();
        QVERIFY(QFile::link(tmp.filePath(u"outside"_s), root + u"/link"_s));

        QFuture<mk::ScanChunk> fut = mk::DiskUsage::start(root);
        fut.waitForFinished();
        const mk::ScanChunk last = fut.results().last();
        QCOMPARE(last.totals.diskBytes, du(root));
        QCOMPARE(last.totals.apparentBytes, du(root, {u"--apparent-size"_s}));
        QVERIFY(last.totals.diskBytes < (1 << 20));
    }

    void shouldReportAMissingRootAsAnError()
    {
        QFuture<mk::ScanChunk> f = mk::DiskUsage::start(u"/nonexistent/modkeeper-test"_s);
        f.waitForFinished();
        const mk::ScanChunk last = f.results().last();
        QVERIFY(last.final);
        QVERIFY(last.error.isError());
        QCOMPARE(last.error.subject, u"/nonexistent/modkeeper-test"_s);
        QCOMPARE(last.error.code, mk::Error::Code::NotFound);
    }
};

QTEST_GUILESS_MAIN(DiskUsageTest)
#include "tst_diskusage.moc"
