// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QString>

namespace mk {

/// A downloaded Go toolchain's name as go spells it (cmd/go/internal/toolchain/select.go): the
/// module golang.org/toolchain at version v0.0.1-<toolchain>.<goos>-<goarch>, e.g.
/// v0.0.1-go1.23.4.linux-amd64 for GOTOOLCHAIN=go1.23.4.
struct ToolchainName
{
    QString toolchain; ///< "go1.23.4", as in GOTOOLCHAIN and a go.mod toolchain line
    QString goos;
    QString goarch;

    /// "golang.org/toolchain".
    [[nodiscard]] static QString modulePath();
    /// Splits a module version as go's download message does; nullopt when it is not one.
    [[nodiscard]] static std::optional<ToolchainName> fromModuleVersion(const QString &version);
    /// "v0.0.1-go1.23.4.linux-amd64".
    [[nodiscard]] QString moduleVersion() const;
    /// "go1.23.4 (linux/amd64)".
    [[nodiscard]] QString display() const;
};

} // namespace mk
