// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QVariant>
#include <QWidget>

#include "env/GoEnvironment.h"
#include "inspect/InspectRecords.h"
#include "scan/ScanRecords.h"

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QToolButton;
class QTreeView;
class QTreeWidget;

namespace mk {

class DetailsController;
class DetailsFilesModel;

/// The details of the table's current row, in a dock on the right. On top, prominent, the
/// total of the selection (versions, bytes) and the current row's id. For a version: its
/// files (a lazy tree with du sizes), its go.mod text, the .info time and origin, the h1 of
/// its zip, state and integrity, where go would fetch it and which projects use it; actions to
/// open its folder and copy path@version or its go.sum lines. For a module: its versions
/// with their sizes and a small bar each. Reads go through core jobs; the GUI never waits.
class DetailsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailsPane)

public:
    explicit DetailsPane(QWidget *parent = nullptr);
    ~DetailsPane() override;

    void setInputsProvider(std::function<GoEnvInputs()> provider);
    /// The selection's total, shown in the header.
    void setSelectionTotal(quint64 versions, quint64 diskBytes);
    /// A version row. usedBy: CacheModel's UsedByRole value; invalid when the model has no
    /// such role. stateText/integrityText as the table shows them.
    void showVersion(const QString &gomodcache, const ModuleVersionRecord &record,
                     const QString &stateText, const QString &integrityText,
                     const QVariant &usedBy);
    /// A module row and its versions.
    void showModule(const QString &path, const QList<ModuleVersionRecord> &versions);
    /// No current row.
    void showNothing();

    /// "path@version" of the version shown, or empty.
    [[nodiscard]] QString currentId() const;
    /// The go.sum lines of the version shown, once its metadata arrived.
    [[nodiscard]] QStringList goSumLines() const { return m_details.goSumLines; }
    [[nodiscard]] DetailsFilesModel *filesModel() const { return m_files; }

public Q_SLOTS:
    void openFolder();
    void copyId();
    void copyGoSumLines();

Q_SIGNALS:
    /// The metadata of the version shown arrived and is on screen.
    void detailsShown(const QString &id);

private:
    void onDetails(const VersionDetails &details);
    void setUsedBy(const QVariant &usedBy);
    [[nodiscard]] QWidget *createVersionPage();
    [[nodiscard]] QWidget *createModulePage();

    DetailsController *m_controller;
    DetailsFilesModel *m_files;
    ModuleVersionRecord m_record;
    QString m_gomodcache;
    bool m_hasVersion = false;
    VersionDetails m_details;

    QLabel *m_total = nullptr;
    QLabel *m_id = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_emptyPage = nullptr;
    QWidget *m_versionPage = nullptr;
    QWidget *m_modulePage = nullptr;
    QToolButton *m_openButton = nullptr;
    QToolButton *m_copyIdButton = nullptr;
    QToolButton *m_copySumButton = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_integrity = nullptr;
    QLabel *m_time = nullptr;
    QLabel *m_origin = nullptr;
    QLabel *m_hash = nullptr;
    QLabel *m_where = nullptr;
    QLabel *m_usedBy = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeView *m_filesView = nullptr;
    QPlainTextEdit *m_goMod = nullptr;
    QTreeWidget *m_versions = nullptr;
};

} // namespace mk
