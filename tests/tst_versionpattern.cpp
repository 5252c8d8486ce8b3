// SPDX-License-Identifier: GPL-3.0-or-later
// VersionPattern, the patterns purge, restore, verify, repair and refresh take (path,
// path@version, GOPRIVATE-style glob lists), and Semver::less, the one total order versions
// are sorted in (keep-latest, verify's report, the GUI). No disk, no go.
#include <algorithm>

#include <QTest>

#include "module/Semver.h"
#include "module/VersionPattern.h"

using namespace Qt::StringLiterals;
using namespace mk;

class TestVersionPattern final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadGlobListsByTheirMetacharacters_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("glob");
        QTest::newRow("path") << u"example.com/a"_s << false;
        QTest::newRow("path@version") << u"example.com/a@v1.0.0"_s << false;
        QTest::newRow("star") << u"example.com/*"_s << true;
        QTest::newRow("question mark") << u"example.com/?"_s << true;
        QTest::newRow("class") << u"example.com/[ab]"_s << true;
        QTest::newRow("list of plain paths") << u"a.example.com,b.example.com"_s << true;
        QTest::newRow("empty") << QString() << false;
    }

    void shouldReadGlobListsByTheirMetacharacters()
    {
        QFETCH(QString, pattern);
        QFETCH(bool, glob);
        QCOMPARE(VersionPattern::isGlobList(pattern), glob);
    }

    void shouldMatchPatternsLikeGoprivate_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("matches");

        QTest::newRow("path: itself") << u"example.com/a"_s << u"example.com/a@v1.0.0"_s << true;
        QTest::newRow("path: not a longer name")
            << u"example.com/a"_s << u"example.com/ab@v1.0.0"_s << false;
        QTest::newRow("path: not a nested module")
            << u"example.com/a"_s << u"example.com/a/sub@v1.0.0"_s << false;
        QTest::newRow("path: not its /v2")
            << u"example.com/a"_s << u"example.com/a/v2@v2.0.0"_s << false;
        QTest::newRow("path@version: that version")
            << u"example.com/a@v1.0.0"_s << u"example.com/a@v1.0.0"_s << true;
        QTest::newRow("path@version: not another")
            << u"example.com/a@v1.0.0"_s << u"example.com/a@v1.0.1"_s << false;
        QTest::newRow("path@version: +incompatible")
            << u"example.com/l@v2.0.0+incompatible"_s << u"example.com/l@v2.0.0+incompatible"_s
            << true;
        QTest::newRow("glob: host/*") << u"example.com/*"_s << u"example.com/a@v1.0.0"_s << true;
        QTest::newRow("glob: host/* covers deeper paths")
            << u"example.com/*"_s << u"example.com/a/sub@v1.0.0"_s << true;
        QTest::newRow("glob: host/* needs a second element")
            << u"example.com/*"_s << u"example.com@v1.0.0"_s << false;
        QTest::newRow("glob: other host")
            << u"example.com/*"_s << u"a.example.com/x@v1.0.0"_s << false;
        QTest::newRow("list: first")
            << u"a.example.com,b.example.com"_s << u"a.example.com/x@v1.0.0"_s << true;
        QTest::newRow("list: second")
            << u"a.example.com,b.example.com"_s << u"b.example.com/y@v1.0.0"_s << true;
        QTest::newRow("list: neither")
            << u"a.example.com,b.example.com"_s << u"c.example.com/z@v1.0.0"_s << false;
        QTest::newRow("glob: *.host") << u"*.example.com"_s << u"c.example.com/z@v1.0.0"_s << true;
        QTest::newRow("glob: *.host is not host")
            << u"*.example.com"_s << u"example.com/a@v1.0.0"_s << false;
        QTest::newRow("upper case: the real path")
            << u"github.com/BurntSushi/toml"_s << u"github.com/BurntSushi/toml@v1.2.0"_s << true;
        QTest::newRow("upper case: case matters")
            << u"github.com/burntsushi/toml"_s << u"github.com/BurntSushi/toml@v1.2.0"_s << false;
        QTest::newRow("upper case: glob")
            << u"github.com/BurntSushi/*"_s << u"github.com/BurntSushi/toml@v1.2.0"_s << true;
    }

    void shouldMatchPatternsLikeGoprivate()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, id);
        QFETCH(bool, matches);
        const qsizetype at = id.indexOf(u'@');
        QVERIFY(VersionPattern::check(pattern).ok());
        QCOMPARE(VersionPattern::matches(pattern, id.left(at), id.mid(at + 1)), matches);
        QCOMPARE(VersionPattern::matchesAny({u"other.example.com/x"_s, pattern}, id.left(at),
                                            id.mid(at + 1)),
                 matches);
    }

    void shouldCompareTheVersionTextExactly()
    {
        // path@version names one cache entry: no canonicalisation, no build metadata games.
        QVERIFY(!VersionPattern::matches(u"example.com/l@v2.0.0", u"example.com/l",
                                         u"v2.0.0+incompatible"));
        QVERIFY(!VersionPattern::matches(u"example.com/l@v2.0.0+incompatible", u"example.com/l",
                                         u"v2.0.0"));
        QVERIFY(
            !VersionPattern::matches(u"example.com/a@v1.0.0", u"example.com/a", u"v1.0.0-rc.1"));
        // A glob list never looks at the version.
        QVERIFY(VersionPattern::matches(u"example.com/*", u"example.com/a", u"anything"));
    }

    void shouldMatchNothingWithNoPatterns()
    {
        QVERIFY(!VersionPattern::matchesAny({}, u"example.com/a", u"v1.0.0"));
    }

    void shouldNameTheVersionThatIsNotCanonical()
    {
        const Status st = VersionPattern::check(u"example.com/a@v1.2"_s);
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, Error::Code::InvalidArgument);
        QVERIFY2(st.error().toString().contains(u"\"v1.2\" is not a canonical version"_s),
                 qPrintable(st.error().toString()));
    }

    void shouldRejectAnEmptyPattern()
    {
        const Status st = VersionPattern::check(QString());
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, Error::Code::InvalidArgument);
    }

    // Patterns that can never match anything: path.Match (and so GOPRIVATE matching) reports
    // ErrBadPattern for the globs, and "path@" names no version. A purge must say so instead
    // of silently matching nothing and exiting 0.
    void shouldRejectPatternsThatCanMatchNothing_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::newRow("empty version") << u"example.com/a@"_s;
        QTest::newRow("unclosed class") << u"example.com/["_s;
        QTest::newRow("unclosed class in a list") << u"a.example.com,example.com/[a-"_s;
        QTest::newRow("trailing escape") << u"example.com/a\\"_s;
    }

    void shouldRejectPatternsThatCanMatchNothing()
    {
        QFETCH(QString, pattern);
        const Status st = VersionPattern::check(pattern);
        QVERIFY2(!st.ok(), qPrintable(u"accepted "_s + pattern));
        QVERIFY2(st.error().toString().contains(pattern), qPrintable(st.error().toString()));
    }

    // The order keep-latest counts in (newest first), verify reports in and the GUI sorts by.
    void shouldOrderVersionsNewestFirst_data()
    {
        QTest::addColumn<QString>("newer");
        QTest::addColumn<QString>("older");
        QTest::newRow("numeric, not string order") << u"v1.10.0"_s << u"v1.2.0"_s;
        QTest::newRow("release after its prerelease") << u"v1.0.0"_s << u"v1.0.0-rc.2"_s;
        QTest::newRow("prereleases among themselves") << u"v1.0.0-rc.2"_s << u"v1.0.0-rc.1"_s;
        QTest::newRow("numeric prerelease identifiers") << u"v1.0.0-rc.10"_s << u"v1.0.0-rc.9"_s;
        QTest::newRow("+incompatible major") << u"v2.0.0+incompatible"_s << u"v1.9.0"_s;
        QTest::newRow("pseudo-versions by time")
            << u"v0.0.0-20240101000000-bbbbbbbbbbbb"_s << u"v0.0.0-20230101000000-aaaaaaaaaaaa"_s;
        QTest::newRow("pseudo after a release")
            << u"v1.2.4-0.20240101000000-aaaaaaaaaaaa"_s << u"v1.2.3"_s;
        QTest::newRow("release after a pseudo before it")
            << u"v1.2.4"_s << u"v1.2.4-0.20240101000000-aaaaaaaaaaaa"_s;
    }

    void shouldOrderVersionsNewestFirst()
    {
        QFETCH(QString, newer);
        QFETCH(QString, older);
        QVERIFY(Semver::less(older, newer));
        QVERIFY(!Semver::less(newer, older));
        QVERIFY(!Semver::less(newer, newer));
    }

    // Where compare() ties (shorthand versions, anything that is not semver) the text decides,
    // so that sorting never depends on the order of its input.
    void shouldOrderTotallyWhereSemverTies()
    {
        QCOMPARE(Semver::compare(u"v1.2", u"v1.2.0"), 0);
        QVERIFY(Semver::less(u"v1.2", u"v1.2.0"));
        QVERIFY(!Semver::less(u"v1.2.0", u"v1.2"));
        QVERIFY(Semver::less(u"bad", u"junk"));
        QVERIFY(!Semver::less(u"junk", u"bad"));
        QVERIFY(!Semver::less(u"junk", u"junk"));
        QVERIFY(Semver::less(u"junk", u"v0.0.1")); // invalid before every valid version

        const QStringList expected
            = {u"bad"_s, u"junk"_s, u"v0.1.0"_s, u"v1.2"_s, u"v1.2.0"_s, u"v1.10.0"_s};
        QStringList input = expected;
        std::sort(input.begin(), input.end()); // the first permutation: every order is tried
        do {
            QStringList sorted = input;
            std::sort(sorted.begin(), sorted.end(),
                      [](const QString &a, const QString &b) { return Semver::less(a, b); });
            QCOMPARE(sorted, expected);
        } while (std::next_permutation(input.begin(), input.end()));
    }
};

QTEST_GUILESS_MAIN(TestVersionPattern)
#include "tst_versionpattern.moc"
