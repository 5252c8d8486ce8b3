// SPDX-License-Identifier: GPL-3.0-or-later
// The size history file (core/history): records go in as whole JSON lines and come back per
// cache; the file stays bounded; a damaged or torn line costs only itself, never its neighbours.
#include <QDateTime>
#include <QFile>
#include <QStandardPaths>
#include <QTest>
#include <QtConcurrent>

#include "ScratchDir.h"
#include "history/ScanHistory.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

const QDateTime kStart = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);

HistoryRecord record(const QString &cache, int i)
{
    HistoryRecord r;
    r.time = kStart.addSecs(3600LL * i);
    r.gomodcache = cache;
    r.versions = quint64(100 + i);
    r.diskBytes = 1000000ULL * quint64(i + 1);
    r.otherBytes[size_t(OtherKind::Vcs)] = 7;
    r.otherBytes[size_t(OtherKind::Toolchain)] = quint64(i);
    return r;
}

bool appendRaw(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Append) && f.write(bytes) == bytes.size();
}

} // namespace

class TestHistory final : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_dir;
    QString m_file;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_dir = std::make_unique<ScratchDir>(u"tst_history"_s);
        QVERIFY(m_dir->isValid());
        m_file = m_dir->filePath(u"data/history.jsonl"_s); // the folder does not exist yet
    }

    void readsNothingBeforeTheFirstScan()
    {
        const Expected<HistoryRead> r = ScanHistory(m_file).read();
        QVERIFY(r.ok());
        QVERIFY(r->records.isEmpty());
        QVERIFY(r->damagedLines.isEmpty());
    }

    void defaultsToTheAppDataFolder()
    {
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QVERIFY(ScanHistory().path().startsWith(data + u'/'));
        QVERIFY(ScanHistory().path().endsWith(u".jsonl"_s));
    }

    void appendsAndReadsBackEveryField()
    {
        ScanHistory h(m_file);
        HistoryRecord withGocache = record(u"/a"_s, 2);
        withGocache.gocacheBytes = 123456789012ULL;
        QVERIFY(h.append(record(u"/a"_s, 0)).ok());
        QVERIFY(h.append(record(u"/a"_s, 1)).ok());
        QVERIFY(h.append(withGocache).ok());
        const Expected<HistoryRead> r = h.read();
        QVERIFY(r.ok());
        QCOMPARE(r->records.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const HistoryRecord &got = r->records[i];
            QCOMPARE(got.time, kStart.addSecs(3600LL * i));
            QCOMPARE(got.gomodcache, u"/a"_s);
            QCOMPARE(got.versions, quint64(100 + i));
            QCOMPARE(got.diskBytes, 1000000ULL * quint64(i + 1));
            QCOMPARE(got.otherBytes[size_t(OtherKind::Vcs)], 7ULL);
            QCOMPARE(got.otherBytes[size_t(OtherKind::Toolchain)], quint64(i));
        }
        QVERIFY(!r->records[0].gocacheBytes);
        QCOMPARE(r->records[2].gocacheBytes.value_or(0), 123456789012ULL);
        // One line per record.
        QFile f(m_file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().count('\n'), 3);
    }

    void sumsTheOtherKindsOfAScan()
    {
        ScanTotals totals;
        totals.versions = 3;
        totals.diskBytes = 5000;
        const QList<OtherEntry> others{{OtherKind::Vcs, u"a"_s, 100, 0, 0, {}},
                                       {OtherKind::Vcs, u"b"_s, 50, 0, 0, {}},
                                       {OtherKind::Trash, u"c"_s, 9, 0, 0, {}}};
        const HistoryRecord r = HistoryRecord::fromScan(u"/c"_s, totals, others, kStart);
        QCOMPARE(r.versions, 3ULL);
        QCOMPARE(r.diskBytes, 5000ULL);
        QCOMPARE(r.otherBytes[size_t(OtherKind::Vcs)], 150ULL);
        QCOMPARE(r.otherBytes[size_t(OtherKind::Trash)], 9ULL);
        QCOMPARE(r.otherBytes[size_t(OtherKind::Sumdb)], 0ULL);
    }

    void filtersByCache()
    {
        ScanHistory h(m_file);
        for (int i = 0; i < 4; ++i) {
            QVERIFY(h.append(record(u"/a"_s, i)).ok());
            QVERIFY(h.append(record(u"/b"_s, 10 + i)).ok());
        }
        const Expected<HistoryRead> a = h.read(u"/a"_s);
        const Expected<HistoryRead> b = h.read(u"/b"_s);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a->records.size(), 4);
        QCOMPARE(b->records.size(), 4);
        for (const HistoryRecord &r : a->records)
            QCOMPARE(r.gomodcache, u"/a"_s);
        QCOMPARE(b->records.first().versions, 110ULL);
        QCOMPARE(h.read(u"/none"_s)->records.size(), 0);
        QCOMPARE(h.read()->records.size(), 8);
    }

    void staysBoundedPerCacheKeepingTheNewest()
    {
        ScanHistory h(m_file);
        h.setMaxRecordsPerCache(10);
        for (int i = 0; i < 60; ++i)
            QVERIFY(h.append(record(u"/big"_s, i)).ok());
        for (int i = 0; i < 3; ++i)
            QVERIFY(h.append(record(u"/small"_s, i)).ok());
        const Expected<HistoryRead> big = h.read(u"/big"_s);
        QVERIFY(big.ok());
        // Compacted to 10 whenever it passes 10 + a quarter: never more than 12 kept.
        QVERIFY2(big->records.size() >= 10 && big->records.size() <= 12,
                 qPrintable(QString::number(big->records.size())));
        QCOMPARE(big->records.last().versions, 159ULL); // the newest survives
        for (qsizetype i = 1; i < big->records.size(); ++i)
            QVERIFY(big->records[i - 1].time < big->records[i].time);
        QCOMPARE(h.read(u"/small"_s)->records.size(), 3); // other caches keep theirs
        QVERIFY(QFile(m_file).size() < 20 * 300);
    }

    void skipsAndReportsADamagedLine()
    {
        ScanHistory h(m_file);
        QVERIFY(h.append(record(u"/a"_s, 0)).ok());
        QVERIFY(appendRaw(m_file, "{\"time\": oops\n"));
        QVERIFY(appendRaw(m_file, "not json at all\n"));
        QVERIFY(h.append(record(u"/a"_s, 1)).ok());
        const Expected<HistoryRead> r = h.read(u"/a"_s);
        QVERIFY(r.ok());
        QCOMPARE(r->records.size(), 2);
        QCOMPARE(r->damagedLines, (QList<int>{2, 3}));
        QCOMPARE(r->records[1].versions, 101ULL);
    }

    void appendsAfterACrashMidLineWithoutLosingOlderRecords()
    {
        ScanHistory h(m_file);
        QVERIFY(h.append(record(u"/a"_s, 0)).ok());
        QVERIFY(h.append(record(u"/a"_s, 1)).ok());
        // A crash in the middle of the third append: half a line, no newline.
        const QByteArray torn = record(u"/a"_s, 2).toJsonLine();
        QVERIFY(appendRaw(m_file, torn.left(torn.size() / 2)));
        QVERIFY(h.append(record(u"/a"_s, 3)).ok());
        const Expected<HistoryRead> r = h.read(u"/a"_s);
        QVERIFY(r.ok());
        QCOMPARE(r->records.size(), 3);
        QCOMPARE(r->records[0].versions, 100ULL);
        QCOMPARE(r->records[1].versions, 101ULL);
        QCOMPARE(r->records[2].versions, 103ULL);
        QCOMPARE(r->damagedLines, QList<int>{3});
    }

    void keepsEveryLineOfParallelAppenders()
    {
        ScanHistory h(m_file);
        QList<QFuture<int>> runs;
        for (int t = 0; t < 4; ++t) {
            runs.append(QtConcurrent::run([this, t] {
                int failures = 0;
                for (int i = 0; i < 50; ++i)
                    failures += ScanHistory(m_file).append(record(u"/p"_s, t * 100 + i)).ok() ? 0 : 1;
                return failures;
            }));
        }
        for (QFuture<int> &f : runs)
            QCOMPARE(f.result(), 0);
        const Expected<HistoryRead> r = h.read();
        QVERIFY(r.ok());
        QCOMPARE(r->records.size(), 200);
        QVERIFY(r->damagedLines.isEmpty());
    }

    void failsWithAnErrorWhereItCannotWrite()
    {
        QFile blocker(m_dir->filePath(u"file"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const Status st = ScanHistory(m_dir->filePath(u"file/sub/history.jsonl"_s))
                              .append(record(u"/a"_s, 0));
        QVERIFY(!st.ok());
        QVERIFY(!st.error().toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
