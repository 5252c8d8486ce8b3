// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>

#include "bundle/ExportRecords.h"
#include "env/GoEnvironment.h"
#include "scan/ScanRecords.h"

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace mk {

class BundleController;

/// Cache ▸ Export…: writes the chosen versions as a static GOPROXY tree (ExportJob), with
/// progress and a report. The folder must not be inside the module cache.
class ExportDialog final : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(const QString &gomodcache, const QList<ModuleVersionRecord> &versions,
                 const GoEnvironment &env, QWidget *parent = nullptr);

    [[nodiscard]] BundleController *controller() const { return m_controller; }
    void setTarget(const QString &dir);
    void setIncludeChecksumDb(bool on);
    /// Starts the export (the Export button).
    void start();
    /// The report shown after the last run.
    [[nodiscard]] QString reportText() const;

Q_SIGNALS:
    void runFinished(const mk::ExportReport &report);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void chooseTarget();
    void onFinished(const ExportReport &report);
    void setBusy(bool busy);

    QString m_gomodcache;
    QList<ModuleVersionRecord> m_versions;
    GoEnvironment m_env;
    BundleController *m_controller;
    QLineEdit *m_target = nullptr;
    QCheckBox *m_sumdb = nullptr;
    QProgressBar *m_progress = nullptr;
    QPlainTextEdit *m_report = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace mk
