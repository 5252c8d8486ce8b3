// SPDX-License-Identifier: GPL-3.0-or-later
// ProxyVariable, the one table from a GO* name to its field in ProxySettings and ProxyPreset:
// every name reads and writes its own field in both, unknown names change nothing.
#include <QTest>

#include "proxy/ProxyPreset.h"
#include "proxy/ProxySettings.h"
#include "proxy/ProxyVariable.h"

using namespace Qt::StringLiterals;
using namespace mk;

class TestProxyVariable final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldListTheSixVariablesInOrder()
    {
        QCOMPARE(ProxySettings::names(),
                 (QStringList{u"GOPROXY"_s, u"GOPRIVATE"_s, u"GONOPROXY"_s, u"GONOSUMDB"_s,
                              u"GOSUMDB"_s, u"GOINSECURE"_s}));
        QCOMPARE(ProxyVariable::find(u"GOFLAGS"), nullptr);
        QCOMPARE(ProxyVariable::find(u"goproxy"), nullptr); // go's names are case-sensitive
    }

    void shouldReadAndWriteEachFieldByName()
    {
        ProxySettings s;
        ProxyPreset p;
        for (const QString &name : ProxySettings::names()) {
            s.setValue(name, name.toLower());
            p.setValue(name, name.toLower());
        }
        QCOMPARE(s.goproxy, u"goproxy"_s);
        QCOMPARE(s.goprivate, u"goprivate"_s);
        QCOMPARE(s.gonoproxy, u"gonoproxy"_s);
        QCOMPARE(s.gonosumdb, u"gonosumdb"_s);
        QCOMPARE(s.gosumdb, u"gosumdb"_s);
        QCOMPARE(s.goinsecure, u"goinsecure"_s);
        QCOMPARE(p.goproxy, u"goproxy"_s);
        QCOMPARE(p.goprivate, std::optional(u"goprivate"_s));
        QCOMPARE(p.gonoproxy, std::optional(u"gonoproxy"_s));
        QCOMPARE(p.gonosumdb, std::optional(u"gonosumdb"_s));
        QCOMPARE(p.gosumdb, std::optional(u"gosumdb"_s));
        QCOMPARE(p.goinsecure, std::optional(u"goinsecure"_s));
        for (const QString &name : ProxySettings::names()) {
            QCOMPARE(s.value(name), name.toLower());
            QCOMPARE(p.value(name), std::optional(name.toLower()));
        }
        QCOMPARE(p.specificity(), 5);
    }

    void shouldIgnoreOtherNames()
    {
        ProxySettings s;
        ProxyPreset p;
        s.setValue(u"GOFLAGS"_s, u"-mod=mod"_s);
        p.setValue(u"GOFLAGS"_s, u"-mod=mod"_s);
        QCOMPARE(s, ProxySettings{});
        QVERIFY(s.value(u"GOFLAGS"_s).isNull());
        QCOMPARE(p.value(u"GOFLAGS"_s), std::nullopt);
        QCOMPARE(p.values(), (QList<std::pair<QString, QString>>{{u"GOPROXY"_s, QString()}}));
    }

    void shouldKeepGoproxyPlainInAPreset()
    {
        ProxyPreset p;
        p.goproxy = u"https://a.example"_s;
        p.setValue(u"GOPROXY"_s, std::nullopt); // a preset always sets GOPROXY: nullopt empties it
        QCOMPARE(p.goproxy, QString());
        p.setValue(u"GOPRIVATE"_s, std::nullopt);
        QCOMPARE(p.goprivate, std::nullopt);
        QCOMPARE(p.value(u"GOPROXY"_s), std::optional(QString()));
    }
};

QTEST_GUILESS_MAIN(TestProxyVariable)
#include "tst_proxyvariable.moc"
