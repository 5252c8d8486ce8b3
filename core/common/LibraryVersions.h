// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace mk {

/// The versions of the libraries ModKeeper runs on, for the About box and bug reports. Core
/// asks the libraries themselves (at run time where they can say, else as built), so that the
/// front ends need not include their headers.
struct LibraryVersions final
{
    QString qt;         ///< the Qt loaded at run time (qVersion())
    QString qtBuild;    ///< the Qt ModKeeper was compiled against
    QString qtKeychain; ///< as found at build time (the header has no usable version macro)
    QString libzip;     ///< zip_libzip_version()
    QString openssl;    ///< OpenSSL_version(OPENSSL_VERSION), e.g. "OpenSSL 3.0.15 3 Sep 2024"
    QString libdeflate; ///< as built

    [[nodiscard]] static LibraryVersions current();
};

} // namespace mk
