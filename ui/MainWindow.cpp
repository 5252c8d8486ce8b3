// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include <algorithm>
#include <array>
#include <utility>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "DisplayFormat.h"
#include "FilteredTotals.h"
#include "EmptyStatePage.h"
#include "EnvHeader.h"
#include "SummaryPanel.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

// QSettings keys; bump the version suffix when the layout changes incompatibly.
const QString geometryKey = u"MainWindow/geometry"_s;
const QString stateKey = u"MainWindow/state"_s;
const QString headerKey = u"MainWindow/treeHeader"_s;
constexpr int stateVersion = 1;

constexpr int filterDelayMs = 150; // typing pauses shorter than this do not refilter

QString goMissingNote()
{
    return MainWindow::tr("Go does not seem to be installed: there is no go command on PATH "
                          "and GOROOT is not set.");
}

// A geometry saved on a larger screen (or one since unplugged) must not open the window larger
// than the screen it lands on: shrink it to the available area and move it fully onto it.
void fitOnScreen(QWidget *window)
{
    if (window->isMaximized() || window->isFullScreen())
        return;
    QScreen *screen = QGuiApplication::screenAt(window->geometry().center());
    if (!screen)
        screen = window->screen() ? window->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    // The frame is unknown until the window is shown: allow a title bar for it.
    const QRect frame = window->frameGeometry();
    int frameWidth = frame.width() - window->width();
    int frameHeight = frame.height() - window->height();
    if (frameHeight <= 0 && !window->isVisible())
        frameHeight = window->style()->pixelMetric(QStyle::PM_TitleBarHeight);
    if (frameWidth <= 0 && !window->isVisible())
        frameWidth = 2 * window->style()->pixelMetric(QStyle::PM_DefaultFrameWidth);
    const int w = std::min(window->width(), available.width() - frameWidth);
    const int h = std::min(window->height(), available.height() - frameHeight);
    if (w != window->width() || h != window->height())
        window->resize(w, h);
    const int x = std::clamp(frame.x(), available.left(),
                             std::max(available.left(), available.right() + 1 - w - frameWidth));
    const int y = std::clamp(frame.y(), available.top(),
                             std::max(available.top(), available.bottom() + 1 - h - frameHeight));
    if (x != frame.x() || y != frame.y())
        window->move(x, y);
}

} // namespace

MainWindow::MainWindow(StartMode mode, QWidget *parent)
    : QMainWindow(parent), m_model(new CacheModel(this)), m_proxy(new CacheFilterProxy(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("ModKeeper"));
    m_proxy->setSourceModel(m_model);

    connectScan();
    connectPurgeJobs();

    m_filterTimer.setSingleShot(true);
    m_filterTimer.setInterval(filterDelayMs);

    createActions();
    createCentralArea();
    createProxyUi(); // MainWindowProxy.cpp: the toolbar's preset switcher, Settings ▸ Proxy…
    createSummaryDock();
    createStatusBar();
    createVerifyUi(); // MainWindowVerify.cpp: Verify/Repair actions, Integrity filter, progress
    createToolchainUi(); // MainWindowToolchains.cpp: Cache ▸ Toolchains…
    createProjectsUi(); // MainWindowProjects.cpp: Used by, project filters, View ▸ Projects…
    createGoCacheUi(); // MainWindowGoCache.cpp: GOCACHE stats, trim and clean
    createTreemapUi(); // MainWindowTreemap.cpp: the space map dock, View ▸ Space Map
    createHistoryUi(); // MainWindowHistory.cpp: the size history sparkline
    createDetailsUi(); // MainWindowDetails.cpp: the details dock of the current row
    createOthersUi(); // MainWindowOthers.cpp: the Summary legend's entries, filtered totals

    connect(m_model, &CacheModel::totalsChanged, this, &MainWindow::updateTotals);
    connect(m_model, &CacheModel::totalsChanged, this, &MainWindow::updateSelection);
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateSelection);
    connect(m_model, &CacheModel::totalsChanged, this, &MainWindow::updateActions);
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);

    resize(1280, 780);
    restoreSettings();
    resolveEnvironment();
    updateTotals();
    updateSelection();
    showScanning(false);

    if (mode == StartMode::ScanOnStart) {
        // After the constructor, so that callers can connect to scanFinished first.
        QTimer::singleShot(0, this, &MainWindow::scanDefaultCache);
    }
}

MainWindow::~MainWindow()
{
    // The only place the GUI thread waits for core jobs: the watchers and the model go away.
    stopPurgeJobs();
    stopVerifyJobs();
    // The scan controller stops its walks and waits, and tells this half-destroyed window
    // nothing.
    m_scan->disconnect();
    delete m_scan;
    m_scan = nullptr;
}

void MainWindow::createActions()
{
    m_openAction = new QAction(style()->standardIcon(QStyle::SP_DirOpenIcon),
                               tr("&Open Cache Folder\u2026"), this);
    m_openAction->setObjectName(u"openCacheAction"_s);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Show the module cache in another folder"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseCacheFolder);

    m_rescanAction
        = new QAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Rescan"), this);
    m_rescanAction->setObjectName(u"rescanAction"_s);
    m_rescanAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_rescanAction->setStatusTip(tr("Scan the cache folder again"));
    connect(m_rescanAction, &QAction::triggered, this, &MainWindow::rescan);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(u"quitAction"_s);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &MainWindow::close);

    m_copyAction = new QAction(tr("&Copy module@version"), this);
    m_copyAction->setObjectName(u"copyAction"_s);
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyAction, &QAction::triggered, this, &MainWindow::copySelection);

    createPurgeActions();
    createDownloadActions();
    createBundleActions();

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    file->addAction(m_rescanAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_copyAction);
    edit->addSeparator();
    edit->addAction(m_deleteAction);
    edit->addAction(m_lightCleanAction);
    edit->addAction(m_restoreAction);

    QMenu *cache = menuBar()->addMenu(tr("&Cache"));
    cache->addAction(m_cleanupAction);
    cache->addSeparator();
    cache->addAction(m_refreshAction);
    cache->addAction(m_downloadAction);
    cache->addSeparator();
    cache->addAction(m_exportAction);
    cache->addAction(m_importAction);
    cache->addAction(m_compareMirrorsAction);
    cache->addSeparator();
    cache->addAction(m_purgeAllAction);
}

void MainWindow::createCentralArea()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_envHeader = new EnvHeader(central);
    layout->addWidget(m_envHeader);
    auto *rule = new QFrame(central);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Sunken);
    layout->addWidget(rule);

    m_stack = new QStackedWidget(central);
    m_stack->setObjectName(u"centralStack"_s);
    layout->addWidget(m_stack, 1);

    // The tree page: filter bar over the tree.
    m_treePage = new QWidget(m_stack);
    m_treePage->setObjectName(u"treePage"_s);
    auto *pageLayout = new QVBoxLayout(m_treePage);
    pageLayout->setContentsMargins(8, 8, 8, 0);
    pageLayout->setSpacing(6);

    auto *filterBar = new QHBoxLayout;
    filterBar->setSpacing(6);
    m_filterEdit = new QLineEdit(m_treePage);
    m_filterEdit->setObjectName(u"filterEdit"_s);
    m_filterEdit->setPlaceholderText(
        tr("Filter modules: text, or go globs like golang.org/x/*,gopkg.in"));
    m_filterEdit->setToolTip(CacheFilterProxy::filterHelp());
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->addAction(
        QIcon::fromTheme(u"edit-find"_s, style()->standardIcon(QStyle::SP_FileDialogContentsView)),
        QLineEdit::LeadingPosition);
    filterBar->addWidget(m_filterEdit, 1);

    auto *stateLabel = new QLabel(tr("&State:"), m_treePage);
    m_stateFilter = new QComboBox(m_treePage);
    m_stateFilter->setObjectName(u"stateFilter"_s);
    m_stateFilter->setToolTip(tr("Show only versions in this state"));
    stateLabel->setBuddy(m_stateFilter);
    m_stateFilter->addItem(tr("All states"), int(CacheFilterProxy::StateFilter::All));
    const std::array<std::pair<VersionState, CacheFilterProxy::StateFilter>, 4> states = {{
        {VersionState::Complete, CacheFilterProxy::StateFilter::Complete},
        {VersionState::Partial, CacheFilterProxy::StateFilter::Partial},
        {VersionState::ArchiveOnly, CacheFilterProxy::StateFilter::ArchiveOnly},
        {VersionState::MetadataOnly, CacheFilterProxy::StateFilter::MetadataOnly},
    }};
    for (const auto &[state, filter] : states) {
        QPixmap dot(24, 24);
        dot.fill(Qt::transparent);
        {
            QPainter p(&dot);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(Qt::NoPen);
            p.setBrush(DisplayFormat::stateColor(state));
            p.drawEllipse(QRectF(6, 6, 12, 12));
        }
        dot.setDevicePixelRatio(2.0);
        m_stateFilter->addItem(QIcon(dot), DisplayFormat::stateName(state), int(filter));
        m_stateFilter->setItemData(m_stateFilter->count() - 1,
                                   DisplayFormat::stateDescription(state), Qt::ToolTipRole);
    }
    filterBar->addWidget(stateLabel);
    filterBar->addWidget(m_stateFilter);
    auto *cleanupButton = new QToolButton(m_treePage);
    cleanupButton->setObjectName(u"cleanupButton"_s);
    cleanupButton->setDefaultAction(m_cleanupAction);
    cleanupButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    filterBar->addSpacing(6);
    filterBar->addWidget(cleanupButton);
    pageLayout->addLayout(filterBar);

    m_tree = new QTreeView(m_treePage);
    m_tree->setObjectName(u"cacheTree"_s);
    m_tree->setModel(m_proxy);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(CacheModel::SizeColumn, Qt::DescendingOrder);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    // Module paths differ at their ends (github.com/org/...): keep both ends visible.
    m_tree->setTextElideMode(Qt::ElideMiddle);
    // The context menu: what can be done to the selected rows.
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *separator = new QAction(m_tree);
    separator->setSeparator(true);
    m_tree->addActions({m_deleteAction, m_lightCleanAction, m_restoreAction, m_refreshAction,
                        separator, m_copyAction});
    QHeaderView *header = m_tree->header();
    // Whole module paths and pseudo-versions by default (at 1280 px too), the columns after
    // them scrolled to when they do not fit; the last column takes what is left.
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    const QFontMetrics fm = m_tree->fontMetrics();
    const auto width = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 28; };
    header->resizeSection(CacheModel::ModuleColumn,
                          m_tree->indentation()
                              + width(u"github.com/some-org/some-long-module-name/v2"_s));
    header->resizeSection(CacheModel::VersionColumn,
                          width(u"v0.0.0-20231012093450-6ea0bd36fc14"_s));
    // Wide enough for the English sample and for its translation (the header's words).
    header->resizeSection(CacheModel::SizeColumn,
                          std::max(width(u"Size on disk"_s),
                                   width(QCoreApplication::translate("mk::CacheModel",
                                                                     "Size on disk"))));
    header->resizeSection(CacheModel::FilesColumn, width(u"000,000"_s));
    header->resizeSection(CacheModel::DownloadedColumn, width(u"2024-12-31 "_s));
    header->resizeSection(CacheModel::LastUsedColumn, width(u"\u2248 2024-12-31"_s));
    // Module rows may say "Mixed · 2 metadata only"; elided, with the full text in the tooltip.
    header->resizeSection(CacheModel::StateColumn,
                          std::max(width(u"\u25cf Metadata only"_s),
                                   width(u"\u25cf "_s
                                         + QCoreApplication::translate("DisplayFormat",
                                                                       "Metadata only"))));
    header->setMinimumSectionSize(fm.horizontalAdvance(u"Files"_s) + 20);
    pageLayout->addWidget(m_tree, 1);
    m_stack->addWidget(m_treePage);

    m_emptyState = new EmptyStatePage(m_stack);
    m_stack->addWidget(m_emptyState);
    connect(m_emptyState, &EmptyStatePage::chooseFolderRequested, this,
            &MainWindow::chooseCacheFolder);
    connect(m_emptyState, &EmptyStatePage::retryRequested, this, &MainWindow::rescan);

    setCentralWidget(central);

    connect(m_filterEdit, &QLineEdit::textChanged, &m_filterTimer, qOverload<>(&QTimer::start));
    connect(&m_filterTimer, &QTimer::timeout, this,
            [this] { m_proxy->setFilterText(m_filterEdit->text()); });
    connect(m_filterEdit, &QLineEdit::returnPressed, this, [this] {
        m_filterTimer.stop();
        m_proxy->setFilterText(m_filterEdit->text());
    });
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setStateFilter(
            CacheFilterProxy::StateFilter(m_stateFilter->itemData(index).toInt()));
    });

    auto *findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    addAction(findAction);
}

void MainWindow::createSummaryDock()
{
    m_summaryDock = new QDockWidget(tr("Summary"), this);
    m_summaryDock->setObjectName(u"summaryDock"_s);
    m_summaryDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    m_summary = new SummaryPanel(m_summaryDock);
    m_summary->setModel(m_model);
    m_summary->setMinimumWidth(280);
    // Scrolls rather than stretching the window past a 768 px screen with the other docks.
    auto *scroll = new QScrollArea(m_summaryDock);
    scroll->setObjectName(u"summaryScroll"_s);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_summary);
    scroll->setMinimumWidth(m_summary->minimumWidth()
                            + scroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    m_summaryDock->setWidget(scroll);
    addDockWidget(Qt::RightDockWidgetArea, m_summaryDock);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *toggle = m_summaryDock->toggleViewAction();
    toggle->setText(tr("&Summary Panel"));
    view->addAction(toggle);
    view->addSeparator();
    view->addAction(tr("&Expand All"), m_tree, &QTreeView::expandAll);
    view->addAction(tr("&Collapse All"), m_tree, &QTreeView::collapseAll);

    createHelpUi(); // MainWindowHelp.cpp: Help ▸ User Guide, About; Settings ▸ Language…
}

void MainWindow::createStatusBar()
{
    m_statusText = new QLabel(this);
    m_statusText->setObjectName(u"statusText"_s);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"scanProgress"_s);
    m_progress->setRange(0, 0); // busy: the scan does not know its end in advance
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(140);
    m_progress->setMaximumHeight(fontMetrics().height());
    m_cancelButton = new QToolButton(this);
    m_cancelButton->setObjectName(u"cancelScan"_s);
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop the scan and keep what was found so far"));
    m_cancelButton->setAutoRaise(true);
    connect(m_cancelButton, &QToolButton::clicked, this, &MainWindow::cancelScan);
    m_selectionLabel = new QLabel(this);
    m_selectionLabel->setObjectName(u"selectionLabel"_s);
    m_totalsLabel = new QLabel(this);
    m_totalsLabel->setObjectName(u"totalsLabel"_s);

    statusBar()->addWidget(m_statusText, 1);
    statusBar()->addWidget(m_progress);
    statusBar()->addWidget(m_cancelButton);
    createPurgeStatusWidgets();
    statusBar()->addPermanentWidget(m_selectionLabel);
    statusBar()->addPermanentWidget(m_totalsLabel);
}

void MainWindow::resolveEnvironment()
{
    m_env = GoEnvironment::current();
    m_envHeader->setEnvironment(m_env);
    const Expected<QString> gocache = m_env.gocache();
    if (gocache)
        m_summary->setBuildCache(gocache.value());
    else
        m_summary->setBuildCache({}, gocache.error().toString());
}

bool MainWindow::isScanning() const
{
    return m_scan && m_scan->isScanning();
}

bool MainWindow::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_emptyState;
}

void MainWindow::scanDefaultCache()
{
    resolveEnvironment();
    const Expected<QString> gomodcache = m_env.gomodcache();
    if (gomodcache) {
        scanCache(gomodcache.value(),
                  EnvHeader::originName(m_env.variable(u"GOMODCACHE"_s).origin));
        return;
    }

    m_scan->abandon();
    m_model->clear();
    m_cacheRoot.clear();
    m_cacheOrigin.clear();
    setWindowTitle(tr("ModKeeper"));
    QString details = tr("ModKeeper works out GOMODCACHE as go does: the GOMODCACHE variable, "
                         "else GOPATH/pkg/mod, else ~/go/pkg/mod. Here it fails:\n%1")
                          .arg(gomodcache.error().toString());
    if (m_env.goroot().isEmpty())
        details += u"\n\n"_s + goMissingNote();
    showEmptyState(tr("No module cache found"), details);
    m_statusText->setText(tr("GOMODCACHE could not be resolved"));
    Q_EMIT scanFinished();
}

void MainWindow::scanCache(const QString &gomodcache, const QString &origin)
{
    m_scan->abandon();
    // Sizes of restored trees still to be measured: the new scan measures everything.
    m_purge->dropMeasuring();
    m_model->clear();
    m_cacheRoot = gomodcache;
    m_cacheOrigin = origin.isEmpty() ? tr("chosen folder") : origin;
    m_envHeader->setCacheRoot(m_cacheRoot, m_cacheOrigin);
    setWindowTitle(tr("%1 \u2014 ModKeeper").arg(QDir::toNativeSeparators(m_cacheRoot)));

    // A stat, not a walk: enough to say why there is nothing to show.
    if (!QFileInfo(gomodcache).isDir()) {
        const bool exists = QFileInfo::exists(gomodcache);
        QString details = tr("ModKeeper looked for the module cache in\n%1\n(%2).")
                              .arg(QDir::toNativeSeparators(gomodcache), m_cacheOrigin);
        details += u"\n\n"_s
                   + (exists ? tr("That path is not a folder.")
                             : tr("There is no such folder: go creates it the first time it "
                                  "downloads a module."));
        if (m_env.goroot().isEmpty())
            details += u"\n\n"_s + goMissingNote();
        showEmptyState(exists ? tr("The module cache path is not a folder")
                              : tr("The module cache folder does not exist"),
                       details);
        m_statusText->setText(tr("Nothing to scan"));
        Q_EMIT scanFinished();
        return;
    }

    showTree();
    m_scan->start(gomodcache);
}

void MainWindow::rescan()
{
    if (m_cacheRoot.isEmpty())
        scanDefaultCache();
    else
        scanCache(m_cacheRoot, m_cacheOrigin);
}

void MainWindow::cancelScan()
{
    if (!m_scan->cancel())
        return;
    m_cancelButton->setEnabled(false);
    m_statusText->setText(tr("Cancelling\u2026"));
}

void MainWindow::chooseCacheFolder()
{
    const QString start = m_cacheRoot.isEmpty() ? QDir::homePath() : m_cacheRoot;
    const QString dir
        = QFileDialog::getExistingDirectory(this, tr("Open Module Cache Folder"), start);
    if (!dir.isEmpty())
        scanCache(dir);
}

void MainWindow::connectScan()
{
    m_scan = new ScanController(this);
    connect(m_scan, &ScanController::scanningChanged, this, &MainWindow::showScanning);
    connect(m_scan, &ScanController::chunkReady, this, &MainWindow::onScanChunk);
    connect(m_scan, &ScanController::scanFinished, this, &MainWindow::onScanFinished);
    connect(m_scan, &ScanController::buildCacheMeasured, this,
            [this](quint64 diskBytes) { m_summary->setBuildCacheBytes(diskBytes); });
    connect(m_scan, &ScanController::buildCacheFailed, this, [this](const Error &error) {
        // Only a missing folder is worth saying: go creates it on its first build.
        if (error.code == Error::Code::NotFound && !error.subject.isEmpty())
            m_summary->setBuildCache(error.subject, tr("The folder does not exist yet"));
    });
}

void MainWindow::showScanning(bool scanning)
{
    m_progress->setVisible(scanning);
    m_cancelButton->setVisible(scanning);
    m_cancelButton->setEnabled(scanning);
    if (scanning)
        m_statusText->setText(tr("Scanning\u2026"));
    updateActions();
}

void MainWindow::onScanChunk(const ScanChunk &chunk)
{
    m_model->addChunk(chunk);
    if (!m_scan->isCancelling()) {
        m_statusText->setText(tr("Scanning\u2026 %1 versions in %2 modules")
                                  .arg(DisplayFormat::count(m_model->versionCount()))
                                  .arg(DisplayFormat::count(quint64(m_model->moduleCount()))));
    }
}

void MainWindow::onScanFinished(const ScanController::Outcome &outcome)
{
    const double seconds = double(outcome.elapsedMs) / 1000.0;
    if (outcome.error.isError()) {
        showEmptyState(tr("The module cache could not be read"),
                       tr("ModKeeper tried to scan\n%1\n(%2) and failed:\n%3")
                           .arg(QDir::toNativeSeparators(m_cacheRoot), m_cacheOrigin,
                                outcome.error.toString()));
        m_statusText->setText(tr("Scan failed"));
    } else if (outcome.cancelled) {
        m_statusText->setText(
            tr("Scan cancelled after %1 s: showing what was found so far").arg(seconds, 0, 'f', 1));
    } else if (!outcome.complete) {
        m_statusText->setText(tr("The scan ended without its final report: totals may be "
                                 "incomplete"));
    } else {
        const qsizetype issues = m_model->issues().size();
        m_statusText->setText(issues == 0 ? tr("Scanned in %1 s").arg(seconds, 0, 'f', 1)
                                          : tr("Scanned in %1 s; %2 paths could not be read")
                                                .arg(seconds, 0, 'f', 1)
                                                .arg(issues));
    }
    updateTotals();
    if (outcome.completed()) {
        // du -s of GOCACHE for the summary, after a module scan.
        if (const Expected<QString> gocache = m_env.gocache())
            m_scan->measureBuildCache(gocache.value());
    }
    afterScanForTrash(outcome.completed());
    Q_EMIT scanFinished();
}

void MainWindow::showEmptyState(const QString &title, const QString &details)
{
    m_emptyState->setMessage(title, details);
    m_stack->setCurrentWidget(m_emptyState);
}

void MainWindow::showTree()
{
    m_stack->setCurrentWidget(m_treePage);
}

void MainWindow::updateTotals()
{
    const quint64 bytes = std::max(m_model->scanTotals().diskBytes, m_model->versionBytes());
    const quint64 versions = m_model->versionCount();
    if (m_filteredTotals && m_filteredTotals->isActive()) {
        // The filtered set next to the whole cache (FilteredTotals adds it up off the clock).
        m_totalsLabel->setText(tr("%1 of %2 versions \u00b7 %3 of %4 on disk")
                                   .arg(DisplayFormat::count(m_filteredTotals->versions()),
                                        DisplayFormat::count(versions),
                                        DisplayFormat::size(m_filteredTotals->diskBytes()),
                                        DisplayFormat::size(bytes)));
        return;
    }
    m_totalsLabel->setText(tr("%1 \u00b7 %2 on disk")
                               .arg(versions == 1
                                        ? tr("1 version")
                                        : tr("%1 versions").arg(DisplayFormat::count(versions)),
                                    DisplayFormat::size(bytes)));
}

void MainWindow::updateSelection()
{
    QModelIndexList sourceRows;
    const QModelIndexList rows = m_tree->selectionModel()->selectedRows(0);
    sourceRows.reserve(rows.size());
    for (const QModelIndex &row : rows)
        sourceRows.append(m_proxy->mapToSource(row));
    const CacheModel::VersionSum sum = m_model->sumVersions(sourceRows);
    if (sum.versions == 0) {
        m_selectionLabel->clear();
        return;
    }
    m_selectionLabel->setText(
        tr("%1 selected \u00b7 %2")
            .arg(DisplayFormat::count(sum.versions), DisplayFormat::size(sum.diskBytes)));
}

void MainWindow::copySelection()
{
    QStringList ids;
    const QModelIndexList rows = m_tree->selectionModel()->selectedRows(0);
    for (const QModelIndex &row : rows)
        ids << row.data(CacheModel::IdRole).toString();
    if (!ids.isEmpty())
        QApplication::clipboard()->setText(ids.join(u'\n'));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(geometryKey, saveGeometry());
    settings.setValue(stateKey, saveState(stateVersion));
    settings.setValue(headerKey, m_tree->header()->saveState());
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (const QByteArray geometry = settings.value(geometryKey).toByteArray(); !geometry.isEmpty()) {
        if (restoreGeometry(geometry)) {
            fitOnScreen(this);
            // Once shown, the real frame is known: fit again with it.
            QTimer::singleShot(0, this, [this] {
                if (isVisible())
                    fitOnScreen(this);
            });
        }
    }
    if (const QByteArray state = settings.value(stateKey).toByteArray(); !state.isEmpty())
        restoreState(state, stateVersion);
    if (const QByteArray header = settings.value(headerKey).toByteArray(); !header.isEmpty())
        m_tree->header()->restoreState(header);
}

} // namespace mk
