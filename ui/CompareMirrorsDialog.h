// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>

#include <optional>

#include "env/GoEnvironment.h"
#include "proxy/ProxyCompare.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace mk {

class BundleController;

/// Cache ▸ Compare Mirrors…: asks several GOPROXY mirrors for the selected versions
/// (ProxyCompare) and lists where they disagree; a different hash is a security finding and
/// stands out.
class CompareMirrorsDialog final : public QDialog
{
    Q_OBJECT

public:
    enum Column {
        FindingColumn,
        ModuleColumn,
        VersionColumn,
        MirrorColumn,
        OtherMirrorColumn,
        DetailsColumn,
        ColumnCount
    };

    /// proxies: the mirrors offered at first (the presets' proxies).
    CompareMirrorsDialog(const QList<ProxyCompare::Version> &versions, const QStringList &proxies,
                         QWidget *parent = nullptr);

    [[nodiscard]] BundleController *controller() const { return m_controller; }
    [[nodiscard]] QTableWidget *table() const { return m_table; }
    void setProxies(const QStringList &proxies);
    void setCompareZips(bool on);
    /// Asks the checksum database of env (GOSUMDB, unless off) which hash is right.
    void setChecksumDb(const GoEnvironment &env);
    void start();
    [[nodiscard]] QString summaryText() const;

    /// The proxies of every preset (http and https), in order, once each.
    [[nodiscard]] static QStringList presetProxies();

Q_SIGNALS:
    void runFinished();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void onFinished(const ProxyCompare::Report &report);
    void setBusy(bool busy);
    [[nodiscard]] QString kindText(ProxyCompare::Finding::Kind kind) const;

    QList<ProxyCompare::Version> m_versions;
    std::optional<GoEnvironment> m_checksumDbEnv;
    BundleController *m_controller;
    QLineEdit *m_proxies = nullptr;
    QCheckBox *m_zips = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_summary = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_stopButton = nullptr;
};

} // namespace mk
