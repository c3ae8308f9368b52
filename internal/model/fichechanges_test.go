package model

import (
	"reflect"
	"testing"
)

func TestFicheChangesListsOnlyWhatDiffers(t *testing.T) {
	old := Fiche{Code: "FA1.1", Title: "Dépistage", Audience: "Habitants", Goal: "Aller vers",
		Objectives: []Objective{{Number: "1", Text: "Repérer", Operational: []Operational{{Number: "1.1", Text: "Cartographier"}}}},
		Evaluation: []Indicator{{Kind: "résultats", Type: "indicateur", Text: "Nombre de dépistés"}}}
	new := old
	new.Audience = "Familles"
	new.Objectives = []Objective{{Number: "1", Text: "Repérer", Operational: []Operational{{Number: "1.1", Text: "Cartographier"}, {Number: "1.2", Text: "Tourner"}}}}
	got := FicheChanges(old, new)
	want := []FieldChange{
		{FieldAudience, "Habitants", "Familles"},
		{FieldObjectives, "1 Repérer → 1.1 Cartographier", "1 Repérer → 1.1 Cartographier\n1 Repérer → 1.2 Tourner"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if same := FicheChanges(old, old); len(same) != 0 {
		t.Errorf("a fiche differs from itself: %q", same)
	}
}

// Every field of a fiche is compared, and reported under the key
// FicheFields announces, in its order: the avenant and the diff command
// name each key, and a field left out would change silently.
func TestFicheChangesCoversEveryField(t *testing.T) {
	old := Fiche{}
	new := Fiche{Axe: "2", Title: "t", Status: "s", Articulation: "a", Goal: "g", Owner: "o", Audience: "p",
		Steps: "d", Partners: "pa", Tools: "ou",
		Objectives: []Objective{{Number: "1", Text: "Repérer"}},
		Evaluation: []Indicator{{Kind: "processus", Type: "critère", Text: "Réunions"}}}
	var got []string
	for _, c := range FicheChanges(old, new) {
		got = append(got, c.Key)
	}
	if want := FicheFields(); !reflect.DeepEqual(got, want) {
		t.Errorf("keys %q\nwant %q", got, want)
	}
	if len(got) != 12 {
		t.Errorf("%d fields compared, want 12", len(got))
	}
}
