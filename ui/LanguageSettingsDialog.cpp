// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanguageSettingsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QVBoxLayout>

#include "LanguageSettings.h"
#include "Translator.h"

using namespace Qt::StringLiterals;

namespace mk {

LanguageSettingsDialog::LanguageSettingsDialog(QWidget *parent)
    : QDialog(parent), m_combo(new QComboBox(this)), m_note(new QLabel(this))
{
    setObjectName(u"languageDialog"_s);
    setWindowTitle(tr("Language"));

    m_combo->setObjectName(u"languageCombo"_s);
    const QString systemLanguage = LanguageSettings::resolve(LanguageSettings::system());
    m_combo->addItem(tr("System default (%1)").arg(LanguageSettings::nativeName(systemLanguage)),
                     LanguageSettings::system());
    const QStringList languages = LanguageSettings::bundled();
    for (const QString &language : languages)
        m_combo->addItem(LanguageSettings::nativeName(language), language);
    setSelectedChoice(LanguageSettings::choice());

    m_note->setObjectName(u"languageNote"_s);
    m_note->setWordWrap(true);
    m_note->setText(tr("A new language applies the next time ModKeeper starts."));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &LanguageSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &LanguageSettingsDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("&User interface language:"), m_combo);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addStretch();
    layout->addWidget(buttons);
}

LanguageSettingsDialog::~LanguageSettingsDialog() = default;

QString LanguageSettingsDialog::selectedChoice() const
{
    return m_combo->currentData().toString();
}

void LanguageSettingsDialog::setSelectedChoice(const QString &choice)
{
    const int index = m_combo->findData(choice);
    m_combo->setCurrentIndex(index < 0 ? 0 : index);
}

void LanguageSettingsDialog::accept()
{
    const QString choice = selectedChoice();
    const bool changes = LanguageSettings::resolve(choice) != Translator::current();
    LanguageSettings::setChoice(choice);
    QDialog::accept();
    if (changes && parentWidget()) {
        auto *box = new QMessageBox(
            QMessageBox::Information, tr("Language"),
            tr("ModKeeper will use %1 the next time it starts.")
                .arg(LanguageSettings::nativeName(LanguageSettings::resolve(choice))),
            QMessageBox::Ok, parentWidget());
        box->setObjectName(u"languageRestartNote"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
}

} // namespace mk
