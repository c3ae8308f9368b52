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
		{"public visé", "Habitants", "Familles"},
		{"objectifs", "1 Repérer → 1.1 Cartographier", "1 Repérer → 1.1 Cartographier\n1 Repérer → 1.2 Tourner"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if same := FicheChanges(old, old); len(same) != 0 {
		t.Errorf("a fiche differs from itself: %q", same)
	}
}
