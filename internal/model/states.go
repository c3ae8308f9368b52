package model

// The états d'avancement a fiche can have in a year's evaluation. They are
// typed by the coordinator (a drop-down list of the year's workbook), read
// back, and printed in the evaluation annex: one vocabulary shared by the
// workbook writer, the reader and the annex.
const (
	StateNotStarted = "non démarrée"
	StateInProgress = "en cours"
	StateDone       = "réalisée"
	StatePostponed  = "reportée"
	StateAbandoned  = "abandonnée"
)

// States are the états d'avancement, in the order of the workbook's list
// and of the annex's charts.
var States = []string{StateNotStarted, StateInProgress, StateDone, StatePostponed, StateAbandoned}

// StateRole is what an état's colour says, so that the annex colours each
// état from the theme's roles rather than from its words: a territory may
// print the words differently, the colours stay apart.
type StateRole int

// State roles, from nothing said to done. Their shades go dark to light so
// that they stay apart in greyscale; the word is always printed too.
const (
	RoleUnknown    StateRole = iota // the workbook says nothing of the fiche
	RoleNotStarted                  // light accent
	RoleInProgress                  // medium accent
	RoleDone                        // dark accent, text in white
	RolePostponed                   // light grey
	RoleAbandoned                   // dark grey, text in white
)

// RoleOf returns the role of an état; a blank or unknown one is
// RoleUnknown.
func RoleOf(state string) StateRole {
	switch state {
	case StateNotStarted:
		return RoleNotStarted
	case StateInProgress:
		return RoleInProgress
	case StateDone:
		return RoleDone
	case StatePostponed:
		return RolePostponed
	case StateAbandoned:
		return RoleAbandoned
	}
	return RoleUnknown
}

// Dark reports whether the role's shade is dark enough to print its word
// in white.
func (r StateRole) Dark() bool { return r == RoleDone || r == RoleAbandoned }
