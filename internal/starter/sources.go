package starter

import "github.com/contrat-local-sante/cls/internal/frgram"

// The starter workbooks: every sheet the build reads, with the headers
// the readers of internal/source expect on row 1 and one example row that
// builds as it is. Their wording is French: the coordinator reads it.

// Fixed sets of values, offered as drop-down lists.
var (
	statuts     = []string{"renouvelée", "nouvelle"}
	evaluations = []string{"processus", "résultats"}
	types       = []string{"critère", "indicateur"}
	articles    = []string{"la", "le", "l'", "les", "aucun"}
	genres      = []string{"f", "m"}
	chartTypes  = []string{"barres", "barres horizontales"}
)

// The other sheets whose first column a column must name.
const (
	fromAxes    = "Axes!$A$2:$A$500"
	fromFiches  = "Fiches!$A$2:$A$500"
	fromLevels  = "'Échelons'!$A$2:$A$500"
	facultatif  = "Facultatif : peut rester vide."
	obligatoire = "Obligatoire."
)

// workbooks returns the four workbooks of a territory named name.
func workbooks(name string) []workbook {
	return []workbook{contrat(name), fiches(name), sigles(), diagnostic()}
}

func contrat(name string) workbook {
	return workbook{file: "contrat.xlsx", sheets: []sheet{
		{name: "Signataires", cols: []column{
			{header: "Institution", note: obligatoire + " Nom de l'institution signataire, avec son article (« La Communauté… », « L'Agence… »). Une ligne par signataire, dans l'ordre de la couverture.", width: 40},
			{header: "Représentée par", note: obligatoire + " Suite de « représentée par … » : « son Président, Monsieur Prénom NOM ».", width: 35},
			{header: "Nom", note: obligatoire + " Nom imprimé sur la page des signatures.", width: 22},
			{header: "Fonction", note: obligatoire + " Fonction imprimée sous le nom.", width: 35},
			{header: "Partie", note: facultatif + " Nom imprimé sur la couverture (« Entre … et … ») ; vide : l'Institution.", width: 30},
			{header: "Article", note: facultatif + " L'article du nom quand il ne se devine pas : la, le, l', les ou aucun.", choices: articles, width: 10},
			{header: "Genre", note: facultatif + " f ou m, quand l'article ne dit pas le genre (« représenté » ou « représentée »).", choices: genres, width: 9},
		}, rows: [][]any{
			{frgram.Capitalize(frgram.Decide(name, "", frgram.Unknown).The()), "sa Présidente, Madame Camille MARTIN", "Camille MARTIN", "La Présidente " + frgram.Decide(name, "", frgram.Unknown).Of(), name, "", ""},
			{"L'Agence Régionale de Santé", "son Directeur général, Monsieur Dominique BERNARD", "Dominique BERNARD", "Le Directeur général de l'Agence Régionale de Santé", "Agence Régionale de Santé", "", ""},
		}},
		{name: "Comité de pilotage", cols: []column{
			{header: "Institution", note: obligatoire + " Une institution membre par ligne : liste de l'article sur la gouvernance et schéma de gouvernance.", width: 50},
		}, rows: [][]any{{"Caisse Primaire d'Assurance Maladie"}}},
		{name: "Comité technique", cols: []column{
			{header: "Institution", note: obligatoire + " Une institution ou un service membre par ligne.", width: 50},
		}, rows: [][]any{{"Service santé " + frgram.Decide(name, "", frgram.Unknown).Of()}}},
		{name: "Présents à la signature", cols: []column{
			{header: "Nom", note: obligatoire + " Personne présente à la signature, imprimée sous « En présence des membres du Comité de Pilotage ». Sans ligne, ce groupe disparaît.", width: 25},
			{header: "Fonction", note: obligatoire + " Sa fonction.", width: 45},
		}, rows: [][]any{{"Claude PETIT", "Directeur de la Caisse Primaire d'Assurance Maladie"}}},
		{name: "Acteurs", cols: []column{
			{header: "Acteur", note: obligatoire + " Un acteur mobilisé par ligne : liste des acteurs.", width: 50},
		}, rows: [][]any{{"Maison de santé pluriprofessionnelle"}}},
		{name: "Groupes de travail", cols: []column{
			{header: "Axe", note: obligatoire + " Numéro de l'axe traité (feuille « Axes » de fiches.xlsx).", width: 8},
			{header: "Intitulé", note: obligatoire + " Thème du groupe.", width: 40},
			{header: "Date", note: obligatoire + " Texte libre, imprimé tel quel : « Mardi 3 février 2026 ».", width: 25},
			{header: "Participants", note: obligatoire + " Nombre entier de participants, sans espace ni texte.", width: 12},
		}, rows: [][]any{{1, "Prévenir et promouvoir la santé", "Mardi 3 février 2026", 12}}},
		{name: "Échelons", cols: []column{
			{header: "Échelon", note: obligatoire + " Nom de l'échelon ; le plus local en premier.", width: 25},
			{header: "Introduction", note: facultatif + " Texte imprimé sous le titre de l'échelon.", width: 60},
		}, rows: [][]any{{"Echelle locale", "Les dispositifs portés sur le territoire."}}},
		{name: "Dispositifs", cols: []column{
			{header: "Échelon", note: obligatoire + " Un échelon de la feuille « Échelons », écrit exactement pareil (liste).", from: fromLevels, width: 20},
			{header: "Dispositif", note: obligatoire + " Titre du dispositif.", width: 40},
			{header: "Libellé court", note: facultatif + " Étiquette dans la figure des dispositifs ; vide : le Dispositif.", width: 18},
			{header: "Texte", note: facultatif + " Fichier du texte, chemin depuis templates/ (dispositifs/nom.md) ; vide : titre seul.", width: 28},
		}, rows: [][]any{{"Echelle locale", "Atelier santé ville", "Atelier santé", "dispositifs/atelier-sante-ville.md"}}},
		{name: "Avenants", cols: []column{
			{header: "Numéro", note: "Registre des avenants : laissez cette feuille sans ligne tant qu'aucun avenant n'est signé (une ligne fait de l'avenant n° 1 une version du contrat). 1, 2, 3… dans l'ordre des lignes.", width: 9},
			{header: "Date de validation COPIL", note: obligatoire + " Date de validation par le Comité de Pilotage (12/03/2026).", width: 16},
			{header: "Date de signature", note: obligatoire + " Date de signature de l'avenant.", width: 16},
			{header: "Objet", note: obligatoire + " Objet de l'avenant.", width: 40},
			{header: "Fiches ajoutées", note: facultatif + " Codes des fiches ajoutées, séparés par des virgules (FA2.6).", width: 16},
			{header: "Fiches modifiées", note: facultatif + " Codes des fiches modifiées, séparés par des virgules.", width: 16},
			{header: "Partenaires ajoutés", note: facultatif + " Texte libre.", width: 25},
			{header: "Membres du COPIL ajoutés", note: facultatif + " Texte libre ; ajoutez-les aussi à la feuille « Comité de pilotage ».", width: 25},
		}},
	}}
}

func fiches(name string) workbook {
	return workbook{file: "fiches.xlsx", sheets: []sheet{
		{name: "Axes", cols: []column{
			{header: "Numéro", note: obligatoire + " Numéro unique de l'axe ; les fiches suivent l'ordre de cette feuille.", width: 9},
			{header: "Intitulé", note: obligatoire + " Titre de l'axe (page de séparation, fiches).", width: 50},
			{header: "Intitulé synthèse", note: facultatif + " Titre plus court dans le tableau de synthèse.", width: 35},
		}, rows: [][]any{{1, "Prévenir et promouvoir la santé", ""}}},
		{name: "Fiches", cols: []column{
			{header: "Code", note: obligatoire + " Code unique : FA, le numéro de l'axe, un point, le numéro de la fiche (FA1.1).", width: 9},
			{header: "Axe", note: obligatoire + " Un numéro de la feuille « Axes » (liste).", from: fromAxes, width: 7},
			{header: "Intitulé", note: obligatoire + " Titre de la fiche, du sommaire et de la synthèse.", width: 35},
			{header: "Intitulé synthèse", note: facultatif + " Titre dans la synthèse à la place de l'Intitulé.", width: 25},
			{header: "Titre du contexte", note: facultatif + " Titre de la page de contexte (templates/fiches/CODE.md) ; vide : l'Intitulé.", width: 25},
			{header: "Libellé de l'axe", note: facultatif + " Remplace l'intitulé de l'axe dans la ligne « Axe stratégique ».", width: 25},
			{header: "Statut", note: facultatif + " renouvelée ou nouvelle (liste) : coche « Action renouvelée » ou « Action nouvelle » ; vide : pas de cases.", choices: statuts, width: 13},
			{header: "Articulation", note: facultatif + " Ligne « Articulation avec les autres dispositifs ».", width: 30},
			{header: "Objectif général", note: facultatif + " Ligne « Objectif général » ; aussi dans la synthèse à défaut d'Objectifs synthèse.", width: 35},
			{header: "Objectifs synthèse", note: facultatif + " Colonne « Objectifs des actions » de la synthèse.", width: 30},
			{header: "Porteur", note: facultatif + " Ligne « Maître d'œuvre / Porteur ».", width: 25},
			{header: "Public visé", note: facultatif + " Ligne « Public visé ».", width: 25},
			{header: "Déroulé", note: facultatif + " Ligne « Déroulé de l'action ». Une ligne de la cellule par étape (Alt+Entrée dans Excel, Ctrl+Entrée dans Calc) ; « - » en tête de ligne pour une puce.", width: 40},
			{header: "Partenaires", note: facultatif + " Ligne « Partenaires à solliciter pour la mise en œuvre ».", width: 30},
			{header: "Outils", note: facultatif + " Ligne « Outils ».", width: 25},
		}, rows: [][]any{{"FA1.1", 1, "Aller vers les habitants éloignés du soin", "", "", "", "nouvelle",
			"Contrat de ville", "Réduire le renoncement aux soins des habitants les plus éloignés.", "",
			name, "Les habitants du territoire, notamment les plus précaires.",
			"1 – Réunir les partenaires\n2 – Organiser des permanences\n3 – Évaluer", "ARS, CPAM, communes du territoire", "Annuaire des acteurs"}}},
		{name: "Objectifs", cols: []column{
			{header: "Fiche", note: obligatoire + " Code d'une fiche de la feuille « Fiches » (liste). Une ligne par objectif opérationnel.", from: fromFiches, width: 9},
			{header: "N° stratégique", note: facultatif + " Numéro de l'objectif stratégique.", width: 12},
			{header: "Objectif stratégique", note: facultatif + " Rempli sur la première ligne de chaque objectif stratégique seulement : il ouvre un nouvel objectif.", width: 40},
			{header: "N° opérationnel", note: facultatif + " Numéro de l'objectif opérationnel (1-1).", width: 12},
			{header: "Objectif opérationnel", note: facultatif + " Texte de l'objectif opérationnel.", width: 40},
		}, rows: [][]any{
			{"FA1.1", 1, "Repérer les habitants éloignés du soin", "1-1", "Recenser les besoins avec les partenaires"},
			{"FA1.1", "", "", "1-2", "Organiser des permanences dans les communes"},
		}},
		{name: "Évaluation", cols: []column{
			{header: "Fiche", note: obligatoire + " Code d'une fiche de la feuille « Fiches » (liste). Une ligne par critère ou indicateur.", from: fromFiches, width: 9},
			{header: "Évaluation", note: facultatif + " processus ou résultats (liste) ; vide : une simple liste « Evaluation ».", choices: evaluations, width: 13},
			{header: "Type", note: facultatif + " critère ou indicateur (liste) ; vide : indicateur.", choices: types, width: 12},
			{header: "Texte", note: obligatoire + " Le critère ou l'indicateur.", width: 50},
		}, rows: [][]any{
			{"FA1.1", "processus", "critère", "Permanences organisées dans les communes"},
			{"FA1.1", "résultats", "indicateur", "Nombre de personnes accompagnées vers le soin"},
		}},
	}}
}

func sigles() workbook {
	return workbook{file: "sigles.xlsx", sheets: []sheet{
		{name: "Sigles", cols: []column{
			{header: "Sigle", note: obligatoire + " Un sigle par ligne : c'est la « Liste des sigles » imprimée, triée automatiquement.", width: 12},
			{header: "Définition", note: obligatoire + " Son développement.", width: 50},
		}, rows: [][]any{
			{"ARS", "Agence Régionale de Santé"},
			{"CLS", "Contrat Local de Santé"},
			{"FA", "Fiche Action"},
		}},
		{name: "Autres sigles", cols: []column{
			{header: "Sigle", note: "Sigle employé et expliqué dans le contrat mais absent de la liste imprimée (la liste d'un contrat signé reste celle qui a été signée).", width: 12},
			{header: "Définition", note: obligatoire + " Son développement.", width: 50},
			{header: "Remarque", note: facultatif + " Note libre, non imprimée.", width: 30},
		}, rows: [][]any{{"CPAM", "Caisse Primaire d'Assurance Maladie", "employé dans la fiche FA1.1"}}},
		{name: "Mots en capitales", cols: []column{
			{header: "Mot", note: "Mot écrit en capitales qui n'est pas un sigle (un nom, une mention) : « cls check » ne demande pas sa définition.", width: 14},
			{header: "Remarque", note: facultatif + " Note libre, non imprimée.", width: 40},
		}, rows: [][]any{{"EXEMPLE", "mention des textes de départ, à retirer avec eux"}}},
	}}
}

func diagnostic() workbook {
	data := sheet{name: "Âge de la population", cols: []column{
		{header: "Titre", note: "Feuille de données : Titre, Source et Unité en colonne A, leur valeur en B ; une ligne vide ; la ligne d'en-têtes (catégories, puis une colonne par série) ; une ligne par catégorie.", width: 22},
		{header: "Répartition de la population par âge (exemple à remplacer)", width: 14},
		{width: 14},
	}, rows: [][]any{
		{"Source", "Recensement de la population, 2021"},
		{"Unité", "%"},
		{"", ""},
		{"Âge", "Territoire", "Région"},
		{"Moins de 20 ans", 22.5, 23.1},
		{"20 à 59 ans", 48.1, 49.2},
		{"60 ans et plus", 29.4, 27.7},
	}}
	return workbook{file: "diagnostic.xlsx", sheets: []sheet{
		{name: "Graphiques", cols: []column{
			{header: "Identifiant", note: obligatoire + " Nom court et unique, repris dans un texte par le bloc ```cls / graphique IDENTIFIANT / ```.", width: 18},
			{header: "Classeur", note: facultatif + " Vide : une feuille de ce classeur ; sinon un autre classeur du dossier des sources (contrat.xlsx).", width: 12},
			{header: "Feuille", note: obligatoire + " La feuille des données.", width: 22},
			{header: "Catégories", note: facultatif + " En-tête de la colonne des libellés ; vide : la première colonne.", width: 12},
			{header: "Séries", note: facultatif + " Séries à dessiner, séparées par des virgules, écrites comme leurs en-têtes ; vide : toutes.", width: 18},
			{header: "Type", note: obligatoire + " barres ou barres horizontales (liste) ; horizontales pour les libellés longs.", choices: chartTypes, width: 18},
			{header: "Titre", note: obligatoire + " Légende de la figure, numérotée automatiquement.", width: 40},
			{header: "Axe des valeurs", note: facultatif + " Nom de l'axe des valeurs.", width: 22},
		}, rows: [][]any{{"population-age", "", data.name, "", "", "barres", "Répartition de la population par âge (2021)", "Part de la population (%)"}}},
		data,
	}}
}
