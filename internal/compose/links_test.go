package compose

import (
	"testing"

	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// The shortcuts that skip a regular expression must never skip a text it
// would change.
func FuzzShortcutsNeverSkip(f *testing.F) {
	for _, s := range []string{"voir www.ars.fr", "HTTPS://X.FR/ARS", "72 812 habitants", "1 000 000", "a 1 b", "WwW.x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if webAddress.MatchString(s) && !textnorm.MayHoldAddress(s) {
			t.Errorf("textnorm.MayHoldAddress(%q) = false, but it holds %q", s, webAddress.FindString(s))
		}
		if thousands.MatchString(s) && !digitSpaceDigit(s) {
			t.Errorf("digitSpaceDigit(%q) = false, but thousands match %q", s, thousands.FindString(s))
		}
	})
}
