// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include "common/Expected.h"
#include "env/GoEnvironment.h"
#include "PurgeController.h"
#include "ScanController.h"
#include "purge/OtherRemover.h"
#include "purge/PurgeRecords.h"
#include "scan/ScanRecords.h"
#include "verify/VerifyRecords.h"

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QProgressBar;
class QStackedWidget;
class QToolButton;
class QTreeView;

namespace mk {

class CacheFilterProxy;
class CacheModel;
class DetailsPane;
class CleanupDialog;
class ProjectsController;
class ProjectsDialog;
class EmptyStatePage;
class EnvHeader;
class FilteredTotals;
class OtherEntriesDialog;
class OthersController;
class GoCacheController;
class SummaryPanel;
class DownloadDialog;
class ProxyPresetSelector;
class ProxySettingsDialog;
class ToolchainDialog;
class VerifyController;

/// The main window: the resolved go environment on top, the module tree (filterable,
/// sortable) in the middle, a summary of the cache on the side and scan progress, totals and
/// the selection's size in the status bar. It lays out, holds the actions and wires them to
/// the feature controllers, which own the core jobs and what they did: PurgeController
/// (remove, light-clean, restore, purge everything, trash recovery and reaper; the window's
/// side is in MainWindowPurge.cpp), VerifyController (verify and repair;
/// MainWindowVerify.cpp), DownloadController (behind DownloadDialog) and ScanController (the
/// GOMODCACHE scan and the GOCACHE measure). The GUI thread never blocks, except in the
/// destructor.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class StartMode {
        ScanOnStart, ///< resolve GOMODCACHE and scan it right away
        Idle,        ///< wait for scanCache() or scanDefaultCache() (tests, --modcache)
    };

    explicit MainWindow(StartMode mode = StartMode::ScanOnStart, QWidget *parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] CacheModel *model() const { return m_model; }
    [[nodiscard]] CacheFilterProxy *proxy() const { return m_proxy; }
    [[nodiscard]] QTreeView *treeView() const { return m_tree; }
    /// The folder shown (or that was looked for); empty if GOMODCACHE could not be resolved.
    [[nodiscard]] QString cacheRoot() const { return m_cacheRoot; }
    /// From scanCache() until scanFinished() is emitted.
    [[nodiscard]] bool isScanning() const;
    [[nodiscard]] bool isShowingEmptyState() const;
    /// A purge, restore, purge-everything or trash recovery is running (the trash reaper
    /// does not count: it runs in the background while the user goes on).
    [[nodiscard]] bool isPurging() const;
    /// The trash reaper is freeing space.
    [[nodiscard]] bool isReaping() const;
    /// The toolbar's GOPROXY preset switcher (MainWindowProxy.cpp).
    [[nodiscard]] ProxyPresetSelector *proxySelector() const { return m_proxySelector; }
    /// The Proxy settings dialog while it is open; nullptr otherwise.
    [[nodiscard]] ProxySettingsDialog *proxySettingsDialog() const;
    /// How long a purge or restore waits for a version a go command is using before it
    /// reports it as busy and goes on (default 30 s, as the CLI).
    void setLockTimeout(int ms) { m_lockTimeoutMs = ms; }
    /// A verification or repair is running (MainWindowVerify.cpp).
    [[nodiscard]] bool isVerifying() const;

public Q_SLOTS:
    /// Shows the module cache in gomodcache, replacing what is shown: starts a scan, or shows
    /// the empty state if the folder does not exist. origin says where the path came from
    /// ("chosen folder" when empty). A scan still running is cancelled.
    void scanCache(const QString &gomodcache, const QString &origin = {});
    /// Resolves the go environment again and scans its GOMODCACHE.
    void scanDefaultCache();
    /// Scans the current folder again (F5).
    void rescan();
    /// Asks the running scan to stop; returns at once. Rows found so far stay.
    void cancelScan();
    /// File ▸ Open cache folder…
    void chooseCacheFolder();

    /// Delete (Del): asks to remove the selected versions (a module row means all its
    /// versions), with the option to keep their zips, then purges them.
    void deleteSelection();
    /// The same confirmation with "keep the zips" ticked: drops only the extracted trees.
    void lightCleanSelection();
    /// Extracts the trees of the selected archive-only versions again from their zips.
    void restoreSelection();
    /// Cache ▸ Clean Up…: the policy dialog with its live preview.
    void showCleanupDialog();
    /// Cache ▸ Purge Everything…: the go clean -modcache equivalent, after an explicit
    /// confirmation; returns at once, the space is freed in the background.
    void purgeEverything();

    /// Verify (Ctrl+Shift+V): checks the selected versions (a module row means all its
    /// versions) against their hashes, as go mod verify does; progress and Stop in the
    /// status bar, a summary when done. verifyAll(): the whole cache.
    void verifySelection();
    void verifyAll();
    /// Repair: re-extracts the selected damaged versions from their zips (RepairJob).
    void repairSelection();
    /// Cache ▸ Refresh from a Proxy…: fetch the selected versions (all, when none is
    /// selected) again, optionally switching GOPROXY first, and report identical / changed.
    void refreshSelection();
    /// Cache ▸ Download Modules…: fetch typed module@version lines into the cache.
    void showDownloadDialog();
    /// The download/refresh dialog while it is open; nullptr otherwise.
    [[nodiscard]] DownloadDialog *downloadDialog() const;
    /// Cache ▸ Export… / Import… / Compare Mirrors… (MainWindowBundle.cpp).
    void exportSelection();
    void showImportDialog();
    void compareMirrorsForSelection();
    /// Settings ▸ Proxy…: the proxy presets, credentials and probe (non-modal, one at a time).
    void showProxySettings();
    /// Cache ▸ Toolchains…: the Go toolchains in the module cache (MainWindowToolchains.cpp).
    void showToolchains();
    /// The Toolchains dialog while it is open; nullptr otherwise.
    [[nodiscard]] ToolchainDialog *toolchainDialog() const;
    /// View ▸ Projects… and Settings ▸ Projects… (MainWindowProjects.cpp).
    void showProjects();
    void showProjectRoots();
    /// Reads the projects under the project roots again (after each scan and roots change).
    void refreshProjects();
    /// Shows only the versions the project in dir needs ("needed by project X").
    void filterByProject(const QString &dir);
    [[nodiscard]] ProjectsController *projectsController() const { return m_projects; }
    [[nodiscard]] ProjectsDialog *projectsDialog() const;

    /// The entries of a Summary legend kind (MainWindowOthers.cpp); Toolchain opens the
    /// Toolchains dialog. The dialog while it is open; nullptr otherwise.
    void showOtherEntries(mk::OtherKind kind);
    [[nodiscard]] OtherEntriesDialog *otherEntriesDialog() const;
    [[nodiscard]] SummaryPanel *summaryPanel() const { return m_summary; }
    /// Removing VCS clones, checksum caches, unknown entries (MainWindowOthers.cpp).
    [[nodiscard]] OthersController *othersController() const { return m_others; }
    [[nodiscard]] FilteredTotals *filteredTotals() const { return m_filteredTotals; }

Q_SIGNALS:
    /// Entries a Summary legend dialog removed are gone, and the rescan after it ended.
    void othersRemoved();
    /// A scan came to an end (finished, cancelled or failed), or could not start because
    /// there was no folder to scan. The window is in its final state for that folder.
    void scanFinished();
    /// A purge, restore or purge-everything came to an end and the tree shows its outcome.
    void purgeFinished();
    /// The trash reaper came to an end (the freed label shows the final amount).
    void reapFinished();
    /// A verification or repair came to an end and the Integrity column shows its outcome.
    void verifyFinished();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createCentralArea();
    void createSummaryDock();
    void createStatusBar();
    // MainWindowProxy.cpp
    void createProxyUi();
    void createToolchainUi(); // MainWindowToolchains.cpp
    // MainWindowProjects.cpp: the projects, their filter and the Clean up… policy
    void createProjectsUi();
    void onProjectsRead();
    void fillProjectFilter();
    void attachProjects(CleanupDialog *dialog) const;
    // MainWindowGoCache.cpp: the summary's build cache section and its actions
    void createGoCacheUi();
    void createTreemapUi(); // MainWindowTreemap.cpp
    void trimGoCache();
    void cleanGoCache(bool testsOnly);
    void createHistoryUi(); // MainWindowHistory.cpp: the size history under the summary
    // MainWindowOthers.cpp: the Summary legend's entries, and totals that follow the filter
    void createOthersUi();
    void removeOtherEntries(const QList<OtherEntry> &entries);
    void onOthersRemoved(const QList<OtherRemoval> &results, bool cancelled);
    // MainWindowHelp.cpp: Help ▸ User Guide and About, Settings ▸ Language…
    void createHelpUi();
    void showUserGuide();
    void showAbout();
    void showLanguageSettings();
    void onProxySwitched();
    void resolveEnvironment();

    // The scan's side of the window: ScanController's signals.
    void connectScan();
    void showScanning(bool scanning);
    void onScanChunk(const ScanChunk &chunk);
    void onScanFinished(const ScanController::Outcome &outcome);
    void showEmptyState(const QString &title, const QString &details);
    void showTree();
    void updateTotals();
    void updateSelection();
    void copySelection();

    void saveSettings() const;
    void restoreSettings();

    // MainWindowDownload.cpp
    void createDownloadActions();
    void openDownloadDialog(DownloadDialog *dialog);
    void createBundleActions(); // MainWindowBundle.cpp

    // MainWindowPurge.cpp
    void createPurgeActions();
    void connectPurgeJobs();
    void createPurgeStatusWidgets();
    void stopPurgeJobs();
    void updateActions();
    [[nodiscard]] PurgeController::Options purgeOptions() const;
    [[nodiscard]] QList<ModuleVersionRecord> selectedVersions() const;
    [[nodiscard]] Expected<PurgePlan> planFor(const QList<ModuleVersionRecord> &versions,
                                              bool light) const;
    void confirmPurge(bool light);
    void startPurge(const PurgePlan &plan);
    void startRestore(const QList<ModuleVersionRecord> &versions);
    void afterScanForTrash(bool completed);
    void showFreed();
    void showProblems(const QString &title, const QString &summary,
                      const QList<PurgeItemResult> &problems);

    // MainWindowDetails.cpp: the details dock of the current row, its selection total
    void createDetailsUi();
    void updateDetails();
    void updateDetailsTotal();
    QDockWidget *m_detailsDock = nullptr;
    DetailsPane *m_details = nullptr;

    // MainWindowVerify.cpp
    void createVerifyUi();
    void stopVerifyJobs();
    void updateVerifyActions();
    void startVerify(const QList<ModuleVersionRecord> &versions);
    void onVerifyFinished(const QList<VersionVerifyResult> &results, bool cancelled);
    void onRepaired(const QList<RepairResult> &results);
    void onRepairFinished(const QList<RepairResult> &results, bool cancelled);
    VerifyController *m_verifyController = nullptr; ///< the jobs, their results, busy
    QAction *m_verifyAction = nullptr;
    QAction *m_verifyAllAction = nullptr;
    QAction *m_repairAction = nullptr;
    QComboBox *m_integrityFilter = nullptr;
    QProgressBar *m_verifyProgress = nullptr;
    QToolButton *m_verifyCancel = nullptr;

    GoEnvironment m_env;
    QString m_cacheRoot;
    QString m_cacheOrigin;
    ScanController *m_scan = nullptr; ///< the GOMODCACHE scan and the GOCACHE measure
    GoCacheController *m_goCache = nullptr; ///< GOCACHE stats, trim and clean
    QTimer m_filterTimer;

    // Purging: purge, restore, purge everything, trash recovery and reaper (isPurging(),
    // isReaping()).
    PurgeController *m_purge = nullptr;
    int m_lockTimeoutMs = 30000; ///< for purges, restores and repairs

    CacheModel *m_model;
    CacheFilterProxy *m_proxy;
    EnvHeader *m_envHeader = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_treePage = nullptr;
    QTreeView *m_tree = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QComboBox *m_stateFilter = nullptr;
    EmptyStatePage *m_emptyState = nullptr;
    QDockWidget *m_summaryDock = nullptr;
    SummaryPanel *m_summary = nullptr;
    QLabel *m_statusText = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancelButton = nullptr;
    QLabel *m_selectionLabel = nullptr;
    QLabel *m_totalsLabel = nullptr;
    QProgressBar *m_jobProgress = nullptr;
    QToolButton *m_jobCancel = nullptr; // stops a running purge or restore between versions
    QLabel *m_freedLabel = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_rescanAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_lightCleanAction = nullptr;
    QAction *m_restoreAction = nullptr;
    QAction *m_cleanupAction = nullptr;
    QAction *m_purgeAllAction = nullptr;
    QAction *m_refreshAction = nullptr; // MainWindowDownload.cpp
    QAction *m_downloadAction = nullptr;
    QPointer<DownloadDialog> m_downloadDialog;
    QAction *m_exportAction = nullptr; // MainWindowBundle.cpp
    QAction *m_importAction = nullptr;
    QAction *m_compareMirrorsAction = nullptr;
    ProxyPresetSelector *m_proxySelector = nullptr;
    QAction *m_proxySettingsAction = nullptr;
    QPointer<ProxySettingsDialog> m_proxyDialog;
    QAction *m_toolchainsAction = nullptr; // MainWindowToolchains.cpp
    QPointer<ToolchainDialog> m_toolchainDialog;
    ProjectsController *m_projects = nullptr; // MainWindowProjects.cpp
    QComboBox *m_projectFilter = nullptr;
    QAction *m_projectsAction = nullptr;
    QAction *m_projectRootsAction = nullptr;
    QPointer<ProjectsDialog> m_projectsDialog;
    OthersController *m_others = nullptr; // MainWindowOthers.cpp
    FilteredTotals *m_filteredTotals = nullptr;
    QPointer<OtherEntriesDialog> m_otherEntriesDialog;
    bool m_rescanAfterReap = false; ///< Empty Trash Now: show the emptied trash
};

} // namespace mk
