// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>

#include <QDialog>
#include <QList>
#include <QTimer>

#include "ProjectPolicy.h"
#include "project/ProjectRecords.h"
#include "purge/PurgeRecords.h"
#include "scan/ScanRecords.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeView;

namespace mk {

class PurgePreviewModel;

/// "Clean up…": purge criteria (patterns as the CLI takes them, last used more than N days
/// ago, keep the newest N per module and major version, states, light clean) with a live
/// preview of the exact plan: the versions that go, what that frees, and what is left alone
/// and why. The plan is recomputed with PurgePlanner on the GUI thread, debounced while the
/// user edits; accepting the dialog hands that very plan to the caller. The criteria are
/// remembered (QSettings) for the next time.
class CleanupDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CleanupDialog)

public:
    /// versions: the cache as the window shows it; the plan is computed against this
    /// snapshot, so it removes exactly what the preview lists.
    explicit CleanupDialog(QList<ModuleVersionRecord> versions, QWidget *parent = nullptr);
    ~CleanupDialog() override;

    /// The criteria the controls describe now.
    [[nodiscard]] PurgeCriteria criteria() const;
    /// Sets the controls (and schedules a new preview).
    void setCriteria(const PurgeCriteria &criteria);

    /// The plan of the last preview; empty while the criteria select nothing or are invalid.
    [[nodiscard]] const PurgePlan &plan() const;
    /// Why the last preview has no plan (an invalid pattern, no criterion); empty otherwise.
    [[nodiscard]] QString problem() const { return m_problem; }
    [[nodiscard]] PurgePreviewModel *previewModel() const { return m_preview; }

    /// What the projects under the project roots need (the window's last reading) and the
    /// running go's GOROOT: enables the "Keep only what my projects need" policy.
    void setProjects(const ProjectsResult &projects, const QString &gomodcache,
                     const QString &runningGoroot);
    /// Turns that policy on or off (it replaces the criteria above while on).
    void setProjectPolicy(bool on);
    [[nodiscard]] bool isProjectPolicy() const;
    /// The last preview of the projects policy, part by part (empty while it is off).
    [[nodiscard]] const ProjectPolicyPlan &projectPolicyPlan() const { return m_policyPlan; }

    void accept() override;

public Q_SLOTS:
    /// Recomputes the plan and the preview now (edits call it after a short pause).
    void updatePreview();

private:
    void buildUi();
    void scheduleUpdate();
    void showProblem(const QString &problem);
    void loadSettings();
    void saveSettings() const;
    void updateProjectPolicyPreview();
    void enableCriteria();

    QList<ModuleVersionRecord> m_versions;
    QTimer m_debounce;
    QString m_problem;

    QLineEdit *m_patterns = nullptr;
    QCheckBox *m_olderThanCheck = nullptr;
    QSpinBox *m_olderThanSpin = nullptr;
    QCheckBox *m_keepLatestCheck = nullptr;
    QSpinBox *m_keepLatestSpin = nullptr;
    std::array<QCheckBox *, 4> m_stateChecks{};
    QCheckBox *m_lightCheck = nullptr;
    QCheckBox *m_projectsCheck = nullptr;
    QList<QWidget *> m_criteriaWidgets; ///< disabled while the projects policy is on
    ProjectsResult m_projects;
    QString m_gomodcache;
    QString m_runningGoroot;
    bool m_hasProjects = false;
    ProjectPolicyPlan m_policyPlan;
    QLabel *m_previewLabel = nullptr;
    QLabel *m_previewDetails = nullptr;
    QTreeView *m_previewView = nullptr;
    QPushButton *m_removeButton = nullptr;
    PurgePreviewModel *m_preview = nullptr;
};

} // namespace mk
