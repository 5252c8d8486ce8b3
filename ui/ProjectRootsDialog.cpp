// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectRootsDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "ProjectRootsSettings.h"

using namespace Qt::StringLiterals;

namespace mk {

ProjectRootsDialog::ProjectRootsDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(u"projectRootsDialog"_s);
    setWindowTitle(tr("Project Folders"));

    auto *intro = new QLabel(tr("ModKeeper looks for Go projects (go.mod and go.work files) "
                                "below these folders, to tell which module versions and "
                                "toolchains they need."),
                             this);
    intro->setWordWrap(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(u"projectRootsList"_s);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_hint = new QLabel(this);
    m_hint->setObjectName(u"projectRootsHint"_s);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    auto *addButton = new QPushButton(tr("&Add Folder\u2026"), this);
    addButton->setObjectName(u"addProjectRootButton"_s);
    m_removeButton = new QPushButton(tr("&Remove"), this);
    m_removeButton->setObjectName(u"removeProjectRootButton"_s);
    auto *side = new QVBoxLayout;
    side->addWidget(addButton);
    side->addWidget(m_removeButton);
    side->addStretch(1);
    auto *middle = new QHBoxLayout;
    middle->addWidget(m_list, 1);
    middle->addLayout(side);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(middle, 1);
    layout->addWidget(m_hint);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &ProjectRootsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ProjectRootsDialog::reject);
    connect(addButton, &QPushButton::clicked, this, &ProjectRootsDialog::chooseFolder);
    connect(m_removeButton, &QPushButton::clicked, this, &ProjectRootsDialog::removeSelected);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &ProjectRootsDialog::updateButtons);

    const bool configured = ProjectRootsSettings::isConfigured();
    m_saved = configured ? ProjectRootsSettings::roots() : QStringList();
    for (const QString &dir :
         configured ? ProjectRootsSettings::roots() : ProjectRootsSettings::proposals())
        addRoot(dir);
    if (!configured) {
        m_hint->setText(m_list->count() > 0
                            ? tr("Proposed: the usual project folders found in your home. OK "
                                 "keeps them.")
                            : tr("None of the usual project folders (~/go/src, ~/src, ~/code, "
                                 "~/projects, ~/work) exists: add yours."));
    }
    updateButtons();
    resize(560, 340);
}

ProjectRootsDialog::~ProjectRootsDialog() = default;

QStringList ProjectRootsDialog::roots() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->data(Qt::UserRole).toString();
    return out;
}

bool ProjectRootsDialog::addRoot(const QString &dir)
{
    const QString clean = QDir::cleanPath(dir);
    if (clean.isEmpty() || roots().contains(clean))
        return false;
    auto *item = new QListWidgetItem(QDir::toNativeSeparators(clean), m_list);
    item->setData(Qt::UserRole, clean);
    updateButtons();
    return true;
}

void ProjectRootsDialog::removeSelected()
{
    qDeleteAll(m_list->selectedItems());
    updateButtons();
}

void ProjectRootsDialog::accept()
{
    const QStringList now = roots();
    const bool changed = !ProjectRootsSettings::isConfigured() || now != m_saved;
    ProjectRootsSettings::setRoots(now);
    QDialog::accept();
    if (changed)
        Q_EMIT rootsChanged(now);
}

void ProjectRootsDialog::chooseFolder()
{
    auto *chooser = new QFileDialog(this, tr("Project Folder"), QDir::homePath());
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::Directory);
    chooser->setOption(QFileDialog::ShowDirsOnly);
    connect(chooser, &QFileDialog::fileSelected, this,
            [this](const QString &dir) { addRoot(dir); });
    chooser->open();
}

void ProjectRootsDialog::updateButtons()
{
    if (m_removeButton)
        m_removeButton->setEnabled(!m_list->selectedItems().isEmpty());
}

} // namespace mk
