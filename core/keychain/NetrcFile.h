// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include "common/Expected.h"
#include "keychain/Credential.h"

namespace mk {

/// The .netrc that go 1.19-1.23 read for proxy credentials (go-cache-internals.md §4.5), as an
/// explicit, opt-in export: the file is PLAIN TEXT. Reading follows go's parseNetrc; writing
/// changes only the lines of one host's entry, atomically, and leaves the file 0600.
class NetrcFile final
{
public:
    struct Entry
    {
        QString machine;
        QString login;
        QString password;
    };

    /// What the UI and the CLI must show before writing.
    [[nodiscard]] static QString plaintextWarning();

    /// $NETRC, else $HOME/.netrc (go's netrcPath on Unix); empty when neither is set.
    [[nodiscard]] static QString defaultPath(const QHash<QString, QString> &environment);

    /// go's parseNetrc: token pairs per line, complete entries only, macdef bodies skipped,
    /// parsing stops at "default".
    [[nodiscard]] static QList<Entry> parse(const QByteArray &content);

    /// content with the entry for machine replaced by one line
    /// "machine M login U password P" (credential set), or removed (nullopt); every other
    /// byte is kept. A new entry goes before a "default" entry (go stops reading there).
    /// go matches machine against the request's host name without port, and splits fields on
    /// white space, so a secret with white space cannot be written.
    [[nodiscard]] static Expected<QByteArray> updated(const QByteArray &content,
                                                      const QString &machine,
                                                      const std::optional<Credential> &credential);

    /// The machine names go looks for, for a keychain host key: go 1.19 matches the host name
    /// without port, go 1.20+ the request's Host, which keeps a non-default port. So
    /// "proxy.example:8443" needs "proxy.example:8443" and "proxy.example" (the latter then
    /// applies to every port of that host for go 1.19); "proxy.example" needs itself.
    [[nodiscard]] static QStringList machinesFor(const QString &hostKey);

    /// Reads path, applies updated() for every machine of machinesFor(hostKey), writes it back
    /// atomically with mode 0600.
    [[nodiscard]] static Status store(const QString &path, const QString &hostKey,
                                      const Credential &credential);
    /// Removes those entries; a missing file or entry is not an error.
    [[nodiscard]] static Status erase(const QString &path, const QString &hostKey);
};

} // namespace mk
