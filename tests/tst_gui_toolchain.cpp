// SPDX-License-Identifier: GPL-3.0-or-later
// Cache ▸ Toolchains… in the main window: the dialog lists what the REAL go 1.23 downloaded
// (helpers/ToolchainFixture.h), Remove asks in the purge's style, removes the toolchain and
// the window scans the cache again.
#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include "MainWindow.h"
#include "ToolchainController.h"
#include "ToolchainDialog.h"
#include "ToolchainModel.h"
#include "helpers/ToolchainFixture.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::toolchain;

namespace {
constexpr int timeoutMs = 60000;
} // namespace

class TestGuiToolchain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The judge: the real go 1.23 downloads the toolchain (this also labels the suite "go").
        QVERIFY(QFileInfo(GoTool::go123()).isExecutable());
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void cacheMenuOpensTheDialogAndRemoves()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());

        MainWindow w(MainWindow::StartMode::Idle);
        QSignalSpy scanned(&w, &MainWindow::scanFinished);
        w.scanCache(fx.gomodcache());
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, timeoutMs);

        QAction *action = nullptr;
        for (QAction *top : w.menuBar()->actions())
            if (QMenu *menu = top->menu())
                for (QAction *a : menu->actions())
                    if (a->objectName() == u"toolchainsAction")
                        action = a;
        QVERIFY(action);
        QVERIFY(!w.toolchainDialog());
        action->trigger();
        ToolchainDialog *d = w.toolchainDialog();
        QVERIFY(d);
        QVERIFY(d->isVisible());
        if (d->controller()->isBusy()) {
            QSignalSpy ready(d->controller(), &ToolchainController::listingReady);
            QVERIFY(ready.wait(timeoutMs));
        }
        QCOMPARE(d->model()->rowCount(), 1);
        // This test's environment runs go with GOTOOLCHAIN=local: not the running one.
        QVERIFY(!d->model()->index(0, 0).data(ToolchainModel::RunningRole).toBool());
        d->view()->selectRow(0);
        QVERIFY(d->removeButton()->isEnabled());

        d->removeButton()->click();
        auto *box = d->findChild<QMessageBox *>(u"toolchainConfirmation"_s);
        QVERIFY(box);
        QVERIFY(box->text().contains(u"Remove 1 toolchain"_s));
        auto *confirm = box->findChild<QPushButton *>(u"confirmToolchainRemoveButton"_s);
        QVERIFY(confirm);
        QSignalSpy removed(d->controller(), &ToolchainController::removalFinished);
        confirm->click();
        QVERIFY(removed.wait(timeoutMs));
        QVERIFY(!removed.first().first().value<ToolchainRemoval>().error.isError());
        QVERIFY(!QFileInfo::exists(fx.treeDir()));
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 2, timeoutMs); // the window scanned again
        QTRY_COMPARE_WITH_TIMEOUT(d->model()->rowCount(), 0, timeoutMs);
    }
};

QTEST_MAIN(TestGuiToolchain)
#include "tst_gui_toolchain.moc"
