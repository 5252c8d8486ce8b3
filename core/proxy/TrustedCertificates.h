// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QString>

#include "common/Expected.h"

namespace mk {

/// The CA certificates our https requests trust besides the system's (which Qt trusts already),
/// so that we trust what go trusts: SSL_CERT_FILE and SSL_CERT_DIR as go's crypto/x509 reads
/// them (root_unix.go), plus a PEM file the user names (--cacert, Settings ▸ Proxy…).
class TrustedCertificates final
{
public:
    /// Every certificate of a PEM file; an error when it cannot be read or holds none.
    [[nodiscard]] static Expected<QList<QSslCertificate>> readPemFile(const QString &path);

    /// go's loadSystemRoots with the variables set: SSL_CERT_FILE (the bundle go reads instead
    /// of its default file), SSL_CERT_DIR (colon-separated directories, instead of the default
    /// ones; every file in them, as go reads them). Unreadable entries are skipped, as go does.
    /// Nothing when neither is set.
    [[nodiscard]] static QList<QSslCertificate> fromEnvironment(
        const QHash<QString, QString> &environment);
    /// The same for this process's environment.
    [[nodiscard]] static QList<QSslCertificate> fromProcessEnvironment();

    /// The CA file of Settings ▸ Proxy… (QSettings "Download/caFile"); empty: none.
    [[nodiscard]] static QString savedCaFile();
    /// Stores it after checking that it holds a PEM certificate; empty removes it.
    [[nodiscard]] static Status setSavedCaFile(const QString &path);
};

} // namespace mk
