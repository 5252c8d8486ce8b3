// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrustedCertificates.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace mk {

namespace {

const QString kSettingsKey = u"Download/caFile"_s;

// os.ReadFile + CertPool.AppendCertsFromPEM: unreadable files and bad blocks add nothing.
void appendPem(const QString &path, QList<QSslCertificate> &out)
{
    if (QFileInfo(path).isDir())
        return;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return;
    for (const QSslCertificate &c : QSslCertificate::fromData(f.readAll(), QSsl::Pem))
        if (!c.isNull() && !out.contains(c))
            out.append(c);
}

} // namespace

Expected<QList<QSslCertificate>> TrustedCertificates::readPemFile(const QString &path)
{
    QFile f(path);
    if (QFileInfo(path).isDir() || !f.open(QIODevice::ReadOnly))
        return Error::make(
            Error::Code::Io,
            u"cannot read the file"_s
                + (f.errorString().isEmpty() ? QString() : u": "_s + f.errorString()),
            path);
    QList<QSslCertificate> certs;
    for (const QSslCertificate &c : QSslCertificate::fromData(f.readAll(), QSsl::Pem))
        if (!c.isNull())
            certs.append(c);
    if (certs.isEmpty())
        return Error::make(Error::Code::InvalidArgument, u"no PEM certificate found"_s, path);
    return certs;
}

QList<QSslCertificate> TrustedCertificates::fromEnvironment(
    const QHash<QString, QString> &environment)
{
    QList<QSslCertificate> out;
    // The system's default bundle and directories are Qt's own roots already.
    if (const QString file = environment.value(u"SSL_CERT_FILE"_s); !file.isEmpty())
        appendPem(file, out);
    const QString dirs = environment.value(u"SSL_CERT_DIR"_s);
    if (dirs.isEmpty())
        return out;
    for (const QString &dir : dirs.split(u':')) { // ":" as OpenSSL, BoringSSL and go split it
        if (dir.isEmpty())
            continue;
        const QFileInfoList entries = QDir(dir).entryInfoList(
            QDir::Files | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo &fi : entries) {
            // readUniqueDirectoryEntries: a symlink to a name in the same directory (openssl
            // rehash's links) is read once, through its target.
            if (fi.isSymLink() && QFileInfo(fi.symLinkTarget()).absolutePath() == fi.absolutePath())
                continue;
            appendPem(fi.filePath(), out);
        }
    }
    return out;
}

QList<QSslCertificate> TrustedCertificates::fromProcessEnvironment()
{
    const QProcessEnvironment sys = QProcessEnvironment::systemEnvironment();
    return fromEnvironment({{u"SSL_CERT_FILE"_s, sys.value(u"SSL_CERT_FILE"_s)},
                            {u"SSL_CERT_DIR"_s, sys.value(u"SSL_CERT_DIR"_s)}});
}

QString TrustedCertificates::savedCaFile()
{
    return QSettings().value(kSettingsKey).toString();
}

Status TrustedCertificates::setSavedCaFile(const QString &path)
{
    QSettings s;
    if (path.isEmpty()) {
        s.remove(kSettingsKey);
    } else {
        if (const Expected<QList<QSslCertificate>> certs = readPemFile(path); !certs)
            return certs.error();
        s.setValue(kSettingsKey, QDir::cleanPath(QFileInfo(path).absoluteFilePath()));
    }
    s.sync();
    if (s.status() != QSettings::NoError)
        return Error::make(Error::Code::Io, u"cannot save the setting"_s, s.fileName());
    return {};
}

} // namespace mk
