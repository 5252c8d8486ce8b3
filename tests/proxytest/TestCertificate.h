// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QStringList>

#include "Subprocess.h"

namespace mk::test {

/// A throw-away self-signed certificate for 127.0.0.1 and 127.0.0.2, made by `openssl req`
/// at test time, with the server configuration that presents it.
class TestCertificate final
{
public:
    /// Writes cert.pem and key.pem into dir; error() says what failed.
    explicit TestCertificate(const QString &dir)
        : m_certPath(dir + QStringLiteral("/cert.pem")), m_keyPath(dir + QStringLiteral("/key.pem"))
    {
        const ProcessResult r = Subprocess::run(
            QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
             QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
             QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
             QStringLiteral("-keyout"), m_keyPath, QStringLiteral("-out"), m_certPath,
             QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
             QStringLiteral("/CN=modkeeper-test"), QStringLiteral("-addext"),
             QStringLiteral("subjectAltName=IP:127.0.0.1,IP:127.0.0.2")},
            60000);
        if (!r.succeeded()) {
            m_error = r.describe();
            return;
        }
        m_certificates = QSslCertificate::fromPath(m_certPath, QSsl::Pem);
        QFile keyFile(m_keyPath);
        if (m_certificates.size() != 1 || !keyFile.open(QIODevice::ReadOnly)) {
            m_error = QStringLiteral("cannot read the generated certificate");
            return;
        }
        const QSslKey key(&keyFile, QSsl::Ec);
        if (key.isNull()) {
            m_error = QStringLiteral("cannot read the generated key");
            return;
        }
        m_server = QSslConfiguration::defaultConfiguration();
        m_server.setLocalCertificate(m_certificates.first());
        m_server.setPrivateKey(key);
        m_server.setPeerVerifyMode(QSslSocket::VerifyNone);
    }

    [[nodiscard]] bool ok() const { return m_error.isEmpty(); }
    [[nodiscard]] QString error() const { return m_error; }
    /// The PEM file clients trust (SSL_CERT_FILE for go, ProbeOptions::caCertificates for us).
    [[nodiscard]] QString certPath() const { return m_certPath; }
    [[nodiscard]] QList<QSslCertificate> certificates() const { return m_certificates; }
    [[nodiscard]] QSslConfiguration serverConfiguration() const { return m_server; }

private:
    QString m_certPath;
    QString m_keyPath;
    QString m_error;
    QList<QSslCertificate> m_certificates;
    QSslConfiguration m_server;
};

} // namespace mk::test
