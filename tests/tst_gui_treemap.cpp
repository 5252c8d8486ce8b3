// SPDX-License-Identifier: GPL-3.0-or-later
// The space map in the main window (offscreen): a click on a tile selects its row in the
// table, the table's filter decides which tiles are drawn, selected rows are highlighted,
// double-click zooms and the breadcrumb goes back up. The model is fed the records a scan
// would produce; nothing touches a real cache.
#include <QComboBox>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "MainWindow.h"
#include "TreemapView.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int layoutTimeoutMs = 10000;

mk::ModuleVersionRecord record(const QString &path, const QString &version, quint64 bytes,
                               mk::VersionState state = mk::VersionState::Complete)
{
    mk::ModuleVersionRecord r;
    r.path = path;
    r.version = version;
    r.escapedPath = path.toLower();
    r.escapedVersion = version;
    r.state = state;
    r.diskBytes = bytes;
    r.apparentBytes = bytes;
    r.lastUsed = QDateTime::currentDateTime().addDays(-3);
    return r;
}

/// The proxy row (column 0) of "path@version", or an invalid index when filtered out.
QModelIndex proxyRowOf(const mk::MainWindow &w, const QString &id)
{
    const QModelIndex module = w.model()->moduleIndex(id.section(u'@', 0, 0));
    for (int r = 0; r < w.model()->rowCount(module); ++r) {
        const QModelIndex source = w.model()->index(r, 0, module);
        if (source.data(mk::CacheModel::IdRole).toString() == id)
            return w.proxy()->mapFromSource(source);
    }
    return {};
}

QStringList selectedIds(const mk::MainWindow &w)
{
    QStringList ids;
    for (const QModelIndex &index : w.treeView()->selectionModel()->selectedRows(0))
        ids << w.proxy()->mapToSource(index).data(mk::CacheModel::IdRole).toString();
    ids.sort();
    return ids;
}

} // namespace

class TestGuiTreemap final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void clickSelectsRow();
    void tilesFollowFilter();
    void selectionHighlightsTiles();
    void doubleClickZoomsAndBreadcrumbGoesBack();
    void colourModeAndViewToggle();

private:
    std::unique_ptr<mk::MainWindow> m_window;
    mk::TreemapView *m_view = nullptr;

    void waitForLayout()
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_view->isSettled() && !m_view->layoutResult().tiles.isEmpty(),
                                 layoutTimeoutMs);
    }
};

void TestGuiTreemap::init()
{
    QSettings().clear();
    m_window = std::make_unique<mk::MainWindow>(mk::MainWindow::StartMode::Idle);
    m_window->resize(1200, 900);
    mk::ScanChunk chunk;
    chunk.versions = {
        record(u"github.com/acme/big"_s, u"v1.0.0"_s, 50'000'000),
        record(u"github.com/acme/big"_s, u"v1.1.0"_s, 30'000'000, mk::VersionState::ArchiveOnly),
        record(u"golang.org/x/tools"_s, u"v0.1.0"_s, 40'000'000),
        record(u"gopkg.in/yaml.v3"_s, u"v3.0.1"_s, 10'000'000, mk::VersionState::Partial),
        record(u"example.com/small"_s, u"v0.1.0"_s, 8'000'000),
    };
    chunk.final = true;
    m_window->model()->addChunk(chunk);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_view = m_window->findChild<mk::TreemapView *>(u"treemapView"_s);
    QVERIFY(m_view);
    QVERIFY(m_view->isVisible());
    waitForLayout();
}

void TestGuiTreemap::cleanup()
{
    m_window.reset();
    m_view = nullptr;
}

void TestGuiTreemap::clickSelectsRow()
{
    const QRectF tile = m_view->tileRect(u"golang.org/x/tools@v0.1.0"_s);
    QVERIFY(!tile.isEmpty());
    QTest::mouseClick(m_view, Qt::LeftButton, {}, tile.center().toPoint());
    QCOMPARE(selectedIds(*m_window), QStringList{u"golang.org/x/tools@v0.1.0"_s});
    QVERIFY(m_window->treeView()->selectionModel()->isRowSelected(
        proxyRowOf(*m_window, u"golang.org/x/tools@v0.1.0"_s).row(),
        proxyRowOf(*m_window, u"golang.org/x/tools@v0.1.0"_s).parent()));

    // Ctrl adds the next one; a plain click replaces the selection.
    const QRectF yaml = m_view->tileRect(u"gopkg.in/yaml.v3@v3.0.1"_s);
    QTest::mouseClick(m_view, Qt::LeftButton, Qt::ControlModifier, yaml.center().toPoint());
    QCOMPARE(selectedIds(*m_window),
             (QStringList{u"golang.org/x/tools@v0.1.0"_s, u"gopkg.in/yaml.v3@v3.0.1"_s}));
    const QRectF big = m_view->tileRect(u"github.com/acme/big@v1.1.0"_s);
    QTest::mouseClick(m_view, Qt::LeftButton, {}, big.center().toPoint());
    QCOMPARE(selectedIds(*m_window), QStringList{u"github.com/acme/big@v1.1.0"_s});
}

void TestGuiTreemap::tilesFollowFilter()
{
    QVERIFY(!m_view->tileRect(u"golang.org/x/tools@v0.1.0"_s).isEmpty());
    const QRectF before = m_view->tileRect(u"github.com/acme/big@v1.0.0"_s);
    m_window->proxy()->setFilterText(u"acme"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->tileRect(u"golang.org/x/tools@v0.1.0"_s).isEmpty(),
                             layoutTimeoutMs);
    waitForLayout();
    QVERIFY(m_view->tileRect(u"gopkg.in/yaml.v3@v3.0.1"_s).isEmpty());
    QVERIFY(m_view->tileRect(u"example.com/small@v0.1.0"_s).isEmpty());
    const QRectF after = m_view->tileRect(u"github.com/acme/big@v1.0.0"_s);
    QVERIFY(!after.isEmpty());
    // The two versions left share the whole map: the tile grew.
    QVERIFY(after.width() * after.height() > 1.5 * before.width() * before.height());

    // The state filter too.
    m_window->proxy()->setFilterText({});
    m_window->proxy()->setStateFilter(mk::CacheFilterProxy::StateFilter::Partial);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->tileRect(u"github.com/acme/big@v1.0.0"_s).isEmpty()
                                 && !m_view->tileRect(u"gopkg.in/yaml.v3@v3.0.1"_s).isEmpty(),
                             layoutTimeoutMs);
    m_window->proxy()->setStateFilter(mk::CacheFilterProxy::StateFilter::All);
    QTRY_VERIFY_WITH_TIMEOUT(!m_view->tileRect(u"golang.org/x/tools@v0.1.0"_s).isEmpty(),
                             layoutTimeoutMs);

    // Rows leaving the model (a purge) leave the map.
    m_window->model()->removeVersions({u"golang.org/x/tools@v0.1.0"_s});
    QTRY_VERIFY_WITH_TIMEOUT(m_view->tileRect(u"golang.org/x/tools@v0.1.0"_s).isEmpty(),
                             layoutTimeoutMs);
}

void TestGuiTreemap::selectionHighlightsTiles()
{
    QItemSelectionModel *selection = m_window->treeView()->selectionModel();
    QVERIFY(!m_view->isHighlighted(u"example.com/small@v0.1.0"_s));
    selection->select(proxyRowOf(*m_window, u"example.com/small@v0.1.0"_s),
                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QVERIFY(m_view->isHighlighted(u"example.com/small@v0.1.0"_s));
    QVERIFY(!m_view->isHighlighted(u"golang.org/x/tools@v0.1.0"_s));

    // A module row lights its module's tile and its versions.
    const QModelIndex module = m_window->proxy()->mapFromSource(
        m_window->model()->moduleIndex(u"github.com/acme/big"_s));
    selection->select(module, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QVERIFY(m_view->isHighlighted(u"github.com/acme/big"_s));
    QVERIFY(m_view->isHighlighted(u"github.com/acme/big@v1.0.0"_s));
    QVERIFY(m_view->isHighlighted(u"github.com/acme/big@v1.1.0"_s));
    QVERIFY(!m_view->isHighlighted(u"example.com/small@v0.1.0"_s));

    selection->clearSelection();
    QVERIFY(!m_view->isHighlighted(u"github.com/acme/big@v1.0.0"_s));
}

void TestGuiTreemap::doubleClickZoomsAndBreadcrumbGoesBack()
{
    const QRectF tile = m_view->tileRect(u"github.com/acme/big@v1.0.0"_s);
    QVERIFY(!tile.isEmpty());
    QTest::mouseDClick(m_view, Qt::LeftButton, {}, tile.center().toPoint());
    QCOMPARE(m_view->zoomPath(),
             (QStringList{u"github.com"_s, u"acme"_s, u"github.com/acme/big"_s}));
    waitForLayout();
    QCOMPARE(m_view->layoutResult().pathOf(m_view->layoutResult().zoomNode()),
             u"github.com/acme/big"_s);
    QVERIFY(m_view->tileRect(u"golang.org/x/tools@v0.1.0"_s).isEmpty());
    const QRectF zoomed = m_view->tileRect(u"github.com/acme/big@v1.0.0"_s);
    QVERIFY(zoomed.width() * zoomed.height() > 1.4 * tile.width() * tile.height()); // 50/80 of the map instead of 50/138

    // The breadcrumb: All › github.com › acme › github.com/acme/big; "acme" goes up one.
    auto *owner = m_window->findChild<QToolButton *>(u"treemapCrumb2"_s);
    QVERIFY(owner);
    QCOMPARE(owner->text(), u"acme"_s);
    QTest::mouseClick(owner, Qt::LeftButton);
    QCOMPARE(m_view->zoomPath(), (QStringList{u"github.com"_s, u"acme"_s}));
    waitForLayout();
    auto *top = m_window->findChild<QToolButton *>(u"treemapCrumb0"_s);
    QVERIFY(top);
    QTRY_VERIFY(top->isVisible());
    QTest::mouseClick(top, Qt::LeftButton);
    QVERIFY(m_view->zoomPath().isEmpty());
    waitForLayout();
    QVERIFY(!m_view->tileRect(u"golang.org/x/tools@v0.1.0"_s).isEmpty());

    // Backspace goes up too.
    QTest::mouseDClick(m_view, Qt::LeftButton, {},
                       m_view->tileRect(u"golang.org/x/tools@v0.1.0"_s).center().toPoint());
    QCOMPARE(m_view->zoomPath().size(), 3);
    waitForLayout();
    QTest::keyClick(m_view, Qt::Key_Backspace);
    QCOMPARE(m_view->zoomPath(), (QStringList{u"golang.org"_s, u"x"_s}));
}

void TestGuiTreemap::colourModeAndViewToggle()
{
    auto *mode = m_window->findChild<QComboBox *>(u"treemapColorMode"_s);
    QVERIFY(mode);
    mode->setCurrentIndex(1);
    QCOMPARE(m_view->colorMode(), mk::TreemapView::ColorMode::LastUse);
    m_view->repaint();
    auto *toggle = m_window->findChild<QAction *>(u"treemapAction"_s);
    QVERIFY(toggle);
    QVERIFY(toggle->isChecked());
    toggle->trigger();
    QVERIFY(!m_view->isVisible());
    // Hidden, it does not lay out: it catches up when shown again.
    m_window->proxy()->setFilterText(u"yaml"_s);
    QTest::qWait(400);
    QVERIFY(!m_view->tileRect(u"golang.org/x/tools@v0.1.0"_s).isEmpty());
    toggle->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_view->tileRect(u"golang.org/x/tools@v0.1.0"_s).isEmpty()
                                 && !m_view->tileRect(u"gopkg.in/yaml.v3@v3.0.1"_s).isEmpty(),
                             layoutTimeoutMs);
}

QTEST_MAIN(TestGuiTreemap)
#include "tst_gui_treemap.moc"
