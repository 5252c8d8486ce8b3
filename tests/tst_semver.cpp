// SPDX-License-Identifier: GPL-3.0-or-later
// Semver against golang.org/x/mod/semver and module (pseudo-versions). The tables were
// produced by running the real x/mod (vendored in go1.23's cmd/vendor) on the same inputs.
#include <QTest>

#include "module/Semver.h"

using namespace Qt::StringLiterals;
using mk::Semver;

class TestSemver final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldParseLikeXMod_data();
    void shouldParseLikeXMod();
    void shouldRecognisePseudoVersions_data();
    void shouldRecognisePseudoVersions();
    void shouldOrderLikeXMod();
    void shouldFollowSemverPrecedenceRules();
};

void TestSemver::shouldParseLikeXMod_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("canonicalVersion");
    QTest::addColumn<QString>("major");
    QTest::addColumn<QString>("prerelease");
    QTest::addColumn<QString>("build");

    QTest::addRow("0: v1") << u"v1"_s << true << u"v1.0.0"_s << u"v1.0.0"_s << u"v1"_s << u""_s
                           << u""_s;
    QTest::addRow("1: v1.2") << u"v1.2"_s << true << u"v1.2.0"_s << u"v1.2.0"_s << u"v1"_s << u""_s
                             << u""_s;
    QTest::addRow("2: v1.2.3") << u"v1.2.3"_s << true << u"v1.2.3"_s << u"v1.2.3"_s << u"v1"_s
                               << u""_s << u""_s;
    QTest::addRow("3: v1.2.3-pre") << u"v1.2.3-pre"_s << true << u"v1.2.3-pre"_s << u"v1.2.3-pre"_s
                                   << u"v1"_s << u"-pre"_s << u""_s;
    QTest::addRow("4: v1.2.3-pre+meta") << u"v1.2.3-pre+meta"_s << true << u"v1.2.3-pre"_s
                                        << u"v1.2.3-pre"_s << u"v1"_s << u"-pre"_s << u"+meta"_s;
    QTest::addRow("5: v1.2.3+meta")
        << u"v1.2.3+meta"_s << true << u"v1.2.3"_s << u"v1.2.3"_s << u"v1"_s << u""_s << u"+meta"_s;
    QTest::addRow("6: v1.2.3+meta-pre") << u"v1.2.3+meta-pre"_s << true << u"v1.2.3"_s
                                        << u"v1.2.3"_s << u"v1"_s << u""_s << u"+meta-pre"_s;
    QTest::addRow("7: v1.2.3-pre.01")
        << u"v1.2.3-pre.01"_s << false << u""_s << u""_s << u""_s << u""_s << u""_s;
    QTest::addRow("8: v1.2.3-pre.0") << u"v1.2.3-pre.0"_s << true << u"v1.2.3-pre.0"_s
                                     << u"v1.2.3-pre.0"_s << u"v1"_s << u"-pre.0"_s << u""_s;
    QTest::addRow("9: v01.2.3") << u"v01.2.3"_s << false << u""_s << u""_s << u""_s << u""_s
                                << u""_s;
    QTest::addRow("10: v1.02.3") << u"v1.02.3"_s << false << u""_s << u""_s << u""_s << u""_s
                                 << u""_s;
    QTest::addRow("11: v1.2.03") << u"v1.2.03"_s << false << u""_s << u""_s << u""_s << u""_s
                                 << u""_s;
    QTest::addRow("12: 1.2.3") << u"1.2.3"_s << false << u""_s << u""_s << u""_s << u""_s << u""_s;
    QTest::addRow("13: v1.2.3.4") << u"v1.2.3.4"_s << false << u""_s << u""_s << u""_s << u""_s
                                  << u""_s;
    QTest::addRow("14: v1.2-pre") << u"v1.2-pre"_s << false << u""_s << u""_s << u""_s << u""_s
                                  << u""_s;
    QTest::addRow("15: v1.2+meta")
        << u"v1.2+meta"_s << false << u""_s << u""_s << u""_s << u""_s << u""_s;
    QTest::addRow("16: v1.2.3-") << u"v1.2.3-"_s << false << u""_s << u""_s << u""_s << u""_s
                                 << u""_s;
    QTest::addRow("17: v1.2.3+") << u"v1.2.3+"_s << false << u""_s << u""_s << u""_s << u""_s
                                 << u""_s;
    QTest::addRow("18: v1.2.3-a..b")
        << u"v1.2.3-a..b"_s << false << u""_s << u""_s << u""_s << u""_s << u""_s;
    QTest::addRow("19: v1.2.3+a..b")
        << u"v1.2.3+a..b"_s << false << u""_s << u""_s << u""_s << u""_s << u""_s;
    QTest::addRow("20: v1.2.3-?") << u"v1.2.3-\u03b1"_s << false << u""_s << u""_s << u""_s << u""_s
                                  << u""_s;
    QTest::addRow("21: v2.0.0+incompatible")
        << u"v2.0.0+incompatible"_s << true << u"v2.0.0"_s << u"v2.0.0+incompatible"_s << u"v2"_s
        << u""_s << u"+incompatible"_s;
    QTest::addRow("22: v2+incompatible")
        << u"v2+incompatible"_s << false << u""_s << u""_s << u""_s << u""_s << u""_s;
    QTest::addRow("23: v0.0.0-20191109021931-daa7c04131f5")
        << u"v0.0.0-20191109021931-daa7c04131f5"_s << true
        << u"v0.0.0-20191109021931-daa7c04131f5"_s << u"v0.0.0-20191109021931-daa7c04131f5"_s
        << u"v0"_s << u"-20191109021931-daa7c04131f5"_s << u""_s;
    QTest::addRow("24: v1.2.4-0.20191109021931-daa7c04131f5")
        << u"v1.2.4-0.20191109021931-daa7c04131f5"_s << true
        << u"v1.2.4-0.20191109021931-daa7c04131f5"_s << u"v1.2.4-0.20191109021931-daa7c04131f5"_s
        << u"v1"_s << u"-0.20191109021931-daa7c04131f5"_s << u""_s;
    QTest::addRow("25: v1.2.3-pre.0.20191109021931-daa7c04131f5")
        << u"v1.2.3-pre.0.20191109021931-daa7c04131f5"_s << true
        << u"v1.2.3-pre.0.20191109021931-daa7c04131f5"_s
        << u"v1.2.3-pre.0.20191109021931-daa7c04131f5"_s << u"v1"_s
        << u"-pre.0.20191109021931-daa7c04131f5"_s << u""_s;
    QTest::addRow("26: v1.2.3-pre.0.20191109021931-daa7c04131f5+incompatible")
        << u"v1.2.3-pre.0.20191109021931-daa7c04131f5+incompatible"_s << true
        << u"v1.2.3-pre.0.20191109021931-daa7c04131f5"_s
        << u"v1.2.3-pre.0.20191109021931-daa7c04131f5+incompatible"_s << u"v1"_s
        << u"-pre.0.20191109021931-daa7c04131f5"_s << u"+incompatible"_s;
    QTest::addRow("27: v2.0.0-20191109021931-daa7c04131f5+incompatible")
        << u"v2.0.0-20191109021931-daa7c04131f5+incompatible"_s << true
        << u"v2.0.0-20191109021931-daa7c04131f5"_s
        << u"v2.0.0-20191109021931-daa7c04131f5+incompatible"_s << u"v2"_s
        << u"-20191109021931-daa7c04131f5"_s << u"+incompatible"_s;
    QTest::addRow("28: v0.0.0-2019110902193-daa7c04131f5")
        << u"v0.0.0-2019110902193-daa7c04131f5"_s << true << u"v0.0.0-2019110902193-daa7c04131f5"_s
        << u"v0.0.0-2019110902193-daa7c04131f5"_s << u"v0"_s << u"-2019110902193-daa7c04131f5"_s
        << u""_s;
    QTest::addRow("29: v1.2.3-0.20191109021931-daa7c04131f5")
        << u"v1.2.3-0.20191109021931-daa7c04131f5"_s << true
        << u"v1.2.3-0.20191109021931-daa7c04131f5"_s << u"v1.2.3-0.20191109021931-daa7c04131f5"_s
        << u"v1"_s << u"-0.20191109021931-daa7c04131f5"_s << u""_s;
    QTest::addRow("30: v1.2.4-1.20191109021931-daa7c04131f5")
        << u"v1.2.4-1.20191109021931-daa7c04131f5"_s << true
        << u"v1.2.4-1.20191109021931-daa7c04131f5"_s << u"v1.2.4-1.20191109021931-daa7c04131f5"_s
        << u"v1"_s << u"-1.20191109021931-daa7c04131f5"_s << u""_s;
    QTest::addRow("31: v0.0.0-20191309021931-daa7c04131f5")
        << u"v0.0.0-20191309021931-daa7c04131f5"_s << true
        << u"v0.0.0-20191309021931-daa7c04131f5"_s << u"v0.0.0-20191309021931-daa7c04131f5"_s
        << u"v0"_s << u"-20191309021931-daa7c04131f5"_s << u""_s;
    QTest::addRow("32: v0.0.0-20191109021931-")
        << u"v0.0.0-20191109021931-"_s << true << u"v0.0.0-20191109021931-"_s
        << u"v0.0.0-20191109021931-"_s << u"v0"_s << u"-20191109021931-"_s << u""_s;
    QTest::addRow("33: v0.0.0-20200229235959-000000000000")
        << u"v0.0.0-20200229235959-000000000000"_s << true
        << u"v0.0.0-20200229235959-000000000000"_s << u"v0.0.0-20200229235959-000000000000"_s
        << u"v0"_s << u"-20200229235959-000000000000"_s << u""_s;
    QTest::addRow("34: v0.0.0-20210229235959-000000000000")
        << u"v0.0.0-20210229235959-000000000000"_s << true
        << u"v0.0.0-20210229235959-000000000000"_s << u"v0.0.0-20210229235959-000000000000"_s
        << u"v0"_s << u"-20210229235959-000000000000"_s << u""_s;
    QTest::addRow("35: v0.0.0-20191109246000-000000000000")
        << u"v0.0.0-20191109246000-000000000000"_s << true
        << u"v0.0.0-20191109246000-000000000000"_s << u"v0.0.0-20191109246000-000000000000"_s
        << u"v0"_s << u"-20191109246000-000000000000"_s << u""_s;
    QTest::addRow("36: v1.0.0-rc1") << u"v1.0.0-rc1"_s << true << u"v1.0.0-rc1"_s << u"v1.0.0-rc1"_s
                                    << u"v1"_s << u"-rc1"_s << u""_s;
    QTest::addRow("37: v0.0.0-20230326023000-abcdefabcdef")
        << u"v0.0.0-20230326023000-abcdefabcdef"_s << true
        << u"v0.0.0-20230326023000-abcdefabcdef"_s << u"v0.0.0-20230326023000-abcdefabcdef"_s
        << u"v0"_s << u"-20230326023000-abcdefabcdef"_s << u""_s;
    QTest::addRow("38: (empty)") << u""_s << false << u""_s << u""_s << u""_s << u""_s << u""_s;
}

void TestSemver::shouldParseLikeXMod()
{
    QFETCH(QString, version);
    QFETCH(bool, valid);
    QFETCH(QString, canonical);
    QFETCH(QString, canonicalVersion);
    QFETCH(QString, major);
    QFETCH(QString, prerelease);
    QFETCH(QString, build);
    QCOMPARE(Semver::isValid(version), valid);
    QCOMPARE(Semver::canonical(version), canonical);
    QCOMPARE(Semver::canonicalVersion(version), canonicalVersion);
    QCOMPARE(Semver::major(version), major);
    QCOMPARE(Semver::prerelease(version), prerelease);
    QCOMPARE(Semver::build(version), build);
}

void TestSemver::shouldRecognisePseudoVersions_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("pseudo");
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("revision");

    QTest::addRow("0: v1") << u"v1"_s << false << QDateTime() << u""_s;
    QTest::addRow("1: v1.2") << u"v1.2"_s << false << QDateTime() << u""_s;
    QTest::addRow("2: v1.2.3") << u"v1.2.3"_s << false << QDateTime() << u""_s;
    QTest::addRow("3: v1.2.3-pre") << u"v1.2.3-pre"_s << false << QDateTime() << u""_s;
    QTest::addRow("4: v1.2.3-pre+meta") << u"v1.2.3-pre+meta"_s << false << QDateTime() << u""_s;
    QTest::addRow("5: v1.2.3+meta") << u"v1.2.3+meta"_s << false << QDateTime() << u""_s;
    QTest::addRow("6: v1.2.3+meta-pre") << u"v1.2.3+meta-pre"_s << false << QDateTime() << u""_s;
    QTest::addRow("7: v1.2.3-pre.01") << u"v1.2.3-pre.01"_s << false << QDateTime() << u""_s;
    QTest::addRow("8: v1.2.3-pre.0") << u"v1.2.3-pre.0"_s << false << QDateTime() << u""_s;
    QTest::addRow("9: v01.2.3") << u"v01.2.3"_s << false << QDateTime() << u""_s;
    QTest::addRow("10: v1.02.3") << u"v1.02.3"_s << false << QDateTime() << u""_s;
    QTest::addRow("11: v1.2.03") << u"v1.2.03"_s << false << QDateTime() << u""_s;
    QTest::addRow("12: 1.2.3") << u"1.2.3"_s << false << QDateTime() << u""_s;
    QTest::addRow("13: v1.2.3.4") << u"v1.2.3.4"_s << false << QDateTime() << u""_s;
    QTest::addRow("14: v1.2-pre") << u"v1.2-pre"_s << false << QDateTime() << u""_s;
    QTest::addRow("15: v1.2+meta") << u"v1.2+meta"_s << false << QDateTime() << u""_s;
    QTest::addRow("16: v1.2.3-") << u"v1.2.3-"_s << false << QDateTime() << u""_s;
    QTest::addRow("17: v1.2.3+") << u"v1.2.3+"_s << false << QDateTime() << u""_s;
    QTest::addRow("18: v1.2.3-a..b") << u"v1.2.3-a..b"_s << false << QDateTime() << u""_s;
    QTest::addRow("19: v1.2.3+a..b") << u"v1.2.3+a..b"_s << false << QDateTime() << u""_s;
    QTest::addRow("20: v1.2.3-?") << u"v1.2.3-\u03b1"_s << false << QDateTime() << u""_s;
    QTest::addRow("21: v2.0.0+incompatible")
        << u"v2.0.0+incompatible"_s << false << QDateTime() << u""_s;
    QTest::addRow("22: v2+incompatible") << u"v2+incompatible"_s << false << QDateTime() << u""_s;
    QTest::addRow("23: v0.0.0-20191109021931-daa7c04131f5")
        << u"v0.0.0-20191109021931-daa7c04131f5"_s << true
        << QDateTime::fromString(u"2019-11-09T02:19:31Z"_s, Qt::ISODate) << u"daa7c04131f5"_s;
    QTest::addRow("24: v1.2.4-0.20191109021931-daa7c04131f5")
        << u"v1.2.4-0.20191109021931-daa7c04131f5"_s << true
        << QDateTime::fromString(u"2019-11-09T02:19:31Z"_s, Qt::ISODate) << u"daa7c04131f5"_s;
    QTest::addRow("25: v1.2.3-pre.0.20191109021931-daa7c04131f5")
        << u"v1.2.3-pre.0.20191109021931-daa7c04131f5"_s << true
        << QDateTime::fromString(u"2019-11-09T02:19:31Z"_s, Qt::ISODate) << u"daa7c04131f5"_s;
    QTest::addRow("26: v1.2.3-pre.0.20191109021931-daa7c04131f5+incompatible")
        << u"v1.2.3-pre.0.20191109021931-daa7c04131f5+incompatible"_s << true
        << QDateTime::fromString(u"2019-11-09T02:19:31Z"_s, Qt::ISODate) << u"daa7c04131f5"_s;
    QTest::addRow("27: v2.0.0-20191109021931-daa7c04131f5+incompatible")
        << u"v2.0.0-20191109021931-daa7c04131f5+incompatible"_s << true
        << QDateTime::fromString(u"2019-11-09T02:19:31Z"_s, Qt::ISODate) << u"daa7c04131f5"_s;
    QTest::addRow("28: v0.0.0-2019110902193-daa7c04131f5")
        << u"v0.0.0-2019110902193-daa7c04131f5"_s << false << QDateTime() << u""_s;
    QTest::addRow("29: v1.2.3-0.20191109021931-daa7c04131f5")
        << u"v1.2.3-0.20191109021931-daa7c04131f5"_s << true
        << QDateTime::fromString(u"2019-11-09T02:19:31Z"_s, Qt::ISODate) << u"daa7c04131f5"_s;
    QTest::addRow("30: v1.2.4-1.20191109021931-daa7c04131f5")
        << u"v1.2.4-1.20191109021931-daa7c04131f5"_s << false << QDateTime() << u""_s;
    QTest::addRow("31: v0.0.0-20191309021931-daa7c04131f5")
        << u"v0.0.0-20191309021931-daa7c04131f5"_s << true << QDateTime() << u"daa7c04131f5"_s;
    QTest::addRow("32: v0.0.0-20191109021931-")
        << u"v0.0.0-20191109021931-"_s << false << QDateTime() << u""_s;
    QTest::addRow("33: v0.0.0-20200229235959-000000000000")
        << u"v0.0.0-20200229235959-000000000000"_s << true
        << QDateTime::fromString(u"2020-02-29T23:59:59Z"_s, Qt::ISODate) << u"000000000000"_s;
    QTest::addRow("34: v0.0.0-20210229235959-000000000000")
        << u"v0.0.0-20210229235959-000000000000"_s << true << QDateTime() << u"000000000000"_s;
    QTest::addRow("35: v0.0.0-20191109246000-000000000000")
        << u"v0.0.0-20191109246000-000000000000"_s << true << QDateTime() << u"000000000000"_s;
    QTest::addRow("36: v1.0.0-rc1") << u"v1.0.0-rc1"_s << false << QDateTime() << u""_s;
    QTest::addRow("37: v0.0.0-20230326023000-abcdefabcdef")
        << u"v0.0.0-20230326023000-abcdefabcdef"_s << true
        << QDateTime::fromString(u"2023-03-26T02:30:00Z"_s, Qt::ISODate) << u"abcdefabcdef"_s;
    QTest::addRow("38: (empty)") << u""_s << false << QDateTime() << u""_s;
}

void TestSemver::shouldRecognisePseudoVersions()
{
    QFETCH(QString, version);
    QFETCH(bool, pseudo);
    QFETCH(QDateTime, time);
    QFETCH(QString, revision);
    QCOMPARE(Semver::isPseudo(version), pseudo);
    const QDateTime got = Semver::pseudoTime(version);
    QCOMPARE(got.isValid(), time.isValid());
    if (time.isValid()) {
        QCOMPARE(got.timeSpec(), Qt::UTC);
        QCOMPARE(got, time);
    }
    QCOMPARE(Semver::pseudoRevision(version), revision);
}

// Each inner list holds versions that compare equal; the lists are in ascending order.
// compare() must agree with this order for every pair (x/mod's answers, all 784 pairs).
void TestSemver::shouldOrderLikeXMod()
{
    const QList<QStringList> ascending = {
        {u""_s, u"bad"_s},
        {u"v0.0.0-20191109021931-daa7c04131f5"_s},
        {u"v0.0.1"_s},
        {u"v1.0.0-1"_s},
        {u"v1.0.0-9"_s},
        {u"v1.0.0-10"_s},
        {u"v1.0.0-01x"_s},
        {u"v1.0.0-a"_s},
        {u"v1.0.0-alpha"_s},
        {u"v1.0.0-alpha.1"_s},
        {u"v1.0.0-alpha.-"_s},
        {u"v1.0.0-alpha.Z"_s},
        {u"v1.0.0-alpha.beta"_s},
        {u"v1.0.0-alpha.z"_s},
        {u"v1.0.0-beta"_s},
        {u"v1.0.0-beta.2"_s},
        {u"v1.0.0-beta.11"_s},
        {u"v1.0.0-rc.1"_s},
        {u"v1.0.0"_s, u"v1"_s, u"v1.0"_s, u"v1.0.0+meta"_s},
        {u"v1.2"_s, u"v1.2.0"_s},
        {u"v1.10.0"_s},
        {u"v2.0.0+incompatible"_s, u"v2"_s},
    };
    for (qsizetype i = 0; i < ascending.size(); ++i) {
        for (const QString &a : ascending.at(i)) {
            for (qsizetype j = 0; j < ascending.size(); ++j) {
                for (const QString &b : ascending.at(j)) {
                    const int want = i < j ? -1 : (i > j ? 1 : 0);
                    QVERIFY2(Semver::compare(a, b) == want,
                             qPrintable(u"compare(%1, %2) != %3"_s.arg(a, b).arg(want)));
                }
            }
        }
    }
}

// The semver.org precedence rules, stated one by one.
void TestSemver::shouldFollowSemverPrecedenceRules()
{
    // A pre-release sorts before its release.
    QCOMPARE(Semver::compare(u"v1.0.0-rc.1", u"v1.0.0"), -1);
    // Numeric identifiers compare as numbers, below alphanumeric ones.
    QCOMPARE(Semver::compare(u"v1.0.0-beta.2", u"v1.0.0-beta.11"), -1);
    QCOMPARE(Semver::compare(u"v1.0.0-1", u"v1.0.0-a"), -1);
    QCOMPARE(Semver::compare(u"v1.0.0-9", u"v1.0.0-10"), -1);
    // Alphanumeric identifiers compare in ASCII order.
    QCOMPARE(Semver::compare(u"v1.0.0-alpha.Z", u"v1.0.0-alpha.z"), -1);
    // More identifiers win when the shared ones are equal.
    QCOMPARE(Semver::compare(u"v1.0.0-alpha", u"v1.0.0-alpha.1"), -1);
    // Build metadata is ignored; shorthands are their .0 forms.
    QCOMPARE(Semver::compare(u"v1.0.0+meta", u"v1.0.0"), 0);
    QCOMPARE(Semver::compare(u"v1", u"v1.0.0"), 0);
    QCOMPARE(Semver::compare(u"v1.2", u"v1.2.0"), 0);
    // Numbers, not text: v1.10.0 > v1.2.0.
    QCOMPARE(Semver::compare(u"v1.10.0", u"v1.2.0"), 1);
    // Invalid versions sort first and equal to each other.
    QCOMPARE(Semver::compare(u"bad", u"v0.0.0"), -1);
    QCOMPARE(Semver::compare(u"bad", u""), 0);
    // A pseudo-version sorts below the release it precedes.
    QCOMPARE(Semver::compare(u"v1.2.4-0.20191109021931-daa7c04131f5", u"v1.2.4"), -1);
    QCOMPARE(Semver::compare(u"v1.2.4-0.20191109021931-daa7c04131f5", u"v1.2.3"), 1);
}

QTEST_GUILESS_MAIN(TestSemver)
#include "tst_semver.moc"
