// SPDX-License-Identifier: GPL-3.0-or-later
#include "SummaryPanel.h"

#include <algorithm>
#include <utility>

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QVBoxLayout>

#include "CacheModel.h"
#include "DisplayFormat.h"
#include "SpaceBar.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr std::array<SummaryPanel::Part, SummaryPanel::PartCount> allParts
    = {SummaryPanel::Versions,   SummaryPanel::VcsClones, SummaryPanel::ChecksumDb,
       SummaryPanel::Toolchains, SummaryPanel::Metadata,  SummaryPanel::Unknown,
       SummaryPanel::Trash};

// Object-name stems, also used by tests: summary<Stem>Count, summary<Stem>Size.
constexpr std::array<const char16_t *, SummaryPanel::PartCount> partKeys
    = {u"Versions", u"Vcs", u"Sumdb", u"Toolchains", u"Metadata", u"Unknown", u"Trash"};

QPixmap swatch(const QColor &color, qreal dpr)
{
    const int side = 12;
    QPixmap pixmap(QSize(side, side) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(color.darker(120));
    p.setBrush(color);
    p.drawRoundedRect(QRectF(0.5, 0.5, side - 1, side - 1), 3, 3);
    return pixmap;
}

QLabel *makeValueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QFrame *makeSeparator(QWidget *parent)
{
    auto *line = new QFrame(parent);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}

QLabel *makeCaption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

} // namespace

SummaryPanel::SummaryPanel(QWidget *parent)
    : QWidget(parent), m_totalLabel(new QLabel(this)), m_totalCaption(new QLabel(this)),
      m_spaceBar(new SpaceBar(this)), m_issuesLabel(makeValueLabel(u"summaryIssues"_s, this)),
      m_buildCachePath(new QLabel(this)),
      m_buildCacheSize(makeValueLabel(u"buildCacheSize"_s, this))
{
    setObjectName(u"summaryPanel"_s);
    m_spaceBar->setObjectName(u"spaceBar"_s);
    m_totalLabel->setObjectName(u"summaryTotal"_s);
    QFont big = m_totalLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setWeight(QFont::DemiBold);
    m_totalLabel->setFont(big);
    m_totalCaption->setForegroundRole(QPalette::PlaceholderText);
    m_totalCaption->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(6);
    layout->addWidget(makeCaption(tr("Space on disk"), this));
    layout->addWidget(m_totalLabel);
    layout->addWidget(m_totalCaption);
    layout->addSpacing(4);
    layout->addWidget(m_spaceBar);
    layout->addSpacing(6);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(5);
    grid->setColumnStretch(1, 1);
    const qreal dpr = 2.0; // crisp on high-DPI screens, scaled down elsewhere
    for (Part part : allParts) {
        const QString key = QString::fromUtf16(partKeys[part]);
        auto *sw = new QLabel(this);
        sw->setPixmap(swatch(partColor(part), dpr));
        auto *name = new QLabel(partName(part), this);
        m_countLabels[part] = makeValueLabel(u"summary"_s + key + u"Count"_s, this);
        m_countLabels[part]->setForegroundRole(QPalette::PlaceholderText);
        m_sizeLabels[part] = makeValueLabel(u"summary"_s + key + u"Size"_s, this);
        m_sizeLabels[part]->setMinimumWidth(
            m_sizeLabels[part]->fontMetrics().horizontalAdvance(u"0000.0 MiB"_s));
        grid->addWidget(sw, part, 0);
        grid->addWidget(name, part, 1);
        grid->addWidget(m_countLabels[part], part, 2);
        grid->addWidget(m_sizeLabels[part], part, 3);
    }
    m_countLabels[Versions]->setToolTip(tr("Module versions in the tree"));
    m_countLabels[VcsClones]->setToolTip(
        tr("Repositories cloned under cache/vcs for direct fetches"));
    m_countLabels[ChecksumDb]->setToolTip(
        tr("Checksum database lookups and tiles (cache/download/sumdb)"));
    m_countLabels[Toolchains]->setToolTip(
        tr("Go toolchains downloaded as golang.org/toolchain modules"));
    m_countLabels[Metadata]->setToolTip(tr("Directories, version lists and lock files"));
    m_countLabels[Unknown]->setToolTip(
        tr("Stray files, undecodable names, leftover temporary directories"));
    m_countLabels[Trash]->setToolTip(tr("Trees ModKeeper moved aside, waiting to be deleted"));
    layout->addLayout(grid);

    layout->addSpacing(4);
    layout->addWidget(makeSeparator(this));
    auto *more = new QGridLayout;
    more->setHorizontalSpacing(8);
    more->setVerticalSpacing(5);
    more->setColumnStretch(0, 1);
    more->addWidget(new QLabel(tr("Unreadable paths"), this), 0, 0);
    more->addWidget(m_issuesLabel, 0, 1);
    m_buildCachePath->setObjectName(u"buildCacheLabel"_s);
    m_buildCachePath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buildCachePath->setWordWrap(true);
    m_buildCachePath->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    more->addWidget(m_buildCachePath, 1, 0);
    more->addWidget(m_buildCacheSize, 1, 1, Qt::AlignTop);
    layout->addLayout(more);
    layout->addStretch(1);

    setBuildCache({});
    refresh();
}

SummaryPanel::~SummaryPanel() = default;

QColor SummaryPanel::partColor(Part part)
{
    switch (part) {
    case Versions:
        return QColor(0x3f, 0x7f, 0xd0);
    case VcsClones:
        return QColor(0x9b, 0x6b, 0xcc);
    case ChecksumDb:
        return QColor(0x2a, 0xa1, 0x98);
    case Toolchains:
        return QColor(0xe5, 0xa5, 0x0a);
    case Metadata:
        return QColor(0xb0, 0xb7, 0xc0);
    case Unknown:
        return QColor(0xd0, 0x67, 0x5c);
    case Trash:
        return QColor(0x6e, 0x77, 0x81);
    case PartCount:
        break;
    }
    return {};
}

QString SummaryPanel::partName(Part part)
{
    switch (part) {
    case Versions:
        return tr("Module versions");
    case VcsClones:
        return tr("VCS clones");
    case ChecksumDb:
        return tr("Checksum DB");
    case Toolchains:
        return tr("Toolchains");
    case Metadata:
        return tr("Metadata");
    case Unknown:
        return tr("Unknown");
    case Trash:
        return tr("Trash");
    case PartCount:
        break;
    }
    return {};
}

void SummaryPanel::setModel(const CacheModel *model)
{
    if (m_model == model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model)
        connect(m_model, &CacheModel::totalsChanged, this, &SummaryPanel::refresh);
    refresh();
}

void SummaryPanel::setBuildCache(const QString &path, const QString &problem)
{
    if (path.isEmpty()) {
        m_buildCachePath->setText(tr("GOCACHE: unknown"));
    } else {
        m_buildCachePath->setText(tr("GOCACHE: %1").arg(path));
    }
    m_buildCachePath->setToolTip(
        problem.isEmpty() ? tr("The build cache. It is not part of GOMODCACHE; its size is "
                               "measured after each scan.")
                          : problem);
    m_buildCacheSize->setText(u"\u2014"_s);
}

void SummaryPanel::setBuildCacheBytes(quint64 bytes)
{
    m_buildCacheSize->setText(DisplayFormat::size(bytes));
}

void SummaryPanel::refresh()
{
    std::array<quint64, PartCount> counts{};
    std::array<quint64, PartCount> bytes{};
    quint64 total = 0;
    qsizetype issues = 0;
    if (m_model) {
        counts[Versions] = m_model->versionCount();
        bytes[Versions] = m_model->versionBytes();
        const std::array<std::pair<Part, OtherKind>, 6> kinds = {{
            {VcsClones, OtherKind::Vcs},
            {ChecksumDb, OtherKind::Sumdb},
            {Toolchains, OtherKind::Toolchain},
            {Metadata, OtherKind::Metadata},
            {Unknown, OtherKind::Unknown},
            {Trash, OtherKind::Trash},
        }};
        for (const auto &[part, kind] : kinds) {
            const CacheModel::OtherTotals t = m_model->otherTotals(kind);
            counts[part] = t.entries;
            bytes[part] = t.diskBytes;
        }
        total = m_model->scanTotals().diskBytes;
        issues = m_model->issues().size();
    }

    QList<SpaceBar::Segment> segments;
    quint64 sum = 0;
    for (Part part : allParts) {
        m_countLabels[part]->setText(DisplayFormat::count(counts[part]));
        m_sizeLabels[part]->setText(DisplayFormat::size(bytes[part]));
        segments.append({partName(part), bytes[part], partColor(part)});
        sum += bytes[part];
    }
    m_spaceBar->setSegments(segments);

    // The scanner's total counts every byte once; fall back to the parts while it has
    // not reported one.
    total = std::max(total, sum);
    m_totalLabel->setText(DisplayFormat::size(total));
    if (!m_model || (total == 0 && !m_model->isComplete())) {
        m_totalCaption->setText(tr("Nothing scanned yet"));
    } else {
        const ScanTotals &t = m_model->scanTotals();
        m_totalCaption->setText(
            tr("%1 files in %2 directories%3")
                .arg(DisplayFormat::count(t.files), DisplayFormat::count(t.directories),
                     m_model->isComplete() ? QString() : tr(" \u00b7 scanning\u2026")));
    }

    m_issuesLabel->setText(DisplayFormat::count(quint64(issues)));
    if (issues > 0 && m_model) {
        QStringList lines;
        const QList<ScanIssue> &list = m_model->issues();
        for (qsizetype i = 0; i < std::min<qsizetype>(list.size(), 10); ++i)
            lines << u"%1: %2"_s.arg(list.at(i).path, list.at(i).message);
        if (list.size() > 10)
            lines << tr("and %1 more").arg(list.size() - 10);
        m_issuesLabel->setToolTip(lines.join(u'\n'));
        QPalette pal = m_issuesLabel->palette();
        pal.setColor(QPalette::WindowText, DisplayFormat::stateColor(VersionState::Partial));
        m_issuesLabel->setPalette(pal);
    } else {
        m_issuesLabel->setToolTip(tr("Every directory of the cache could be read"));
        m_issuesLabel->setPalette(QPalette());
    }
}

} // namespace mk
