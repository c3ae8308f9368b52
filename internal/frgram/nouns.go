package frgram

// The head nouns of the institutions a Contrat Local de Santé names most
// often, by gender: a name starting with one of them needs no « Article »
// column. The lists are short on purpose; a name they miss gets a check
// warning asking for the column, never a guess. « haut » and « haute »
// stand for the noun they precede (« le Haut Conseil », « la Haute
// Autorité »).
var (
	feminineNouns = words(`communauté agence caisse préfecture région ville commune intercom
		mairie mutualité mutuelle maison association fédération direction délégation université métropole
		collectivité union mission plateforme fondation clinique chambre académie assurance protection
		éducation gendarmerie police ligue structure cellule coordination société résidence école
		conférence coopérative entreprise banque administration haute
		agglo agglomération
		ars cpam caf msa cpts carsat dreets ddets udaf mdph pmi ireps`)
	masculineNouns = words(`département conseil centre hôpital établissement syndicat pays pôle groupement
		office institut service comité ministère état rectorat réseau territoire observatoire collectif
		dispositif programme secrétariat tribunal parquet parc bailleur club foyer haut
		ehpad ccas cias chu ch chs clic sdis gip cdos`)
)

// aspirated are first words whose h forbids elision: « le Haut Conseil »,
// « du Havre », « des Hauts-de-France ».
var aspirated = words(`haut haute hauts hautes hameau hameaux halle halles handicap hangar hall havre hollande
	hongrie harcèlement hasard héros hêtre hibou hockey hérisson`)

// genderOf is the gender of a name by its first word, Unknown when the
// lists do not know it. Acronyms are listed by the gender of what they
// stand for in use (« la CPAM », « le CCAS »).
func genderOf(name string) Gender {
	w := firstWord(name)
	switch {
	case feminineNouns[w]:
		return Feminine
	case masculineNouns[w]:
		return Masculine
	}
	return Unknown
}

func words(s string) map[string]bool {
	m := map[string]bool{}
	start := -1
	for i, r := range s + " " {
		if r == ' ' || r == '\n' || r == '\t' {
			if start >= 0 {
				m[s[start:i]] = true
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return m
}
