// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>
#include <QPointer>

#include "scan/ScanRecords.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace mk {

class CacheModel;
class OtherEntriesModel;

/// The entries of one kind of the Summary legend (VCS clones, checksum database caches,
/// metadata, unknown entries, ModKeeper's trash) with their sizes; Remove… after a confirmation
/// naming how many and how much, and Empty Trash Now for the trash. It follows the window's
/// CacheModel (a rescan refreshes it) and only asks: the window runs the jobs.
class OtherEntriesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OtherEntriesDialog)

public:
    OtherEntriesDialog(OtherKind kind, const CacheModel *model, QWidget *parent = nullptr);
    ~OtherEntriesDialog() override;

    [[nodiscard]] OtherKind kind() const { return m_kind; }
    /// Shows kind's entries (the dialog is reused when another legend entry is clicked).
    void setKind(OtherKind kind);
    [[nodiscard]] OtherEntriesModel *entriesModel() const { return m_entries; }
    [[nodiscard]] QTableView *view() const { return m_view; }
    /// The selected entries, in view order.
    [[nodiscard]] QList<OtherEntry> selectedEntries() const;

    /// The window's jobs run (removal, reaper, scan): the buttons wait.
    void setBusy(bool busy);
    void setProgress(int done, int total);

    /// A title per kind: "VCS Clones", "Checksum Database", ...
    [[nodiscard]] static QString kindTitle(OtherKind kind);

public Q_SLOTS:
    /// Asks for a confirmation, then emits removeRequested.
    void confirmRemove();
    /// Re-reads the model's entries of this kind.
    void reload();

Q_SIGNALS:
    void removeRequested(const QList<mk::OtherEntry> &entries);
    void emptyTrashRequested();

private:
    void updateButtons();

    OtherKind m_kind;
    QPointer<const CacheModel> m_model;
    OtherEntriesModel *m_entries;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_view;
    QLabel *m_intro;
    QLabel *m_totals;
    QProgressBar *m_progress;
    QPushButton *m_remove;
    QPushButton *m_emptyTrash;
    bool m_busy = false;
};

} // namespace mk
