package model

import "strings"

// FieldChange is a field of a fiche, before and after.
type FieldChange struct {
	Key      string // which field: one of the Field… keys
	Old, New string
}

// The keys of a fiche's fields, as FieldChange names them. They are not
// printed: the avenant takes the field's words from the labels
// (templates/libelles.yaml), the diff command from its own French names.
const (
	FieldAxe          = "axe"
	FieldTitle        = "intitule"
	FieldStatus       = "statut"
	FieldArticulation = "articulation"
	FieldGoal         = "objectif_general"
	FieldOwner        = "porteur"
	FieldAudience     = "public_vise"
	FieldSteps        = "deroule"
	FieldPartners     = "partenaires"
	FieldTools        = "outils"
	FieldObjectives   = "objectifs"
	FieldEvaluation   = "evaluation"
)

// FicheFields lists every key FicheChanges may report, in its order.
func FicheFields() []string {
	out := make([]string, 0, len(ficheFields)+2)
	for _, fd := range ficheFields {
		out = append(out, fd.key)
	}
	return append(out, FieldObjectives, FieldEvaluation)
}

// FicheChanges lists the fields of a fiche that differ between two
// versions, with their whole texts; objectives and indicators are compared
// as lists, one item a line. The diff command and the avenant's table of
// modified fiches both read it, so that they always agree on what changed.
func FicheChanges(old, new Fiche) []FieldChange {
	var out []FieldChange
	for _, fd := range ficheFields {
		if a, b := fd.get(old), fd.get(new); a != b {
			out = append(out, FieldChange{fd.key, a, b})
		}
	}
	if a, b := strings.Join(objectiveLines(old), "\n"), strings.Join(objectiveLines(new), "\n"); a != b {
		out = append(out, FieldChange{FieldObjectives, a, b})
	}
	if a, b := strings.Join(indicatorLines(old), "\n"), strings.Join(indicatorLines(new), "\n"); a != b {
		out = append(out, FieldChange{FieldEvaluation, a, b})
	}
	return out
}

var ficheFields = []struct {
	key string
	get func(Fiche) string
}{
	{FieldAxe, func(f Fiche) string { return f.Axe }},
	{FieldTitle, func(f Fiche) string { return f.Title }},
	{FieldStatus, func(f Fiche) string { return f.Status }},
	{FieldArticulation, func(f Fiche) string { return f.Articulation }},
	{FieldGoal, func(f Fiche) string { return f.Goal }},
	{FieldOwner, func(f Fiche) string { return f.Owner }},
	{FieldAudience, func(f Fiche) string { return f.Audience }},
	{FieldSteps, func(f Fiche) string { return f.Steps }},
	{FieldPartners, func(f Fiche) string { return f.Partners }},
	{FieldTools, func(f Fiche) string { return f.Tools }},
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
