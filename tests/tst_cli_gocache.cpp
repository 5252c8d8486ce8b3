// SPDX-License-Identifier: GPL-3.0-or-later
// `modkeeper-cli gocache` as a user or a script sees it, on a GOCACHE laid out like go's with
// chosen ages: the numbers against du and find, trim by age at go's exact boundary (limit plus
// one hour), trim to a size, clean and clean --test, and what must never be touched.
#include <algorithm>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "DuRunner.h"
#include "ScratchDir.h"
#include "Subprocess.h"
#include "SyntheticGoCache.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

constexpr qint64 Hour = 3600;
constexpr qint64 Day = 24 * Hour;
constexpr int Pairs = 60;

// Pair i's age: whole days from 0 to 9 plus 30 or 90 minutes, so that every day limit has
// entries on both sides of go's extra hour (5 d 30 min stays at --older-than 5, 5 d 90 min goes).
qint64 ageOf(int i)
{
    return (i % 10) * Day + ((i / 10) % 2 ? 90 : 30) * 60;
}

ProcessResult cli(const QStringList &args, const QProcessEnvironment &env = {})
{
    QProcessEnvironment e = env;
    if (e.isEmpty()) {
        e.insert(u"HOME"_s, QDir::tempPath());
        e.insert(u"GOENV"_s, u"off"_s);
        e.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    }
    return Subprocess::run(QStringLiteral(MODKEEPER_CLI), args, e);
}

QJsonObject json(const ProcessResult &r)
{
    return QJsonDocument::fromJson(r.stdOut).object();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

qint64 mtimeOf(const QString &path)
{
    struct stat st;
    return ::lstat(path.toLocal8Bit().constData(), &st) == 0 ? st.st_mtim.tv_sec : -1;
}

} // namespace

class TestCliGoCache : public QObject
{
    Q_OBJECT

private:
    ScratchDir m_root{u"tst_cli_gocache"_s};
    QString m_cache;
    qint64 m_now = 0;

    // A fresh cache with go's files, a stray file in a subdirectory, fuzz/, log.txt and a
    // symlink named like an entry that points outside.
    void makeCache(int pairs = Pairs)
    {
        m_cache = m_root.filePath(u"gocache-%1"_s.arg(QDateTime::currentMSecsSinceEpoch()));
        m_now = QDateTime::currentSecsSinceEpoch();
        QVERIFY(SyntheticGoCache::create(m_cache, pairs, m_now, ageOf,
                                         [](int i) { return 100 + 5000 * (i % 3); }));
        QFile trim(m_cache + u"/trim.txt"_s);
        QVERIFY(trim.open(QIODevice::WriteOnly));
        trim.write("1700000000");
        trim.close();
        QVERIFY(QDir().mkpath(m_cache + u"/fuzz/example.com"_s));
        for (const QString &rel : {u"00/stray.txt"_s, u"log.txt"_s, u"fuzz/example.com/old-a"_s}) {
            QFile f(m_cache + u'/' + rel);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("keep");
            f.close();
            struct timespec old[2] = {{m_now - 30 * Day, 0}, {m_now - 30 * Day, 0}};
            QVERIFY(::utimensat(AT_FDCWD, QFile::encodeName(f.fileName()).constData(), old, 0)
                    == 0);
        }
        QFile outside(m_root.filePath(u"outside-d"_s));
        QVERIFY(outside.open(QIODevice::WriteOnly));
        outside.write("outside");
        outside.close();
        struct timespec old[2] = {{m_now - 30 * Day, 0}, {m_now - 30 * Day, 0}};
        QVERIFY(::utimensat(AT_FDCWD, QFile::encodeName(outside.fileName()).constData(), old, 0)
                == 0);
        QVERIFY(QFile::link(outside.fileName(), m_cache + u"/01/link-d"_s));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_root.isValid()); }

    void statsAgreeWithDuAndFind()
    {
        makeCache();
        const ProcessResult r = cli({u"gocache"_s, u"--gocache"_s, m_cache, u"--json"_s});
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QJsonObject o = json(r);
        const Expected<quint64> du = DuRunner::summary(m_cache);
        QVERIFY(du.ok());
        QCOMPARE(quint64(o.value(u"diskBytes"_s).toInteger()), du.value());
        QCOMPARE(o.value(u"entries"_s).toInt(), 2 * Pairs);
        QCOMPARE(o.value(u"actionEntries"_s).toInt(), Pairs);
        QCOMPARE(o.value(u"outputEntries"_s).toInt(), Pairs);
        QCOMPARE(o.value(u"lastTrim"_s).toString(), u"2023-11-14T22:13:20Z"_s);
        QVERIFY(o.value(u"testCacheExpiry"_s).isNull());
        qint64 histogram = 0;
        for (const QJsonValue &b : o.value(u"lastUsedAges"_s).toArray())
            histogram += b.toObject().value(u"entries"_s).toInteger();
        QCOMPARE(histogram, qint64(2 * Pairs));
        // Ages 0..9 days: pairs aged 0 d are in the first bucket, 1 d in the second.
        QCOMPARE(o.value(u"lastUsedAges"_s).toArray().at(0).toObject().value(u"entries"_s).toInt(),
                 2 * Pairs / 10);
        const QSet<QString> old
            = SyntheticGoCache::entriesOlderThan(m_cache, m_now - 5 * Day - Hour);
        const QJsonObject est = o.value(u"trimEstimate"_s).toObject();
        QCOMPARE(est.value(u"olderThanDays"_s).toInt(), 5);
        QCOMPARE(est.value(u"entries"_s).toInt(), old.size());
        // 6, 7, 8, 9 days and 5 d 90 min (half of the 5-day pairs): 4.5 tenths.
        QCOMPARE(old.size(), 2 * (4 * Pairs / 10 + Pairs / 20));
    }

    void trimByAgeRemovesExactlyGosSet_data()
    {
        QTest::addColumn<int>("days");
        QTest::newRow("0 days") << 0;
        QTest::newRow("5 days (go's limit)") << 5;
        QTest::newRow("9 days") << 9;
    }
    void trimByAgeRemovesExactlyGosSet()
    {
        QFETCH(int, days);
        makeCache();
        const QSet<QString> before = SyntheticGoCache::entries(m_cache);
        const QSet<QString> gone
            = SyntheticGoCache::entriesOlderThan(m_cache, m_now - days * Day - Hour);
        QVERIFY(!gone.isEmpty());
        QVERIFY(gone.size() < before.size());

        const ProcessResult dry = cli({u"gocache"_s, u"trim"_s, u"--older-than"_s,
                                       QString::number(days), u"--dry-run"_s, u"--json"_s,
                                       u"--gocache"_s, m_cache});
        QVERIFY2(dry.succeeded(), qPrintable(dry.describe()));
        QCOMPARE(json(dry).value(u"entriesRemoved"_s).toInt(), gone.size());
        QCOMPARE(SyntheticGoCache::entries(m_cache), before);
        QCOMPARE(readAll(m_cache + u"/trim.txt"_s), QByteArray("1700000000"));

        const qint64 start = QDateTime::currentSecsSinceEpoch();
        const ProcessResult r = cli({u"gocache"_s, u"trim"_s, u"--older-than"_s,
                                     QString::number(days), u"--json"_s, u"--gocache"_s, m_cache});
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QJsonObject o = json(r);
        QCOMPARE(o.value(u"entriesRemoved"_s).toInt(), gone.size());
        QCOMPARE(o.value(u"actionsRemoved"_s).toInt(), gone.size() / 2);
        QCOMPARE(SyntheticGoCache::entries(m_cache), before - gone);
        // go's trim.txt: the Unix time, decimal, no newline.
        const QByteArray trim = readAll(m_cache + u"/trim.txt"_s);
        bool ok = false;
        const qint64 t = trim.toLongLong(&ok);
        QVERIFY2(ok && t >= start && t <= start + 60, trim.constData());
        QVERIFY(o.value(u"trimFileWritten"_s).toBool());
        // Never touched: go's README, files outside the 256 subdirectories or not named as
        // entries, a symlink named like an entry, and what it points to.
        for (const QString &rel : {u"README"_s, u"00/stray.txt"_s, u"log.txt"_s,
                                   u"fuzz/example.com/old-a"_s})
            QVERIFY2(QFileInfo::exists(m_cache + u'/' + rel), qPrintable(rel));
        QVERIFY(QFileInfo(m_cache + u"/01/link-d"_s).isSymLink());
        QCOMPARE(readAll(m_root.filePath(u"outside-d"_s)), QByteArray("outside"));
        const Expected<quint64> du = DuRunner::summary(m_cache);
        QVERIFY(du.ok());
        QCOMPARE(quint64(o.value(u"diskBytesAfter"_s).toInteger()), du.value());
    }

    void trimToSizeRemovesLeastRecentlyUsedFirst()
    {
        makeCache();
        const Expected<quint64> du = DuRunner::summary(m_cache);
        QVERIFY(du.ok());
        // The 257 directories alone take about 1 MiB: cap at the du less half the entries.
        const quint64 cap = du.value() - 150000;
        const QSet<QString> before = SyntheticGoCache::entries(m_cache);
        const ProcessResult r
            = cli({u"gocache"_s, u"trim"_s, u"--max-size"_s, QString::number(cap), u"--json"_s,
                   u"--gocache"_s, m_cache});
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QVERIFY(json(r).value(u"capReached"_s).toBool());
        QVERIFY(!json(r).value(u"trimFileWritten"_s).toBool());
        const Expected<quint64> after = DuRunner::summary(m_cache);
        QVERIFY(after.ok());
        QVERIFY2(after.value() <= cap, qPrintable(u"%1 > %2"_s.arg(after.value()).arg(cap)));
        const QSet<QString> kept = SyntheticGoCache::entries(m_cache);
        const QSet<QString> removed = before - kept;
        QVERIFY(!removed.isEmpty());
        // Least recently used first (checked exactly in oldestGoFirstUnderSizeCap).
        qint64 oldestKept = std::numeric_limits<qint64>::max();
        for (const QString &k : kept)
            oldestKept = std::min(oldestKept, mtimeOf(m_cache + u'/' + k));
        const qint64 removedBytes = du.value() - after.value();
        QVERIFY(removedBytes > 0);
        // Every kept entry is at least as recent as the oldest age that survived in full.
        QVERIFY(oldestKept >= m_now - 9 * Day - 90 * 60);
        QVERIFY(kept.size() < before.size());
        // The next cap is only one byte: everything older than an hour goes, and the entries
        // used within the last hour (ages 30 min) stay; the cap cannot be reached.
        const ProcessResult r2
            = cli({u"gocache"_s, u"trim"_s, u"--max-size"_s, u"1"_s, u"--json"_s, u"--gocache"_s,
                   m_cache});
        QVERIFY2(r2.succeeded(), qPrintable(r2.describe()));
        QVERIFY(!json(r2).value(u"capReached"_s).toBool());
        const QSet<QString> fresh = SyntheticGoCache::entries(m_cache);
        QCOMPARE(fresh.size(), 2 * Pairs / 20); // age 0 d 30 min
        for (const QString &f : fresh)
            QVERIFY(mtimeOf(m_cache + u'/' + f) > m_now - Hour);
    }

    void oldestGoFirstUnderSizeCap()
    {
        // Ages strictly increasing with i: the survivors of a cap trim are exactly the newest.
        m_cache = m_root.filePath(u"ordered"_s);
        m_now = QDateTime::currentSecsSinceEpoch();
        QVERIFY(SyntheticGoCache::create(m_cache, 40, m_now,
                                         [](int i) { return 2 * Hour + i * Hour; },
                                         [](int) { return 8192; }));
        const Expected<quint64> before = DuRunner::summary(m_cache);
        QVERIFY(before.ok());
        QHash<QString, qint64> mtimes;
        for (const QString &e : SyntheticGoCache::entries(m_cache))
            mtimes.insert(e, mtimeOf(m_cache + u'/' + e));
        const quint64 cap = before.value() - 300000;
        const ProcessResult r = cli({u"gocache"_s, u"trim"_s, u"--max-size"_s,
                                     QString::number(cap), u"--json"_s, u"--gocache"_s, m_cache});
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QSet<QString> kept = SyntheticGoCache::entries(m_cache);
        QVERIFY(!kept.isEmpty() && kept.size() < 80);
        // Nothing kept is older than anything removed.
        qint64 newestRemoved = 0;
        qint64 oldestKept = std::numeric_limits<qint64>::max();
        for (auto it = mtimes.cbegin(); it != mtimes.cend(); ++it) {
            if (kept.contains(it.key()))
                oldestKept = std::min(oldestKept, it.value());
            else
                newestRemoved = std::max(newestRemoved, it.value());
        }
        QVERIFY(newestRemoved > 0);
        QVERIFY2(newestRemoved <= oldestKept,
                 qPrintable(u"%1 > %2"_s.arg(newestRemoved).arg(oldestKept)));
        const Expected<quint64> du = DuRunner::summary(m_cache);
        QVERIFY(du.ok() && du.value() <= cap);
        // Minimal: one more pair kept would put it over the cap.
        QVERIFY(du.value() + 2 * 8192 > cap);
    }

    void cleanTestWritesTestexpireLikeGo()
    {
        makeCache(4);
        const qint64 start = QDateTime::currentMSecsSinceEpoch();
        const ProcessResult r
            = cli({u"gocache"_s, u"clean"_s, u"--test"_s, u"--json"_s, u"--gocache"_s, m_cache});
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QByteArray text = readAll(m_cache + u"/testexpire.txt"_s);
        QVERIFY2(text.endsWith('\n'), text.constData());
        bool ok = false;
        const qint64 ns = text.chopped(1).toLongLong(&ok);
        QVERIFY(ok);
        QVERIFY(ns / 1000000 >= start && ns / 1000000 <= start + 60000);
        QCOMPARE(SyntheticGoCache::entries(m_cache).size(), 8); // nothing deleted
        // A later expiry already in the file is kept (go only moves it forward).
        QFile f(m_cache + u"/testexpire.txt"_s);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("9000000000000000000\n");
        f.close();
        QVERIFY(cli({u"gocache"_s, u"clean"_s, u"--test"_s, u"--gocache"_s, m_cache}).succeeded());
        QCOMPARE(readAll(m_cache + u"/testexpire.txt"_s), QByteArray("9000000000000000000\n"));
        const ProcessResult s = cli({u"gocache"_s, u"--json"_s, u"--gocache"_s, m_cache});
        QCOMPARE(json(s).value(u"testCacheExpiry"_s).toString().left(4), u"2255"_s);
    }

    void cleanRemovesWhatGoCleanCacheRemoves()
    {
        makeCache(10);
        QFile te(m_cache + u"/testexpire.txt"_s);
        QVERIFY(te.open(QIODevice::WriteOnly));
        te.write("1\n");
        te.close();
        const ProcessResult r
            = cli({u"gocache"_s, u"clean"_s, u"--json"_s, u"--gocache"_s, m_cache});
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QStringList left = QDir(m_cache).entryList(QDir::AllEntries | QDir::NoDotAndDotDot
                                                   | QDir::Hidden | QDir::System);
        left.sort();
        QCOMPARE(left, (QStringList{u"README"_s, u"fuzz"_s, u"testexpire.txt"_s, u"trim.txt"_s}));
        QCOMPARE(readAll(m_root.filePath(u"outside-d"_s)), QByteArray("outside"));
        QVERIFY(QFileInfo::exists(m_cache + u"/fuzz/example.com/old-a"_s));
        QVERIFY(json(r).value(u"filesRemoved"_s).toInt() >= 20);
    }

    void resolvesGocacheFromTheEnvironment()
    {
        makeCache(3);
        QProcessEnvironment env;
        env.insert(u"HOME"_s, m_root.path());
        env.insert(u"GOENV"_s, u"off"_s);
        env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
        env.insert(u"GOCACHE"_s, m_cache);
        const ProcessResult r = cli({u"gocache"_s, u"--json"_s}, env);
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QCOMPARE(json(r).value(u"gocache"_s).toString(), m_cache);
        QCOMPARE(json(r).value(u"entries"_s).toInt(), 6);
        env.insert(u"GOCACHE"_s, u"off"_s);
        const ProcessResult off = cli({u"gocache"_s}, env);
        QCOMPARE(off.exitCode, 1);
        QVERIFY(off.stdErr.contains("GOCACHE"));
    }

    void usageErrors()
    {
        QCOMPARE(cli({u"gocache"_s, u"trim"_s, u"--gocache"_s, m_root.path()}).exitCode, 2);
        QCOMPARE(cli({u"gocache"_s, u"trim"_s, u"--older-than"_s, u"x"_s}).exitCode, 2);
        QCOMPARE(cli({u"gocache"_s, u"trim"_s, u"--older-than"_s, u"-1"_s}).exitCode, 2);
        QCOMPARE(cli({u"gocache"_s, u"trim"_s, u"--max-size"_s, u"5 bananas"_s}).exitCode, 2);
        QCOMPARE(cli({u"gocache"_s, u"bogus"_s}).exitCode, 2);
        const ProcessResult missing
            = cli({u"gocache"_s, u"--gocache"_s, m_root.filePath(u"nope"_s)});
        QCOMPARE(missing.exitCode, 1);
        // The configured GOCACHE not created yet (go makes it on its first build) is empty.
        QProcessEnvironment env;
        env.insert(u"HOME"_s, m_root.path());
        env.insert(u"GOENV"_s, u"off"_s);
        env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
        env.insert(u"GOCACHE"_s, m_root.filePath(u"not-yet"_s));
        const ProcessResult notYet = cli({u"gocache"_s, u"--json"_s}, env);
        QCOMPARE(notYet.exitCode, 0);
        QVERIFY(notYet.stdErr.contains("does not exist yet"));
        QVERIFY(notYet.stdOut.contains("\"diskBytes\": 0"));
        const ProcessResult help = cli({u"gocache"_s, u"trim"_s, u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.stdOut.contains("--older-than"));
        QVERIFY(cli({u"--help"_s}).stdOut.contains("gocache"));
    }
};

QTEST_GUILESS_MAIN(TestCliGoCache)
#include "tst_cli_gocache.moc"
