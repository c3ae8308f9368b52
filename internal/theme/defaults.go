package theme

import (
	"sort"
	"sync"

	cls "github.com/contrat-local-sante/cls"
)

var (
	defaultsOnce sync.Once
	defaults     *Theme
)

// Defaults returns the shipped theme (templates/theme.yaml of the
// repository, carried in the program): every territory's fallback.
func Defaults() *Theme {
	defaultsOnce.Do(func() {
		b, err := cls.Defaults.ReadFile("templates/" + FileName)
		if err != nil {
			panic("theme: the program carries no " + FileName + ": " + err.Error())
		}
		t, probs := Parse(b, "templates/"+FileName, nil)
		if probs.HasErrors() {
			panic("theme: the shipped " + FileName + " is wrong: " + probs.Error())
		}
		defaults = t
	})
	return defaults
}

func sortStrings(s []string) { sort.Strings(s) }
