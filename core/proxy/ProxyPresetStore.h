// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>

#include <QList>
#include <QString>

#include "common/Expected.h"
#include "proxy/ProxyPreset.h"
#include "proxy/ProxySettings.h"

class QSettings;

namespace mk {

/// The built-in presets plus the user's, kept with QSettings (group "ProxyPresets"). Only
/// names, chains and patterns are stored, never a secret. Cheap and synchronous: meant for
/// the GUI thread; each instance re-reads the settings, so a CLI change shows up.
class ProxyPresetStore final
{
public:
    /// settings: where user presets live; nullptr means the application's default QSettings.
    explicit ProxyPresetStore(QSettings *settings = nullptr);
    ~ProxyPresetStore();
    ProxyPresetStore(const ProxyPresetStore &) = delete;
    ProxyPresetStore &operator=(const ProxyPresetStore &) = delete;

    /// Built-ins first (in the order), then user presets by name.
    [[nodiscard]] QList<ProxyPreset> presets() const;
    [[nodiscard]] QList<ProxyPreset> userPresets() const;
    [[nodiscard]] std::optional<ProxyPreset> find(const QString &name) const;

    /// Adds (or, with replace, updates) a user preset after validate().
    [[nodiscard]] Status add(const ProxyPreset &preset, bool replace = false);
    /// Built-in presets cannot be removed.
    [[nodiscard]] Status remove(const QString &name);

    /// The preset matching go's effective settings (the most specific one), if any.
    [[nodiscard]] std::optional<ProxyPreset> activePreset(const ProxySettings &effective) const;

    /// Name rules; GOPROXY by ProxyList::parseStrict (go's rules, no userinfo); every value
    /// as `go env -w` checks it (no NUL or newline); GOSUMDB as go reads it.
    [[nodiscard]] static Status validate(const ProxyPreset &preset);

private:
    /// An error naming the file when QSettings could not read it (then nothing is saved).
    [[nodiscard]] Status readable() const;
    void save(const QList<ProxyPreset> &presets);

    std::unique_ptr<QSettings> m_owned;
    QSettings *m_settings = nullptr;
};

} // namespace mk
