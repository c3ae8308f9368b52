package theme

import (
	"fmt"
	"sort"
)

// kind is how a key's value is written.
type kind int

const (
	colour kind = iota // « #1F4E79 »
	points             // a type size in points, absolute
	size               // a type size: points, or « corps ± n »
	mm                 // a length in millimetres
	ratio              // a multiple of the text's size
	hatch              // 0, 1 or 2
)

// field is one key of the theme file: where its value goes and what it
// accepts.
type field struct {
	key      string
	kind     kind
	ptr      any // *doc.Color, *float64, *Size or *int
	min, max float64
	what     string // what it sets, for the guide and the messages
}

// fields lists every key of the theme file, bound to t's fields. The
// shipped file sets them all; a territory's may set any of them.
func fields(t *Theme) []field {
	fs := []field{
		{"couleurs.texte", colour, &t.Text, 0, 0, "le texte courant"},
		{"couleurs.accent", colour, &t.Accent, 0, 0, "les titres, les filets, le bandeau de couverture"},
		{"couleurs.discret", colour, &t.Muted, 0, 0, "l'en-tête, le pied de page, les sources, les points de conduite"},
		{"couleurs.bordure", colour, &t.Border, 0, 0, "les bordures des tableaux et des cadres de signature"},
		{"couleurs.entete_tableau", colour, &t.TableHead, 0, 0, "le fond des cellules d'en-tête"},
		{"couleurs.libelle_tableau", colour, &t.TableLabel, 0, 0, "le fond des cellules de libellé"},

		{"tailles.tableau", size, &t.Table, 4, 30, "le texte des tableaux des modèles"},
		{"tailles.tableau_fiche", size, &t.FicheTable, 4, 30, "les tableaux d'identification des fiches"},
		{"tailles.tableau_grille", size, &t.GridTable, 4, 30, "la synthèse, les indicateurs, les tableaux des avenants"},
		{"tailles.tableau_dense", size, &t.DenseTable, 4, 30, "les tableaux larges de l'annexe d'évaluation"},
		{"tailles.tableau_sigles", size, &t.LayoutTable, 4, 30, "la liste des sigles"},
		{"tailles.legende", size, &t.Caption, 4, 30, "la légende des figures"},
		{"tailles.source", size, &t.Source, 4, 30, "la ligne « Source : » des figures"},
		{"tailles.mention", size, &t.Note, 4, 30, "les mentions sous un code (« ajoutée par l'avenant n° 2 »)"},
		{"tailles.titre_contexte", size, &t.Lead, 4, 40, "le titre centré du contexte d'une fiche"},
		{"tailles.en_tete_pied", size, &t.Furniture, 4, 20, "l'en-tête et le pied de page"},

		{"espacements.interligne", ratio, &t.Leading, 1, 3, "la hauteur de ligne du texte, en multiple de sa taille"},
		{"espacements.paragraphe", ratio, &t.ParagraphSpace, 0, 3, "l'espace au-dessus d'un paragraphe, en multiple de la taille du texte"},
		{"espacements.paragraphe_cellule", ratio, &t.CellSpace, 0, 3, "l'espace entre deux paragraphes d'une cellule"},
		{"espacements.liste", ratio, &t.ListSpace, 0, 3, "l'espace au-dessus d'une liste"},
		{"espacements.element_liste", ratio, &t.ItemSpace, 0, 3, "l'espace entre deux éléments d'une liste"},
		{"espacements.retrait_liste", mm, &t.ListIndent, 0, 40, "le retrait des listes"},
		{"espacements.marge_cellule", mm, &t.CellPadding, 0, 10, "la marge intérieure des cellules"},
		{"espacements.apres_tableau", mm, &t.TableAfter, 0, 30, "l'espace sous un tableau"},
		{"espacements.avant_figure", mm, &t.FigureBefore, 0, 30, "l'espace au-dessus d'une figure"},
		{"espacements.apres_figure", mm, &t.FigureAfter, 0, 30, "l'espace sous une figure"},

		{"figures.retrait_graphiques", mm, &t.ChartInset, 0, 80, "la largeur ôtée à la colonne pour les graphiques"},

		{"pages.en_tete", mm, &t.HeaderOffset, 2, 30, "la ligne d'en-tête, au-dessus de la marge du haut"},
		{"pages.pied", mm, &t.FooterOffset, 2, 30, "la ligne de pied de page, sous la marge du bas"},

		{"page_de_couverture.surtitre", points, &t.CoverKicker, 4, 60, "la ligne au-dessus du titre"},
		{"page_de_couverture.titre", points, &t.CoverTitle, 4, 80, "le titre"},
		{"page_de_couverture.sous_titre", points, &t.CoverSubtitle, 4, 80, "la période sous le titre"},
		{"page_de_couverture.lignes", points, &t.CoverLine, 4, 60, "le territoire et les lignes sous le titre"},
		{"page_de_couverture.parties", points, &t.CoverParty, 4, 60, "les parties signataires"},
		{"page_de_couverture.entre", points, &t.CoverBetween, 4, 60, "« Entre » et « et »"},

		{"schemas.fonce", colour, &t.DiagramDark, 0, 0, "le comité de pilotage, les traits et les flèches descendantes"},
		{"schemas.moyen", colour, &t.DiagramMedium, 0, 0, "le comité technique"},
		{"schemas.clair", colour, &t.DiagramLight, 0, 0, "les groupes de travail"},
		{"schemas.fond", colour, &t.DiagramPaper, 0, 0, "le texte sur fond foncé et les cases des dispositifs"},
		{"schemas.encre", colour, &t.DiagramInk, 0, 0, "le texte sur fond clair"},
		{"schemas.gris", colour, &t.DiagramGrey, 0, 0, "les flèches remontantes"},
		{"schemas.taille_titre", points, &t.DiagramTitle, 4, 30, "le nom de chaque instance"},
		{"schemas.taille_detail", points, &t.DiagramDetail, 4, 30, "le détail sous chaque instance"},
		{"schemas.taille_fleche", points, &t.DiagramArrow, 4, 30, "les mots des flèches"},
		{"schemas.taille_echelon", points, &t.DiagramLevel, 4, 30, "le nom des échelons"},
		{"schemas.taille_dispositif", points, &t.DiagramBox, 4, 30, "le nom court des dispositifs"},

		{"graphiques.texte", colour, &t.ChartText, 0, 0, "les libellés et les valeurs"},
		{"graphiques.axe", colour, &t.ChartAxis, 0, 0, "les axes et leur nom"},
		{"graphiques.grille", colour, &t.ChartGrid, 0, 0, "le quadrillage"},
		{"graphiques.cadre", colour, &t.ChartFrame, 0, 0, "le contour des barres"},
		{"graphiques.taille_libelles", points, &t.ChartLabel, 4, 20, "les libellés des catégories et le nom des axes"},
		{"graphiques.taille_valeurs", points, &t.ChartValue, 4, 20, "les valeurs au-dessus des barres"},
		{"graphiques.taille_legende", points, &t.ChartLegend, 4, 20, "la légende des séries"},
	}
	for i := range t.Headings {
		h := &t.Headings[i]
		p := fmt.Sprintf("titres.niveau_%d.", i+1)
		fs = append(fs,
			field{p + "taille", points, &h.Size, 4, 80, fmt.Sprintf("les titres de niveau %d (%s)", i+1, "#"+hashes(i))},
			field{p + "avant", mm, &h.Before, 0, 60, "l'espace au-dessus"},
			field{p + "apres", mm, &h.After, 0, 60, "l'espace au-dessous"})
	}
	for i := range t.DiagramBands {
		fs = append(fs, field{fmt.Sprintf("schemas.bande_%d", i+1), colour, &t.DiagramBands[i], 0, 0,
			fmt.Sprintf("la bande du %de échelon en partant du national (schéma des dispositifs)", i+1)})
	}
	for i := range t.ChartSeries {
		s := &t.ChartSeries[i]
		p := fmt.Sprintf("graphiques.serie_%d.", i+1)
		fs = append(fs,
			field{p + "fond", colour, &s.Fill, 0, 0, fmt.Sprintf("le fond des barres de la série %d", i+1)},
			field{p + "hachures", hatch, &s.Hatch, 0, 2, "0 aucune, 1 obliques, 2 croisées"},
			field{p + "encre", colour, &s.Ink, 0, 0, "les valeurs écrites sur ses barres"})
	}
	if t.States == nil {
		t.States = map[string]State{}
	}
	for _, k := range StateKeys {
		s := t.States[k]
		t.States[k] = s
		fs = append(fs, field{"etats." + k + ".fond", colour, stateFill{t, k}, 0, 0, "le fond de la cellule de l'état"},
			field{"etats." + k + ".texte", colour, stateText{t, k}, 0, 0, "le mot de l'état"})
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].key < fs[j].key })
	return fs
}

func hashes(i int) string {
	s := ""
	for k := 0; k < i; k++ {
		s += "#"
	}
	return s
}

// stateFill and stateText set a colour of an état, held in a map.
type stateFill struct {
	t   *Theme
	key string
}

type stateText struct {
	t   *Theme
	key string
}
