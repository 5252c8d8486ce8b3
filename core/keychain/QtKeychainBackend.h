// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "keychain/KeychainBackend.h"

namespace mk {

/// The OS keychain through QtKeychain: libsecret (GNOME Keyring, KWallet's Secret Service),
/// macOS Keychain, Windows Credential Store. The insecure plain-text fallback stays off.
/// Jobs delete themselves after finishing and are never deleted early (a late backend
/// callback into a deleted job crashes; Mudlet#10454).
class QtKeychainBackend final : public KeychainBackend
{
public:
    void read(const QString &service, const QString &key, Done done) override;
    void write(const QString &service, const QString &key, const QByteArray &data,
               Done done) override;
    void remove(const QString &service, const QString &key, Done done) override;
};

} // namespace mk
