// SPDX-License-Identifier: GPL-3.0-or-later
// CacheModel and CacheFilterProxy, fed with synthetic scan chunks: tree shape, aggregates,
// batched inserts, raw-value sorting and the path/glob/state filters.
#include <memory>

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "scan/ScanRecords.h"

using namespace Qt::StringLiterals;

namespace {

const QDateTime day0(QDate(2024, 1, 10), QTime(12, 0), Qt::UTC);

mk::ModuleVersionRecord version(const QString &path, const QString &v, quint64 bytes,
                                mk::VersionState state = mk::VersionState::Complete,
                                const QDateTime &downloaded = day0, const QDateTime &lastUsed = {})
{
    mk::ModuleVersionRecord r;
    r.path = path;
    r.version = v;
    r.escapedPath = path; // escaping is not the model's business
    r.escapedVersion = v;
    r.state = state;
    r.diskBytes = bytes;
    r.apparentBytes = bytes;
    r.files = bytes / 100 + 1;
    r.downloaded = downloaded;
    r.lastUsed = lastUsed;
    return r;
}

mk::ScanChunk chunk(const QList<mk::ModuleVersionRecord> &versions, bool final = false)
{
    mk::ScanChunk c;
    c.versions = versions;
    c.final = final;
    for (const mk::ModuleVersionRecord &r : versions) {
        c.totals.versions += 1;
        c.totals.diskBytes += r.diskBytes;
    }
    return c;
}

} // namespace

class TestCacheModel final : public QObject
{
    Q_OBJECT

public:
    TestCacheModel() = default;
    Q_DISABLE_COPY_MOVE(TestCacheModel)

private Q_SLOTS:
    void init();
    void cleanup();

    void shouldStartEmpty();
    void shouldGroupVersionsUnderModules();
    void shouldAggregateModuleRows();
    void shouldAddVersionsToKnownModulesFromLaterChunks();
    void shouldInsertNewModulesWithOneSignalPerChunk();
    void shouldInsertVersionsWithOneSignalPerAffectedModule();
    void shouldKeepOthersIssuesAndTotals();
    void shouldResetOnClear();
    void shouldShowLastUsedByAtimeMode();
    void shouldExposeRecordAndIds();
    void shouldCountSelectedVersionsOnce();
    void shouldSortSizesByBytesNotText();
    void shouldSortDatesByTime();
    void shouldSortVersionsBySemver();
    void shouldFilterBySubstringIgnoringCase();
    void shouldFilterByGlobs_data();
    void shouldFilterByGlobs();
    void shouldFilterByState();
    void shouldShowHiddenModuleWhenAMatchingVersionArrives();
    void shouldIgnoreUnchangedFilter();

    void shouldRemoveVersionsInRunsAndDropEmptiedModules();
    void shouldKeepParentsRightWhenEarlierModulesGo();
    void shouldIgnoreUnknownIdsWhenRemoving();
    void shouldUpdateAVersionInPlaceWithPreciseSignals();
    void shouldCoalesceUpdatesPerModule();
    void shouldMoveTrashBytesThroughTheTotals();
    void shouldListTheRecordsBehindASelection();

    void shouldShowUsedByOnceProjectsAreRead();
    void shouldUpdateUsedByWithoutReset();
    void shouldFilterByProjectUse();
    void shouldSortByUsedBy();

private:
    [[nodiscard]] QStringList proxyModulePaths() const;
    [[nodiscard]] QStringList proxyChildVersions(const QString &modulePath) const;
    void feedStandardCache();
    void feedStandardCacheAsOneScan();

    std::unique_ptr<mk::CacheModel> m_model;
    std::unique_ptr<mk::CacheFilterProxy> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
};

void TestCacheModel::init()
{
    // Index misuse is reported as warnings by checkIndex(); make it fail the test.
    QTest::failOnWarning(QRegularExpression(u"qabstractitemmodel|QAbstractItemModelTester"_s));
    m_model = std::make_unique<mk::CacheModel>();
    m_proxy = std::make_unique<mk::CacheFilterProxy>();
    m_proxy->setSourceModel(m_model.get());
    m_modelTester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_proxyTester = std::make_unique<QAbstractItemModelTester>(
        m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestCacheModel::cleanup()
{
    m_proxyTester.reset();
    m_modelTester.reset();
    m_proxy.reset();
    m_model.reset();
}

QStringList TestCacheModel::proxyModulePaths() const
{
    QStringList paths;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        paths << m_proxy->index(row, mk::CacheModel::ModuleColumn).data().toString();
    return paths;
}

QStringList TestCacheModel::proxyChildVersions(const QString &modulePath) const
{
    QStringList versions;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex parent = m_proxy->index(row, 0);
        if (parent.data(mk::CacheModel::ModulePathRole).toString() != modulePath)
            continue;
        for (int child = 0; child < m_proxy->rowCount(parent); ++child)
            versions
                << m_proxy->index(child, mk::CacheModel::VersionColumn, parent).data().toString();
    }
    return versions;
}

// Five modules over two chunks; the second adds versions to two modules of the first.
void TestCacheModel::feedStandardCache()
{
    m_model->addChunk(chunk({
        version(u"github.com/BurntSushi/toml"_s, u"v1.3.2"_s, 400'000),
        version(u"golang.org/x/mod"_s, u"v0.14.0"_s, 900'000),
        version(u"golang.org/x/text"_s, u"v0.14.0"_s, 8'000'000),
        version(u"gopkg.in/yaml.v3"_s, u"v3.0.1"_s, 300'000, mk::VersionState::Partial),
        version(u"golang.org/x/mod"_s, u"v0.12.0"_s, 850'000, mk::VersionState::ArchiveOnly),
    }));
    m_model->addChunk(chunk(
        {
            version(u"github.com/Azure/azure-sdk-for-go"_s, u"v68.0.0+incompatible"_s, 50'000'000),
            version(u"golang.org/x/mod"_s, u"v0.17.0"_s, 1'000'000, mk::VersionState::MetadataOnly),
            version(u"github.com/BurntSushi/toml"_s, u"v1.4.0"_s, 410'000),
        },
        true));
}

// The same eight versions as one final chunk, so that the scan totals are those of the
// whole cache and removals can be checked against them.
void TestCacheModel::feedStandardCacheAsOneScan()
{
    m_model->addChunk(chunk(
        {
            version(u"github.com/BurntSushi/toml"_s, u"v1.3.2"_s, 400'000),
            version(u"golang.org/x/mod"_s, u"v0.14.0"_s, 900'000),
            version(u"golang.org/x/text"_s, u"v0.14.0"_s, 8'000'000),
            version(u"gopkg.in/yaml.v3"_s, u"v3.0.1"_s, 300'000, mk::VersionState::Partial),
            version(u"golang.org/x/mod"_s, u"v0.12.0"_s, 850'000, mk::VersionState::ArchiveOnly),
            version(u"github.com/Azure/azure-sdk-for-go"_s, u"v68.0.0+incompatible"_s, 50'000'000),
            version(u"golang.org/x/mod"_s, u"v0.17.0"_s, 1'000'000, mk::VersionState::MetadataOnly),
            version(u"github.com/BurntSushi/toml"_s, u"v1.4.0"_s, 410'000),
        },
        true));
}

void TestCacheModel::shouldStartEmpty()
{
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->columnCount(), int(mk::CacheModel::ColumnCount));
    QCOMPARE(m_model->versionCount(), 0u);
    QCOMPARE(
        m_model->headerData(mk::CacheModel::SizeColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
        u"Size on disk"_s);
    QCOMPARE(m_model->headerData(mk::CacheModel::LastUsedColumn, Qt::Horizontal, Qt::DisplayRole)
                 .toString(),
             u"Last used"_s);
    QVERIFY(!m_model->isComplete());
}

void TestCacheModel::shouldGroupVersionsUnderModules()
{
    feedStandardCache();
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->versionCount(), 8u);
    const QModelIndex mod = m_model->moduleIndex(u"golang.org/x/mod"_s);
    QVERIFY(mod.isValid());
    QCOMPARE(m_model->rowCount(mod), 3);
    // Versions have no children, and only column 0 of a module has any.
    QCOMPARE(m_model->rowCount(m_model->index(0, 0, mod)), 0);
    QCOMPARE(m_model->rowCount(m_model->index(mod.row(), mk::CacheModel::SizeColumn)), 0);
    QCOMPARE(m_model->index(1, mk::CacheModel::VersionColumn, mod).data().toString(), u"v0.12.0"_s);
    QCOMPARE(m_model->index(1, 0, mod).parent(), mod);
    // Uppercase paths are kept as they are, unescaped.
    QVERIFY(m_model->moduleIndex(u"github.com/BurntSushi/toml"_s).isValid());
    QVERIFY(!m_model->moduleIndex(u"github.com/burntsushi/toml"_s).isValid());
}

void TestCacheModel::shouldAggregateModuleRows()
{
    const QDateTime older = day0.addDays(-30);
    const QDateTime newer = day0.addDays(2);
    m_model->addChunk(chunk({
        version(u"example.com/a"_s, u"v1.0.0"_s, 1000, mk::VersionState::Complete, older, older),
        version(u"example.com/a"_s, u"v1.1.0"_s, 2500, mk::VersionState::Partial, newer, day0),
        version(u"example.com/b"_s, u"v0.1.0"_s, 700),
    }));
    const QModelIndex a = m_model->moduleIndex(u"example.com/a"_s);
    const auto cell = [&](int column, int role = Qt::DisplayRole) {
        return m_model->index(a.row(), column).data(role);
    };
    QCOMPARE(cell(mk::CacheModel::ModuleColumn).toString(), u"example.com/a"_s);
    QCOMPARE(cell(mk::CacheModel::VersionColumn).toString(), u"2 versions"_s);
    QCOMPARE(cell(mk::CacheModel::VersionColumn, mk::CacheModel::SortRole).toInt(), 2);
    QCOMPARE(cell(0, mk::CacheModel::VersionCountRole).toInt(), 2);
    QCOMPARE(cell(mk::CacheModel::SizeColumn, mk::CacheModel::SortRole).toULongLong(), 3500u);
    QCOMPARE(cell(0, mk::CacheModel::DiskBytesRole).toULongLong(), 3500u);
    QCOMPARE(cell(mk::CacheModel::FilesColumn, mk::CacheModel::SortRole).toULongLong(),
             quint64(1000 / 100 + 1 + 2500 / 100 + 1));
    QCOMPARE(cell(mk::CacheModel::DownloadedColumn, mk::CacheModel::SortRole).toDateTime(), newer);
    QCOMPARE(cell(mk::CacheModel::LastUsedColumn, mk::CacheModel::SortRole).toDateTime(), day0);
    // Mixed states: the module shows the worst one and says it is mixed.
    QCOMPARE(cell(0, mk::CacheModel::StateRole).toInt(), int(mk::VersionState::Partial));
    QCOMPARE(cell(mk::CacheModel::StateColumn).toString(), u"Mixed \u00b7 1 partial"_s);
    QVERIFY(cell(mk::CacheModel::StateColumn, Qt::ToolTipRole).toString().contains(u"1 partial"_s));
    QVERIFY(cell(0, mk::CacheModel::IsModuleRole).toBool());

    const QModelIndex b = m_model->moduleIndex(u"example.com/b"_s);
    QCOMPARE(m_model->index(b.row(), mk::CacheModel::VersionColumn).data().toString(),
             u"1 version"_s);
    QCOMPARE(m_model->index(b.row(), mk::CacheModel::StateColumn).data().toString(), u"Complete"_s);
    QCOMPARE(m_model->versionBytes(), 4200u);
}

void TestCacheModel::shouldAddVersionsToKnownModulesFromLaterChunks()
{
    // Many versions of one module, spread over several chunks.
    quint64 expectedBytes = 0;
    for (int c = 0; c < 5; ++c) {
        QList<mk::ModuleVersionRecord> versions;
        for (int i = 0; i < 40; ++i) {
            const quint64 bytes = quint64(1000 + c * 40 + i);
            expectedBytes += bytes;
            versions << version(u"github.com/Masterminds/semver/v3"_s, u"v3.%1.%2"_s.arg(c).arg(i),
                                bytes);
        }
        versions << version(u"example.com/m%1"_s.arg(c), u"v1.0.0"_s, 10);
        m_model->addChunk(chunk(versions));
    }
    QCOMPARE(m_model->rowCount(), 6);
    const QModelIndex semver = m_model->moduleIndex(u"github.com/Masterminds/semver/v3"_s);
    QCOMPARE(semver.row(), 0);
    QCOMPARE(m_model->rowCount(semver), 200);
    QCOMPARE(semver.data(mk::CacheModel::DiskBytesRole).toULongLong(), expectedBytes);
    QCOMPARE(m_model->index(semver.row(), mk::CacheModel::VersionColumn).data().toString(),
             u"200 versions"_s);
    QCOMPARE(m_model->versionCount(), 205u);
}

void TestCacheModel::shouldInsertNewModulesWithOneSignalPerChunk()
{
    QSignalSpy aboutToInsert(m_model.get(), &QAbstractItemModel::rowsAboutToBeInserted);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QList<mk::ModuleVersionRecord> first;
    for (int i = 0; i < 30; ++i)
        first << version(u"example.com/mod%1"_s.arg(i), u"v1.0.0"_s, 100)
              << version(u"example.com/mod%1"_s.arg(i), u"v1.1.0"_s, 100);
    m_model->addChunk(chunk(first));

    QCOMPARE(aboutToInsert.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QList<QVariant> args = inserted.takeFirst();
    QVERIFY(!args.at(0).toModelIndex().isValid());
    QCOMPARE(args.at(1).toInt(), 0);
    QCOMPARE(args.at(2).toInt(), 29);
    QCOMPARE(m_model->rowCount(m_model->index(7, 0)), 2);

    // A second chunk with only new modules: one more signal, appended at the end.
    m_model->addChunk(chunk({version(u"example.com/new1"_s, u"v0.1.0"_s, 5),
                             version(u"example.com/new2"_s, u"v0.1.0"_s, 5),
                             version(u"example.com/new1"_s, u"v0.2.0"_s, 5)}));
    QCOMPARE(inserted.count(), 1);
    args = inserted.takeFirst();
    QVERIFY(!args.at(0).toModelIndex().isValid());
    QCOMPARE(args.at(1).toInt(), 30);
    QCOMPARE(args.at(2).toInt(), 31);
    QCOMPARE(m_model->rowCount(m_model->moduleIndex(u"example.com/new1"_s)), 2);
}

void TestCacheModel::shouldInsertVersionsWithOneSignalPerAffectedModule()
{
    m_model->addChunk(chunk({version(u"example.com/a"_s, u"v1.0.0"_s, 10),
                             version(u"example.com/b"_s, u"v1.0.0"_s, 10),
                             version(u"example.com/c"_s, u"v1.0.0"_s, 10)}));
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    // a gets three versions, c gets one, and one module is new.
    m_model->addChunk(chunk(
        {version(u"example.com/a"_s, u"v1.1.0"_s, 10), version(u"example.com/c"_s, u"v1.1.0"_s, 10),
         version(u"example.com/a"_s, u"v1.2.0"_s, 10), version(u"example.com/d"_s, u"v1.0.0"_s, 10),
         version(u"example.com/a"_s, u"v1.3.0"_s, 10)}));
    QCOMPARE(inserted.count(), 3);
    int underA = 0;
    int underC = 0;
    int topLevel = 0;
    for (const QList<QVariant> &args : std::as_const(inserted)) {
        const QModelIndex parent = args.at(0).toModelIndex();
        if (!parent.isValid()) {
            ++topLevel;
            QCOMPARE(args.at(1).toInt(), 3);
            QCOMPARE(args.at(2).toInt(), 3);
        } else if (parent.data(mk::CacheModel::ModulePathRole).toString() == u"example.com/a") {
            ++underA;
            QCOMPARE(args.at(1).toInt(), 1);
            QCOMPARE(args.at(2).toInt(), 3);
        } else if (parent.data(mk::CacheModel::ModulePathRole).toString() == u"example.com/c") {
            ++underC;
            QCOMPARE(args.at(1).toInt(), 1);
            QCOMPARE(args.at(2).toInt(), 1);
        }
    }
    QCOMPARE(underA, 1);
    QCOMPARE(underC, 1);
    QCOMPARE(topLevel, 1);

    // Module rows a (0) and c (2) are not neighbours: one dataChanged each, with the roles.
    QCOMPARE(changed.count(), 2);
    for (const QList<QVariant> &args : std::as_const(changed)) {
        const QModelIndex topLeft = args.at(0).toModelIndex();
        QVERIFY(!topLeft.parent().isValid());
        QCOMPARE(topLeft.row(), args.at(1).toModelIndex().row());
        const auto roles = args.at(2).value<QList<int>>();
        QVERIFY(roles.contains(Qt::DisplayRole));
        QVERIFY(roles.contains(mk::CacheModel::SortRole));
    }
    QCOMPARE(m_model->index(0, mk::CacheModel::VersionColumn).data().toString(), u"4 versions"_s);
}

void TestCacheModel::shouldKeepOthersIssuesAndTotals()
{
    QSignalSpy totals(m_model.get(), &mk::CacheModel::totalsChanged);
    mk::ScanChunk first = chunk({version(u"example.com/a"_s, u"v1.0.0"_s, 4096)});
    first.others << mk::OtherEntry{mk::OtherKind::Vcs, u"cache/vcs/abc"_s, 5000, 4000, 12, {}}
                 << mk::OtherEntry{mk::OtherKind::Vcs, u"cache/vcs/def"_s, 3000, 2000, 4, {}}
                 << mk::OtherEntry{mk::OtherKind::Toolchain,
                                   u"golang.org/toolchain@v0.0.1-go1.22.0.linux-amd64"_s,
                                   200'000'000,
                                   190'000'000,
                                   9000,
                                   {}};
    first.issues << mk::ScanIssue{u"/cache/example.com/locked"_s, u"Permission denied"_s, 13};
    m_model->addChunk(first);
    mk::ScanChunk last = chunk({}, true);
    last.others << mk::OtherEntry{
        mk::OtherKind::Sumdb, u"cache/download/sumdb"_s, 7000, 6000, 3, {}};
    last.totals.diskBytes = 200'020'000;
    last.totals.versions = 1;
    m_model->addChunk(last);

    QCOMPARE(totals.count(), 2);
    QCOMPARE(m_model->others().size(), 4);
    QCOMPARE(m_model->otherTotals(mk::OtherKind::Vcs).entries, 2u);
    QCOMPARE(m_model->otherTotals(mk::OtherKind::Vcs).diskBytes, 8000u);
    QCOMPARE(m_model->otherTotals(mk::OtherKind::Toolchain).diskBytes, 200'000'000u);
    QCOMPARE(m_model->otherTotals(mk::OtherKind::Sumdb).entries, 1u);
    QCOMPARE(m_model->otherTotals(mk::OtherKind::Trash).entries, 0u);
    QCOMPARE(m_model->issues().size(), 1);
    QCOMPARE(m_model->scanTotals().diskBytes, 200'020'000u);
    QCOMPARE(m_model->versionBytes(), 4096u);
    QVERIFY(m_model->isComplete());
    QVERIFY(!m_model->scanError().isError());

    // A final chunk with an error is remembered for the window's empty state.
    m_model->clear();
    mk::ScanChunk failed = chunk({}, true);
    failed.error = mk::Error::make(mk::Error::Code::Permission, u"permission denied"_s,
                                   u"/root/go/pkg/mod"_s);
    m_model->addChunk(failed);
    QVERIFY(m_model->isComplete());
    QCOMPARE(m_model->scanError().code, mk::Error::Code::Permission);
}

void TestCacheModel::shouldResetOnClear()
{
    feedStandardCache();
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_proxy->rowCount(), 0);
    QCOMPARE(m_model->versionCount(), 0u);
    QCOMPARE(m_model->versionBytes(), 0u);
    QCOMPARE(m_model->scanTotals().diskBytes, 0u);
    QVERIFY(m_model->others().isEmpty());
    QVERIFY(!m_model->isComplete());
    QVERIFY(!m_model->moduleIndex(u"golang.org/x/mod"_s).isValid());

    // The same paths come back as new modules after a reset.
    feedStandardCache();
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->rowCount(m_model->moduleIndex(u"golang.org/x/mod"_s)), 3);
}

void TestCacheModel::shouldShowLastUsedByAtimeMode()
{
    const QDateTime used = QDateTime::currentDateTime().addDays(-3);
    m_model->addChunk(chunk(
        {version(u"example.com/a"_s, u"v1.0.0"_s, 10, mk::VersionState::Complete, day0, used),
         version(u"example.com/a"_s, u"v1.1.0"_s, 10, mk::VersionState::Complete, day0, {})}));
    const QModelIndex a = m_model->moduleIndex(u"example.com/a"_s);
    const QModelIndex usedCell = m_model->index(0, mk::CacheModel::LastUsedColumn, a);
    const QModelIndex nullCell = m_model->index(1, mk::CacheModel::LastUsedColumn, a);

    m_model->setAtimeMode(mk::AtimeMode::Strict);
    QCOMPARE(usedCell.data().toString(), u"3 days ago"_s);
    QCOMPARE(nullCell.data().toString(), u"\u2014"_s);

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setAtimeMode(mk::AtimeMode::Relatime);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(usedCell.data().toString(), u"\u2248 3 days ago"_s);
    QVERIFY(usedCell.data(Qt::ToolTipRole).toString().contains(u"about a day"_s));
    QCOMPARE(usedCell.data(mk::CacheModel::SortRole).toDateTime(), used);

    m_model->setAtimeMode(mk::AtimeMode::NoAtime);
    QCOMPARE(usedCell.data().toString(), u"\u2014"_s);
    QVERIFY(usedCell.data(Qt::ToolTipRole).toString().contains(u"noatime"_s));
    QVERIFY(!usedCell.data(mk::CacheModel::SortRole).toDateTime().isValid());
    // The module row follows its versions.
    QCOMPARE(m_model->index(a.row(), mk::CacheModel::LastUsedColumn).data().toString(),
             u"\u2014"_s);
}

void TestCacheModel::shouldExposeRecordAndIds()
{
    feedStandardCache();
    const QModelIndex toml = m_model->moduleIndex(u"github.com/BurntSushi/toml"_s);
    QCOMPARE(toml.data(mk::CacheModel::IdRole).toString(), u"github.com/BurntSushi/toml"_s);
    QVERIFY(!toml.data(mk::CacheModel::RecordRole).isValid());
    const QModelIndex v = m_model->index(1, mk::CacheModel::SizeColumn, toml);
    QCOMPARE(v.data(mk::CacheModel::IdRole).toString(), u"github.com/BurntSushi/toml@v1.4.0"_s);
    QVERIFY(!v.data(mk::CacheModel::IsModuleRole).toBool());
    const auto record = v.data(mk::CacheModel::RecordRole).value<mk::ModuleVersionRecord>();
    QCOMPARE(record.version, u"v1.4.0"_s);
    QCOMPARE(record.diskBytes, 410'000u);
    QCOMPARE(v.data().toString(), u"400.4 KiB"_s);
}

void TestCacheModel::shouldCountSelectedVersionsOnce()
{
    feedStandardCache();
    const QModelIndex mod = m_model->moduleIndex(u"golang.org/x/mod"_s);
    const QModelIndex toml = m_model->moduleIndex(u"github.com/BurntSushi/toml"_s);
    // The module (all 3 versions), one of its versions again, in another column, and one
    // version of another module.
    const QModelIndexList selection = {mod, m_model->index(0, mk::CacheModel::ModuleColumn, mod),
                                       m_model->index(0, mk::CacheModel::SizeColumn, mod),
                                       m_model->index(1, mk::CacheModel::ModuleColumn, toml),
                                       m_model->index(1, mk::CacheModel::StateColumn, toml)};
    const mk::CacheModel::VersionSum sum = m_model->sumVersions(selection);
    QCOMPARE(sum.versions, 4u);
    QCOMPARE(sum.diskBytes, quint64(900'000 + 850'000 + 1'000'000 + 410'000));
    QCOMPARE(m_model->sumVersions({}).versions, 0u);
}

void TestCacheModel::shouldSortSizesByBytesNotText()
{
    m_model->addChunk(chunk({version(u"example.com/ten-gib"_s, u"v1.0.0"_s, 10ull << 30),
                             version(u"example.com/bytes"_s, u"v1.0.0"_s, 900),
                             version(u"example.com/kib"_s, u"v1.0.0"_s, 1229)}));
    // As text these would sort "1.2 KiB" < "10.0 GiB" < "900 bytes".
    QCOMPARE(m_model->index(0, mk::CacheModel::SizeColumn).data().toString(), u"10.0 GiB"_s);
    QCOMPARE(m_model->index(1, mk::CacheModel::SizeColumn).data().toString(), u"900 bytes"_s);
    QCOMPARE(m_model->index(2, mk::CacheModel::SizeColumn).data().toString(), u"1.2 KiB"_s);

    m_proxy->sort(mk::CacheModel::SizeColumn, Qt::AscendingOrder);
    QCOMPARE(proxyModulePaths(),
             (QStringList{u"example.com/bytes"_s, u"example.com/kib"_s, u"example.com/ten-gib"_s}));
    m_proxy->sort(mk::CacheModel::SizeColumn, Qt::DescendingOrder);
    QCOMPARE(proxyModulePaths(),
             (QStringList{u"example.com/ten-gib"_s, u"example.com/kib"_s, u"example.com/bytes"_s}));

    // Rows arriving later land in their sorted place.
    m_model->addChunk(chunk({version(u"example.com/mib"_s, u"v1.0.0"_s, 5 << 20)}));
    QCOMPARE(proxyModulePaths().at(1), u"example.com/mib"_s);

    // Equal sizes fall back to the module path.
    m_model->addChunk(chunk({version(u"example.com/Zeta"_s, u"v1.0.0"_s, 900),
                             version(u"example.com/alpha"_s, u"v1.0.0"_s, 900)}));
    m_proxy->sort(mk::CacheModel::SizeColumn, Qt::AscendingOrder);
    QCOMPARE(proxyModulePaths().mid(0, 3),
             (QStringList{u"example.com/alpha"_s, u"example.com/bytes"_s, u"example.com/Zeta"_s}));
}

void TestCacheModel::shouldSortDatesByTime()
{
    // Display text of these dates would sort differently from their times.
    m_model->addChunk(chunk({
        version(u"example.com/jan"_s, u"v1.0.0"_s, 1, mk::VersionState::Complete,
                QDateTime(QDate(2023, 1, 5), QTime(9, 0), Qt::UTC)),
        version(u"example.com/unknown"_s, u"v1.0.0"_s, 1, mk::VersionState::MetadataOnly, {}),
        version(u"example.com/dec"_s, u"v1.0.0"_s, 1, mk::VersionState::Complete,
                QDateTime(QDate(2022, 12, 31), QTime(23, 0), Qt::UTC)),
        version(u"example.com/later"_s, u"v1.0.0"_s, 1, mk::VersionState::Complete,
                QDateTime(QDate(2023, 1, 5), QTime(10, 0), Qt::UTC)),
    }));
    m_proxy->sort(mk::CacheModel::DownloadedColumn, Qt::AscendingOrder);
    QCOMPARE(proxyModulePaths(), (QStringList{u"example.com/unknown"_s, u"example.com/dec"_s,
                                              u"example.com/jan"_s, u"example.com/later"_s}));
    m_proxy->sort(mk::CacheModel::DownloadedColumn, Qt::DescendingOrder);
    QCOMPARE(proxyModulePaths().first(), u"example.com/later"_s);
    QCOMPARE(proxyModulePaths().last(), u"example.com/unknown"_s);
}

void TestCacheModel::shouldSortVersionsBySemver()
{
    m_model->addChunk(chunk(
        {version(u"example.com/a"_s, u"v1.10.0"_s, 1), version(u"example.com/a"_s, u"v1.2.0"_s, 1),
         version(u"example.com/a"_s, u"v1.9.0-rc.1"_s, 1),
         version(u"example.com/a"_s, u"v1.9.0"_s, 1),
         version(u"example.com/a"_s, u"v0.0.0-20230101000000-abcdefabcdef"_s, 1)}));
    m_proxy->sort(mk::CacheModel::VersionColumn, Qt::AscendingOrder);
    QCOMPARE(proxyChildVersions(u"example.com/a"_s),
             (QStringList{u"v0.0.0-20230101000000-abcdefabcdef"_s, u"v1.2.0"_s, u"v1.9.0-rc.1"_s,
                          u"v1.9.0"_s, u"v1.10.0"_s}));
}

void TestCacheModel::shouldFilterBySubstringIgnoringCase()
{
    feedStandardCache();
    QCOMPARE(m_proxy->rowCount(), 5);
    m_proxy->setFilterText(u"BURNT"_s);
    QVERIFY(!m_proxy->isGlobFilter());
    QCOMPARE(proxyModulePaths(), QStringList{u"github.com/BurntSushi/toml"_s});
    // Both versions of the matching module stay visible.
    QCOMPARE(proxyChildVersions(u"github.com/BurntSushi/toml"_s).size(), 2);

    m_proxy->setFilterText(u"  x/  "_s);
    QCOMPARE(m_proxy->rowCount(), 2);
    m_proxy->setFilterText(u"no-such-module"_s);
    QCOMPARE(m_proxy->rowCount(), 0);
    m_proxy->setFilterText({});
    QCOMPARE(m_proxy->rowCount(), 5);
}

void TestCacheModel::shouldFilterByGlobs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("host glob") << u"github.com/*"_s
                               << QStringList{u"github.com/Azure/azure-sdk-for-go"_s,
                                              u"github.com/BurntSushi/toml"_s};
    QTest::newRow("list") << u"golang.org/x/*,gopkg.in"_s
                          << QStringList{u"golang.org/x/mod"_s, u"golang.org/x/text"_s,
                                         u"gopkg.in/yaml.v3"_s};
    QTest::newRow("list with blanks")
        << u"golang.org/x/* , gopkg.in"_s
        << QStringList{u"golang.org/x/mod"_s, u"golang.org/x/text"_s, u"gopkg.in/yaml.v3"_s};
    QTest::newRow("prefix elements only")
        << u"golang.org/x/m*"_s << QStringList{u"golang.org/x/mod"_s};
    QTest::newRow("case-sensitive like go") << u"github.com/burnt*"_s << QStringList{};
    QTest::newRow("single-element glob") << u"*.in"_s << QStringList{u"gopkg.in/yaml.v3"_s};
    QTest::newRow("character class")
        << u"golang.org/x/[mt]ext"_s << QStringList{u"golang.org/x/text"_s};
}

void TestCacheModel::shouldFilterByGlobs()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    feedStandardCache();
    m_proxy->sort(mk::CacheModel::ModuleColumn, Qt::AscendingOrder);
    m_proxy->setFilterText(text);
    QVERIFY(m_proxy->isGlobFilter());
    QCOMPARE(proxyModulePaths(), expected);
}

void TestCacheModel::shouldFilterByState()
{
    feedStandardCache();
    m_proxy->setStateFilter(mk::CacheFilterProxy::StateFilter::Partial);
    QCOMPARE(proxyModulePaths(), QStringList{u"gopkg.in/yaml.v3"_s});

    // A module shows only its versions in that state.
    m_proxy->setStateFilter(mk::CacheFilterProxy::StateFilter::ArchiveOnly);
    QCOMPARE(proxyModulePaths(), QStringList{u"golang.org/x/mod"_s});
    QCOMPARE(proxyChildVersions(u"golang.org/x/mod"_s), QStringList{u"v0.12.0"_s});

    m_proxy->setStateFilter(mk::CacheFilterProxy::StateFilter::Complete);
    m_proxy->sort(mk::CacheModel::ModuleColumn, Qt::AscendingOrder);
    QCOMPARE(proxyModulePaths(),
             (QStringList{u"github.com/Azure/azure-sdk-for-go"_s, u"github.com/BurntSushi/toml"_s,
                          u"golang.org/x/mod"_s, u"golang.org/x/text"_s}));

    // State and text filters combine.
    m_proxy->setFilterText(u"golang.org/*"_s);
    QCOMPARE(proxyModulePaths(), (QStringList{u"golang.org/x/mod"_s, u"golang.org/x/text"_s}));
    QCOMPARE(proxyChildVersions(u"golang.org/x/mod"_s), QStringList{u"v0.14.0"_s});

    m_proxy->setStateFilter(mk::CacheFilterProxy::StateFilter::MetadataOnly);
    QCOMPARE(proxyModulePaths(), QStringList{u"golang.org/x/mod"_s});

    m_proxy->setStateFilter(mk::CacheFilterProxy::StateFilter::All);
    m_proxy->setFilterText({});
    QCOMPARE(m_proxy->rowCount(), 5);
}

void TestCacheModel::shouldShowHiddenModuleWhenAMatchingVersionArrives()
{
    m_model->addChunk(
        chunk({version(u"example.com/a"_s, u"v1.0.0"_s, 10),
               version(u"example.com/b"_s, u"v1.0.0"_s, 10, mk::VersionState::Partial)}));
    m_proxy->setStateFilter(mk::CacheFilterProxy::StateFilter::Partial);
    QCOMPARE(proxyModulePaths(), QStringList{u"example.com/b"_s});

    // A later chunk brings a partial version of a: a must appear, with just that version.
    m_model->addChunk(
        chunk({version(u"example.com/a"_s, u"v1.1.0"_s, 10, mk::VersionState::Partial)}));
    m_proxy->sort(mk::CacheModel::ModuleColumn, Qt::AscendingOrder);
    QCOMPARE(proxyModulePaths(), (QStringList{u"example.com/a"_s, u"example.com/b"_s}));
    QCOMPARE(proxyChildVersions(u"example.com/a"_s), QStringList{u"v1.1.0"_s});
}

void TestCacheModel::shouldIgnoreUnchangedFilter()
{
    feedStandardCache();
    m_proxy->setFilterText(u"golang"_s);
    QSignalSpy removed(m_proxy.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m_proxy.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy layout(m_proxy.get(), &QAbstractItemModel::layoutChanged);
    m_proxy->setFilterText(u" golang "_s);
    m_proxy->setStateFilter(mk::CacheFilterProxy::StateFilter::All);
    QCOMPARE(removed.count() + inserted.count() + layout.count(), 0);
    QCOMPARE(m_proxy->filterText(), u"golang"_s);
}

void TestCacheModel::shouldRemoveVersionsInRunsAndDropEmptiedModules()
{
    feedStandardCacheAsOneScan();
    // Module rows: toml 0, mod 1 (v0.14.0, v0.12.0, v0.17.0), text 2, yaml 3, azure 4.
    const quint64 totalBefore = m_model->scanTotals().diskBytes;
    QSignalSpy aboutToRemove(m_model.get(), &QAbstractItemModel::rowsAboutToBeRemoved);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy totals(m_model.get(), &mk::CacheModel::totalsChanged);

    const int n = m_model->removeVersions(
        {u"golang.org/x/mod@v0.14.0"_s, u"golang.org/x/mod@v0.17.0"_s, u"gopkg.in/yaml.v3@v3.0.1"_s,
         u"github.com/Azure/azure-sdk-for-go@v68.0.0+incompatible"_s});
    QCOMPARE(n, 4);

    // Two separate version rows of mod (two runs), then yaml and azure, adjacent module rows,
    // in one go.
    QCOMPARE(aboutToRemove.count(), 3);
    QCOMPARE(removed.count(), 3);
    int underMod = 0;
    int topLevel = 0;
    for (const QList<QVariant> &args : std::as_const(removed)) {
        const QModelIndex parent = args.at(0).toModelIndex();
        if (parent.isValid()) {
            QCOMPARE(parent.data(mk::CacheModel::ModulePathRole).toString(), u"golang.org/x/mod"_s);
            QCOMPARE(args.at(1).toInt(), args.at(2).toInt()); // rows 2, then 0: not adjacent
            ++underMod;
        } else {
            QCOMPARE(args.at(1).toInt(), 3);
            QCOMPARE(args.at(2).toInt(), 4);
            ++topLevel;
        }
    }
    QCOMPARE(underMod, 2);
    QCOMPARE(topLevel, 1);
    QCOMPARE(totals.count(), 1);

    QCOMPARE(m_model->rowCount(), 3);
    QVERIFY(!m_model->moduleIndex(u"gopkg.in/yaml.v3"_s).isValid());
    QVERIFY(!m_model->moduleIndex(u"github.com/Azure/azure-sdk-for-go"_s).isValid());
    const QModelIndex mod = m_model->moduleIndex(u"golang.org/x/mod"_s);
    QCOMPARE(m_model->rowCount(mod), 1);
    QCOMPARE(m_model->index(0, mk::CacheModel::VersionColumn, mod).data().toString(), u"v0.12.0"_s);
    // The module row's aggregates follow, and say so with their roles.
    QCOMPARE(mod.data(mk::CacheModel::DiskBytesRole).toULongLong(), 850'000u);
    QCOMPARE(m_model->index(mod.row(), mk::CacheModel::StateColumn).data().toString(),
             u"Archive only"_s);
    QCOMPARE(m_model->index(mod.row(), mk::CacheModel::VersionColumn).data().toString(),
             u"1 version"_s);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), mod.row());
    QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(mk::CacheModel::DiskBytesRole));

    QCOMPARE(m_model->versionCount(), 4u);
    QCOMPARE(m_model->versionBytes(), quint64(400'000 + 8'000'000 + 850'000 + 410'000));
    QCOMPARE(m_model->scanTotals().diskBytes,
             totalBefore - (900'000 + 1'000'000 + 300'000 + 50'000'000));
    QCOMPARE(m_model->scanTotals().versions, 4u);
    // The proxy follows: still three modules, and mod with its one version.
    QCOMPARE(m_proxy->rowCount(), 3);
    QCOMPARE(proxyChildVersions(u"golang.org/x/mod"_s), QStringList{u"v0.12.0"_s});

    // The last version of a module takes the module with it.
    QCOMPARE(m_model->removeVersions({u"golang.org/x/mod@v0.12.0"_s}), 1);
    QVERIFY(!m_model->moduleIndex(u"golang.org/x/mod"_s).isValid());
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->moduleIndex(u"golang.org/x/text"_s).row(), 1);
}

void TestCacheModel::shouldKeepParentsRightWhenEarlierModulesGo()
{
    feedStandardCacheAsOneScan();
    m_proxy->sort(mk::CacheModel::SizeColumn, Qt::DescendingOrder);
    const QModelIndex toml = m_model->moduleIndex(u"github.com/BurntSushi/toml"_s);
    const QModelIndex azure = m_model->moduleIndex(u"github.com/Azure/azure-sdk-for-go"_s);
    const QPersistentModelIndex azureModule(azure);
    const QPersistentModelIndex azureVersion(m_model->index(0, mk::CacheModel::SizeColumn, azure));
    const QPersistentModelIndex tomlVersion(m_model->index(1, mk::CacheModel::VersionColumn, toml));
    const QPersistentModelIndex proxyAzureVersion(m_proxy->mapFromSource(azureVersion));

    // Rows 1 (mod, all three versions) and 2 (text) go: azure moves from row 4 to row 2.
    QCOMPARE(
        m_model->removeVersions({u"golang.org/x/mod@v0.14.0"_s, u"golang.org/x/mod@v0.12.0"_s,
                                 u"golang.org/x/mod@v0.17.0"_s, u"golang.org/x/text@v0.14.0"_s}),
        4);
    QCOMPARE(azureModule.row(), 2);
    QVERIFY(azureVersion.isValid());
    QCOMPARE(azureVersion.parent(), QModelIndex(azureModule));
    QCOMPARE(azureVersion.data(mk::CacheModel::IdRole).toString(),
             u"github.com/Azure/azure-sdk-for-go@v68.0.0+incompatible"_s);
    QCOMPARE(tomlVersion.data().toString(), u"v1.4.0"_s);
    QCOMPARE(tomlVersion.parent().row(), 0);
    QVERIFY(proxyAzureVersion.isValid());
    QCOMPARE(proxyAzureVersion.data(mk::CacheModel::IdRole).toString(),
             u"github.com/Azure/azure-sdk-for-go@v68.0.0+incompatible"_s);
    QCOMPARE(m_model->moduleIndex(u"gopkg.in/yaml.v3"_s).row(), 1);
}

void TestCacheModel::shouldIgnoreUnknownIdsWhenRemoving()
{
    feedStandardCacheAsOneScan();
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy totals(m_model.get(), &mk::CacheModel::totalsChanged);
    QCOMPARE(m_model->removeVersions({u"golang.org/x/mod@v9.9.9"_s,
                                      u"example.com/none@v1.0.0"_s,
                                      u"no-at-sign"_s,
                                      u"@v1.0.0"_s,
                                      {}}),
             0);
    QCOMPARE(m_model->removeVersions({}), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(totals.count(), 0);
    QCOMPARE(m_model->versionCount(), 8u);
    // The same id twice counts once.
    QCOMPARE(
        m_model->removeVersions({u"golang.org/x/text@v0.14.0"_s, u"golang.org/x/text@v0.14.0"_s}),
        1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->versionCount(), 7u);
}

void TestCacheModel::shouldUpdateAVersionInPlaceWithPreciseSignals()
{
    feedStandardCacheAsOneScan();
    const quint64 totalBefore = m_model->scanTotals().diskBytes;
    const QModelIndex mod = m_model->moduleIndex(u"golang.org/x/mod"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy totals(m_model.get(), &mk::CacheModel::totalsChanged);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);

    // A light clean: v0.14.0 loses its 800 kB tree and becomes archive-only.
    mk::ModuleVersionRecord lighter = *m_model->findVersion(u"golang.org/x/mod@v0.14.0"_s);
    lighter.state = mk::VersionState::ArchiveOnly;
    lighter.diskBytes = 100'000;
    lighter.files = 0;
    QVERIFY(m_model->updateVersion(lighter));

    QCOMPARE(removed.count(), 0);
    QCOMPARE(totals.count(), 1);
    QCOMPARE(changed.count(), 2);
    // First the version row, from Size to State, then the module's aggregates.
    const QModelIndex versionTopLeft = changed.at(0).at(0).toModelIndex();
    const QModelIndex versionBottomRight = changed.at(0).at(1).toModelIndex();
    QCOMPARE(versionTopLeft.parent(), mod);
    QCOMPARE(versionTopLeft.row(), 0);
    QCOMPARE(versionBottomRight.row(), 0);
    QCOMPARE(versionTopLeft.column(), int(mk::CacheModel::SizeColumn));
    QCOMPARE(versionBottomRight.column(), int(mk::CacheModel::StateColumn));
    const auto versionRoles = changed.at(0).at(2).value<QList<int>>();
    for (int role :
         {int(Qt::DisplayRole), int(mk::CacheModel::StateRole), int(mk::CacheModel::DiskBytesRole),
          int(mk::CacheModel::RecordRole), int(Qt::DecorationRole)})
        QVERIFY2(versionRoles.contains(role), qPrintable(QString::number(role)));
    const QModelIndex moduleTopLeft = changed.at(1).at(0).toModelIndex();
    QVERIFY(!moduleTopLeft.parent().isValid());
    QCOMPARE(moduleTopLeft.row(), mod.row());
    QVERIFY(changed.at(1).at(2).value<QList<int>>().contains(mk::CacheModel::StateRole));

    const QModelIndex v = m_model->index(0, mk::CacheModel::StateColumn, mod);
    QCOMPARE(v.data().toString(), u"Archive only"_s);
    QCOMPARE(
        v.siblingAtColumn(mk::CacheModel::SizeColumn).data(mk::CacheModel::SortRole).toULongLong(),
        100'000u);
    QCOMPARE(mod.data(mk::CacheModel::DiskBytesRole).toULongLong(),
             quint64(100'000 + 850'000 + 1'000'000));
    QCOMPARE(m_model->versionCount(), 8u);
    QCOMPARE(m_model->versionBytes(), quint64(61'860'000 - 800'000));
    QCOMPARE(m_model->scanTotals().diskBytes, totalBefore - 800'000);

    // Unknown ids change nothing.
    mk::ModuleVersionRecord stranger = lighter;
    stranger.version = u"v0.99.0"_s;
    QVERIFY(!m_model->updateVersion(stranger));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(totals.count(), 1);
}

void TestCacheModel::shouldCoalesceUpdatesPerModule()
{
    feedStandardCacheAsOneScan();
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    // v0.14.0 (row 0) and v0.17.0 (row 2) of mod, and toml's v1.3.2: one signal per module
    // over its changed rows, then one per run of module rows (toml 0 and mod 1 are adjacent).
    QList<mk::ModuleVersionRecord> records;
    for (const QString &id : {u"golang.org/x/mod@v0.14.0"_s, u"golang.org/x/mod@v0.17.0"_s,
                              u"github.com/BurntSushi/toml@v1.3.2"_s}) {
        mk::ModuleVersionRecord r = *m_model->findVersion(id);
        r.state = mk::VersionState::Partial;
        records << r;
    }
    QCOMPARE(m_model->updateVersions(records), 3);
    QCOMPARE(changed.count(), 3);
    int moduleSignals = 0;
    for (const QList<QVariant> &args : std::as_const(changed)) {
        const QModelIndex topLeft = args.at(0).toModelIndex();
        const QModelIndex bottomRight = args.at(1).toModelIndex();
        if (!topLeft.parent().isValid()) {
            ++moduleSignals;
            QCOMPARE(topLeft.row(), 0);
            QCOMPARE(bottomRight.row(), 1);
        } else if (topLeft.parent().data(mk::CacheModel::ModulePathRole).toString()
                   == u"golang.org/x/mod") {
            QCOMPARE(topLeft.row(), 0);
            QCOMPARE(bottomRight.row(), 2);
        } else {
            QCOMPARE(topLeft.row(), 0);
            QCOMPARE(bottomRight.row(), 0);
        }
    }
    QCOMPARE(moduleSignals, 1);
    QCOMPARE(m_model->moduleIndex(u"golang.org/x/mod"_s).data(mk::CacheModel::StateRole).toInt(),
             int(mk::VersionState::Partial));
}

void TestCacheModel::shouldMoveTrashBytesThroughTheTotals()
{
    feedStandardCacheAsOneScan();
    const quint64 total = m_model->scanTotals().diskBytes;
    QSignalSpy totals(m_model.get(), &mk::CacheModel::totalsChanged);
    QCOMPARE(m_model->otherTotals(mk::OtherKind::Trash).diskBytes, 0u);

    m_model->addTrashBytes(5000);
    QCOMPARE(m_model->otherTotals(mk::OtherKind::Trash).diskBytes, 5000u);
    QCOMPARE(m_model->otherTotals(mk::OtherKind::Trash).entries, 1u);
    QCOMPARE(m_model->scanTotals().diskBytes, total + 5000);
    m_model->releaseTrashBytes(3000);
    QCOMPARE(m_model->otherTotals(mk::OtherKind::Trash).diskBytes, 2000u);
    QCOMPARE(m_model->scanTotals().diskBytes, total + 2000);
    // The reaper may count more than was announced (the trash directory's own blocks): never
    // below zero, and never below what the rest of the cache takes.
    m_model->releaseTrashBytes(7000);
    QCOMPARE(m_model->otherTotals(mk::OtherKind::Trash).diskBytes, 0u);
    QCOMPARE(m_model->scanTotals().diskBytes, total);
    QCOMPARE(totals.count(), 3);
    m_model->addTrashBytes(0);
    m_model->releaseTrashBytes(0);
    QCOMPARE(totals.count(), 3);
}

void TestCacheModel::shouldListTheRecordsBehindASelection()
{
    feedStandardCacheAsOneScan();
    const QModelIndex mod = m_model->moduleIndex(u"golang.org/x/mod"_s);
    const QModelIndex toml = m_model->moduleIndex(u"github.com/BurntSushi/toml"_s);
    const QModelIndexList selection = {m_model->index(1, mk::CacheModel::ModuleColumn, toml), mod,
                                       m_model->index(0, mk::CacheModel::SizeColumn, mod),
                                       m_model->index(1, mk::CacheModel::StateColumn, toml)};
    QStringList ids;
    for (const mk::ModuleVersionRecord &r : m_model->versionsAt(selection))
        ids << r.id();
    QCOMPARE(ids,
             (QStringList{u"github.com/BurntSushi/toml@v1.4.0"_s, u"golang.org/x/mod@v0.14.0"_s,
                          u"golang.org/x/mod@v0.12.0"_s, u"golang.org/x/mod@v0.17.0"_s}));
    QCOMPARE(m_model->allVersions().size(), 8);
    QCOMPARE(int(m_model->findVersion(u"gopkg.in/yaml.v3@v3.0.1"_s)->state),
             int(mk::VersionState::Partial));
    QVERIFY(!m_model->findVersion(u"gopkg.in/yaml.v3@v3.0.2"_s));
    QVERIFY(!m_model->findVersion(u"gopkg.in/yaml.v3"_s));
}

namespace {

// Two projects: /p/app needs toml v1.4.0 and x/text for code and x/mod v0.12.0 only for its
// go.mod; /p/tool needs toml v1.4.0 for code and x/mod v0.14.0 only for its go.mod.
mk::ProjectUsage standardUsage()
{
    mk::ProjectsResult r;
    mk::ProjectInfo app;
    app.dir = u"/p/app"_s;
    app.needs = {{u"github.com/BurntSushi/toml"_s, u"v1.4.0"_s, mk::NeedHow::Code},
                 {u"golang.org/x/text"_s, u"v0.14.0"_s, mk::NeedHow::Code},
                 {u"golang.org/x/mod"_s, u"v0.12.0"_s, mk::NeedHow::GoMod},
                 {u"example.com/not-in-cache"_s, u"v1.0.0"_s, mk::NeedHow::Code}};
    mk::ProjectInfo tool;
    tool.dir = u"/p/tool"_s;
    tool.needs = {{u"github.com/BurntSushi/toml"_s, u"v1.4.0"_s, mk::NeedHow::Code},
                  {u"golang.org/x/mod"_s, u"v0.14.0"_s, mk::NeedHow::GoMod}};
    r.projects = {app, tool};
    return mk::usageOf(r);
}

} // namespace

void TestCacheModel::shouldShowUsedByOnceProjectsAreRead()
{
    feedStandardCache();
    QCOMPARE(m_model->headerData(mk::CacheModel::UsedByColumn, Qt::Horizontal, Qt::DisplayRole)
                 .toString(),
             u"Used by"_s);
    const QModelIndex toml = m_model->moduleIndex(u"github.com/BurntSushi/toml"_s);
    const auto cell = [&](const QString &id) {
        const auto [path, version] = std::pair(id.section(u'@', 0, 0), id.section(u'@', 1));
        const QModelIndex module = m_model->moduleIndex(path);
        for (int row = 0; row < m_model->rowCount(module); ++row) {
            const QModelIndex idx = m_model->index(row, mk::CacheModel::UsedByColumn, module);
            if (idx.data(mk::CacheModel::IdRole).toString() == id)
                return idx;
        }
        return QModelIndex();
    };
    // Not read yet: a dash, -1, no projects.
    QCOMPARE(cell(u"github.com/BurntSushi/toml@v1.4.0"_s).data().toString(), u"\u2014"_s);
    QCOMPARE(cell(u"github.com/BurntSushi/toml@v1.4.0"_s).data(mk::CacheModel::UsedByCountRole).toInt(), -1);
    QVERIFY(cell(u"github.com/BurntSushi/toml@v1.4.0"_s).data(mk::CacheModel::UsedByRole).toList().isEmpty());
    QVERIFY(!m_model->hasProjectUsage());

    m_model->setProjectUsage(standardUsage());
    QVERIFY(m_model->hasProjectUsage());
    QCOMPARE(cell(u"github.com/BurntSushi/toml@v1.4.0"_s).data().toString(), u"2"_s);
    QCOMPARE(cell(u"github.com/BurntSushi/toml@v1.3.2"_s).data().toString(), u"0"_s);
    QCOMPARE(cell(u"golang.org/x/mod@v0.12.0"_s).data(mk::CacheModel::SortRole).toInt(), 1);
    const QVariantList used
        = cell(u"golang.org/x/mod@v0.12.0"_s).data(mk::CacheModel::UsedByRole).toList();
    QCOMPARE(used.size(), 1);
    QCOMPARE(used.first().toMap().value(u"dir"_s).toString(), u"/p/app"_s);
    QCOMPARE(used.first().toMap().value(u"how"_s).toString(), u"gomod"_s);
    const QVariantList both
        = cell(u"github.com/BurntSushi/toml@v1.4.0"_s).data(mk::CacheModel::UsedByRole).toList();
    QCOMPARE(both.size(), 2);
    QCOMPARE(both.at(1).toMap().value(u"dir"_s).toString(), u"/p/tool"_s);
    QCOMPARE(both.at(1).toMap().value(u"how"_s).toString(), u"code"_s);
    QVERIFY(cell(u"golang.org/x/mod@v0.12.0"_s).data(Qt::ToolTipRole).toString().contains(u"/p/app"_s));
    // The row's version cell says it too.
    QVERIFY(cell(u"github.com/BurntSushi/toml@v1.4.0"_s)
                .siblingAtColumn(mk::CacheModel::VersionColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"\nUsed by 2 project"_s));
    // A module counts each project once, whichever of its versions it needs.
    QCOMPARE(m_model->index(toml.row(), mk::CacheModel::UsedByColumn).data().toString(), u"2"_s);
    const QModelIndex mod = m_model->moduleIndex(u"golang.org/x/mod"_s);
    QCOMPARE(m_model->index(mod.row(), mk::CacheModel::UsedByColumn)
                 .data(mk::CacheModel::UsedByCountRole)
                 .toInt(),
             2);
    const QModelIndex yaml = m_model->moduleIndex(u"gopkg.in/yaml.v3"_s);
    QCOMPARE(m_model->index(yaml.row(), mk::CacheModel::UsedByColumn).data().toString(), u"0"_s);

    m_model->clearProjectUsage();
    QCOMPARE(cell(u"github.com/BurntSushi/toml@v1.4.0"_s).data().toString(), u"\u2014"_s);
}

void TestCacheModel::shouldUpdateUsedByWithoutReset()
{
    feedStandardCache();
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setProjectUsage(standardUsage());
    QCOMPARE(reset.count(), 0);
    // One per module over its version rows, one over the module rows.
    QCOMPARE(changed.count(), m_model->moduleCount() + 1);
    const QList<QVariant> last = changed.last();
    QCOMPARE(last.at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(last.at(1).value<QModelIndex>().row(), m_model->moduleCount() - 1);
    QCOMPARE(last.at(1).value<QModelIndex>().column(), int(mk::CacheModel::UsedByColumn));
    QVERIFY(last.at(2).value<QList<int>>().contains(mk::CacheModel::UsedByRole));
}

void TestCacheModel::shouldFilterByProjectUse()
{
    using F = mk::CacheFilterProxy::ProjectFilter;
    feedStandardCache();
    m_proxy->sort(mk::CacheModel::ModuleColumn, Qt::AscendingOrder);
    // Projects not read: "unused" cannot be told, so nothing passes.
    m_proxy->setProjectFilter(F::Unused);
    QCOMPARE(m_proxy->rowCount(), 0);

    // The usage arriving refilters the rows by itself.
    m_model->setProjectUsage(standardUsage());
    QCOMPARE(proxyModulePaths(),
             (QStringList{u"github.com/Azure/azure-sdk-for-go"_s, u"github.com/BurntSushi/toml"_s,
                          u"golang.org/x/mod"_s, u"gopkg.in/yaml.v3"_s}));
    QCOMPARE(proxyChildVersions(u"github.com/BurntSushi/toml"_s), QStringList{u"v1.3.2"_s});
    QCOMPARE(proxyChildVersions(u"golang.org/x/mod"_s), QStringList{u"v0.17.0"_s});

    m_proxy->setProjectFilter(F::GoModOnly);
    QCOMPARE(proxyModulePaths(), QStringList{u"golang.org/x/mod"_s});
    QCOMPARE(proxyChildVersions(u"golang.org/x/mod"_s),
             (QStringList{u"v0.12.0"_s, u"v0.14.0"_s}));

    m_proxy->setProjectFilter(F::NeededBy, u"/p/tool"_s);
    QCOMPARE(m_proxy->projectDir(), u"/p/tool"_s);
    QCOMPARE(proxyModulePaths(),
             (QStringList{u"github.com/BurntSushi/toml"_s, u"golang.org/x/mod"_s}));
    QCOMPARE(proxyChildVersions(u"golang.org/x/mod"_s), QStringList{u"v0.14.0"_s});

    // Combined with the state filter: of /p/app's versions, the archive-only one.
    m_proxy->setProjectFilter(F::NeededBy, u"/p/app"_s);
    m_proxy->setStateFilter(mk::CacheFilterProxy::StateFilter::ArchiveOnly);
    QCOMPARE(proxyModulePaths(), QStringList{u"golang.org/x/mod"_s});
    QCOMPARE(proxyChildVersions(u"golang.org/x/mod"_s), QStringList{u"v0.12.0"_s});

    m_proxy->setStateFilter(mk::CacheFilterProxy::StateFilter::All);
    m_proxy->setProjectFilter(F::All, u"/ignored"_s);
    QCOMPARE(m_proxy->projectDir(), QString());
    QCOMPARE(m_proxy->rowCount(), 5);
}

void TestCacheModel::shouldSortByUsedBy()
{
    feedStandardCache();
    m_model->setProjectUsage(standardUsage());
    m_proxy->sort(mk::CacheModel::UsedByColumn, Qt::DescendingOrder);
    // toml and x/mod are used by 2, x/text by 1, the rest by none.
    QStringList top = proxyModulePaths().mid(0, 2);
    top.sort();
    QCOMPARE(top, (QStringList{u"github.com/BurntSushi/toml"_s, u"golang.org/x/mod"_s}));
    QCOMPARE(proxyModulePaths().at(2), u"golang.org/x/text"_s);
    QCOMPARE(proxyChildVersions(u"github.com/BurntSushi/toml"_s),
             (QStringList{u"v1.4.0"_s, u"v1.3.2"_s}));
}

QTEST_MAIN(TestCacheModel)
#include "tst_cachemodel.moc"
