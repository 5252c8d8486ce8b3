// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QDialog>
#include <QList>

#include "download/DownloadRecords.h"
#include "proxy/ProxySwitcher.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace mk {

class DownloadController;
class DownloadReportModel;

/// Fetches module versions from a proxy and reports, per version, what came back: the
/// "Redownload selected", "Switch proxy and refresh" and "Download module…" flows. Refresh
/// compares with the cache (identical / changed, a security alert that keeps the cached copy
/// / failed); Download fetches typed module@version lines. Optionally switches GOPROXY to the
/// chosen preset first (the go env file, exactly as go env -w). The run itself belongs to
/// DownloadController; the dialog asks (what to fetch, whether a weaker preset is fine) and shows.
class DownloadDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadDialog)

public:
    enum class Purpose {
        Refresh,
        Download
    };

    /// versions: what a refresh fetches again (ignored for Download, where the user types).
    DownloadDialog(Purpose purpose, const QString &gomodcache,
                   const QList<DownloadRequest> &versions, QWidget *parent = nullptr);
    ~DownloadDialog() override;

    /// The preset combo: "" is the active GOPROXY; otherwise a preset name.
    void choosePreset(const QString &name);
    void setSwitchGoProxy(bool on);
    void setInputText(const QString &text);
    /// Starts (what the Start button does).
    void start();
    void cancel();

    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] DownloadReportModel *report() const;
    [[nodiscard]] DownloadController *controller() const { return m_controller; }
    [[nodiscard]] QString summaryText() const;

Q_SIGNALS:
    /// The cache was written to (new versions, a replaced zip): the window rescans.
    void cacheChanged();
    /// The run ended (finished, failed to start, or cancelled).
    void runFinished();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    /// The switch to the chosen preset, confirmed by the user when it weakens go's checks;
    /// nullopt (and the run ended with a message) when it cannot or should not happen.
    [[nodiscard]] std::optional<ProxyApplyPlan> switchPlan();
    void onFinished(bool stopped);
    void fail(const QString &message);
    void setBusy(bool busy);
    [[nodiscard]] QString presetName() const;

    Purpose m_purpose;
    QString m_gomodcache;
    QList<DownloadRequest> m_requests;
    DownloadController *m_controller;

    QComboBox *m_preset = nullptr;
    QCheckBox *m_switch = nullptr;
    QPlainTextEdit *m_input = nullptr;
    QTableView *m_table = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_stopButton = nullptr;
};

} // namespace mk
