// SPDX-License-Identifier: GPL-3.0-or-later
#include "RevInfoJson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include "module/Semver.h"

using namespace Qt::StringLiterals;

namespace mk {

QByteArray RevInfoJson::quote(const QString &s)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = s.toUtf8();
    QByteArray out = "\"";
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const unsigned char b = static_cast<unsigned char>(utf8[i]);
        if (b == '"' || b == '\\') {
            out += '\\';
            out += char(b);
        } else if (b == '\n') {
            out += "\\n";
        } else if (b == '\r') {
            out += "\\r";
        } else if (b == '\t') {
            out += "\\t";
        } else if (b < 0x20 || b == '<' || b == '>' || b == '&') {
            out += "\\u00";
            out += hex[b >> 4];
            out += hex[b & 0xf];
        } else if (b == 0xE2 && i + 2 < utf8.size() && uchar(utf8[i + 1]) == 0x80
                   && (uchar(utf8[i + 2]) == 0xA8 || uchar(utf8[i + 2]) == 0xA9)) {
            out += uchar(utf8[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029"; // JSONP-safe, as go
            i += 2;
        } else {
            out += char(b);
        }
    }
    return out + '"';
}

QByteArray RevInfoJson::formatTime(const QString &text)
{
    static const QRegularExpression rfc3339(
        u"^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d+))?(Z|[+-]\\d{2}:\\d{2})$"_s);
    const QRegularExpressionMatch m = rfc3339.match(text);
    if (!m.hasMatch())
        return {};
    QString frac = m.captured(2).left(9);
    while (frac.endsWith(u'0'))
        frac.chop(1);
    QString zone = m.captured(3);
    if (zone == u"+00:00" || zone == u"-00:00")
        zone = u"Z"_s;
    return (m.captured(1) + (frac.isEmpty() ? QString() : u'.' + frac) + zone).toUtf8();
}

Expected<QByteArray> RevInfoJson::fromProxy(const QByteArray &body, const QString &requestedVersion)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &perr);
    if (!doc.isObject())
        return Error::make(Error::Code::InvalidArgument,
                           u"invalid response from proxy: %1"_s.arg(perr.errorString()),
                           requestedVersion);
    const QJsonObject o = doc.object();
    const QString version = o.value(u"Version"_s).toString();
    if (version != requestedVersion)
        return Error::make(
            Error::Code::InvalidArgument,
            u"proxy returned info for version %1 instead of requested version"_s.arg(version),
            requestedVersion);
    QByteArray time = "0001-01-01T00:00:00Z"; // go's zero time
    if (o.contains(u"Time"_s)) {
        time = formatTime(o.value(u"Time"_s).toString());
        if (time.isEmpty())
            return Error::make(
                Error::Code::InvalidArgument,
                u"invalid response from proxy: bad Time %1"_s.arg(o.value(u"Time"_s).toString()),
                requestedVersion);
    }
    QByteArray out = "{\"Version\":" + quote(version) + ",\"Time\":\"" + time + '"';
    const QJsonObject origin = o.value(u"Origin"_s).toObject();
    if (!origin.isEmpty()) {
        // codehost.Origin's fields in declaration order, all omitempty; the tag fields never
        // matter for a semver version and Ref not for a pseudo-version (writeDiskStat).
        QByteArray fields;
        for (const char *key :
             {"VCS", "URL", "Subdir", "Hash", "TagPrefix", "TagSum", "Ref", "RepoSum"}) {
            const QString k = QString::fromLatin1(key);
            if (k == u"TagPrefix" || k == u"TagSum")
                continue;
            if (k == u"Ref" && Semver::isPseudo(version))
                continue;
            const QString v = origin.value(k).toString();
            if (v.isEmpty())
                continue;
            fields += (fields.isEmpty() ? "" : ",") + quote(k) + ':' + quote(v);
        }
        out += ",\"Origin\":{" + fields + '}';
    }
    out += '}';
    return out;
}

} // namespace mk
