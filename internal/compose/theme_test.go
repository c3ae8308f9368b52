package compose

import (
	"testing"

	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/theme"
)

// Each état's cell names the theme key of its role: the model's roles and
// the theme's keys (« etats ») follow one order.
func TestStateCellsNameTheirThemeKey(t *testing.T) {
	for state, key := range map[string]string{
		model.StateDone: "realisee", model.StateInProgress: "en_cours", model.StateNotStarted: "non_demarree",
		model.StatePostponed: "reportee", model.StateAbandoned: "abandonnee", "": "inconnu", "autre": "inconnu",
	} {
		if got := stateCell(state).State; got != key {
			t.Errorf("état %q: theme key %q, want %q", state, got, key)
		}
	}
	if theme.Defaults().State("realisee").Fill == theme.Defaults().State("non_demarree").Fill {
		t.Error("done and not started look alike")
	}
}
