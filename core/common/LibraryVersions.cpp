// SPDX-License-Identifier: GPL-3.0-or-later
#include "LibraryVersions.h"

#include <libdeflate.h>
#include <openssl/crypto.h>
#include <zip.h>

#include <QtGlobal>

#ifndef MODKEEPER_QTKEYCHAIN_VERSION
#define MODKEEPER_QTKEYCHAIN_VERSION "unknown"
#endif

namespace mk {

LibraryVersions LibraryVersions::current()
{
    LibraryVersions v;
    v.qt = QString::fromLatin1(qVersion());
    v.qtBuild = QStringLiteral(QT_VERSION_STR);
    v.qtKeychain = QStringLiteral(MODKEEPER_QTKEYCHAIN_VERSION);
    v.libzip = QString::fromLatin1(zip_libzip_version());
    v.openssl = QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION));
    v.libdeflate = QStringLiteral(LIBDEFLATE_VERSION_STRING);
    return v;
}

} // namespace mk
