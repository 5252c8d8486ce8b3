// SPDX-License-Identifier: GPL-3.0-or-later
// GoCacheTrimmer's safety rules and go's file formats, deterministically, on a GOCACHE laid out
// like go's: every chosen action entry is gone before any output entry goes; an entry a
// running go uses between the scan and its removal (fresh mtime) is kept; trim.txt and
// testexpire.txt are read as go reads them; sizes parse as documented.
#include <fcntl.h>
#include <sys/stat.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTest>

#include "ScratchDir.h"
#include "SyntheticGoCache.h"
#include "common/SafeFs.h"
#include "gocache/ByteSize.h"
#include "gocache/GoCacheFiles.h"
#include "gocache/GoCacheTrimmer.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

constexpr qint64 Day = 24 * 3600;
constexpr int Pairs = 20;

bool touchNow(const QString &path)
{
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), nullptr,
                       AT_SYMLINK_NOFOLLOW)
        == 0;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

int countSuffix(const QSet<QString> &set, const QString &suffix)
{
    return int(std::count_if(set.begin(), set.end(),
                             [&](const QString &s) { return s.endsWith(suffix); }));
}

} // namespace

class TestGoCacheTrimmer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDir> m_dir;
    QString m_cache;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<ScratchDir>(u"tst_gocache_trimmer"_s);
        QVERIFY(m_dir->isValid());
        m_cache = m_dir->filePath(u"gocache"_s);
        QVERIFY(SyntheticGoCache::create(m_cache, Pairs, QDateTime::currentSecsSinceEpoch(),
                                         [](int) { return 10 * Day; },
                                         [](int) { return 3000; }));
    }

    void actionEntriesGoBeforeAnyOutput()
    {
        GoCacheTrimmer::Options options;
        options.gocache = m_cache;
        options.olderThanDays = 5;
        int actionsLeft = -1, outputsLeft = -1;
        options.beforeRemoving = [&] {
            const QSet<QString> now = SyntheticGoCache::entries(m_cache);
            actionsLeft = countSuffix(now, u"-a"_s);
            outputsLeft = countSuffix(now, u"-d"_s);
        };
        const GoCacheTrimResult r = GoCacheTrimmer::run(options);
        QVERIFY(r.ok());
        QCOMPARE(actionsLeft, 0);
        QCOMPARE(outputsLeft, Pairs);
        QCOMPARE(r.entriesRemoved(), quint64(2 * Pairs));
        QVERIFY(SyntheticGoCache::entries(m_cache).isEmpty());
    }

    void anEntryGoUsesMeanwhileIsKept_data()
    {
        QTest::addColumn<bool>("bySize");
        QTest::newRow("older-than") << false;
        QTest::newRow("max-size") << true;
    }
    void anEntryGoUsesMeanwhileIsKept()
    {
        QFETCH(bool, bySize);
        QStringList names = SyntheticGoCache::entries(m_cache).values();
        names.sort();
        QString output, action;
        for (const QString &n : names) {
            if (output.isEmpty() && n.endsWith(u"-d"_s))
                output = n;
            if (action.isEmpty() && n.endsWith(u"-a"_s))
                action = n;
        }
        GoCacheTrimmer::Options options;
        options.gocache = m_cache;
        if (bySize)
            options.maxBytes = 1;
        else
            options.olderThanDays = 5;
        // go's used(): a fresh mtime on what it reads, between our scan and our unlink. By age,
        // action entries go as the scan meets them (as in go's own trim), so only the output
        // can still be saved; to a size, both.
        options.beforeRemoving = [&] {
            QVERIFY(touchNow(m_cache + u'/' + output));
            if (bySize)
                QVERIFY(touchNow(m_cache + u'/' + action));
        };
        const GoCacheTrimResult r = GoCacheTrimmer::run(options);
        QVERIFY(r.ok());
        QCOMPARE(r.keptInUse, quint64(bySize ? 2 : 1));
        QSet<QString> expected{output};
        if (bySize)
            expected.insert(action);
        QCOMPARE(SyntheticGoCache::entries(m_cache), expected);
        QCOMPARE(r.entriesRemoved(), quint64(2 * Pairs - expected.size()));
    }

    void readsGosFilesAsGoDoes()
    {
        UniqueFd fd = SafeFs::openPath(QFile::encodeName(m_cache).constData(),
                                       O_RDONLY | O_DIRECTORY);
        QVERIFY(fd.isValid());
        QVERIFY(!GoCacheFiles::readTrimTime(fd.get()).has_value());
        QVERIFY(writeFile(m_cache + u"/trim.txt"_s, " 1700000000\n"));
        QCOMPARE(GoCacheFiles::readTrimTime(fd.get()), std::optional<qint64>(1700000000));
        QVERIFY(writeFile(m_cache + u"/trim.txt"_s, "17x"));
        QVERIFY(!GoCacheFiles::readTrimTime(fd.get()).has_value());
        QVERIFY(writeFile(m_cache + u"/testexpire.txt"_s, "123"));
        QVERIFY(!GoCacheFiles::readTestExpire(fd.get()).has_value()); // go wants the newline
        QVERIFY(writeFile(m_cache + u"/testexpire.txt"_s, "123\n"));
        QCOMPARE(GoCacheFiles::readTestExpire(fd.get()), std::optional<qint64>(123));
        QCOMPARE(GoCacheFiles::expireTests(fd.get(), 100).value(), qint64(123)); // never back
        QCOMPARE(GoCacheFiles::expireTests(fd.get(), 456).value(), qint64(456));
        QFile f(m_cache + u"/testexpire.txt"_s);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("456\n"));
        QVERIFY(GoCacheFiles::writeTrimTime(fd.get(), 42).ok());
        QFile t(m_cache + u"/trim.txt"_s);
        QVERIFY(t.open(QIODevice::ReadOnly));
        QCOMPARE(t.readAll(), QByteArray("42"));
        QCOMPARE(GoCacheFiles::trimCutoffNs(10 * GoCacheFiles::DayNs, 5),
                 5 * GoCacheFiles::DayNs - GoCacheFiles::MtimeIntervalNs);
    }

    void parsesSizes()
    {
        QCOMPARE(ByteSize::parse(u"5G"_s).value(), quint64(5000000000));
        QCOMPARE(ByteSize::parse(u"5 GB"_s).value(), quint64(5000000000));
        QCOMPARE(ByteSize::parse(u"512MiB"_s).value(), quint64(512) * 1024 * 1024);
        QCOMPARE(ByteSize::parse(u"1.5t"_s).value(), quint64(1500000000000));
        QCOMPARE(ByteSize::parse(u"1000"_s).value(), quint64(1000));
        QVERIFY(!ByteSize::parse(u"five"_s).ok());
        QVERIFY(!ByteSize::parse(u"5X"_s).ok());
        QVERIFY(!ByteSize::parse(u""_s).ok());
    }
};

QTEST_GUILESS_MAIN(TestGoCacheTrimmer)
#include "tst_gocache_trimmer.moc"
