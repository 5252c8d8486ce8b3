// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>

#include "common/Expected.h"
#include "env/GoEnvFile.h"
#include "env/GoEnvironment.h"
#include "proxy/ProxyEnvState.h"
#include "proxy/ProxyPreset.h"
#include "proxy/ProxySafetyCheck.h"

namespace mk {

/// What applying a preset will do; shown (and confirmed, when there are warnings) first.
struct ProxyApplyPlan
{
    ProxyPreset preset;
    QString envFile;
    QList<GoEnvFile::Assignment> set; ///< `go env -w` part
    QStringList unset;                ///< `go env -u` part
    /// Weakened checks: the UI asks for confirmation, the CLI wants --yes.
    QList<ProxySafetyCheck::Warning> warnings;
    /// OS variables that will keep hiding the new values in this environment.
    QList<ProxyEnvState::Override> overrides;

    [[nodiscard]] bool needsConfirmation() const { return !warnings.isEmpty(); }
};

/// What applying did.
struct ProxyApplyResult
{
    Error error; ///< set when nothing was applied
    QString envFile;
    bool changed = false;
    ProxyEnvState state; ///< read back after the write
    /// Stored vs effective for every written variable the OS environment overrides.
    QList<ProxyEnvState::Override> overrides;
    QStringList
        goWarnings; ///< `go env -w`'s "does not override conflicting OS environment variable"

    [[nodiscard]] bool ok() const { return !error.isError(); }
};

/// One-click switching: turns a preset into the exact `go env -w` / `go env -u` edit of the
/// user's go env file and performs it atomically (GoEnvWriter).
class ProxySwitcher final
{
public:
    /// Validates the preset and the target file (GOENV=off is an error), computes the edit,
    /// the warnings and the overrides. No disk writes. credentialHosts: hosts with a stored
    /// credential (CredentialStore::knownHosts()); an http:// entry for one of them is refused.
    [[nodiscard]] static Expected<ProxyApplyPlan> plan(const ProxyPreset &preset,
                                                       const GoEnvInputs &inputs,
                                                       const QStringList &credentialHosts = {});
    /// Writes the plan (synchronously; small file, but it fsyncs).
    [[nodiscard]] static ProxyApplyResult apply(const ProxyApplyPlan &plan,
                                                const GoEnvInputs &inputs);
    /// apply() on the core pool, for the GUI.
    [[nodiscard]] static QFuture<ProxyApplyResult> applyAsync(const ProxyApplyPlan &plan,
                                                              const GoEnvInputs &inputs);
};

} // namespace mk
