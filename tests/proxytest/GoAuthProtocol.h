// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

namespace mk::test {

/// The consumer side of the GOAUTH command protocol, written from go's documentation (`go help
/// goauth`, Go 1.24) and cmd/go/internal/auth (parseUserAuth, loadCredential), to judge what
/// `modkeeper-cli goauth` prints when no Go 1.24 is at hand:
///   Response      = { CredentialSet } .
///   CredentialSet = URLLine { URLLine } BlankLine { HeaderLine } BlankLine .
///   URLLine       = /* URL that starts with "https://" */ '\n' .
class GoAuthProtocol final
{
public:
    using Headers = QList<std::pair<QString, QString>>;

    /// prefix (without "https://" and trailing '/') -> headers; error set on bad format.
    static QHash<QString, Headers> parse(QByteArray data, QString *error)
    {
        QHash<QString, Headers> out;
        const auto cut = [&](QByteArray *line) {
            const qsizetype nl = data.indexOf('\n');
            if (nl < 0)
                return false;
            *line = data.left(nl);
            data = data.mid(nl + 1);
            return true;
        };
        const auto tokenChar = [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                   || QByteArray("!#$%&'*+-.^_`|~").contains(c);
        };
        while (!data.isEmpty()) {
            QStringList urls;
            QByteArray line;
            for (;;) {
                if (!cut(&line)) {
                    *error = QStringLiteral("invalid format: missing empty line after URLs");
                    return {};
                }
                if (line.isEmpty())
                    break;
                const QUrl u(QString::fromUtf8(line), QUrl::StrictMode);
                if (!line.startsWith("https://") || !u.isValid() || u.host().isEmpty()) {
                    *error = QStringLiteral("could not parse URL ") + QString::fromUtf8(line);
                    return {};
                }
                urls.append(QString::fromUtf8(line));
            }
            if (urls.isEmpty()) {
                *error = QStringLiteral("a credential set without URL lines");
                return {};
            }
            Headers headers;
            for (;;) {
                if (!cut(&line)) {
                    *error = QStringLiteral("invalid format: missing empty line after headers");
                    return {};
                }
                if (line.isEmpty())
                    break;
                const qsizetype sep = line.indexOf(": ");
                bool valid = sep > 0;
                const QByteArray name = valid ? line.left(sep) : QByteArray();
                const QByteArray value = valid ? line.mid(sep + 2).trimmed() : QByteArray();
                for (const char c : name)
                    valid = valid && tokenChar(c);
                for (const char c : value)
                    valid = valid && !((uchar(c) < 0x20 && c != '\t') || c == 0x7f);
                if (!valid) {
                    *error = QStringLiteral("invalid format: invalid header line");
                    return {};
                }
                headers.append({QString::fromUtf8(name), QString::fromUtf8(value)});
            }
            for (QString p : std::as_const(urls)) {
                p = p.mid(8);
                while (p.endsWith(u'/'))
                    p.chop(1);
                out.insert(p, headers);
            }
        }
        return out;
    }

    /// go's loadCredential: the Authorization header for a request URL (host:port + path, then
    /// each parent prefix), or "".
    static QString authorizationFor(const QHash<QString, Headers> &creds, const QString &url)
    {
        const QUrl u(url);
        QString prefix = u.authority() + u.path(QUrl::FullyEncoded);
        while (prefix.endsWith(u'/'))
            prefix.chop(1);
        for (;;) {
            if (const auto it = creds.constFind(prefix); it != creds.constEnd()) {
                for (const auto &[name, value] : *it) {
                    if (name == u"Authorization")
                        return value;
                }
                return {};
            }
            const qsizetype slash = prefix.lastIndexOf(u'/');
            if (slash < 0)
                return {};
            prefix = prefix.left(slash);
        }
    }
};

} // namespace mk::test
