// SPDX-License-Identifier: GPL-3.0-or-later
// PurgePlanner on synthetic scans: which versions a purge selects for each pattern and policy
// (older-than, keep-latest per module and major version, state, light), how criteria combine,
// and what is refused. No disk, no go: the plan is the contract the dry run shows and the real
// run executes (tst_purge checks that the two agree on a real cache).
#include <algorithm>

#include <QSet>
#include <QTest>

#include "module/VersionPattern.h"
#include "purge/PurgePlanner.h"

using namespace Qt::StringLiterals;
using namespace mk;

namespace {

const QDateTime kNow(QDate(2024, 6, 1), QTime(12, 0), Qt::UTC);
constexpr quint8 kComplete = HasTree | HasZip | HasZiphash | HasInfo | HasMod | HasLock;
constexpr quint8 kArchiveOnly = HasZip | HasZiphash | HasInfo | HasMod | HasLock;

struct RecordSpec
{
    QString id; ///< path@version
    VersionState state = VersionState::Complete;
    quint8 pieces = kComplete;
    int lastUsedDaysAgo = -1;   ///< -1: unknown (noatime)
    int downloadedDaysAgo = -1; ///< -1: unknown
};

ModuleVersionRecord record(const RecordSpec &spec, quint64 diskBytes = 10000,
                           quint64 treeBytes = 6000)
{
    ModuleVersionRecord r;
    const qsizetype at = spec.id.indexOf(u'@');
    r.path = spec.id.left(at);
    r.version = spec.id.mid(at + 1);
    r.escapedPath = r.path.toLower(); // not used by the planner
    r.escapedVersion = r.version;
    r.state = spec.state;
    r.pieces = spec.pieces;
    r.diskBytes = diskBytes;
    r.treeBytes = treeBytes;
    if (spec.lastUsedDaysAgo >= 0)
        r.lastUsed = kNow.addDays(-spec.lastUsedDaysAgo);
    if (spec.downloadedDaysAgo >= 0)
        r.downloaded = kNow.addDays(-spec.downloadedDaysAgo);
    return r;
}

ScanResult scanOf(const QStringList &ids)
{
    ScanResult scan;
    scan.gomodcache = u"/cache"_s;
    for (const QString &id : ids)
        scan.versions.append(record({id, VersionState::Complete, kComplete, 1, 1}));
    return scan;
}

QStringList planIds(const PurgePlan &plan)
{
    QStringList out;
    for (const PurgeItem &item : plan.items)
        out << item.version.id();
    return out;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

PurgeCriteria keepLatest(int n)
{
    PurgeCriteria c;
    c.keepLatest = n;
    return c;
}

} // namespace

class TestPurgePolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldRejectInvalidPatternsByName_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::newRow("upper case host") << u"Example.com/a"_s;
        QTest::newRow("no dot in the host") << u"nodot/a"_s;
        QTest::newRow("non-canonical version") << u"example.com/a@v1"_s;
        QTest::newRow("query, not a version") << u"example.com/a@latest"_s;
        QTest::newRow("dot-dot element") << u"example.com/../a"_s;
        QTest::newRow("bad major suffix") << u"example.com/a/v1@v1.0.0"_s;
    }

    void shouldRejectInvalidPatternsByName()
    {
        QFETCH(QString, pattern);
        const Status st = VersionPattern::check(pattern);
        QVERIFY2(!st.ok(), qPrintable(pattern));
        QCOMPARE(st.error().code, Error::Code::InvalidArgument);
        QVERIFY2(st.error().toString().contains(pattern.section(u'@', 0, 0)),
                 qPrintable(st.error().toString()));

        PurgeCriteria c;
        c.patterns = {u"example.com/fine"_s, pattern};
        const Expected<PurgePlan> plan
            = PurgePlanner::plan(scanOf({u"example.com/fine@v1.0.0"_s}), c, kNow);
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().toString().contains(pattern.section(u'@', 0, 0)),
                 qPrintable(plan.error().toString()));
    }

    void shouldKeepTheLatestPerModuleAndMajorVersion_data()
    {
        QTest::addColumn<QStringList>("ids");
        QTest::addColumn<int>("keep");
        QTest::addColumn<QStringList>("purged");

        QTest::newRow("semver, not string order")
            << QStringList{u"example.com/m@v1.2.0"_s, u"example.com/m@v1.10.0"_s,
                           u"example.com/m@v1.9.0"_s}
            << 1 << QStringList{u"example.com/m@v1.2.0"_s, u"example.com/m@v1.9.0"_s};
        QTest::newRow("v1 and v2+incompatible are separate majors")
            << QStringList{u"example.com/m@v1.0.0"_s, u"example.com/m@v1.1.0"_s,
                           u"example.com/m@v2.0.0+incompatible"_s,
                           u"example.com/m@v2.1.0+incompatible"_s}
            << 1 << QStringList{u"example.com/m@v1.0.0"_s, u"example.com/m@v2.0.0+incompatible"_s};
        QTest::newRow("a /v2 path is a module of its own")
            << QStringList{u"example.com/m@v1.0.0"_s, u"example.com/m@v1.1.0"_s,
                           u"example.com/m/v2@v2.0.0"_s, u"example.com/m/v2@v2.1.0"_s}
            << 1 << QStringList{u"example.com/m@v1.0.0"_s, u"example.com/m/v2@v2.0.0"_s};
        QTest::newRow("prereleases are older than their release")
            << QStringList{u"example.com/m@v1.0.0-rc.1"_s, u"example.com/m@v1.0.0"_s,
                           u"example.com/m@v1.0.0-rc.2"_s}
            << 2 << QStringList{u"example.com/m@v1.0.0-rc.1"_s};
        QTest::newRow("pseudo-versions by their timestamp")
            << QStringList{u"example.com/m@v0.0.0-20230101000000-aaaaaaaaaaaa"_s,
                           u"example.com/m@v0.0.0-20240101000000-bbbbbbbbbbbb"_s,
                           u"example.com/m@v0.0.0-20220101000000-cccccccccccc"_s}
            << 1
            << QStringList{u"example.com/m@v0.0.0-20220101000000-cccccccccccc"_s,
                           u"example.com/m@v0.0.0-20230101000000-aaaaaaaaaaaa"_s};
        QTest::newRow("a pseudo-version after a release is newer")
            << QStringList{u"example.com/m@v1.2.3"_s,
                           u"example.com/m@v1.2.4-0.20240101000000-aaaaaaaaaaaa"_s}
            << 1 << QStringList{u"example.com/m@v1.2.3"_s};
        QTest::newRow("per module")
            << QStringList{u"example.com/m@v1.0.0"_s, u"example.com/m@v1.1.0"_s,
                           u"example.com/n@v1.0.0"_s}
            << 1 << QStringList{u"example.com/m@v1.0.0"_s};
        QTest::newRow("keep 0: all")
            << QStringList{u"example.com/m@v1.0.0"_s, u"example.com/m@v1.1.0"_s} << 0
            << QStringList{u"example.com/m@v1.0.0"_s, u"example.com/m@v1.1.0"_s};
        QTest::newRow("keep more than there are: none")
            << QStringList{u"example.com/m@v1.0.0"_s, u"example.com/m@v1.1.0"_s} << 5
            << QStringList{};
    }

    void shouldKeepTheLatestPerModuleAndMajorVersion()
    {
        QFETCH(QStringList, ids);
        QFETCH(int, keep);
        QFETCH(QStringList, purged);
        const Expected<PurgePlan> plan = PurgePlanner::plan(scanOf(ids), keepLatest(keep), kNow);
        QVERIFY(plan.ok());
        QCOMPARE(sorted(planIds(plan.value())), sorted(purged));
    }

    // A tag v1.3.0, a commit after it (v1.3.1-0.2023…) and a later commit on a maintenance
    // branch after v1.2.3 (v1.2.4-0.2024…): "pseudo-versions by time, the rest by semver" is
    // not an order here (each beats the next), so what keep-latest keeps must at least not
    // depend on the order the scan happened to list the versions in.
    void shouldKeepTheSameVersionsWhateverTheScanOrder()
    {
        QStringList ids{u"example.com/m@v1.2.4-0.20240101000000-aaaaaaaaaaaa"_s,
                        u"example.com/m@v1.3.1-0.20230101000000-bbbbbbbbbbbb"_s,
                        u"example.com/m@v1.3.0"_s};
        std::sort(ids.begin(), ids.end());
        QSet<QString> keptSets;
        do {
            const Expected<PurgePlan> plan = PurgePlanner::plan(scanOf(ids), keepLatest(1), kNow);
            QVERIFY(plan.ok());
            QCOMPARE(plan.value().items.size(), 2);
            QStringList kept = ids;
            for (const QString &p : planIds(plan.value()))
                kept.removeOne(p);
            keptSets.insert(kept.join(u',') + u" (scan order: "_s + ids.join(u", "_s) + u')');
        } while (std::next_permutation(ids.begin(), ids.end()));
        QSet<QString> keptVersions;
        for (const QString &s : std::as_const(keptSets))
            keptVersions.insert(s.section(u' ', 0, 0));
        QVERIFY2(keptVersions.size() == 1,
                 qPrintable(QStringList(keptSets.values()).join(u"\n"_s)));
    }

    void shouldSelectByAge_data()
    {
        QTest::addColumn<int>("lastUsedDaysAgo");
        QTest::addColumn<int>("downloadedDaysAgo");
        QTest::addColumn<int>("olderThan");
        QTest::addColumn<bool>("selected");

        QTest::newRow("used recently, downloaded long ago: last use counts")
            << 10 << 100 << 30 << false;
        QTest::newRow("no last use: downloaded long ago") << -1 << 40 << 30 << true;
        QTest::newRow("no last use: downloaded recently") << -1 << 20 << 30 << false;
        QTest::newRow("used long ago") << 40 << 40 << 30 << true;
        QTest::newRow("used a day short") << 29 << 300 << 30 << false;
        QTest::newRow("used a day past") << 31 << 300 << 30 << true;
        QTest::newRow("age unknown: never old") << -1 << -1 << 30 << false;
        QTest::newRow("older than 0 days: anything dated") << 1 << 1 << 0 << true;
    }

    void shouldSelectByAge()
    {
        QFETCH(int, lastUsedDaysAgo);
        QFETCH(int, downloadedDaysAgo);
        QFETCH(int, olderThan);
        QFETCH(bool, selected);
        ScanResult scan;
        scan.versions.append(record({u"example.com/m@v1.0.0"_s, VersionState::Complete, kComplete,
                                     lastUsedDaysAgo, downloadedDaysAgo}));
        PurgeCriteria c;
        c.olderThanDays = olderThan;
        const Expected<PurgePlan> plan = PurgePlanner::plan(scan, c, kNow);
        QVERIFY(plan.ok());
        QCOMPARE(plan.value().items.size(), selected ? 1 : 0);
    }

    void shouldSelectByState_data()
    {
        QTest::addColumn<QList<VersionState>>("states");
        QTest::addColumn<QStringList>("purged");
        QTest::newRow("partial") << QList<VersionState>{VersionState::Partial}
                                 << QStringList{u"example.com/p@v1.0.0"_s};
        QTest::newRow("archive-only and metadata-only")
            << QList<VersionState>{VersionState::ArchiveOnly, VersionState::MetadataOnly}
            << QStringList{u"example.com/a@v1.0.0"_s, u"example.com/m@v1.0.0"_s};
        QTest::newRow("complete") << QList<VersionState>{VersionState::Complete}
                                  << QStringList{u"example.com/c@v1.0.0"_s};
    }

    void shouldSelectByState()
    {
        QFETCH(QList<VersionState>, states);
        QFETCH(QStringList, purged);
        ScanResult scan;
        scan.versions = {
            record({u"example.com/c@v1.0.0"_s, VersionState::Complete, kComplete, 1, 1}),
            record({u"example.com/p@v1.0.0"_s, VersionState::Partial,
                    HasTree | HasPartial | HasZip | HasZiphash, 1, 1}),
            record({u"example.com/a@v1.0.0"_s, VersionState::ArchiveOnly, kArchiveOnly, 1, 1}),
            record({u"example.com/m@v1.0.0"_s, VersionState::MetadataOnly, HasInfo | HasMod, 1, 1}),
        };
        PurgeCriteria c;
        c.states = states;
        const Expected<PurgePlan> plan = PurgePlanner::plan(scan, c, kNow);
        QVERIFY(plan.ok());
        QCOMPARE(sorted(planIds(plan.value())), sorted(purged));
    }

    void shouldCombineCriteriaWithAnd_data()
    {
        QTest::addColumn<QStringList>("patterns");
        QTest::addColumn<int>("olderThan"); // -1: unset
        QTest::addColumn<int>("keep");      // -1: unset
        QTest::addColumn<QList<VersionState>>("states");
        QTest::addColumn<QStringList>("purged");

        // example.com/m: v1.0.0 (old), v1.1.0 (old, archive-only), v1.2.0 (new)
        // example.com/n: v1.0.0 (old), v1.1.0 (old)
        // other.org/o:   v1.0.0 (old)
        QTest::newRow("pattern and age")
            << QStringList{u"example.com/*"_s} << 30 << -1 << QList<VersionState>{}
            << QStringList{u"example.com/m@v1.0.0"_s, u"example.com/m@v1.1.0"_s,
                           u"example.com/n@v1.0.0"_s, u"example.com/n@v1.1.0"_s};
        QTest::newRow("pattern and keep-latest")
            << QStringList{u"example.com/n"_s} << -1 << 1 << QList<VersionState>{}
            << QStringList{u"example.com/n@v1.0.0"_s};
        QTest::newRow("keep-latest counts every version of the module, whatever the other criteria")
            << QStringList{} << -1 << 2 << QList<VersionState>{VersionState::ArchiveOnly}
            << QStringList{};
        QTest::newRow("age and keep-latest")
            << QStringList{} << 30 << 1 << QList<VersionState>{}
            << QStringList{u"example.com/m@v1.0.0"_s, u"example.com/m@v1.1.0"_s,
                           u"example.com/n@v1.0.0"_s};
        QTest::newRow("everything at once") << QStringList{u"example.com/m,other.org"_s} << 30 << 1
                                            << QList<VersionState>{VersionState::ArchiveOnly}
                                            << QStringList{u"example.com/m@v1.1.0"_s};
        QTest::newRow("two patterns: either")
            << QStringList{u"example.com/n@v1.1.0"_s, u"other.org/o"_s} << -1 << -1
            << QList<VersionState>{}
            << QStringList{u"example.com/n@v1.1.0"_s, u"other.org/o@v1.0.0"_s};
    }

    void shouldCombineCriteriaWithAnd()
    {
        QFETCH(QStringList, patterns);
        QFETCH(int, olderThan);
        QFETCH(int, keep);
        QFETCH(QList<VersionState>, states);
        QFETCH(QStringList, purged);
        ScanResult scan;
        scan.versions = {
            record({u"example.com/m@v1.0.0"_s, VersionState::Complete, kComplete, 60, 60}),
            record({u"example.com/m@v1.1.0"_s, VersionState::ArchiveOnly, kArchiveOnly, 50, 50}),
            record({u"example.com/m@v1.2.0"_s, VersionState::Complete, kComplete, 2, 2}),
            record({u"example.com/n@v1.0.0"_s, VersionState::Complete, kComplete, 90, 90}),
            record({u"example.com/n@v1.1.0"_s, VersionState::Complete, kComplete, 80, 80}),
            record({u"other.org/o@v1.0.0"_s, VersionState::Complete, kComplete, 2, 2}),
        };
        PurgeCriteria c;
        c.patterns = patterns;
        if (olderThan >= 0)
            c.olderThanDays = olderThan;
        if (keep >= 0)
            c.keepLatest = keep;
        c.states = states;
        const Expected<PurgePlan> plan = PurgePlanner::plan(scan, c, kNow);
        QVERIFY(plan.ok());
        QCOMPARE(sorted(planIds(plan.value())), sorted(purged));
    }

    void shouldPlanALightCleanOnlyWhereTheZipCanRestoreTheTree()
    {
        ScanResult scan;
        scan.versions = {
            record({u"example.com/m@v1.0.0"_s, VersionState::Complete, kComplete, 1, 1}, 10000,
                   6000),
            record({u"example.com/m@v1.1.0"_s, VersionState::Complete, kComplete, 1, 1}, 20000,
                   7000),
            record({u"example.com/m@v1.2.0"_s, VersionState::ArchiveOnly, kArchiveOnly, 1, 1}),
            // tree + ziphash, zip deleted: complete for go, but a light clean could not be undone
            record({u"example.com/m@v1.3.0"_s, VersionState::Complete,
                    HasTree | HasZiphash | HasInfo | HasMod, 1, 1}),
            record({u"example.com/m@v1.4.0"_s, VersionState::MetadataOnly, HasInfo | HasMod, 1, 1}),
        };
        PurgeCriteria c;
        c.patterns = {u"example.com/m"_s};
        c.light = true;
        const Expected<PurgePlan> plan = PurgePlanner::plan(scan, c, kNow);
        QVERIFY(plan.ok());
        QCOMPARE(planIds(plan.value()),
                 (QStringList{u"example.com/m@v1.0.0"_s, u"example.com/m@v1.1.0"_s}));
        for (const PurgeItem &item : plan.value().items)
            QCOMPARE(toString(item.mode), toString(PurgeMode::Light));
        QCOMPARE(plan.value().items.at(0).bytes, quint64(6000));
        QCOMPARE(plan.value().items.at(1).bytes, quint64(7000));
        QCOMPARE(plan.value().bytes, quint64(13000));

        QMap<QString, QString> reasons;
        for (const PurgePlan::Skip &s : plan.value().skipped)
            reasons.insert(s.version.id(), s.reason);
        QCOMPARE(reasons.keys(), (QStringList{u"example.com/m@v1.2.0"_s, u"example.com/m@v1.3.0"_s,
                                              u"example.com/m@v1.4.0"_s}));
        QVERIFY2(reasons.value(u"example.com/m@v1.2.0"_s).contains(u"tree"_s),
                 qPrintable(reasons.value(u"example.com/m@v1.2.0"_s)));
        QVERIFY2(reasons.value(u"example.com/m@v1.3.0"_s).contains(u"zip"_s),
                 qPrintable(reasons.value(u"example.com/m@v1.3.0"_s)));
        QVERIFY2(reasons.value(u"example.com/m@v1.4.0"_s).contains(u"tree"_s),
                 qPrintable(reasons.value(u"example.com/m@v1.4.0"_s)));
    }

    void shouldPlanAFullPurgeInModuleAndSemverOrderWithTheWholeSize()
    {
        ScanResult scan;
        scan.versions = {
            record({u"example.com/z@v1.0.0"_s}, 100),
            record({u"example.com/m@v1.10.0"_s}, 200),
            record({u"example.com/m@v1.2.0"_s}, 300),
            record({u"example.com/m@v1.2.0-rc.1"_s}, 400),
        };
        PurgeCriteria c;
        c.patterns = {u"example.com/*"_s};
        const Expected<PurgePlan> plan = PurgePlanner::plan(scan, c, kNow);
        QVERIFY(plan.ok());
        QCOMPARE(planIds(plan.value()),
                 (QStringList{u"example.com/m@v1.2.0-rc.1"_s, u"example.com/m@v1.2.0"_s,
                              u"example.com/m@v1.10.0"_s, u"example.com/z@v1.0.0"_s}));
        for (const PurgeItem &item : plan.value().items) {
            QCOMPARE(toString(item.mode), toString(PurgeMode::Full));
            QCOMPARE(item.bytes, item.version.diskBytes);
        }
        QCOMPARE(plan.value().bytes, quint64(1000));
        QVERIFY(plan.value().skipped.isEmpty());
    }

    void shouldRefuseCriteriaThatSelectEverything()
    {
        const ScanResult scan = scanOf({u"example.com/m@v1.0.0"_s});
        const Expected<PurgePlan> none = PurgePlanner::plan(scan, PurgeCriteria{}, kNow);
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, Error::Code::InvalidArgument);

        PurgeCriteria lightOnly;
        lightOnly.light = true; // a mode, not a selection
        QVERIFY(!PurgePlanner::plan(scan, lightOnly, kNow).ok());
    }

    void shouldRefuseNegativeNumbers()
    {
        const ScanResult scan = scanOf({u"example.com/m@v1.0.0"_s});
        PurgeCriteria age;
        age.olderThanDays = -1;
        QVERIFY(!PurgePlanner::plan(scan, age, kNow).ok());
        PurgeCriteria keep;
        keep.keepLatest = -3;
        QVERIFY(!PurgePlanner::plan(scan, keep, kNow).ok());
    }
};

QTEST_GUILESS_MAIN(TestPurgePolicy)
#include "tst_purgepolicy.moc"
