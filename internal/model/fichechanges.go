package model

import "strings"

// FieldChange is a field of a fiche, before and after.
type FieldChange struct {
	Name     string // the field as the coordinator knows it: "public visé"
	Old, New string
}

// FicheChanges lists the fields of a fiche that differ between two
// versions, with their whole texts; objectives and indicators are compared
// as lists, one item a line. The diff command and the avenant's table of
// modified fiches both read it, so that they always agree on what changed.
func FicheChanges(old, new Fiche) []FieldChange {
	var out []FieldChange
	for _, fd := range ficheFields {
		if a, b := fd.get(old), fd.get(new); a != b {
			out = append(out, FieldChange{fd.name, a, b})
		}
	}
	if a, b := strings.Join(objectiveLines(old), "\n"), strings.Join(objectiveLines(new), "\n"); a != b {
		out = append(out, FieldChange{"objectifs", a, b})
	}
	if a, b := strings.Join(indicatorLines(old), "\n"), strings.Join(indicatorLines(new), "\n"); a != b {
		out = append(out, FieldChange{"évaluation", a, b})
	}
	return out
}

var ficheFields = []struct {
	name string
	get  func(Fiche) string
}{
	{"axe", func(f Fiche) string { return f.Axe }},
	{"intitulé", func(f Fiche) string { return f.Title }},
	{"statut", func(f Fiche) string { return f.Status }},
	{"articulation avec les autres dispositifs", func(f Fiche) string { return f.Articulation }},
	{"objectif général", func(f Fiche) string { return f.Goal }},
	{"maître d'œuvre / porteur", func(f Fiche) string { return f.Owner }},
	{"public visé", func(f Fiche) string { return f.Audience }},
	{"déroulé de l'action", func(f Fiche) string { return f.Steps }},
	{"partenaires", func(f Fiche) string { return f.Partners }},
	{"outils", func(f Fiche) string { return f.Tools }},
}

// objectiveLines writes a fiche's objectives one line each: « 1 Repérer →
// 1.1 Cartographier ».
func objectiveLines(f Fiche) []string {
	var out []string
	for _, o := range f.Objectives {
		prefix := strings.TrimSpace(o.Number + " " + o.Text)
		for _, op := range o.Operational {
			out = append(out, strings.TrimSpace(prefix+" → "+strings.TrimSpace(op.Number+" "+op.Text)))
		}
		if len(o.Operational) == 0 {
			out = append(out, prefix)
		}
	}
	return out
}

// indicatorLines writes a fiche's evaluation one line each: « résultats
// indicateur : Nombre de… ».
func indicatorLines(f Fiche) []string {
	var out []string
	for _, i := range f.Evaluation {
		out = append(out, strings.TrimSpace(strings.Join([]string{i.Kind, i.Type}, " ")+" : "+i.Text))
	}
	return out
}
