// SPDX-License-Identifier: GPL-3.0-or-later
// The projects side of the main window over a module cache the REAL go 1.23 wrote from a
// fixture proxy: after the scan the window reads the projects under the project roots, the
// Used by column and the Projects filter follow, and Clean up…'s "Keep only what my projects
// need" previews each part with its bytes, then runs: the versions no project needs leave the
// table and the disk, the go.mod-only one keeps just .info and .mod.
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "CleanupDialog.h"
#include "DisplayFormat.h"
#include "MainWindow.h"
#include "ProjectPolicy.h"
#include "ProjectRootsSettings.h"
#include "ProjectsController.h"
#include "ProjectsDialog.h"
#include "ProjectsModel.h"
#include "PurgePreviewModel.h"
#include "helpers/PurgeFixture.h"
#include "purge/PurgePlanner.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

constexpr int jobTimeoutMs = 120000;

const QStringList kAppImports = {u"example.com/a@v1.2.0"_s, u"github.com/Upper/Case@v1.0.0"_s};
const QString kModOnly = u"example.com/legacy@v1.0.0"_s;

ModuleVersionRecord record(const QString &path, const QString &version, quint64 bytes)
{
    ModuleVersionRecord r;
    r.path = path;
    r.escapedPath = path;
    r.version = version;
    r.escapedVersion = version;
    r.pieces = HasTree | HasZip | HasZiphash | HasInfo | HasMod;
    r.state = VersionState::Complete;
    r.diskBytes = bytes;
    return r;
}

} // namespace

class TestGuiProjects final : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    QString m_go;

    bool writeProject(const QString &dir, const QStringList &imports, const QStringList &requireOnly)
    {
        QByteArray gomod = "module example.com/app\n\ngo 1.16\n\nrequire (\n";
        QByteArray importLines;
        QByteArray gosum;
        for (const QString &id : imports + requireOnly) {
            const QByteArray path = id.section(u'@', 0, 0).toUtf8();
            const QByteArray version = id.section(u'@', 1).toUtf8();
            gomod += '\t' + path + ' ' + version + '\n';
            if (imports.contains(id))
                importLines += "\t_ \"" + path + "\"\n";
            const Downloaded d = m_world->sums(id);
            if (d.sum.isEmpty())
                return false;
            gosum += path + ' ' + version + ' ' + d.sum.toUtf8() + '\n';
            gosum += path + ' ' + version + "/go.mod " + d.goModSum.toUtf8() + '\n';
        }
        gomod += ")\n";
        return writeFile(dir + u"/go.mod"_s, gomod) && writeFile(dir + u"/go.sum"_s, gosum)
               && writeFile(dir + u"/main.go"_s,
                            "package main\n\nimport (\n" + importLines + ")\n\nfunc main() {}\n");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_gui_projects"_s);
        QVERIFY(m_scratch->isValid());
        m_go = GoTool::go123();
        QVERIFY(QFileInfo(m_go).isExecutable());
        // The window resolves the go environment and runs the go on PATH: this one, offline.
        qputenv("HOME", QFile::encodeName(m_scratch->mkpath(u"home"_s)));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_scratch->mkpath(u"config"_s)));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_scratch->mkpath(u"xdgcache"_s)));
        qputenv("PATH", QFile::encodeName(QFileInfo(m_go).path()) + ":/usr/bin:/bin");
        qputenv("GOENV", "off");
        qputenv("GOFLAGS", "");
        qputenv("GOPROXY", "off");
        qputenv("GOSUMDB", "off");
        qputenv("GOTOOLCHAIN", "local");
        qputenv("GOCACHE", QFile::encodeName(sharedGoCache(m_go)));
        qputenv("GOMODCACHE", QFile::encodeName(m_scratch->filePath(u"unused-modcache"_s)));
        m_world = std::make_unique<World>(m_scratch->mkpath(u"world"_s));
        const QString error = m_world->build(standardVersions(), {m_go});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init() { QSettings().clear(); }

    /// The policy on synthetic records: the toolchains a project names or that runs are kept,
    /// with each part's bytes.
    void shouldKeepNamedAndRunningToolchains()
    {
        ProjectsResult projects;
        ProjectInfo p;
        p.dir = u"/p/app"_s;
        p.goVersion = u"1.16"_s;
        p.toolchain = u"go1.22.1"_s;
        p.needs = {{u"example.com/used"_s, u"v1.0.0"_s, NeedHow::Code},
                   {u"example.com/graph"_s, u"v1.0.0"_s, NeedHow::GoMod}};
        projects.projects = {p};
        const QString tc = u"golang.org/toolchain"_s;
        const QList<ModuleVersionRecord> versions = {
            record(u"example.com/used"_s, u"v1.0.0"_s, 100'000),
            record(u"example.com/graph"_s, u"v1.0.0"_s, 200'000),
            record(u"example.com/unused"_s, u"v1.0.0"_s, 300'000),
            record(tc, u"v0.0.1-go1.22.1.linux-amd64"_s, 70'000'000),
            record(tc, u"v0.0.1-go1.21.5.linux-amd64"_s, 60'000'000),
            record(tc, u"v0.0.1-go1.20.3.linux-amd64"_s, 50'000'000),
        };
        const Expected<ProjectPolicyPlan> planned = ProjectPolicy::plan(
            u"/nonexistent"_s, versions, projects,
            u"/home/u/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.21.5.linux-amd64"_s);
        QVERIFY2(planned, qPrintable(planned ? QString() : planned.error().toString()));
        const ProjectPolicyPlan &pp = planned.value();
        QCOMPARE(pp.keptToolchains, 2u);
        QCOMPARE(pp.keptToolchainBytes, 130'000'000u);
        QCOMPARE(pp.purgedVersions, 2u); // unused and the go1.20.3 toolchain
        QCOMPARE(pp.purgedBytes, 50'300'000u);
        QCOMPARE(pp.modOnlyVersions, 1u);
        QCOMPARE(pp.modOnlyBytes, 200'000u); // no .info/.mod on disk to keep here
        QCOMPARE(pp.plan.bytes, pp.purgedBytes + pp.modOnlyBytes);
        QStringList skipped;
        for (const PurgePlan::Skip &s : pp.plan.skipped)
            skipped << s.version.version + u": "_s + s.reason;
        skipped.sort();
        QCOMPARE(skipped, (QStringList{u"v0.0.1-go1.21.5.linux-amd64: The toolchain of the go that runs here"_s,
                                       u"v0.0.1-go1.22.1.linux-amd64: A toolchain a project names"_s}));
    }

    /// Before the user chose project folders nothing is read: a dash, and no policy.
    void shouldReadNothingBeforeFoldersAreChosen()
    {
        ScratchDir work(u"tst_gui_projects-none"_s);
        const QString cache = m_world->freshCache(m_go, work.path());
        QVERIFY(!cache.isEmpty());
        MainWindow w(MainWindow::StartMode::Idle);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy read(w.projectsController(), &ProjectsController::resultReady);
        QSignalSpy scanned(&w, &MainWindow::scanFinished);
        w.scanCache(cache);
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, 30000);
        QTRY_COMPARE(read.count(), 1);
        QVERIFY(w.projectsController()->result().projects.isEmpty());
        QVERIFY(!w.model()->hasProjectUsage());
        const QModelIndex first = w.model()->index(0, CacheModel::UsedByColumn);
        QCOMPARE(first.data().toString(), u"\u2014"_s);
        w.findChild<QAction *>(u"cleanupAction"_s)->trigger();
        CleanupDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = w.findChild<CleanupDialog *>(u"cleanupDialog"_s)) && dialog->isVisible());
        QVERIFY(!dialog->findChild<QCheckBox *>(u"projectsPolicyCheck"_s)->isEnabled());
        dialog->reject();
    }

    void shouldShowUseAndCleanUpByWhatProjectsNeed()
    {
        ScratchDir work(u"tst_gui_projects-run"_s);
        const QString cache = m_world->freshCache(m_go, work.path());
        QVERIFY(!cache.isEmpty());
        const QString root = work.mkpath(u"projects"_s);
        const QString app = root + u"/app"_s;
        QVERIFY(writeProject(app, kAppImports, {kModOnly}));
        ProjectRootsSettings::setRoots({root});

        MainWindow w(MainWindow::StartMode::Idle);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy read(w.projectsController(), &ProjectsController::resultReady);
        QSignalSpy scanned(&w, &MainWindow::scanFinished);
        w.scanCache(cache);
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, 30000);
        // Projects are read after the scan, off the GUI thread.
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, jobTimeoutMs);
        const ProjectsResult &r = w.projectsController()->result();
        QCOMPARE(r.projects.size(), 1);
        QVERIFY2(r.projects.first().error.isEmpty(), qPrintable(r.projects.first().error));
        CacheModel *model = w.model();
        QVERIFY(model->hasProjectUsage());

        // The Projects filter lists the project; choosing it shows what it needs.
        auto *filter = w.findChild<QComboBox *>(u"projectFilter"_s);
        QVERIFY(filter);
        QCOMPARE(filter->count(), 4);
        filter->setCurrentIndex(3);
        QCOMPARE(w.proxy()->projectFilter(), CacheFilterProxy::ProjectFilter::NeededBy);
        QCOMPARE(w.proxy()->projectDir(), app);
        QStringList needed;
        for (const ProjectNeed &n : r.projects.first().needs)
            needed << n.id();
        int shown = 0;
        for (int row = 0; row < w.proxy()->rowCount(); ++row)
            shown += w.proxy()->rowCount(w.proxy()->index(row, 0));
        QCOMPARE(shown, int(needed.size()));
        filter->setCurrentIndex(0);
        QCOMPARE(w.proxy()->projectFilter(), CacheFilterProxy::ProjectFilter::All);

        // View ▸ Projects…: one row; a double-click filters the table to that project.
        auto *projectsAction = w.findChild<QAction *>(u"projectsAction"_s);
        QVERIFY(projectsAction);
        projectsAction->trigger();
        QTRY_VERIFY(w.projectsDialog());
        ProjectsDialog *pd = w.projectsDialog();
        QCOMPARE(pd->model()->rowCount(), 1);
        QCOMPARE(pd->model()->index(0, ProjectsModel::NeedsColumn).data(ProjectsModel::SortRole).toInt(),
                 int(needed.size()));
        Q_EMIT pd->view()->doubleClicked(pd->view()->model()->index(0, 0));
        QCOMPARE(w.proxy()->projectDir(), app);
        QCOMPARE(filter->currentIndex(), 3);
        pd->close();
        filter->setCurrentIndex(0);

        // What the policy must do, from the scan and go's answer.
        QStringList unused;
        quint64 unusedBytes = 0;
        for (const ModuleVersionRecord &v : model->allVersions()) {
            if (!needed.contains(v.id())) {
                unused << v.id();
                unusedBytes += v.diskBytes;
            }
        }
        QVERIFY(unused.size() >= 10);
        const ModuleVersionRecord legacy = *model->findVersion(kModOnly);
        const quint64 legacyBytes = PurgePlanner::modOnlyBytes(cache, legacy);
        QVERIFY(legacyBytes > 0 && legacyBytes < legacy.diskBytes);

        auto *cleanup = w.findChild<QAction *>(u"cleanupAction"_s);
        QVERIFY(cleanup && cleanup->isEnabled());
        cleanup->trigger();
        CleanupDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = w.findChild<CleanupDialog *>(u"cleanupDialog"_s)) && dialog->isVisible());
        auto *policy = dialog->findChild<QCheckBox *>(u"projectsPolicyCheck"_s);
        auto *label = dialog->findChild<QLabel *>(u"previewLabel"_s);
        auto *details = dialog->findChild<QLabel *>(u"previewDetails"_s);
        auto *remove = dialog->findChild<QPushButton *>(u"cleanupRemoveButton"_s);
        QVERIFY(policy && label && details && remove);
        QVERIFY(policy->isEnabled());
        policy->setChecked(true);
        QTRY_VERIFY(dialog->projectPolicyPlan().plan.items.size() > 0);
        const ProjectPolicyPlan &pp = dialog->projectPolicyPlan();
        QCOMPARE(pp.purgedVersions, quint64(unused.size()));
        QCOMPARE(pp.purgedBytes, unusedBytes);
        QCOMPARE(pp.modOnlyVersions, 1u);
        QCOMPARE(pp.modOnlyBytes, legacyBytes);
        QCOMPARE(pp.keptToolchains, 0u);
        QCOMPARE(label->text(), u"%1 versions \u00b7 %2 freed"_s.arg(unused.size() + 1).arg(
                                    DisplayFormat::size(unusedBytes + legacyBytes)));
        QVERIFY2(details->text().contains(DisplayFormat::size(unusedBytes)), qPrintable(details->text()));
        QVERIFY2(details->text().contains(DisplayFormat::size(legacyBytes)), qPrintable(details->text()));
        QCOMPARE(dialog->previewModel()->itemCount(), int(unused.size()) + 1);
        QVERIFY(remove->isEnabled());

        QSignalSpy purged(&w, &MainWindow::purgeFinished);
        remove->click();
        QTRY_COMPARE_WITH_TIMEOUT(purged.count(), 1, jobTimeoutMs);
        // The unused versions left the table and the disk; the go.mod-only one keeps .info/.mod.
        QStringList inModel;
        for (const ModuleVersionRecord &v : model->allVersions())
            inModel << v.id();
        inModel.sort();
        QStringList expected = needed;
        expected.sort();
        QCOMPARE(inModel, expected);
        for (const QString &id : std::as_const(unused)) {
            QVERIFY2(!exists(fileOf(cache, id, u".zip"_s)), qPrintable(id));
            QVERIFY2(!exists(fileOf(cache, id, u".mod"_s)), qPrintable(id));
        }
        const Pieces after = piecesOf(cache, kModOnly);
        QVERIFY2(after.info && after.mod && !after.zip && !after.ziphash && !after.tree,
                 qPrintable(after.describe()));
        QCOMPARE(int(model->findVersion(kModOnly)->state), int(VersionState::MetadataOnly));
        for (const QString &id : kAppImports)
            QVERIFY2(piecesOf(cache, id).complete(), qPrintable(id));
    }
};

QTEST_MAIN(TestGuiProjects)
#include "tst_gui_projects.moc"
