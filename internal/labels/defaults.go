package labels

import (
	"sync"

	cls "github.com/contrat-local-sante/cls"
)

var (
	defaultsOnce sync.Once
	defaults     *Labels
)

// Defaults returns the shipped labels (templates/libelles.yaml of the
// repository, carried in the program).
func Defaults() *Labels {
	defaultsOnce.Do(func() {
		b, err := cls.Defaults.ReadFile("templates/" + FileName)
		if err != nil {
			panic("labels: the program carries no " + FileName + ": " + err.Error())
		}
		l, probs := Parse(b, "templates/"+FileName, nil)
		if probs.HasErrors() {
			panic("labels: the shipped " + FileName + " is wrong: " + probs.Error())
		}
		defaults = l
	})
	return defaults
}
