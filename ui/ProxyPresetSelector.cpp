// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyPresetSelector.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStyle>
#include <QToolButton>

#include "common/GoUrl.h"
#include "keychain/CredentialStore.h"
#include "proxy/ProxyPresetStore.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

QString presetToolTip(const ProxyPreset &p)
{
    QStringList lines;
    for (const auto &[name, value] : p.values())
        lines << (value.isEmpty() && name != u"GOPROXY"
                      ? ProxyPresetSelector::tr("%1 removed").arg(name)
                      : u"%1=%2"_s.arg(name, GoUrl::redact(value)));
    if (!p.description.isEmpty())
        lines << p.description;
    return lines.join(u'\n');
}

} // namespace

ProxyPresetSelector::ProxyPresetSelector(QWidget *parent)
    : QWidget(parent), m_inputs([] { return GoEnvInputs::current(); }),
      m_label(new QLabel(tr("GOPROXY:"), this)), m_combo(new QComboBox(this)),
      m_overrideBadge(new QToolButton(this))
{
    setObjectName(u"proxyPresetSelector"_s);
    m_combo->setObjectName(u"proxyPresetCombo"_s);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setToolTip(
        tr("The GOPROXY preset go uses; choose another to switch (writes the go env "
           "file, as go env -w does)"));
    m_label->setBuddy(m_combo);
    m_overrideBadge->setObjectName(u"proxyOverrideBadge"_s);
    m_overrideBadge->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_overrideBadge->setText(tr("Overridden by the environment"));
    m_overrideBadge->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_overrideBadge->setAutoRaise(true);
    m_overrideBadge->setVisible(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(6);
    layout->addWidget(m_label);
    layout->addWidget(m_combo);
    layout->addWidget(m_overrideBadge);

    // activated: only the user's choice, never our own setCurrentIndex in refresh().
    connect(m_combo, &QComboBox::activated, this, [this](int index) {
        const QString name = m_combo->itemData(index).toString();
        if (name.isEmpty() || name == m_activeName) {
            refresh(); // "custom" or the active one: nothing to write
            return;
        }
        switchTo(name);
    });
    connect(m_overrideBadge, &QToolButton::clicked, this, [this] {
        showOverrideNotice(
            m_state.overrides(),
            tr("The OS environment of ModKeeper sets proxy variables, and go prefers them to "
               "the go env file."));
    });
    connect(&m_applyWatcher, &QFutureWatcher<ProxyApplyResult>::finished, this,
            &ProxyPresetSelector::onApplied);

    refresh();
}

ProxyPresetSelector::~ProxyPresetSelector() = default;

void ProxyPresetSelector::setInputsProvider(InputsProvider provider)
{
    m_inputs = std::move(provider);
    refresh();
}

GoEnvInputs ProxyPresetSelector::inputs() const
{
    return m_inputs();
}

void ProxyPresetSelector::refresh()
{
    // A small file and a few stats: cheap enough for the GUI thread, like the env header.
    m_state = ProxyEnvState::read(inputs());
    const ProxyPresetStore store;
    const QList<ProxyPreset> presets = store.presets();
    const std::optional<ProxyPreset> active = store.activePreset(m_state.effective());
    m_activeName = active ? active->name : QString();

    const QSignalBlocker block(m_combo);
    m_combo->clear();
    int current = -1;
    for (const ProxyPreset &p : presets) {
        m_combo->addItem(p.builtIn ? p.name : tr("%1 (yours)").arg(p.name), p.name);
        m_combo->setItemData(m_combo->count() - 1, presetToolTip(p), Qt::ToolTipRole);
        if (active && p.name == active->name)
            current = m_combo->count() - 1;
    }
    if (current < 0) {
        // The settings match no preset: say so rather than pretend.
        m_combo->insertItem(0, tr("custom"), QString());
        m_combo->setItemData(
            0, tr("GOPROXY=%1 matches no preset").arg(GoUrl::redact(m_state.effective().goproxy)),
            Qt::ToolTipRole);
        current = 0;
    }
    m_combo->setCurrentIndex(current);
    m_combo->setEnabled(!m_applying);

    const QList<ProxyEnvState::Override> overrides = m_state.overrides();
    m_overrideBadge->setVisible(!overrides.isEmpty());
    m_overrideBadge->setToolTip(overrideDetails(overrides));
    QString tip = tr("GOPROXY go uses: %1 (from %2)")
                      .arg(GoUrl::redact(m_state.effective().goproxy),
                           toString(m_state.variable(u"GOPROXY"_s).origin));
    if (m_state.envFileDisabled())
        tip += u"\n"_s
               + tr("GOENV=off: go reads no go env file, so switching is not possible here.");
    m_label->setToolTip(tip);
}

QString ProxyPresetSelector::overrideDetails(const QList<ProxyEnvState::Override> &overrides)
{
    QStringList parts;
    for (const ProxyEnvState::Override &o : overrides) {
        parts << tr("%1\n  stored in the go env file: %2\n  effective (OS environment): %3\n%4")
                     .arg(o.name,
                          o.storedValue ? GoUrl::redact(*o.storedValue) : tr("(not set there)"),
                          GoUrl::redact(o.environmentValue), o.explanation);
    }
    return parts.join(u"\n\n"_s);
}

void ProxyPresetSelector::showError(const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Close, this);
    box->setObjectName(u"proxySwitchError"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void ProxyPresetSelector::showOverrideNotice(const QList<ProxyEnvState::Override> &overrides,
                                             const QString &intro)
{
    if (overrides.isEmpty())
        return;
    auto *box = new QMessageBox(this);
    box->setObjectName(u"proxyOverrideNotice"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(tr("Overridden by the Environment"));
    box->setText(intro);
    box->setInformativeText(overrideDetails(overrides));
    box->addButton(QMessageBox::Close);
    box->open();
}

void ProxyPresetSelector::switchTo(const QString &presetName)
{
    if (m_applying)
        return;
    const ProxyPresetStore store;
    const std::optional<ProxyPreset> preset = store.find(presetName);
    if (!preset) {
        refresh();
        showError(tr("Cannot Switch"), tr("There is no preset named %1 any more.").arg(presetName));
        Q_EMIT applyFinished(false);
        return;
    }
    const GoEnvInputs in = inputs();
    const Expected<ProxyApplyPlan> plan
        = ProxySwitcher::plan(*preset, in, CredentialStore::knownHosts());
    if (!plan) {
        refresh();
        showError(tr("Cannot Switch to %1").arg(presetName), plan.error().toString());
        Q_EMIT applyFinished(false);
        return;
    }
    if (!plan->needsConfirmation()) {
        startApply(*plan);
        return;
    }

    // Values that weaken go's checks: say what, and let the user decide.
    auto *box = new QMessageBox(this);
    box->setObjectName(u"proxyWeakenConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(tr("Weaker Checks"));
    box->setText(
        tr("The preset %1 weakens the checks go makes on downloaded modules. Switch anyway?")
            .arg(presetName));
    QStringList lines;
    for (const ProxySafetyCheck::Warning &w : plan->warnings)
        lines << u"\u2022 "_s + w.message;
    if (!plan->overrides.isEmpty())
        lines << QString() << tr("Also: the OS environment overrides some of these values:")
              << overrideDetails(plan->overrides);
    box->setInformativeText(lines.join(u'\n'));
    QPushButton *apply = box->addButton(tr("Switch Anyway"), QMessageBox::AcceptRole);
    apply->setObjectName(u"confirmSwitchButton"_s);
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    const ProxyApplyPlan confirmed = *plan;
    connect(box, &QMessageBox::finished, this, [this, box, apply, confirmed](int) {
        if (box->clickedButton() == apply) {
            startApply(confirmed);
        } else {
            refresh(); // back to the active preset
            Q_EMIT applyFinished(false);
        }
    });
    box->open();
}

void ProxyPresetSelector::startApply(const ProxyApplyPlan &plan)
{
    m_applying = true;
    m_applyingName = plan.preset.name;
    m_combo->setEnabled(false);
    m_applyWatcher.setFuture(ProxySwitcher::applyAsync(plan, inputs()));
}

void ProxyPresetSelector::onApplied()
{
    m_applying = false;
    const QFuture<ProxyApplyResult> f = m_applyWatcher.future();
    const ProxyApplyResult result = f.resultCount() > 0 ? f.result() : ProxyApplyResult{};
    const bool ok = f.resultCount() > 0 && result.ok();
    refresh();
    if (!ok) {
        showError(tr("Cannot Switch to %1").arg(m_applyingName),
                  result.error.isError() ? result.error.toString()
                                         : tr("The go env file was not written."));
    } else {
        if (!result.overrides.isEmpty()) {
            showOverrideNotice(
                result.overrides,
                tr("%1 was written to %2, but go will not use it in this environment:")
                    .arg(m_applyingName, result.envFile));
        }
        Q_EMIT switched(m_applyingName);
    }
    Q_EMIT applyFinished(ok);
}

} // namespace mk
