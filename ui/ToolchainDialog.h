// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include "toolchain/ToolchainLister.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace mk {

class ToolchainController;
class ToolchainModel;

/// Cache ▸ Toolchains…: the Go toolchains go downloaded into the module cache, with size, last
/// use, which one runs here and which projects name one in their toolchain line; Remove takes
/// the selected ones out one by one through the purge (never the running one). Non-modal; the
/// work runs in ToolchainController's jobs.
class ToolchainDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToolchainDialog)

public:
    /// base: the cache and go's environment; the project folders come from the settings.
    explicit ToolchainDialog(const ToolchainLister::Options &base, int lockTimeoutMs,
                             QWidget *parent = nullptr);
    ~ToolchainDialog() override;

    [[nodiscard]] ToolchainController *controller() const { return m_controller; }
    [[nodiscard]] ToolchainModel *model() const { return m_model; }
    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] QPushButton *removeButton() const { return m_removeButton; }

public Q_SLOTS:
    void refresh();
    /// Asks, then removes the selected toolchains.
    void removeSelected();

Q_SIGNALS:
    /// Toolchains were removed: the cache changed.
    void toolchainsRemoved();
    /// A project folder was added or the folders forgotten (the shared project roots changed).
    void projectRootsChanged();

private:
    void onListing(const ToolchainListing &listing);
    void onRemoval(const ToolchainRemoval &removal);
    void updateButtons();
    void updateRoots();
    void addRoot();
    void clearRoots();
    [[nodiscard]] ToolchainLister::Options options() const;

    ToolchainLister::Options m_base;
    int m_lockTimeoutMs;
    QStringList m_roots;
    ToolchainController *m_controller;
    ToolchainModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view = nullptr;
    QLabel *m_header = nullptr;
    QLabel *m_rootsLabel = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_removeButton = nullptr;
};

} // namespace mk
