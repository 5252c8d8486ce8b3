// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include "bundle/ImportRecords.h"
#include "env/GoEnvironment.h"

class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace mk {

class BundleController;

/// Cache ▸ Import…: loads a static GOPROXY folder (an export) into the module cache, checked
/// exactly as a download (ImportJob), with progress and a per-version report.
class ImportDialog final : public QDialog
{
    Q_OBJECT

public:
    ImportDialog(const QString &gomodcache, QWidget *parent = nullptr,
                 const GoEnvInputs &inputs = GoEnvInputs::current());

    [[nodiscard]] BundleController *controller() const { return m_controller; }
    void setSource(const QString &dir);
    void start();
    [[nodiscard]] QString reportText() const;

Q_SIGNALS:
    /// Versions were written into the cache: the tree should be scanned again.
    void cacheChanged();
    void runFinished();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void chooseSource();
    void onFinished(const ImportReport &report);
    void onFailed(const QString &message);
    void setBusy(bool busy);

    QString m_gomodcache;
    GoEnvInputs m_inputs;
    BundleController *m_controller;
    QLineEdit *m_source = nullptr;
    QProgressBar *m_progress = nullptr;
    QPlainTextEdit *m_report = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_stopButton = nullptr;
};

} // namespace mk
