// SPDX-License-Identifier: GPL-3.0-or-later
// The space map follows the table's project filter. Every module keeps one unused version,
// so the filter leaves the number of module rows unchanged: the map must still ask the proxy
// rather than take the model's records as they are.
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "MainWindow.h"
#include "TreemapView.h"
#include "project/ProjectRecords.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int layoutTimeoutMs = 10000;

mk::ModuleVersionRecord record(const QString &path, const QString &version, quint64 bytes)
{
    mk::ModuleVersionRecord r;
    r.path = path;
    r.version = version;
    r.escapedPath = path.toLower();
    r.escapedVersion = version;
    r.state = mk::VersionState::Complete;
    r.diskBytes = bytes;
    r.apparentBytes = bytes;
    r.lastUsed = QDateTime::currentDateTime().addDays(-3);
    return r;
}

} // namespace

class TestGuiTreemapProjects final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void tilesFollowProjectFilter()
    {
        QSettings().clear();
        mk::MainWindow w(mk::MainWindow::StartMode::Idle);
        w.resize(1200, 900);
        mk::ScanChunk chunk;
        chunk.versions = {
            record(u"github.com/acme/big"_s, u"v1.0.0"_s, 50'000'000),
            record(u"github.com/acme/big"_s, u"v1.1.0"_s, 30'000'000),
            record(u"golang.org/x/tools"_s, u"v0.1.0"_s, 40'000'000),
            record(u"golang.org/x/tools"_s, u"v0.2.0"_s, 10'000'000),
        };
        chunk.final = true;
        w.model()->addChunk(chunk);
        mk::ProjectUsage usage;
        usage.insert(u"github.com/acme/big@v1.0.0"_s, {{u"/p/app"_s, mk::NeedHow::Code}});
        usage.insert(u"golang.org/x/tools@v0.1.0"_s, {{u"/p/app"_s, mk::NeedHow::GoMod}});
        w.model()->setProjectUsage(usage);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *view = w.findChild<mk::TreemapView *>(u"treemapView"_s);
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->isSettled()
                                     && !view->tileRect(u"github.com/acme/big@v1.0.0"_s).isEmpty(),
                                 layoutTimeoutMs);

        w.proxy()->setProjectFilter(mk::CacheFilterProxy::ProjectFilter::Unused);
        QVERIFY(w.proxy()->isFiltering());
        QCOMPARE(w.proxy()->rowCount(), w.model()->rowCount()); // the case the shortcut missed
        QTRY_VERIFY_WITH_TIMEOUT(view->isSettled()
                                     && view->tileRect(u"github.com/acme/big@v1.0.0"_s).isEmpty(),
                                 layoutTimeoutMs);
        QVERIFY(view->tileRect(u"golang.org/x/tools@v0.1.0"_s).isEmpty());
        QVERIFY(!view->tileRect(u"github.com/acme/big@v1.1.0"_s).isEmpty());
        QVERIFY(!view->tileRect(u"golang.org/x/tools@v0.2.0"_s).isEmpty());

        // Only the graph: the go.mod-only version alone.
        w.proxy()->setProjectFilter(mk::CacheFilterProxy::ProjectFilter::GoModOnly);
        QTRY_VERIFY_WITH_TIMEOUT(view->isSettled()
                                     && !view->tileRect(u"golang.org/x/tools@v0.1.0"_s).isEmpty(),
                                 layoutTimeoutMs);
        QVERIFY(view->tileRect(u"github.com/acme/big@v1.1.0"_s).isEmpty());

        // Back to everything.
        w.proxy()->setProjectFilter(mk::CacheFilterProxy::ProjectFilter::All);
        QVERIFY(!w.proxy()->isFiltering());
        QTRY_VERIFY_WITH_TIMEOUT(view->isSettled()
                                     && !view->tileRect(u"github.com/acme/big@v1.0.0"_s).isEmpty()
                                     && !view->tileRect(u"github.com/acme/big@v1.1.0"_s).isEmpty(),
                                 layoutTimeoutMs);
    }
};

QTEST_MAIN(TestGuiTreemapProjects)
#include "tst_gui_treemap_projects.moc"
