// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QFutureWatcher>
#include <QWidget>

#include "env/GoEnvironment.h"
#include "proxy/ProxyEnvState.h"
#include "proxy/ProxySwitcher.h"

class QComboBox;
class QLabel;
class QToolButton;

namespace mk {

/// The toolbar's one-click GOPROXY switcher: a combo box of the presets showing the active one
/// (the preset whose values equal what go really uses; "custom" when none does). Choosing
/// another preset plans the `go env -w` edit, asks first when it weakens go's checks
/// (GOSUMDB=off, broad GONOSUMDB, GOINSECURE...), and writes the go env file on the core pool
/// (ProxySwitcher::applyAsync); the GUI thread never waits. When an OS environment variable
/// hides the go env file, a warning button next to the combo says so, with the stored and the
/// effective value and why a switch does not reach shells that inherit that variable.
class ProxyPresetSelector final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyPresetSelector)

public:
    /// Where the go environment comes from (tests: a temporary GOENV).
    using InputsProvider = std::function<GoEnvInputs()>;

    explicit ProxyPresetSelector(QWidget *parent = nullptr);
    ~ProxyPresetSelector() override;

    void setInputsProvider(InputsProvider provider);
    [[nodiscard]] GoEnvInputs inputs() const;

    [[nodiscard]] QComboBox *comboBox() const { return m_combo; }
    /// The active preset's name; empty when the settings match none ("custom").
    [[nodiscard]] QString activePresetName() const { return m_activeName; }
    /// The go env file is being written.
    [[nodiscard]] bool isApplying() const { return m_applying; }
    /// What refresh() read last.
    [[nodiscard]] const ProxyEnvState &state() const { return m_state; }

public Q_SLOTS:
    /// Reads the presets and the go environment again and shows the active preset.
    void refresh();
    /// What choosing a preset in the combo does: plan, confirm if needed, apply.
    void switchTo(const QString &presetName);

Q_SIGNALS:
    /// The go env file was written (or already held the values): the environment changed.
    void switched(const QString &presetName);
    /// A switch ended: applied (ok), refused, failed or cancelled.
    void applyFinished(bool ok);

private:
    void startApply(const ProxyApplyPlan &plan);
    void onApplied();
    void showError(const QString &title, const QString &text);
    void showOverrideNotice(const QList<ProxyEnvState::Override> &overrides, const QString &intro);
    [[nodiscard]] static QString overrideDetails(const QList<ProxyEnvState::Override> &overrides);

    InputsProvider m_inputs;
    ProxyEnvState m_state;
    QString m_activeName;
    QString m_applyingName;
    bool m_applying = false;
    QFutureWatcher<ProxyApplyResult> m_applyWatcher;

    QLabel *m_label;
    QComboBox *m_combo;
    QToolButton *m_overrideBadge;
};

} // namespace mk
