// SPDX-License-Identifier: GPL-3.0-or-later
// The toolchain side of the GUI: ToolchainController without a window, ToolchainModel and the
// Toolchains dialog's Remove button, over a module cache into which the REAL go 1.23
// downloaded a stand-in toolchain (helpers/ToolchainFixture.h).
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include "ToolchainController.h"
#include "ToolchainDialog.h"
#include "ToolchainModel.h"
#include "ToolchainProjectRoots.h"
#include "helpers/ToolchainFixture.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::toolchain;

namespace {

constexpr int jobTimeoutMs = 60000;

} // namespace

class TestToolchainController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The judge: the real go 1.23 downloads the toolchain (this also labels the suite "go").
        QVERIFY(QFileInfo(GoTool::go123()).isExecutable());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"ModKeeperTest"_s);
        QCoreApplication::setApplicationName(u"ToolchainControllerTest"_s);
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_config.path()));
    }

    void listsWithoutBlockingAndSaysBusy()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        ToolchainController c;
        QSignalSpy busy(&c, &ToolchainController::busyChanged);
        QSignalSpy ready(&c, &ToolchainController::listingReady);
        QVERIFY(c.refresh(fx.listOptions(kToolchain)));
        QVERIFY(c.isBusy());
        QVERIFY(!c.refresh(fx.listOptions(kToolchain))); // one job at a time
        QVERIFY(ready.wait(jobTimeoutMs));
        QVERIFY(!c.isBusy());
        QCOMPARE(busy.size(), 2);
        QCOMPARE(busy.at(0).first().toBool(), true);
        QCOMPARE(busy.at(1).first().toBool(), false);
        const auto l = ready.first().first().value<ToolchainListing>();
        QCOMPARE(l.toolchains.size(), 1);
        QVERIFY(l.toolchains.first().running);
        QCOMPARE(c.listing().toolchains.size(), 1);
    }

    /// Refused (the running one): nothing removed, the error says why; then a listing follows.
    void removeRefusedThenRelists()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        ToolchainController c;
        QSignalSpy removed(&c, &ToolchainController::removalFinished);
        QSignalSpy ready(&c, &ToolchainController::listingReady);
        ToolchainRemover::Options o;
        o.listing = fx.listOptions(kToolchain);
        QVERIFY(c.remove(o, {kToolchain}));
        QVERIFY(removed.wait(jobTimeoutMs));
        const auto r = removed.first().first().value<ToolchainRemoval>();
        QCOMPARE(r.error.code, Error::Code::Refused);
        QVERIFY(r.results.isEmpty());
        QVERIFY(ready.wait(jobTimeoutMs));
        QCOMPARE(c.listing().toolchains.size(), 1);
        QVERIFY(QFileInfo::exists(fx.treeDir()));
    }

    void removesAndRelists()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        ToolchainController c;
        QSignalSpy removed(&c, &ToolchainController::removalFinished);
        QSignalSpy ready(&c, &ToolchainController::listingReady);
        ToolchainRemover::Options o;
        o.listing = fx.listOptions(u"local"_s);
        QVERIFY(c.remove(o, {kToolchain}));
        QVERIFY(removed.wait(jobTimeoutMs));
        const auto r = removed.first().first().value<ToolchainRemoval>();
        QVERIFY2(!r.error.isError(), qPrintable(r.error.toString()));
        QCOMPARE(r.results.size(), 1);
        QCOMPARE(toString(r.results.first().outcome), toString(PurgeOutcome::Removed));
        QVERIFY(ready.wait(jobTimeoutMs));
        QVERIFY(c.listing().toolchains.isEmpty());
        QVERIFY(!QFileInfo::exists(fx.treeDir()));
    }

    void modelShowsAndSorts()
    {
        ToolchainListing l;
        const auto make = [](const QString &name, quint64 bytes, bool running, QStringList needed) {
            ToolchainRecord t;
            t.name = *ToolchainName::fromModuleVersion(u"v0.0.1-"_s + name + u".linux-amd64"_s);
            t.module.path = ToolchainName::modulePath();
            t.module.version = t.name.moduleVersion();
            t.module.diskBytes = bytes;
            t.running = running;
            t.neededBy = needed;
            return t;
        };
        l.toolchains << make(u"go1.21.0"_s, 300, false, {}) << make(u"go1.22.5"_s, 100, true, {})
                     << make(u"go1.23.1"_s, 200, false, {u"/p/go.mod"_s});
        ToolchainModel m;
        m.setListing(l);
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(m.columnCount(), int(ToolchainModel::ColumnCount));
        QCOMPARE(m.index(1, ToolchainModel::ToolchainColumn).data().toString(), u"go1.22.5"_s);
        QVERIFY(m.index(1, 0).data(ToolchainModel::RunningRole).toBool());
        QCOMPARE(m.index(2, 0).data(ToolchainModel::NeededByRole).toStringList(),
                 QStringList{u"/p/go.mod"_s});
        QCOMPARE(m.index(1, ToolchainModel::StatusColumn).data().toString(), u"running"_s);
        QVERIFY(
            m.index(2, ToolchainModel::StatusColumn).data().toString().contains(u"1 project"_s));
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&m);
        proxy.setSortRole(ToolchainModel::SortRole);
        proxy.sort(ToolchainModel::SizeColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, ToolchainModel::ToolchainColumn).data().toString(), u"go1.21.0"_s);
        QCOMPARE(proxy.index(2, ToolchainModel::ToolchainColumn).data().toString(), u"go1.22.5"_s);
    }

    /// The dialog: the running toolchain's Remove is disabled and the tooltip says why; a
    /// non-running one can be removed.
    void dialogDisablesRemoveForTheRunningOne()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        for (const bool running : {true, false}) {
            ToolchainDialog d(fx.listOptions(running ? kToolchain : u"local"_s), 1000);
            QSignalSpy ready(d.controller(), &ToolchainController::listingReady);
            QVERIFY(ready.wait(jobTimeoutMs));
            QCOMPARE(d.model()->rowCount(), 1);
            QVERIFY(!d.removeButton()->isEnabled()); // nothing selected
            d.view()->selectRow(0);
            QCOMPARE(d.removeButton()->isEnabled(), !running);
            if (running)
                QVERIFY2(d.removeButton()->toolTip().contains(u"runs here"_s),
                         qPrintable(d.removeButton()->toolTip()));
        }
    }

    /// The project folders are kept in the settings, and the dialog's listing uses them.
    void dialogUsesTheSavedProjectFolders()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        const QString gomod = fx.writeProject(u"app"_s, kToolchain);
        ToolchainProjectRoots::save({fx.projects()});
        QCOMPARE(ToolchainProjectRoots::load(), QStringList{fx.projects()});
        ToolchainDialog d(fx.listOptions(u"local"_s), 1000);
        QSignalSpy ready(d.controller(), &ToolchainController::listingReady);
        QVERIFY(ready.wait(jobTimeoutMs));
        QCOMPARE(d.model()->index(0, 0).data(ToolchainModel::NeededByRole).toStringList(),
                 QStringList{gomod});
        ToolchainProjectRoots::save({});
    }

private:
    ScratchDir m_config{u"mk-toolchain-config"_s};
};

QTEST_MAIN(TestToolchainController)
#include "tst_toolchaincontroller.moc"
