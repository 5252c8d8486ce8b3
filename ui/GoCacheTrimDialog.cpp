// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoCacheTrimDialog.h"

#include <cmath>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "DisplayFormat.h"
#include "gocache/GoCacheFiles.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {
constexpr double GB = 1e9;
} // namespace

GoCacheTrimDialog::GoCacheTrimDialog(const GoCacheStats &stats, quint64 sizeCap, QWidget *parent)
    : QDialog(parent), m_stats(stats), m_byAge(new QRadioButton(tr("Entries go has not used for"), this)),
      m_bySize(new QRadioButton(tr("Least recently used entries, down to"), this)),
      m_days(new QSpinBox(this)), m_gigabytes(new QDoubleSpinBox(this)),
      m_keep(new QCheckBox(tr("Keep the build cache under this size after every scan"), this)),
      m_estimate(new QLabel(this))
{
    setObjectName(u"goCacheTrimDialog"_s);
    setWindowTitle(tr("Trim the Build Cache"));
    m_byAge->setObjectName(u"goCacheTrimByAge"_s);
    m_bySize->setObjectName(u"goCacheTrimBySize"_s);
    m_days->setObjectName(u"goCacheTrimDays"_s);
    m_gigabytes->setObjectName(u"goCacheTrimSize"_s);
    m_keep->setObjectName(u"goCacheKeepCap"_s);
    m_estimate->setObjectName(u"goCacheTrimEstimate"_s);
    m_estimate->setWordWrap(true);

    m_days->setRange(0, 3650);
    m_days->setValue(GoCacheFiles::TrimLimitDays);
    m_days->setSuffix(tr(" days"));
    m_gigabytes->setRange(0.1, 100000);
    m_gigabytes->setDecimals(1);
    m_gigabytes->setSuffix(tr(" GB"));
    const quint64 start = sizeCap ? sizeCap : stats.diskBytes / 2;
    m_gigabytes->setValue(std::max(0.1, std::round(double(start) / GB * 10) / 10));
    m_keep->setChecked(sizeCap != 0);
    (sizeCap ? m_bySize : m_byAge)->setChecked(true);

    auto *intro = new QLabel(
        tr("go removes entries it has not used for 5 days, once a day. Trim now, with your "
           "own limit: an entry counts as used when go last touched it (go records that at "
           "most once an hour, so an hour is added to the age, as go does)."),
        this);
    intro->setWordWrap(true);
    auto *grid = new QGridLayout;
    grid->addWidget(m_byAge, 0, 0);
    grid->addWidget(m_days, 0, 1);
    grid->addWidget(m_bySize, 1, 0);
    grid->addWidget(m_gigabytes, 1, 1);
    grid->addWidget(m_keep, 2, 0, 1, 2);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    box->button(QDialogButtonBox::Ok)->setText(tr("Trim"));
    connect(box, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(grid);
    layout->addWidget(m_estimate);
    layout->addWidget(box);

    connect(m_byAge, &QRadioButton::toggled, this, &GoCacheTrimDialog::updateEstimate);
    connect(m_days, &QSpinBox::valueChanged, this, &GoCacheTrimDialog::updateEstimate);
    connect(m_gigabytes, &QDoubleSpinBox::valueChanged, this, &GoCacheTrimDialog::updateEstimate);
    updateEstimate();
}

GoCacheTrimDialog::~GoCacheTrimDialog() = default;

bool GoCacheTrimDialog::bySize() const
{
    return m_bySize->isChecked();
}

int GoCacheTrimDialog::days() const
{
    return m_days->value();
}

quint64 GoCacheTrimDialog::maxBytes() const
{
    return quint64(std::llround(m_gigabytes->value() * GB));
}

bool GoCacheTrimDialog::keepCap() const
{
    return m_keep->isChecked();
}

GoCacheStats::Estimate GoCacheTrimDialog::estimate() const
{
    return bySize() ? m_stats.trimToSize(maxBytes()) : m_stats.trimAt(days());
}

void GoCacheTrimDialog::updateEstimate()
{
    m_days->setEnabled(!bySize());
    m_gigabytes->setEnabled(bySize());
    m_keep->setEnabled(bySize());
    const GoCacheStats::Estimate est = estimate();
    QString text = tr("This removes %1 entries and frees %2 of %3.")
                       .arg(DisplayFormat::count(est.entries()), DisplayFormat::size(est.diskBytes),
                            DisplayFormat::size(m_stats.diskBytes));
    if (bySize() && !est.capReached)
        text += u' '
            + tr("The rest was used within the last hour and stays: the cache remains over "
                 "this size.");
    m_estimate->setText(text);
}

} // namespace mk
