// SPDX-License-Identifier: GPL-3.0-or-later
#include "CleanupDialog.h"

#include <algorithm>
#include <utility>

#include <QCoreApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTreeView>
#include <QVBoxLayout>

#include "DisplayFormat.h"
#include "PurgePreviewModel.h"
#include "purge/PurgePlanner.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int previewDelayMs = 150; // edits closer together than this share one preview

constexpr std::array<VersionState, 4> stateOrder
    = {VersionState::Complete, VersionState::Partial, VersionState::ArchiveOnly,
       VersionState::MetadataOnly};

// Object-name stems of the state check boxes (tests find them): state<Stem>Check.
constexpr std::array<const char16_t *, 4> stateKeys
    = {u"Complete", u"Partial", u"ArchiveOnly", u"MetadataOnly"};

const QString settingsGroup = u"CleanupDialog"_s;

QString versionsText(quint64 n)
{
    return n == 1 ? CleanupDialog::tr("1 version")
                  : CleanupDialog::tr("%1 versions").arg(DisplayFormat::count(n));
}

QLabel *makeHint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 0.92);
    label->setFont(f);
    return label;
}

} // namespace

CleanupDialog::CleanupDialog(QList<ModuleVersionRecord> versions, QWidget *parent)
    : QDialog(parent), m_versions(std::move(versions)), m_preview(new PurgePreviewModel(this))
{
    setObjectName(u"cleanupDialog"_s);
    setWindowTitle(tr("Clean Up Module Cache"));
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(previewDelayMs);
    connect(&m_debounce, &QTimer::timeout, this, &CleanupDialog::updatePreview);

    buildUi();
    loadSettings();
    updatePreview();
    resize(760, 640);
}

CleanupDialog::~CleanupDialog() = default;

void CleanupDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);

    // Which modules.
    auto *which = new QGroupBox(tr("Which modules"), this);
    auto *whichLayout = new QVBoxLayout(which);
    m_patterns = new QLineEdit(which);
    m_patterns->setObjectName(u"patternsEdit"_s);
    m_patterns->setClearButtonEnabled(true);
    m_patterns->setPlaceholderText(tr("All modules"));
    m_patterns->setToolTip(tr("Patterns as modkeeper-cli purge takes them, separated by spaces:\n"
                              "  path@version   exactly that version\n"
                              "  path           every version of exactly that module\n"
                              "  golang.org/x/*,gopkg.in   a glob list, matched as GOPRIVATE is"));
    whichLayout->addWidget(m_patterns);
    whichLayout->addWidget(makeHint(
        tr("path, path@version or globs like golang.org/x/*,gopkg.in, separated by spaces. "
           "Empty: every module, narrowed by the policies below."),
        which));
    layout->addWidget(which);

    // Policies.
    auto *policies = new QGroupBox(tr("Remove versions that"), this);
    auto *form = new QVBoxLayout(policies);
    form->setSpacing(6);

    auto *olderRow = new QHBoxLayout;
    m_olderThanCheck = new QCheckBox(tr("were last used more than"), policies);
    m_olderThanCheck->setObjectName(u"olderThanCheck"_s);
    m_olderThanCheck->setToolTip(tr("Last use where the filesystem tracks access times; else "
                                    "the download date"));
    m_olderThanSpin = new QSpinBox(policies);
    m_olderThanSpin->setObjectName(u"olderThanSpin"_s);
    m_olderThanSpin->setRange(0, 36500);
    m_olderThanSpin->setValue(90);
    m_olderThanSpin->setSuffix(tr(" days ago"));
    olderRow->addWidget(m_olderThanCheck);
    olderRow->addWidget(m_olderThanSpin);
    olderRow->addStretch(1);
    form->addLayout(olderRow);

    auto *keepRow = new QHBoxLayout;
    m_keepLatestCheck = new QCheckBox(tr("are not among the newest"), policies);
    m_keepLatestCheck->setObjectName(u"keepLatestCheck"_s);
    m_keepLatestCheck->setToolTip(tr("Keeps the newest versions of each module and major "
                                     "version (v1 and v2 count apart), in semver order"));
    m_keepLatestSpin = new QSpinBox(policies);
    m_keepLatestSpin->setObjectName(u"keepLatestSpin"_s);
    m_keepLatestSpin->setRange(0, 999);
    m_keepLatestSpin->setValue(2);
    auto *keepSuffix = new QLabel(tr("of their module (per major version)"), policies);
    keepRow->addWidget(m_keepLatestCheck);
    keepRow->addWidget(m_keepLatestSpin);
    keepRow->addWidget(keepSuffix);
    keepRow->addStretch(1);
    form->addLayout(keepRow);

    auto *statesRow = new QHBoxLayout;
    statesRow->addWidget(new QLabel(tr("are in one of the states"), policies));
    for (std::size_t i = 0; i < stateOrder.size(); ++i) {
        auto *check = new QCheckBox(DisplayFormat::stateName(stateOrder[i]), policies);
        check->setObjectName(u"state"_s + QString::fromUtf16(stateKeys[i]) + u"Check"_s);
        check->setToolTip(DisplayFormat::stateDescription(stateOrder[i]));
        check->setChecked(true);
        m_stateChecks[i] = check;
        statesRow->addWidget(check);
    }
    statesRow->addStretch(1);
    form->addLayout(statesRow);
    layout->addWidget(policies);

    m_lightCheck = new QCheckBox(tr("Keep the zips (restorable offline): remove only the "
                                    "extracted trees"),
                                 this);
    m_lightCheck->setObjectName(u"lightCheck"_s);
    m_lightCheck->setToolTip(tr("A light clean: go re-extracts a tree from its zip when a "
                                "build needs it, and Restore does it offline"));
    layout->addWidget(m_lightCheck);

    m_projectsCheck = new QCheckBox(tr("Keep only what my projects need"), this);
    m_projectsCheck->setObjectName(u"projectsPolicyCheck"_s);
    m_projectsCheck->setToolTip(
        tr("Versions no project needs are removed; versions needed only for their go.mod keep "
           "just .info and .mod; toolchains a project's toolchain line names, and the one "
           "running here, stay. The projects are read below the folders of Settings \u25b8 "
           "Projects\u2026"));
    m_projectsCheck->setEnabled(false);
    layout->addWidget(m_projectsCheck);
    m_criteriaWidgets = {which, policies, m_lightCheck};

    // Preview.
    auto *rule = new QFrame(this);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Sunken);
    layout->addWidget(rule);

    m_previewLabel = new QLabel(this);
    m_previewLabel->setObjectName(u"previewLabel"_s);
    QFont big = m_previewLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setWeight(QFont::DemiBold);
    m_previewLabel->setFont(big);
    m_previewLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_previewLabel);
    m_previewDetails = makeHint({}, this);
    m_previewDetails->setObjectName(u"previewDetails"_s);
    layout->addWidget(m_previewDetails);

    m_previewView = new QTreeView(this);
    m_previewView->setObjectName(u"previewList"_s);
    m_previewView->setModel(m_preview);
    m_previewView->setRootIsDecorated(false);
    m_previewView->setUniformRowHeights(true);
    m_previewView->setAlternatingRowColors(true);
    m_previewView->setSelectionMode(QAbstractItemView::NoSelection);
    m_previewView->setFocusPolicy(Qt::NoFocus);
    QHeaderView *header = m_previewView->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(PurgePreviewModel::VersionColumn, QHeaderView::Stretch);
    const QFontMetrics fm = m_previewView->fontMetrics();
    header->resizeSection(PurgePreviewModel::StateColumn,
                          std::max(fm.horizontalAdvance(u"Metadata only"_s),
                                   fm.horizontalAdvance(QCoreApplication::translate(
                                       "DisplayFormat", "Metadata only")))
                              + 24);
    header->resizeSection(PurgePreviewModel::LastUsedColumn,
                          fm.horizontalAdvance(u"2024-12-31"_s) + 24);
    header->resizeSection(PurgePreviewModel::FreesColumn,
                          fm.horizontalAdvance(u"000.0 MiB"_s) + 24);
    header->resizeSection(PurgePreviewModel::NoteColumn,
                          std::max(fm.horizontalAdvance(u"Whole version"_s),
                                   fm.horizontalAdvance(QCoreApplication::translate(
                                       "mk::PurgePreviewModel", "Whole version")))
                              + 24);
    layout->addWidget(m_previewView, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_removeButton = buttons->addButton(tr("Remove"), QDialogButtonBox::AcceptRole);
    m_removeButton->setObjectName(u"cleanupRemoveButton"_s);
    m_removeButton->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &CleanupDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CleanupDialog::reject);
    layout->addWidget(buttons);

    // Every edit previews again after a short pause; check boxes also enable their spin box.
    connect(m_patterns, &QLineEdit::textChanged, this, &CleanupDialog::scheduleUpdate);
    connect(m_olderThanSpin, &QSpinBox::valueChanged, this, &CleanupDialog::scheduleUpdate);
    connect(m_keepLatestSpin, &QSpinBox::valueChanged, this, &CleanupDialog::scheduleUpdate);
    connect(m_olderThanCheck, &QCheckBox::toggled, m_olderThanSpin, &QWidget::setEnabled);
    connect(m_keepLatestCheck, &QCheckBox::toggled, m_keepLatestSpin, &QWidget::setEnabled);
    connect(m_keepLatestCheck, &QCheckBox::toggled, keepSuffix, &QWidget::setEnabled);
    for (QCheckBox *check : {m_olderThanCheck, m_keepLatestCheck, m_lightCheck})
        connect(check, &QCheckBox::toggled, this, &CleanupDialog::scheduleUpdate);
    for (QCheckBox *check : m_stateChecks)
        connect(check, &QCheckBox::toggled, this, &CleanupDialog::scheduleUpdate);
    connect(m_projectsCheck, &QCheckBox::toggled, this, [this] {
        enableCriteria();
        scheduleUpdate();
    });
    m_olderThanSpin->setEnabled(false);
    m_keepLatestSpin->setEnabled(false);
    keepSuffix->setEnabled(false);
}

PurgeCriteria CleanupDialog::criteria() const
{
    PurgeCriteria c;
    c.patterns = m_patterns->text().simplified().split(u' ', Qt::SkipEmptyParts);
    if (m_olderThanCheck->isChecked())
        c.olderThanDays = m_olderThanSpin->value();
    if (m_keepLatestCheck->isChecked())
        c.keepLatest = m_keepLatestSpin->value();
    // Every state ticked means no state filter at all.
    QList<VersionState> states;
    for (std::size_t i = 0; i < stateOrder.size(); ++i) {
        if (m_stateChecks[i]->isChecked())
            states.append(stateOrder[i]);
    }
    if (states.size() < qsizetype(stateOrder.size()))
        c.states = states;
    c.light = m_lightCheck->isChecked();
    return c;
}

void CleanupDialog::setCriteria(const PurgeCriteria &c)
{
    m_patterns->setText(c.patterns.join(u' '));
    m_olderThanCheck->setChecked(c.olderThanDays.has_value());
    if (c.olderThanDays)
        m_olderThanSpin->setValue(*c.olderThanDays);
    m_keepLatestCheck->setChecked(c.keepLatest.has_value());
    if (c.keepLatest)
        m_keepLatestSpin->setValue(*c.keepLatest);
    for (std::size_t i = 0; i < stateOrder.size(); ++i)
        m_stateChecks[i]->setChecked(c.states.isEmpty() || c.states.contains(stateOrder[i]));
    m_lightCheck->setChecked(c.light);
    scheduleUpdate();
}

const PurgePlan &CleanupDialog::plan() const
{
    return m_preview->plan();
}

void CleanupDialog::scheduleUpdate()
{
    m_debounce.start();
}

void CleanupDialog::setProjects(const ProjectsResult &projects, const QString &gomodcache,
                                const QString &runningGoroot)
{
    m_projects = projects;
    m_gomodcache = gomodcache;
    m_runningGoroot = runningGoroot;
    m_hasProjects = true;
    m_projectsCheck->setEnabled(true);
    if (QSettings().value(settingsGroup + u"/projectsPolicy"_s).toBool())
        m_projectsCheck->setChecked(true);
    scheduleUpdate();
}

void CleanupDialog::setProjectPolicy(bool on)
{
    m_projectsCheck->setChecked(on && m_hasProjects);
    scheduleUpdate();
}

bool CleanupDialog::isProjectPolicy() const
{
    return m_hasProjects && m_projectsCheck->isChecked();
}

void CleanupDialog::enableCriteria()
{
    for (QWidget *w : std::as_const(m_criteriaWidgets))
        w->setEnabled(!isProjectPolicy());
}

void CleanupDialog::updateProjectPolicyPreview()
{
    const Expected<ProjectPolicyPlan> planned
        = ProjectPolicy::plan(m_gomodcache, m_versions, m_projects, m_runningGoroot);
    if (!planned) {
        showProblem(planned.error().toString());
        return;
    }
    m_problem.clear();
    m_policyPlan = planned.value();
    const ProjectPolicyPlan &pp = m_policyPlan;
    m_preview->setPlan(pp.plan);
    const quint64 n = quint64(pp.plan.items.size());
    m_previewLabel->setPalette(QPalette());
    m_previewLabel->setText(
        n == 0 ? tr("Nothing to remove")
               : tr("%1 \u00b7 %2 freed").arg(versionsText(n), DisplayFormat::size(pp.plan.bytes)));
    QStringList details;
    details << tr("Needed by no project: %1 removed, %2.")
                   .arg(versionsText(pp.purgedVersions), DisplayFormat::size(pp.purgedBytes));
    details << tr("Needed only for their go.mod: %1 cleaned down to .info and .mod, %2.")
                   .arg(versionsText(pp.modOnlyVersions), DisplayFormat::size(pp.modOnlyBytes));
    details << (pp.keptToolchains == 1
                    ? tr("1 toolchain kept (%1).").arg(DisplayFormat::size(pp.keptToolchainBytes))
                    : tr("%1 toolchains kept (%2).")
                          .arg(DisplayFormat::count(pp.keptToolchains),
                               DisplayFormat::size(pp.keptToolchainBytes)));
    m_previewDetails->setText(details.join(u' '));
    m_removeButton->setEnabled(n > 0);
    m_removeButton->setText(n == 0 ? tr("Remove") : tr("Clean %1").arg(versionsText(n)));
}

void CleanupDialog::updatePreview()
{
    m_debounce.stop();
    m_policyPlan = {};
    if (isProjectPolicy()) {
        updateProjectPolicyPreview();
        return;
    }
    const PurgeCriteria c = criteria();
    const bool anyState = std::any_of(m_stateChecks.cbegin(), m_stateChecks.cend(),
                                      [](const QCheckBox *check) { return check->isChecked(); });
    if (!anyState) {
        showProblem(tr("Tick at least one state."));
        return;
    }
    if (c.patterns.isEmpty() && !c.olderThanDays && !c.keepLatest && c.states.isEmpty()) {
        showProblem(tr("Choose what to clean up: patterns, a policy or some states. To remove "
                       "everything, use Cache \u25b8 Purge Everything."));
        return;
    }

    ScanResult scan;
    scan.versions = m_versions;
    const Expected<PurgePlan> planned = PurgePlanner::plan(scan, c);
    if (!planned) {
        showProblem(planned.error().toString());
        return;
    }
    m_problem.clear();
    const PurgePlan &p = planned.value();
    m_preview->setPlan(p);

    const quint64 n = quint64(p.items.size());
    m_previewLabel->setPalette(QPalette());
    m_previewLabel->setText(
        n == 0 ? tr("Nothing to remove")
               : tr("%1 \u00b7 %2 freed").arg(versionsText(n), DisplayFormat::size(p.bytes)));
    QStringList details;
    if (n > 0) {
        details << (c.light ? tr("Only the extracted trees go; the zips stay, so Restore "
                                 "brings them back offline.")
                            : tr("go downloads them again when a build needs them."));
    }
    if (!p.skipped.isEmpty())
        details << tr("%1 left alone, with the reason, at the end of the list.")
                       .arg(versionsText(quint64(p.skipped.size())));
    if (n == 0 && p.skipped.isEmpty())
        details << tr("No version of the cache meets all the criteria.");
    m_previewDetails->setText(details.join(u' '));
    m_removeButton->setEnabled(n > 0);
    m_removeButton->setText(n == 0     ? tr("Remove")
                            : !c.light ? tr("Remove %1").arg(versionsText(n))
                            : n == 1   ? tr("Drop 1 Tree")
                                       : tr("Drop %1 Trees").arg(DisplayFormat::count(n)));
}

void CleanupDialog::showProblem(const QString &problem)
{
    m_problem = problem;
    m_preview->clear();
    QPalette pal = m_previewLabel->palette();
    pal.setColor(QPalette::WindowText, DisplayFormat::stateColor(VersionState::Partial));
    m_previewLabel->setPalette(pal);
    m_previewLabel->setText(tr("Nothing to remove"));
    m_previewDetails->setText(problem);
    m_removeButton->setEnabled(false);
    m_removeButton->setText(tr("Remove"));
}

void CleanupDialog::accept()
{
    // The preview may be a pause behind the last edit: the plan must be the one shown.
    if (m_debounce.isActive()) {
        updatePreview();
        return;
    }
    if (plan().items.isEmpty())
        return;
    saveSettings();
    QDialog::accept();
}

void CleanupDialog::loadSettings()
{
    QSettings settings;
    settings.beginGroup(settingsGroup);
    if (!settings.contains(u"patterns"_s))
        return;
    PurgeCriteria c;
    c.patterns = settings.value(u"patterns"_s).toStringList();
    if (settings.value(u"olderThan"_s).toBool())
        c.olderThanDays = settings.value(u"olderThanDays"_s, 90).toInt();
    if (settings.value(u"keepLatest"_s).toBool())
        c.keepLatest = settings.value(u"keepLatestCount"_s, 2).toInt();
    for (const QString &name : settings.value(u"states"_s).toStringList()) {
        if (const std::optional<VersionState> s = versionStateFromString(name))
            c.states.append(*s);
    }
    c.light = settings.value(u"light"_s).toBool();
    setCriteria(c);
    // The spin boxes keep their last values even when their policy is off.
    m_olderThanSpin->setValue(settings.value(u"olderThanDays"_s, 90).toInt());
    m_keepLatestSpin->setValue(settings.value(u"keepLatestCount"_s, 2).toInt());
}

void CleanupDialog::saveSettings() const
{
    const PurgeCriteria c = criteria();
    QSettings settings;
    settings.beginGroup(settingsGroup);
    settings.setValue(u"patterns"_s, c.patterns);
    settings.setValue(u"olderThan"_s, m_olderThanCheck->isChecked());
    settings.setValue(u"olderThanDays"_s, m_olderThanSpin->value());
    settings.setValue(u"keepLatest"_s, m_keepLatestCheck->isChecked());
    settings.setValue(u"keepLatestCount"_s, m_keepLatestSpin->value());
    QStringList states;
    for (VersionState s : c.states)
        states << toString(s);
    settings.setValue(u"states"_s, states);
    settings.setValue(u"light"_s, c.light);
    if (m_hasProjects)
        settings.setValue(u"projectsPolicy"_s, isProjectPolicy());
}

} // namespace mk
